#!/usr/bin/env bash
# Sets up (first time only) and runs the whole test suite, GUI tests included (offscreen).
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh
# PostgreSQL's server programs for the bureau store's tests (apt-get when missing and root). Without them
# those tests are skipped, or fail under XUEJI_REQUIRE_POSTGRES=1: the tests say why either way.
scripts/postgres_server.sh install || true
# One worker per CPU (pytest-xdist, idle workers steal queued tests); XUEJI_TEST_WORKERS=0 runs in this process,
# e.g. to use a debugger.
exec .venv/bin/python -m pytest -n "${XUEJI_TEST_WORKERS:-auto}" --dist worksteal "$@"
