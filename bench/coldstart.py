"""Cold start, measured from the parent: Popen → the child's "READY" line (bench._coldstart_child).

So interpreter start-up, site-packages and every import count. The first launch is a warm-up
(bytecode caches, the OS file cache); it is reported but not in the statistics.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .qtenv import child_env

ROOT = Path(__file__).resolve().parent.parent


def launch(db: Path, timeout: float = 30.0) -> dict:
    env = child_env(autologin=True)
    cmd = [sys.executable, "-m", "bench._coldstart_child", str(db)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    info = None
    try:
        for line in proc.stdout:
            if line.startswith("READY "):
                elapsed = time.perf_counter() - t0
                info = json.loads(line[6:])
                info["elapsed_ms"] = elapsed * 1000
                break
            if line.startswith("FAILED"):
                break
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    err = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    if info is None:
        raise RuntimeError(f"cold-start child did not report ready (exit {proc.returncode}):\n{err[-2000:]}")
    return info


def measure(db: Path, runs: int = 5) -> dict:
    warmup = launch(db)
    results = [launch(db) for _ in range(runs)]
    times = [r["elapsed_ms"] for r in results]
    median_run = sorted(results, key=lambda r: r["elapsed_ms"])[len(results) // 2]
    return {
        "runs_ms": times,
        "min_ms": min(times),
        "median_ms": statistics.median(times),
        "max_ms": max(times),
        "warmup_ms": warmup["elapsed_ms"],
        "median_marks": median_run["marks"],  # child-side milestones of the median run (ms since its first line)
        "rows": median_run["rows"],
        "painted": all(r["painted"] for r in results),
        "how": median_run["how"],
        "window_size": median_run["size"],
    }
