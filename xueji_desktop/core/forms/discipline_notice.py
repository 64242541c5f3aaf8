"""学生处分告知书: the written notice to the pupil and the guardians (黑龙江 第三十七条 “学生受到校级及以上奖励或
处分，学校应当及时通知学生及其监护人”), with a receipt the guardian signs.

No text gives a layout: the punishment as recorded (kind, date, the deciding body, the document number, the
facts), whether it goes in the 学籍档案 and what revocation does, and the way to appeal — each sentence only
where the region's text says it, with its article. Printing it is an access-log entry; recording the day the
guardians were told is ``core.discipline.records.notify``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ...store.models import Student
from ..accounts import access_log
from ..accounts.access_log import Action
from ..discipline import appeals
from ..discipline import discipline_rules as rules
from ..discipline.discipline_reads import DisciplineRow, row
from ..discipline.discipline_rules import PUNISHMENT
from ..pupils.records import record_view
from .archive_common import ArchiveFormError, cn_date
from .engine import render
from .model import Form, Grid, Label, Paragraph, SignatureBox, SignatureRow, Value

TITLE = "学生处分告知书"
RECEIPT = "送达回执"
COPIES = "本告知书一式两份，学校存档一份，送达学生监护人一份；回执由监护人签字后交回学校存档。"
COPY_COUNT = 2  # what COPIES says, for the printer
DESIGN_NOTE = "各地规定均未给出处分告知书的表式，本表式由本软件设计。"


def _guardian(view: dict) -> str:
    members = view.get("家庭成员") or []
    names = [m.get("姓名") for m in members if m.get("姓名") and m.get("是否监护人") in ("是", "1")]
    names = names or [m.get("姓名") for m in members if m.get("姓名")]
    return names[0] if names else ""


def notice_sentences(profile, d: DisciplineRow) -> list[str]:
    """What the notice says beyond the facts, each sentence only where the region's text says it."""
    out = []
    decided = rules.punishment_in_archive(profile, d.level)
    if decided is not None:
        rule = profile.rule("punishment.archive_threshold")
        out.append(f"根据{rule.article}“{rule.quote}”，此处分{'记入' if d.in_archive else '不记入'}学生学籍档案。")
    elif d.in_archive:
        out.append("此处分记入学生学籍档案。")
    if rules.removed_on_revoke(profile):
        rule = profile.rule("punishment.revoked_removed")
        out.append(f"处分撤销后，学校将原处分决定和有关资料从学生学籍档案中删除（{rule.article}）。")
    if profile.applies("punishment.unrevoked_kept"):
        rule = profile.rule("punishment.unrevoked_kept")
        out.append(f"学生毕业时仍未撤销的处分，记录保留在其学籍档案中（{rule.article}）。")
    if appeals.offered(profile) is None:
        days = profile.value("appeal.bureau_appeal_working_days") \
            if profile.applies("appeal.bureau_appeal_working_days") else None
        later = (f"对学校的复查决定不服的，可以在收到复查决定之日起{days}个工作日内，向主管教育行政部门提出书面申诉"
                 if days is not None else "对学校的复查决定不服的，可以向主管教育行政部门提出书面申诉")
        out.append(f"学生及其监护人对本处分决定有异议的，可以向学校学生申诉机构提出申诉；{later}"
                   f"（{appeals.article(profile)}）。")
    return out


def build_notice(d: DisciplineRow, view: dict, school_name: str, sentences: list[str], printed_on: dt.date) -> Form:
    guardian = _guardian(view)
    facts = Grid(
        rows=[
            [Label("学生姓名"), Value(d.student_name), Label("性别"), Value(str(view.get("性别") or ""))],
            [Label("班级"), Value(str(view.get('班级') or view.get('年级') or '')), Label("学籍号"),
             Value(d.student_number)],
            [Label("处分种类"), Value(d.level + (f"（{d.title}）" if d.title else "")), Label("处分日期"),
             Value(cn_date(d.decided_on))],
            [Label("决定单位"), Value(d.decided_by), Label("文号"), Value(d.document_no)],
            [Label("处分事由"), Value(d.reason, colspan=3)],
        ] + ([[Label("期限"), Value(f"至 {cn_date(d.ends_on)}", colspan=3)]] if d.ends_on else []),
        widths=[80, 180, 80, 180], min_row_height=24.0)
    body = (f"学生{d.student_name}因{d.reason.rstrip('。')}，经{d.decided_by}研究，于{cn_date(d.decided_on)}决定给予"
            f"{d.level}处分" + (f"（{d.document_no}）" if d.document_no else "") + "。现将处分决定告知学生本人及其监护人。")
    blocks = [Paragraph(f"{guardian or '　　　　'}（监护人）："), Paragraph(body, first_line_indent=2), facts]
    blocks += [Paragraph(s, first_line_indent=2) for s in sentences]
    blocks.append(Paragraph("学校将继续以说服教育为主，帮助学生认识和改正错误，请家长配合做好教育工作。", first_line_indent=2))
    blocks.append(SignatureRow([SignatureBox("学校（盖章）", text=school_name)], height=70.0))
    blocks.append(Paragraph("－－－－－－－－－－－－－－－－ 沿此线剪下 －－－－－－－－－－－－－－－－", align="center"))
    blocks.append(Paragraph(RECEIPT, bold=True, align="center"))
    blocks.append(Paragraph(f"{school_name}：学生{d.student_name}（学籍号 {d.student_number}）于{cn_date(d.decided_on)}"
                            f"受到的{d.level}处分告知书已收到。", first_line_indent=2))
    blocks.append(SignatureRow([SignatureBox("学生（签字）："), SignatureBox("监护人（签字）：")], height=56.0))
    return Form(title=TITLE, header_lines=[(f"学校：{school_name}", f"打印日期：{cn_date(printed_on)}")],
                blocks=blocks, notes=[COPIES, DESIGN_NOTE], fit_one_page=True)


def notice_form(ws, discipline_id: int, printed_on: dt.date | None = None) -> Form:
    d = row(discipline_id)
    if d is None:
        raise ArchiveFormError(f"处分告知书：没有编号为 {discipline_id} 的处分记录（xueji discipline list 列出编号）")
    if d.kind != PUNISHMENT:
        raise ArchiveFormError("处分告知书：所选的是奖励，只有处分打印处分告知书")
    if d.revoked_on is not None:
        raise ArchiveFormError(f"处分告知书：该处分已于 {d.revoked_on:%Y-%m-%d} 撤销，不再告知")
    view = record_view(Student.get_by_id(d.student_id))
    return build_notice(d, view, ws.school.name, notice_sentences(ws.profile, d), printed_on or ws.today())


def print_notice(ws, discipline_id: int, path: str | os.PathLike) -> Path:
    """The notice as a PDF at ``path``, logged (查询登记) in the same transaction as the file is written."""
    form = notice_form(ws, discipline_id)
    d = row(discipline_id)
    with access_log.logged(ws, Action.PRINT, TITLE, pupils=[d.student_id], target=path):
        render(form, path)
    return Path(path)
