"""What the school's archive forms (学校学籍档案 and the pupil's paper 学籍档案) share: the values a
form asks for when the school's stored data lacks them, the refusal that names each one, the school's
registrars, and an Excel copy of a one-record form whose every cell is text.

A form is built from plain values keyed by the printed label. What the database holds is filled in;
what it cannot hold (the school's address, its head's name …) is *asked*: the caller passes the values it
was given, each checked like a field of the pupil's record, and a form still lacking a required one is
refused with :class:`MissingValues`, naming every label at once, unless the caller asks for blanks to be
filled in by hand.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from xueji_desktop.core.pupils.fields import Field, Kind
from xueji_desktop.core.pupils.validation import check_field
from xueji_desktop.core.accounts.roles import Role, parse_roles
from xueji_desktop.store.models import User

from .workbooks import save_workbook


class ArchiveFormError(Exception):
    """A form that cannot be printed as asked; the message says why, in Chinese. Nothing is written."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class NotFound(ArchiveFormError):
    """The form or the pupil asked for does not exist."""


class MissingValues(ArchiveFormError):
    """Required values the school's data lacks and the caller did not give."""

    def __init__(self, title: str, labels: Sequence[str]):
        self.title = title
        self.labels = list(labels)
        super().__init__(f"{title}缺少以下信息（本校数据中没有，须由学校提供）：{'、'.join(self.labels)}")


@dataclass(frozen=True)
class Ask:
    """A value the form prints that the school's stored data may lack.

    ``label`` is the key the caller gives it under and, unless ``printed`` says otherwise, the label in
    the box; ``kind`` checks a given value as the pupil's fields are checked; a ``required`` one missing
    stops the print (:class:`MissingValues`)."""

    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    max_len: int = 60
    printed: str = ""

    @property
    def box_label(self) -> str:
        return self.printed or self.label


def checked_values(title: str, asks: Sequence[Ask], given: Mapping[str, str], today: dt.date) -> dict[str, str]:
    """The given values, stripped and checked: an unknown label or a bad value is refused, naming it."""
    known = {a.label: a for a in asks}
    out: dict[str, str] = {}
    problems = []
    for label, raw in given.items():
        label = label.strip()
        ask = known.get(label)
        if ask is None:
            problems.append(f"“{label}”不是{title}的项目（可填：{'、'.join(known)}）")
            continue
        text = (raw or "").strip()
        found = check_field(Field("value", ask.label, ask.kind, max_len=ask.max_len), text, "value", today)
        problems += [f.message for f in found]
        if not found:
            out[label] = text
    if problems:
        raise ArchiveFormError("；".join(problems))
    return out


def fill(title: str, asks: Sequence[Ask], stored: Mapping[str, str], given: Mapping[str, str],
         today: dt.date, blank_missing: bool = False) -> dict[str, str]:
    """Stored values, overridden by the given ones (checked); raises MissingValues for required ones still
    empty, unless ``blank_missing`` (they print as empty boxes to fill in by hand)."""
    values = {k: v for k, v in stored.items() if v}
    values.update(checked_values(title, asks, given, today))
    missing = [a.label for a in asks if a.required and not values.get(a.label)]
    if missing and not blank_missing:
        raise MissingValues(title, missing)
    return values


def registrar_names() -> list[str]:
    """The display names of the school's active registrars, in the order their accounts were made."""
    query = User.select().where(User.active).order_by(User.id)
    return [u.display_name for u in query
            if Role.REGISTRAR in parse_roles(u.role) and (u.display_name or "").strip()]


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def write_record_xlsx(path: str | os.PathLike, title: str, header: Sequence[str],
                      pairs: Sequence[tuple[str, str]], table: tuple[Sequence[str], Sequence[Sequence[str]]] | None = None,
                      notes: Sequence[str] = ()) -> Path:
    """A one-record form as a workbook for the bureau: the title, the header lines, then one row per
    项目/内容 pair, then (optionally) a table; every cell is text (a 学校标识码 or a 邮政编码 never
    becomes a number). Written to a temporary name and renamed: a failure leaves no half file."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    def text(v: object) -> str:
        return ILLEGAL_CHARACTERS_RE.sub("", "" if v is None else str(v))

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    bold = Font(bold=True)
    ncols = max(2, len(table[0]) if table else 2)
    ws.append([text(title)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    for line in header:
        ws.append([text(line)])
    ws.append([])
    ws.append(["项目", "内容"])
    for cell in ws[ws.max_row]:
        cell.font = bold
    for label, value in pairs:
        ws.append([text(label.replace("\n", "")), text(value)])
    if table:
        columns, rows = table
        ws.append([])
        ws.append([text(c) for c in columns])
        for cell in ws[ws.max_row]:
            cell.font = bold
        for row in rows:
            ws.append([text(v) for v in row])
    if notes:
        ws.append([])
        for note in notes:
            ws.append([text(note)])
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                cell.number_format = "@"
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 44
    for letter in "CDEFG"[:max(0, ncols - 2)]:
        ws.column_dimensions[letter].width = 14
    return save_workbook(wb, path)
