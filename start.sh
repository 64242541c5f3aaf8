#!/usr/bin/env bash
# Sets up (first time only) and opens 学籍桌面 on the demo school.
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh
db=${XUEJI_DEMO_DB:-$(.venv/bin/python -c 'from xueji_desktop.paths import default_db_path; print(default_db_path().with_name("demo.sqlite3"))')}
exec .venv/bin/xueji run --demo --db "$db" "$@"
