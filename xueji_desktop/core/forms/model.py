"""A printed form as data: a title, header lines, blocks, notes. ``engine.render`` draws it.

Sizes are in points (1 pt = 1/72 inch ≈ 0.353 mm). Column widths are weights, scaled to the
page's text width. A blank form is the same tree with empty values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, Union

Align = Literal["left", "center", "right"]

BODY_SIZE = 10.5  # 五号
SMALL_SIZE = 9.0  # 小五


@dataclass
class Cell:
    """One ruled cell of a Grid. A label is centred by default, a value left-aligned."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    is_label: bool = False
    align: Align | None = None
    bold: bool = False
    min_height: float = 0.0

    @property
    def alignment(self) -> Align:
        if self.align is not None:
            return self.align
        return "center" if self.is_label else "left"


def Label(text: str, **kw) -> Cell:  # noqa: N802 - reads like a constructor in layouts
    return Cell(text, is_label=True, **kw)


def Value(text: object = "", **kw) -> Cell:  # noqa: N802
    return Cell("" if text is None else str(text), **kw)


@dataclass
class Grid:
    """Rows of ruled cells on a column grid; a row may break across pages between rows that
    no rowspan joins."""

    rows: list[list[Cell]]
    widths: list[float]
    font_size: float = BODY_SIZE
    min_row_height: float = 20.0
    joined: bool = False  # draw right under the previous block, sharing its border


@dataclass
class Column:
    header: str
    width: float = 1.0
    align: Align = "center"


@dataclass
class Table:
    """A register or roster: column headers, then rows; the header repeats on every page."""

    columns: list[Column]
    rows: list[list[str]]
    font_size: float = SMALL_SIZE
    min_row_height: float = 18.0
    repeat_header: bool = True
    joined: bool = False


@dataclass
class SignatureBox:
    """A box to sign or stamp: caption at the top, optional printed text, 年 月 日 at the foot."""

    caption: str
    text: str = ""
    date_line: bool = True
    width: float = 1.0


@dataclass
class SignatureRow:
    boxes: list[SignatureBox]
    height: float = 84.0
    font_size: float = BODY_SIZE
    joined: bool = False


@dataclass
class Paragraph:
    text: str
    font_size: float = BODY_SIZE
    align: Align = "left"
    first_line_indent: int = 0  # in characters: 2 for the usual Chinese paragraph
    bold: bool = False
    boxed: bool = False  # inside a ruled box, the width of the tables
    joined: bool = False


Block = Union[Grid, Table, SignatureRow, Paragraph]
HeaderLine = Union[str, tuple[str, ...]]  # a str sits left; a tuple is spread across the line


@dataclass
class Form:
    title: str
    subtitle: str | None = None
    header_lines: list[HeaderLine] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    copies_note: str | None = None  # e.g. 本表一式三份，学校、教育局、家长各执一份。
    page_size: Literal["A4"] = "A4"
    orientation: Literal["portrait", "landscape"] = "portrait"
    margin: float = 40.0  # points on every side (≈ 14 mm)
    # A form to be signed should not run onto a second sheet: shrink it (down to 80 %) first.
    fit_one_page: bool = False


def iter_texts(form: Form) -> Iterator[str]:
    """Every string the form will print, for the glyph check before drawing."""
    yield form.title
    if form.subtitle:
        yield form.subtitle
    for line in form.header_lines:
        yield from ([line] if isinstance(line, str) else line)
    for block in form.blocks:
        if isinstance(block, Grid):
            yield from (cell.text for row in block.rows for cell in row)
        elif isinstance(block, Table):
            yield from (col.header for col in block.columns)
            yield from (str(v) for row in block.rows for v in row)
        elif isinstance(block, SignatureRow):
            for box in block.boxes:
                yield box.caption
                yield box.text
        elif isinstance(block, Paragraph):
            yield block.text
        elif callable(getattr(block, "texts", None)):  # a block that lays itself out says what it prints
            yield from block.texts()
    yield from form.notes
    if form.copies_note:
        yield form.copies_note
