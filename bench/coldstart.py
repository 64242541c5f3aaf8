"""Cold start, measured from the parent: Popen → the child's "READY" line, for the program and a bare window.

The program: bench._coldstart_child (the real `xueji --db DB run`, signed in with XUEJI_AUTOLOGIN).
The baseline: bench._bare_window_child (a bare PySide6 window showing one 3,000-row table). Both are
ready at the first idle turn after their table's first paint, so interpreter start-up, site-packages
and every import count. The launches alternate (bare, program, bare, program …) so a busy machine
weighs on both alike; the first launch of each is a warm-up (bytecode caches, the OS file cache),
reported but not in the statistics. The children may write bytecode (into PYCACHE in bench/.cache, not
beside the sources) even where PYTHONDONTWRITEBYTECODE is set, so the measured launches run compiled
modules as an installed program does (pip and PyInstaller ship them compiled) instead of compiling the
package at every start.

Memory: each child reads its own VmHWM (/proc/self/status) at ready and again at exit, after
SETTLE_S seconds of idle event loop, so work the program puts off until after the first paint
(the rest of the roll, the daily backup) counts in its peak.
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
SETTLE_S = 1.5  # after ready, before the child quits and reads its peak
PYCACHE = ROOT / "bench" / ".cache" / "pycache"  # the children's compiled modules (PYTHONPYCACHEPREFIX)


def _command(kind: str, db: Path | None) -> list[str]:
    if kind == "bare":
        return [sys.executable, "-m", "bench._bare_window_child"]
    return [sys.executable, "-m", "bench._coldstart_child", str(db)]  # "program", or "signin" (see launch)


def launch(db: Path | None = None, timeout: float = 30.0, kind: str = "program") -> dict:
    env = child_env(autologin=kind != "signin")  # signin: to the sign-in dialog's first paint, as a user starts
    env["XUEJI_BENCH_SETTLE_S"] = str(SETTLE_S)
    env["XUEJI_BENCH_UNTIL"] = "signin" if kind == "signin" else "window"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the warm-up compiles; the measured launches load the bytecode
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    t0 = time.perf_counter()
    proc = subprocess.Popen(_command(kind, db), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    info = None
    try:
        for line in proc.stdout:
            if line.startswith("READY ") and info is None:
                elapsed = time.perf_counter() - t0
                info = json.loads(line[6:])
                info["elapsed_ms"] = elapsed * 1000
            elif line.startswith("PUPILS ") and info is not None:
                info["pupils"] = int(line.split()[1])
            elif line.startswith("PEAK ") and info is not None:
                info["peak_kb"] = int(line.split()[1])
            elif line.startswith("FAILED"):
                break
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    err = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    if info is None:
        raise RuntimeError(f"cold-start child ({kind}) did not report ready (exit {proc.returncode}):\n{err[-2000:]}")
    info.setdefault("peak_kb", info.get("hwm_kb", 0))
    return info


def _summary(results: list[dict], warmup: dict) -> dict:
    times = [r["elapsed_ms"] for r in results]
    median_run = sorted(results, key=lambda r: r["elapsed_ms"])[len(results) // 2]
    return {
        "runs_ms": times,
        "min_ms": min(times),
        "median_ms": statistics.median(times),
        "max_ms": max(times),
        "warmup_ms": warmup["elapsed_ms"],
        "median_marks": median_run["marks"],  # child-side milestones of the median run (ms since its first line)
        "rows": median_run["rows"],  # in the start-up table at its first paint
        "pupils": median_run.get("pupils"),
        "painted": all(r["painted"] for r in results),
        "how": median_run["how"],
        "window_size": median_run["size"],
        # peak RSS: at ready (first paint + one idle turn) and over the whole life (ready + SETTLE_S)
        "cpu_ms": statistics.median(r.get("cpu_ms", 0) for r in results),  # CPU time to ready, all threads
        "ready_mb": statistics.median(r.get("hwm_kb", 0) for r in results) / 1024,
        "peak_mb": max(r["peak_kb"] for r in results) / 1024,
        "peak_median_mb": statistics.median(r["peak_kb"] for r in results) / 1024,
    }


def measure(db: Path, runs: int = 5) -> dict:
    """The program and the bare window, launched alternately; medians of `runs` each and their ratio."""
    warm_bare, warm_program = launch(kind="bare"), launch(db)
    warm_signin = launch(db, kind="signin")
    bare: list[dict] = []
    program: list[dict] = []
    signin: list[dict] = []
    for _ in range(runs):
        bare.append(launch(kind="bare"))
        program.append(launch(db))
        signin.append(launch(db, kind="signin"))
    out = _summary(program, warm_program)
    out["bare"] = _summary(bare, warm_bare)
    out["signin"] = _summary(signin, warm_signin)  # without XUEJI_AUTOLOGIN: the sign-in dialog painted
    out["signin"]["ratio"] = out["signin"]["median_ms"] / out["bare"]["median_ms"]
    out["signin"]["cpu_ratio"] = (out["signin"]["cpu_ms"] / out["bare"]["cpu_ms"] if out["bare"]["cpu_ms"]
                                  else float("nan"))
    out["ratio"] = out["median_ms"] / out["bare"]["median_ms"]
    out["cpu_ratio"] = out["cpu_ms"] / out["bare"]["cpu_ms"] if out["bare"]["cpu_ms"] else float("nan")
    return out
