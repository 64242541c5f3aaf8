"""Helpers that turn lists of labelled fields into Grid rows, shared by the form layouts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from xueji_desktop.core.forms.model import Cell, Label, Value


@dataclass(frozen=True)
class Field:
    """A label and its value cell; ``slots`` label/value pairs of width (the value widens)."""

    label: str
    slots: int = 1


def display(value: object) -> str:
    return "" if value is None else str(value)


def pack_fields(
    fields: Sequence[Field | str],
    values: Mapping[str, object],
    slots: int,
    row_slots: Sequence[int] = (),
) -> list[list[Cell]]:
    """Rows of label/value cells for a grid of ``slots`` label/value column pairs.

    ``row_slots`` lowers the capacity of the first rows (where a photo or a section cell sits).
    A field that does not fit the rest of a row starts the next one, and the last value of
    the row it leaves widens to the row's end; so does the last value of the last row.
    """
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    free = 0

    def capacity(i: int) -> int:
        return row_slots[i] if i < len(row_slots) else slots

    def close_row() -> None:
        if row and free:
            row[-1].colspan += 2 * free
        if row:
            rows.append(row)

    for f in fields:
        f = Field(f) if isinstance(f, str) else f
        if not row or f.slots > free:
            close_row()
            row, free = [], capacity(len(rows))
        k = min(f.slots, free)
        row += [Label(f.label), Value(display(values.get(f.label)), colspan=2 * k - 1)]
        free -= k
    close_row()
    while len(rows) < len(row_slots):  # the reserved rows must exist even if fields run out
        rows.append([Label(""), Value("", colspan=2 * capacity(len(rows)) - 1)])
    return rows


def with_section(title: str, rows: list[list[Cell]]) -> list[list[Cell]]:
    """Put a section cell (its name written down the column) left of ``rows``."""
    if rows:
        rows[0].insert(0, Label(title, rowspan=len(rows), bold=True))
    return rows
