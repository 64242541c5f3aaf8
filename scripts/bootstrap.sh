#!/usr/bin/env bash
# Shared set-up for ./start.sh and ./test.sh on Debian/Ubuntu: the system libraries Qt needs,
# a virtualenv in .venv with the pinned packages. Re-running is cheap: nothing is redone when
# pyproject.toml has not changed.
set -euo pipefail
cd "$(dirname "$0")/.."

need_debs=(libglib2.0-0 libgl1 libxkbcommon0 libegl1 libfreetype6 libfontconfig1 libdbus-1-3
           libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
           libxcb-randr0 libxcb-render-util0 libxcb-image0)
PY=${PYTHON:-python3}
missing=()
for deb in "${need_debs[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing+=("$deb")
done
"$PY" -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "缺少系统库：${missing[*]}；请用 root 运行，或先执行：sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "安装 Qt 所需的系统库：${missing[*]}"
  apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "需要 Python 3.11 或更新版本" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/python -m pip install -q -e ".[test,bureau]"  # bureau: psycopg2, for the PostgreSQL tests
  rm -f .venv/.installed-*
  touch "$stamp"
fi
