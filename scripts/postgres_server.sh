#!/usr/bin/env bash
# A throwaway PostgreSQL server for the bureau store's tests (and for trying the bureau on PostgreSQL).
#
#   scripts/postgres_server.sh install     PostgreSQL's server programs, with apt-get if missing (root)
#   scripts/postgres_server.sh start [PID] initdb a fresh cluster in a new temp dir and start it there;
#                                          prints  dir=<DIR>  and  url=postgresql://postgres@/postgres?host=<DIR>
#                                          PID: the process it serves; a server whose process has died
#                                          without stopping it (a killed test run) is stopped by the next start
#   scripts/postgres_server.sh stop DIR    stop that server and delete DIR
#
# The server listens only on a unix socket inside DIR (no TCP port, so it never clashes with another
# server or another test run); the superuser is `postgres`, local connections need no password. initdb
# refuses to run as root: as root the cluster is made and run by the `postgres` system user.
# PG_BIN may name the directory of initdb/pg_ctl; otherwise the newest /usr/lib/postgresql/*/bin.
set -euo pipefail

find_bin() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then echo "$PG_BIN"; return 0; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  d=$(command -v initdb 2>/dev/null || true)
  [ -n "$d" ] && { dirname "$d"; return 0; }
  return 1
}

install() {
  find_bin >/dev/null && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "未安装 PostgreSQL；请用 root 运行，或先执行：sudo apt-get install -y postgresql" >&2
    return 1
  fi
  echo "安装 PostgreSQL（教育局数据库的测试要用）"
  apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  # Debian starts the packaged cluster on port 5432; the tests never use it.
  find_bin >/dev/null
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

reap_orphans() {
  local d owner
  for d in "$1"/xueji-pg.*; do
    [ -f "$d/owner" ] || continue
    owner=$(cat "$d/owner" 2>/dev/null || true)
    [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null && stop "$d"
  done
  return 0
}

start() {
  local owner=${1:-} bin dir
  bin=$(find_bin) || { echo "未找到 PostgreSQL 的 initdb（scripts/postgres_server.sh install）" >&2; return 1; }
  local base=${TMPDIR:-/tmp}
  [ "$(id -u)" -eq 0 ] && base=/tmp  # the postgres user must reach the directory
  reap_orphans "$base"
  dir=$(mktemp -d "$base/xueji-pg.XXXXXX")
  [ -n "$owner" ] && echo "$owner" >"$dir/owner"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "没有 postgres 系统用户" >&2; rm -rf "$dir"; return 1; }
    chown postgres: "$dir"
  fi
  chmod 700 "$dir"
  if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2; rm -rf "$dir"; return 1
  fi
  # Durability off: a test cluster is thrown away, and this keeps CREATE DATABASE and commits fast.
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
       -o "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
       start >/dev/null; then
    cat "$dir/server.log" >&2 2>/dev/null || true; rm -rf "$dir"; return 1
  fi
  echo "dir=$dir"
  echo "url=postgresql://postgres@/postgres?host=$dir"
}

stop() {
  local dir=${1:?usage: postgres_server.sh stop DIR} bin
  case "$dir" in */xueji-pg.*) ;; *) echo "不是本脚本建立的目录：$dir" >&2; return 1 ;; esac
  bin=$(find_bin) || true
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 install | start [PID] | stop DIR" >&2; exit 2 ;;
esac
