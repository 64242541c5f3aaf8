"""Which registers the school's region keeps, titled as the school prints them, and the terms one may print
them for: what the window's 档案 menu and its register dialog offer (plain rows, nothing written).

The registers are the profile's (``forms.registers``, read by ``register_specs.region_registers``); a title
with ``{入学年级}`` names the school's entry grades (一年级、初一), as the printed register does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..school_year.registers import PeriodError, entry_grade_names, period_of
from .register_specs import region_registers

__all__ = ["OfferedRegister", "TermChoice", "current_period_label", "offered_registers", "recent_terms"]


@dataclass(frozen=True)
class OfferedRegister:
    id: str  # the profile's form id: cz_change_register …
    kind: str  # new-pupils | changes | classes
    title: str  # as printed: 一年级、初一新生录取花名册
    annex: str  # 附件4, or ""
    article: str  # 《长治市实施细则》第六条
    note: str

    @property
    def by_period(self) -> bool:
        """A register counted over a period (a term or a date range); the class roster lists today's classes."""
        return self.kind != "classes"

    @property
    def source(self) -> str:
        """The article (and annex) that asks for it: 《长治市实施细则》第六条 附件4."""
        return f"{self.article} {self.annex}".strip()


@dataclass(frozen=True)
class TermChoice:
    code: str  # as period_of reads it: 2026-1, 2026-2
    label: str  # 2026—2027学年上学期
    start: dt.date
    end: dt.date


def offered_registers(profile, school) -> list[OfferedRegister]:
    """The registers the region keeps that the program prints, in the profile's order."""
    grades = "、".join(entry_grade_names(school.kind, school.system)) if school is not None else ""
    return [OfferedRegister(spec.id, spec.kind, spec.title.replace("{入学年级}", grades), spec.annex, spec.article,
                            spec.note) for spec in region_registers(profile)]


def current_period_label(profile, today: dt.date) -> str:
    """The term a register covers when none is chosen (in the holidays, the term just ended), with its days."""
    period = period_of(profile, today)
    return f"{period.label}（{period.span}）"


def recent_terms(profile, today: dt.date, count: int = 6) -> list[TermChoice]:
    """The latest ``count`` terms whose period has begun by ``today`` (the summer's new pupils count in the
    autumn term, whose period starts the day after the spring term ends), latest first."""
    found: list[TermChoice] = []
    for year in range(today.year - (count // 2 + 2), today.year + 1):
        for half in ("1", "2"):
            code = f"{year}-{half}"
            try:
                period = period_of(profile, today, term=code)
            except PeriodError:  # pragma: no cover (codes built here are always readable)
                continue
            if period.start <= today:
                found.append(TermChoice(code, period.label, period.start, period.end))
    found.sort(key=lambda t: t.start, reverse=True)
    return found[:count]
