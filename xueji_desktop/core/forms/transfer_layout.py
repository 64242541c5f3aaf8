"""Pieces shared by the transfer (转学) form layouts: field rows, the guardians' block, and the
opinion cells that are signed and stamped by hand.

An opinion cell is one ruled cell: the recorded opinion (if any) on its first line, blank lines
for the hand-written opinion and the stamp, and at its foot the signature line
(“核办人：…盖章：…年　月　日”) spread across the cell's width. The blank lines are counted so
the text fills the cell exactly, which puts the signature line at the foot of the box.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4

from xueji_desktop.core.forms.blocks import DATE_LINE, PAD_X, scale
from xueji_desktop.core.forms.builders import display
from xueji_desktop.core.forms.fonts import register_fonts, text_width
from xueji_desktop.core.forms.model import Cell, Form, Label, Paragraph, SMALL_SIZE, Value
from xueji_desktop.core.forms.text import wrap

# The steps of a transfer case (case["审批"][i]["环节"]), in the order of HLJ 第二十四条（五）
# and YK 四(一)3: the receiving side first.
IN_SCHOOL = "转入学校"
IN_BUREAU = "转入学校主管教育行政部门"
OUT_SCHOOL = "转出学校"
OUT_BUREAU = "转出学校主管教育行政部门"
CITY_BUREAU = "市教育行政部门"  # CZ 第十八条: a senior-high transfer needs the city's approval
STEPS = (IN_SCHOOL, IN_BUREAU, OUT_SCHOOL, OUT_BUREAU, CITY_BUREAU)

MAX_GUARDIANS = 2
GUARDIAN_HEADERS = ("称谓", "姓名", "工作单位", "联系电话")
EXPLAIN_PREFIX = "说明："
GAP = "\u3000"  # a full-width space: one character of room for handwriting


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def text_area_width(form_margin: float = Form.margin, landscape: bool = False) -> float:
    page_w = A4[1] if landscape else A4[0]
    return page_w - 2 * form_margin


@dataclass(frozen=True)
class Columns:
    """A grid's column weights and the font size, to measure what fits in a cell."""

    widths: tuple[float, ...]
    font_size: float

    @property
    def n(self) -> int:
        return len(self.widths)

    def inner(self, first: int, span: int) -> float:
        """The text width inside a cell spanning ``span`` columns from ``first`` (at 100 %)."""
        ws = scale(list(self.widths), text_area_width())
        return sum(ws[first:first + span]) - 2 * PAD_X


def value(case: Mapping[str, object], key: str) -> str:
    return display(case.get(key))


def field_row(pairs: Sequence[tuple[str, str]], case: Mapping[str, object], cols: Columns,
              start: int = 0) -> list[Cell]:
    """Label/value pairs, one column each; the last value widens to the grid's right edge.

    ``pairs`` holds (printed label, case key); ``start`` is the first column the row owns."""
    cells: list[Cell] = []
    col = start
    for i, (label, key) in enumerate(pairs):
        last = i == len(pairs) - 1
        span = cols.n - col - 1 if last else 1
        cells += [Label(label), Value(value(case, key), colspan=span)]
        col += 1 + span
    return cells


def guardian_rows(title: str, guardians: object, spans: Sequence[int]) -> list[list[Cell]]:
    """The “父母或其他法定监护人情况” block: a title cell down the left, a header row of
    称谓/姓名/工作单位/联系电话 (with the given column spans), then two rows to fill."""
    members = [g for g in (guardians or []) if isinstance(g, Mapping)]  # type: ignore[union-attr]
    if len(members) > MAX_GUARDIANS:
        raise ValueError(f"转学表最多填写{MAX_GUARDIANS}名监护人，收到{len(members)}名")
    members += [{}] * (MAX_GUARDIANS - len(members))
    rows = [[Label(h, colspan=s) for h, s in zip(GUARDIAN_HEADERS, spans)]]
    for m in members:
        rows.append([Value(display(m.get(h)), colspan=s, align="center")
                     for h, s in zip(GUARDIAN_HEADERS, spans)])
    rows[0].insert(0, Label(title, rowspan=len(rows)))
    return rows


