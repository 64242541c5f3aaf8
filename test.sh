#!/usr/bin/env bash
# Sets up (first time only) and runs the whole test suite, GUI tests included (offscreen).
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh
exec .venv/bin/python -m pytest "$@"
