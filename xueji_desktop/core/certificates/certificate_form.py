"""The printed certificate with its stub (存根), on one A4 page, through the form engine (CJK fonts embedded).

No text gives a layout (长治 names 附件12 学历证明（存根） only; 黑龙江 第三十三条 leaves it to the province; 营口 四(三)3
names the 学历证明书): the design follows the program's other forms. The upper part is the certificate the
applicant takes: the title the region uses, the number, the statement in words, the record it rests on as a
ruled grid, the seals the text asks for (the school's; the bureau's where its seal makes it valid), and the
article with its words. A dashed cut line carries the number across (骑缝), and below it the stub the school
keeps: the same facts, who applied, on what ground, who issued it, and the recipient's signature.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ..forms.blocks import Flow, Unit
from ..forms.model import (
    BODY_SIZE,
    SMALL_SIZE,
    Form,
    Grid,
    Label,
    Paragraph,
    SignatureBox,
    SignatureRow,
    Value,
)
from ..forms.text import draw_lines, line_height, text_width, wrap

STUB_SUFFIX = "存根"
CUT_TEXT = "（骑缝线）此线以上交申请人，以下为存根，由学校留存"


@dataclass
class CutLine:
    """A dashed line across the page with the number written over it (骑缝) and what each side is."""

    number: str

    def texts(self) -> list[str]:
        return [f"第 {self.number} 号", CUT_TEXT]

    def flow(self, width: float) -> Flow:
        size = BODY_SIZE
        h = line_height(size) * 2 + 14

        def draw(c: Canvas, left: float, top: float) -> None:
            mid = top - 6 - line_height(size) / 2
            c.saveState()
            c.setDash(4, 3)
            c.setLineWidth(0.6)
            c.line(left, mid, left + width, mid)
            c.restoreState()
            label = f"第 {self.number} 号"
            w = text_width(label, size) + 12
            c.saveState()
            c.setFillColorRGB(1, 1, 1)
            c.rect(left + (width - w) / 2, mid - line_height(size) / 2, w, line_height(size), stroke=0, fill=1)
            c.restoreState()
            draw_lines(c, left, mid + line_height(size) / 2, [label], size, "center", width, bold=True)
            draw_lines(c, left, mid - line_height(size) / 2 - 1, [CUT_TEXT], SMALL_SIZE, "center", width)

        return Flow([Unit(h, draw)])


@dataclass
class Heading:
    text: str
    size: float = 15.0

    def texts(self) -> list[str]:
        return [self.text]

    def flow(self, width: float) -> Flow:
        lines = wrap(self.text, self.size, width)
        h = len(lines) * line_height(self.size) + 4

        def draw(c: Canvas, left: float, top: float) -> None:
            draw_lines(c, left, top - 2, lines, self.size, "center", width, bold=True)

        return Flow([Unit(h, draw, keep_with_next=True)])


def _day(iso: str) -> str:
    if not iso:
        return ""
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def statement(content: dict) -> str:
    """The certificate in words."""
    f = content["facts"]
    who = f"{f['姓名']}，{f['性别']}，{f['出生日期']}出生"
    if f.get("身份证件号"):
        who += f"，{f.get('身份证件类型') or '身份证件'}号码 {f['身份证件号']}"
    who += f"，全国中小学生学籍号 {f['学籍号']}"
    if content["kind"] == "education":
        month = f.get("离校年月") or f.get("毕业年份", "")
        diploma = f"（毕业证书编号：{f['毕业（结业）证书编号']}）" if f.get("毕业（结业）证书编号") else ""
        return (f"兹证明{who}，于{f['入学年月']}入我校（{f['学校名称']}）学习，{month}毕业{diploma}。"
                f"因{content.get('ground_label') or '毕业证书遗失'}，按规定不予"
                f"{'换发' if content.get('ground') == 'damaged' else '补发'}，特出具此{content['title']}。")
    left = f.get("离校年月") or "今"
    why = f.get("学籍状态", "")
    if f.get("转入学校"):
        why += f"，转入{f['转入学校']}"
    grade = f.get("班级") or f.get("年级", "")
    return (f"兹证明{who}，于{f['入学年月']}入我校（{f['学校名称']}）学习，至{left}离校（{why}），"
            f"离校时为{grade}学生，未在本校完成规定年限的义务教育。特出具此{content['title']}。")


def _record_grid(content: dict) -> Grid:
    f = content["facts"]
    education = content["kind"] == "education"
    end_label, end = ("毕业时间", f.get("离校年月") or f.get("毕业年份", "")) if education else ("离校时间", f.get("离校年月", ""))
    last = ("毕业证书编号", f.get("毕业（结业）证书编号", "")) if education else ("离校原因", f.get("学籍状态", ""))
    rows = [
        [Label("姓名"), Value(f["姓名"]), Label("性别"), Value(f["性别"]), Label("出生日期"), Value(f["出生日期"])],
        [Label("身份证件号"), Value(f.get("身份证件号", ""), colspan=3), Label("学籍号"), Value(f["学籍号"])],
        [Label("学校名称"), Value(f["学校名称"], colspan=3), Label("学校标识码"), Value(f.get("学校标识码", ""))],
        [Label("入学时间"), Value(f["入学年月"]), Label(end_label), Value(end), Label("年级班级"),
         Value(f.get("班级") or f.get("年级", ""))],
        [Label(last[0]), Value(last[1], colspan=5)],
    ]
    return Grid(rows, widths=[1.0, 1.3, 1.0, 1.3, 1.0, 1.5], min_row_height=24.0)


def _stub_grid(content: dict) -> Grid:
    f = content["facts"]
    education = content["kind"] == "education"
    rows = [
        [Label("编号"), Value(content["number"]), Label("姓名"), Value(f["姓名"]), Label("性别"), Value(f["性别"])],
        [Label("学籍号"), Value(f["学籍号"]), Label("身份证件号"), Value(f.get("身份证件号", ""), colspan=3)],
        [Label("入学时间"), Value(f["入学年月"]), Label("毕业时间" if education else "离校时间"),
         Value(f.get("离校年月", "")), Label("证书编号" if education else "离校原因"),
         Value(f.get("毕业（结业）证书编号", "") if education else f.get("学籍状态", ""))],
        [Label("出具原因"), Value(content.get("ground_label") or f"离校（{f.get('学籍状态', '')}）"),
         Label("申请人"), Value(content.get("applicant", "")), Label("申请日期"), Value(_day(content.get("applied_on", "")))],
        [Label("出具日期"), Value(_day(content["issued_on"])), Label("经办人"), Value(content.get("issued_by", "")),
         Label("依据"), Value(content.get("article", ""))],
    ]
    if content.get("warnings"):
        said = "；".join(f"{w['message']}——理由：{w['reason']}" for w in content["warnings"])
        rows.append([Label("再次办理"), Value(said, colspan=5)])
    return Grid(rows, widths=[1.0, 1.5, 1.0, 1.3, 1.0, 1.6], font_size=SMALL_SIZE + 0.5, min_row_height=20.0)


def _notes(content: dict) -> list[str]:
    annex = content.get("annex") or ""
    source = content["article"] + (f"、{annex}" if annex and annex not in content["article"] else "")
    out = [f"依据{source}" + (f"：“{content['quote']}”。" if content.get("quote") else "。")]
    if content["kind"] == "education" and content.get("reissue_article"):
        out.append(f"毕业证书{'损坏不予换发' if content.get('ground') == 'damaged' else '遗失不予补发'}"
                   f"（{content['reissue_article']}），由毕业学校出具本证明。")
    said = content.get("quote") or ""
    if "bureau" in content.get("sealed_by", []) and "教育行政部门" not in said:
        out.append("本证明由学校出具，经主管教育行政部门盖章（验印）后生效。")
    note = content.get("note") or ""
    if note and not ("教育行政部门" in said and "教育行政部门" in note):  # the article's words say it already
        out.append(note)
    if content.get("school_note"):
        out.append(f"学校说明：{content['school_note']}")
    return out


def certificate_form(content: dict) -> Form:
    """The certificate (upper part) and its stub (lower part), one page."""
    school = content["facts"]["学校名称"]
    seals = [SignatureBox("出具学校（盖章）", school)]
    if "bureau" in content.get("sealed_by", []):
        seals.append(SignatureBox("主管教育行政部门（盖章）"))
    blocks: list = [
        Paragraph(statement(content), 12.0, first_line_indent=2),
        Paragraph("特此证明。", 12.0, first_line_indent=2),
        _record_grid(content),
        SignatureRow(seals, height=78.0),
    ]
    blocks += [Paragraph(("注：" if i == 0 else "　　") + n, SMALL_SIZE) for i, n in enumerate(_notes(content))]
    blocks += [
        CutLine(content["number"]),
        Heading(f"{content['title']}{STUB_SUFFIX}"),
        _stub_grid(content),
        SignatureRow([SignatureBox("经办人签字：", date_line=False), SignatureBox("领取人签字：")], height=46.0,
                     font_size=SMALL_SIZE + 0.5),
    ]
    return Form(title=content["title"], header_lines=[(f"出具学校：{school}", f"编号：{content['number']}")],
                blocks=blocks, fit_one_page=True)
