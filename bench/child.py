"""Running one measure in its own process: `python -m bench.<module> ARGS…` prints "RESULT {json}"."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "RESULT "


def run(module: str, *args: str, env: dict | None = None, timeout: float = 300) -> dict:
    proc = subprocess.run([sys.executable, "-m", f"bench.{module}", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(PREFIX):
            return json.loads(line[len(PREFIX):])
    raise RuntimeError(f"bench.{module} failed (exit {proc.returncode}):\n{proc.stdout[-1500:]}\n{proc.stderr[-3000:]}")


def report(result: dict) -> None:
    """The child's side: its one result line."""
    print(PREFIX + json.dumps(result, ensure_ascii=False), flush=True)
