"""GB/T 2260 county codes (出生地, 籍贯, 户口所在地), read from python-stdnum's table.

Codes change over the years (counties merge, districts are renamed), so an unknown code is a
warning for the registrar, never a refusal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_PERIOD = re.compile(r"\[(\d*)-(\d*)\]")


@dataclass(frozen=True)
class Region:
    code: str  # six digits
    name: str  # 辽宁省营口市老边区
    current: bool  # still in use today


def _latest(names: str) -> tuple[str, bool]:
    """'[1983-1983]郊区,[1984-]老边区' → ('老边区', True)."""
    best, current = names, True
    for part in names.split(","):
        m = _PERIOD.match(part)
        if not m:
            return part, True
        best, current = part[m.end():], m.group(2) == ""
    return best, current


@cache
def _load() -> dict[str, Region]:
    """Unindented lines name a province by its two digits; indented ones add four more."""
    table: dict[str, Region] = {}
    province_code = province = ""
    prefectures: dict[str, str] = {}
    import stdnum.cn  # here, not at start: see ids._ric

    for line in (Path(stdnum.cn.__file__).parent / "loc.dat").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sub, _, rest = line.strip().partition(" ")
        name, current = _latest(rest.split('"')[1])
        if not line.startswith(" "):
            province_code, province = sub, name
            continue
        code = province_code + sub
        if sub.endswith("00"):
            prefectures[code[:4]] = "" if name in (province, "市辖区") else name
            full = province if name == province else province + name
        else:
            prefecture = prefectures.get(code[:4], "")
            full = province + prefecture + (name if name not in ("市辖区", prefecture) else "")
        table[code] = Region(code, full, current)
    return table


def lookup(code: str) -> Region | None:
    return _load().get((code or "").strip())


def name_of(code: str) -> str:
    region = lookup(code)
    return region.name if region else ""


def search(text: str, limit: int = 30) -> list[Region]:
    """Current counties whose code starts with, or whose name contains, the text."""
    text = (text or "").strip()
    if not text:
        return []
    found = [r for r in _load().values()
             if r.current and not r.code.endswith("00") and (r.code.startswith(text) or text in r.name)]
    return found[:limit]


def current_counties() -> list[Region]:
    return [r for r in _load().values() if r.current and not r.code.endswith("00")
            and not r.name.endswith("市辖区")]
