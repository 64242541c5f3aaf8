"""The Markdown report: the targets table, machine info, and the details behind each number."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
import sys
from dataclasses import dataclass


@dataclass
class Row:
    measure: str
    target: str
    result: str
    passed: bool | None  # None: shown for information, not judged

    @property
    def verdict(self) -> str:
        return "—" if self.passed is None else "✅ pass" if self.passed else "❌ FAIL"


def ms(v: float) -> str:
    return f"{v:.0f} ms" if v >= 100 else f"{v:.1f} ms"


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> list[str]:
    import PySide6
    from PySide6 import QtCore

    try:
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return [
        f"- CPU: {cpu_model()} × {os.cpu_count()} logical CPUs; load average {load} (at start)",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()} ({sys.implementation.name}); PySide6 {PySide6.__version__},"
        f" Qt {QtCore.qVersion()}; SQLite {sqlite3.sqlite_version}",
        "- Qt platform: offscreen, one 1366×768 screen at 96 dpi (bench/qtenv.py)",
    ]


def table(rows: list[Row]) -> list[str]:
    out = ["| measure | target | result | pass/fail |", "|---|---|---|---|"]
    out += [f"| {r.measure} | {r.target} | {r.result} | {r.verdict} |" for r in rows]
    return out


def document(rows: list[Row], details: list[str], pupils: int, seconds: float) -> str:
    lines = [f"# 学籍桌面 speed targets — demo school, {pupils:,} pupils", "",
             f"`python -m bench`, {dt.datetime.now():%Y-%m-%d %H:%M}, {seconds:.0f} s.", "",
             *table(rows), "", "## Machine", "", *machine(), "", "## Details", "", *details]
    return "\n".join(lines)