def approval(case: Mapping[str, object], step: str) -> Mapping[str, object]:
    """The decision recorded for ``step`` ({} while it is pending: the box stays blank)."""
    for a in case.get("审批") or []:  # type: ignore[union-attr]
        if isinstance(a, Mapping) and a.get("环节") == step:
            return a
    return {}


def spread(parts: Sequence[str], width: float, size: float, weights: Sequence[float] = ()) -> str:
    """``parts`` on one line joined by full-width spaces so the last one ends near the right
    edge of ``width``; the room is shared between the gaps by ``weights``."""
    register_fonts()
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return "".join(parts)
    room = int((width - text_width("".join(parts), size) - 2) // size)
    if len(weights) != len(parts) - 1:
        weights = [1.0] * (len(parts) - 1)
    total = sum(weights)
    gaps = [max(1, int(room * w / total)) for w in weights]
    out = parts[0]
    for gap, part in zip(gaps, parts[1:]):
        out += GAP * gap + part
    return out


def sign_parts(signer: str, name: str, stamp: str | None, when: str) -> list[str]:
    """The foot of an opinion cell: signer caption (+ recorded name), stamp caption, date."""
    return [f"{signer}{name}" if signer else name, stamp or "", when or DATE_LINE]


def box_text(body: str, foot: Sequence[str], cols: Columns, first: int, span: int, lines: int,
             weights: Sequence[float] = (2, 3)) -> str:
    """The text of a cell ``lines`` lines tall: ``body`` on top, the signature line at the foot.

    ``foot`` may hold several lines (a list of part lists) for a narrow cell."""
    width = cols.inner(first, span)
    size = cols.font_size
    foot_lines = [spread(parts, width, size, weights) for parts in _as_lines(foot)]
    used = len(wrap(body, size, width)) if body else 1
    blanks = max(lines - used - len(foot_lines) + 1, 1)
    return body + "\n" * blanks + "\n".join(foot_lines)


def _as_lines(foot: Sequence) -> list[list[str]]:
    if foot and isinstance(foot[0], str):
        return [list(foot)]
    return [list(p) for p in foot]


def opinion_text(case: Mapping[str, object], step: str, signer: str, stamp: str | None,
                 cols: Columns, first: int, span: int, lines: int, two_lines: bool = False) -> str:
    """An opinion cell for ``step``: blank while pending, else the recorded 意见, 经办人, 日期.

    Where the layout has no signer caption, the 经办人 is added to the opinion in brackets;
    ``two_lines`` puts the signer on a line of its own above the stamp and date (narrow cells)."""
    a = approval(case, step)
    opinion, name, when = display(a.get("意见")), display(a.get("经办人")), display(a.get("日期"))
    if name and not signer:
        opinion = f"{opinion}（经办人：{name}）"
        name = ""
    foot = sign_parts(signer, name, stamp, when)
    if two_lines:
        return box_text(opinion, [foot[:1], foot[1:]], cols, first, span, lines, weights=(1,))
    return box_text(opinion, foot, cols, first, span, lines)


def explanations(items: Sequence[str]) -> list[Paragraph]:
    """The annex's 说明 under the table: “说明：1.…”, later items under the first number."""
    out = []
    for i, item in enumerate(items):
        lead, indent = (EXPLAIN_PREFIX, 0) if i == 0 else ("", len(EXPLAIN_PREFIX))
        out.append(Paragraph(f"{lead}{i + 1}.{item}", font_size=SMALL_SIZE + 0.5,
                             first_line_indent=indent, joined=i > 0))
    return out


def case_header(case: Mapping[str, object], printed_on: date) -> list[tuple[str, ...]]:
    """On a filled form only: the case number and the print date above the table."""
    if not any(v for k, v in case.items() if k != "审批"):
        return []
    return [(f"编号：{value(case, '案件编号')}", f"打印日期：{cn_date(printed_on)}")]
