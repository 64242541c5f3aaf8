"""A pupil's papers for the archive: the 学籍卡片 and the 学生实际在校就读证明表.

- 学籍卡片: the whole record and its history on one A4 page, for the pupil's paper 学籍档案 (电子档案
  and 纸质档案 kept alike: 《中小学生学籍管理办法》 and every region's text; "学籍基础信息及信息变动情况"
  is the first item of the archive's contents). No text gives a layout: the record's sections are those
  of the 学生基本信息表 (``student_info``), four fields to a row so that the history — every change in
  the change log, with its date, the articles it rests on, the reasons recorded for warnings passed and
  who entered it — fits below; a very long history runs onto a second page with its header repeated.
- 学生实际在校就读证明表 (凉山 附表3, 《凉山州规定》三(三)): for a pupil registered at two schools; the
  school where the pupil actually studies uploads it, the other school deletes its record. Every label and
  box as the annex has it: label and value share a cell ("学生姓名：…"), three cells to a row.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from xueji_desktop.core.discipline.discipline_reads import DisciplineRow, archive_rows
from xueji_desktop.core.forms.archive_common import ArchiveFormError, cn_date
from xueji_desktop.core.forms.archive_offer import ATTENDANCE_TITLE, CARD_TITLE
from xueji_desktop.core.forms.blocks import DATE_LINE
from xueji_desktop.core.forms.builders import Field, display, pack_fields, with_section
from xueji_desktop.core.forms.model import (
    SMALL_SIZE,
    Cell,
    Column,
    Form,
    Grid,
    Label,
    SignatureBox,
    SignatureRow,
    Table,
    Value,
)
from xueji_desktop.core.forms.student_info import MEMBER_FIELDS, SECTIONS
from xueji_desktop.core.pupils.records import record_view
from xueji_desktop.core.pupils.status import Status
from xueji_desktop.store.models import Case, Event, Student

# ───────────────────────────── 学籍卡片 ─────────────────────────────
CARD_SLOTS = 4
CARD_PHOTO_ROWS = 4
CARD_FONT = 8.0
CARD_SECTION_W, CARD_LABEL_W, CARD_VALUE_W = 14.0, 52.0, 74.0
# The 学籍 section of the 学生基本信息表 plus what only the record knows (registration, identity check).
CARD_SCHOOLING = (Field("年级"), Field("班级"), Field("学籍状态"), Field("班内学号"),
                  Field("入学年月"), Field("入学方式"), Field("就读方式"), Field("学生来源"),
                  Field("入学日期"), Field("身份核验"), Field("学籍辅号"), Field("学籍档案建立期限"))
CARD_MEMBERS = ("姓名", "关系", "民族", "工作单位", "职务", "联系电话", "是否监护人", "身份证件类型", "身份证件号",
                "现住址")
HISTORY_COLUMNS = (Column("序号", 0.35), Column("日期", 0.85), Column("学籍信息变动情况", 4.4, "left"),
                   Column("依据", 1.7, "left"), Column("经办人", 0.7))
CARD_NOTES = (
    "本卡片由学校学籍管理员据本校电子学籍打印，存入学生纸质学籍档案；学籍基础信息及信息变动情况与电子档案一致。",
    ("各地规定均未给出学籍卡片的表式，本表式由本软件设计：学籍信息各项同学生基本信息表，"
    "变动情况为本校记录的每一项学籍变动（含依据条文和经办人）。"),
)
DISCIPLINE_COLUMNS = (Column("序号", 0.35), Column("日期", 0.85), Column("奖励与处分", 1.2), Column("名称或事由", 3.0, "left"),
                      Column("决定单位", 1.3, "left"), Column("文号", 1.3, "left"))
# Rewards, punishments and appeals are listed apart (what the archive holds); a revoked punishment leaves the
# archive with its history (黑龙江 第三十八条).
DISCIPLINE_EVENTS = frozenset({"reward_recorded", "punishment_recorded", "discipline_notified", "discipline_revoked"})


@dataclass(frozen=True)
class Change:
    """One line of a pupil's history as the card prints it."""

    day: dt.date
    what: str
    basis: str
    who: str


def pupil_history(student: Student) -> list[Change]:
    """Every change the school recorded for the pupil, oldest first: the day entered for it, the
    summary (with the reasons recorded for warnings passed), the articles cited and the author."""
    out = []
    appeals = {i for (i,) in Case.select(Case.id).where((Case.student == student) & (Case.kind == "appeal")).tuples()}
    for e in Event.select().where(Event.student == student).order_by(Event.seq):
        if e.kind in DISCIPLINE_EVENTS or (e.case_id is not None and e.case_id in appeals):
            continue
        day = e.entered_on or e.created_at.date()
        what = e.summary
        warned = json.loads(e.payload or "{}").get("warnings") or []
        reasons = [f"{w.get('message', '')}——理由：{w.get('reason', '')}" for w in warned if isinstance(w, dict)]
        reasons = reasons or [r for r in json.loads(e.reasons or "{}").values() if r]
        if reasons:
            what += "（" + "；".join(reasons) + "）"
        out.append(Change(day, what, "；".join(json.loads(e.articles or "[]")), e.author.display_name))
    return out


def _card_record_grid(record: Mapping[str, object]) -> Grid:
    rows: list[list[Cell]] = []
    for i, (title, fields) in enumerate(SECTIONS):
        if title == "学籍信息":
            fields = CARD_SCHOOLING
        if i == 0:
            section = pack_fields(fields, record, CARD_SLOTS, row_slots=[CARD_SLOTS - 1] * CARD_PHOTO_ROWS)
            section[0].append(Cell("照片", rowspan=CARD_PHOTO_ROWS, colspan=2, is_label=True))
        else:
            section = pack_fields(fields, record, CARD_SLOTS)
        rows += with_section(title, section)
    return Grid(rows, widths=[CARD_SECTION_W, *[CARD_LABEL_W, CARD_VALUE_W] * CARD_SLOTS], font_size=CARD_FONT,
                min_row_height=15.0)


def _card_family_grid(members: Sequence[Mapping[str, object]]) -> Grid:
    widths = dict(MEMBER_FIELDS)
    members = list(members)[:2]
    members += [{}] * (2 - len(members))
    rows: list[list[Cell]] = [[Label(label) for label in CARD_MEMBERS]]
    for m in members:
        rows.append([Value(display(m.get(label)), align="center" if widths.get(label, 40) < 40 else "left")
                     for label in CARD_MEMBERS])
    rows = with_section("家庭成员", rows)
    return Grid(rows, widths=[CARD_SECTION_W, *(widths.get(label, 40) for label in CARD_MEMBERS)],
                font_size=CARD_FONT - 0.5, min_row_height=15.0, joined=True)


def _history_table(changes: Sequence[Change]) -> Table:
    rows = [[str(i), c.day.strftime("%Y-%m-%d"), c.what, c.basis, c.who] for i, c in enumerate(changes, start=1)]
    if not rows:
        rows = [["", "", "（本校尚无学籍变动记录）", "", ""]]
    return Table(list(HISTORY_COLUMNS), rows, font_size=CARD_FONT, min_row_height=14.0)


def _discipline_table(rows: Sequence[DisciplineRow]) -> Table:
    out = []
    for i, r in enumerate(rows, start=1):
        what = f"{r.level}奖励" if r.kind == "reward" else f"{r.level}处分"
        text = r.title if r.kind == "reward" else r.reason
        out.append([str(i), r.decided_on.strftime("%Y-%m-%d"), what, text, r.decided_by, r.document_no])
    return Table(list(DISCIPLINE_COLUMNS), out, font_size=CARD_FONT, min_row_height=14.0)


def build_student_card(record: Mapping[str, object], changes: Sequence[Change], school: Mapping[str, object],
                       printed_on: dt.date, title: str = CARD_TITLE,
                       disciplines: Sequence[DisciplineRow] = ()) -> Form:
    """The 学籍卡片 of one pupil: ``record`` as ``records.record_view`` gives it, ``changes`` oldest first,
    ``disciplines`` the rewards and punishments the archive holds (none revoked)."""
    return Form(
        title=title,
        header_lines=[
            (f"学校名称：{display(school.get('学校名称'))}", f"学校标识码：{display(school.get('学校标识码'))}"),
            (f"学籍号：{display(record.get('学籍号'))}", f"打印日期：{cn_date(printed_on)}"),
        ],
        blocks=[
            _card_record_grid(record),
            _card_family_grid(record.get("家庭成员") or []),  # type: ignore[arg-type]
            _history_table(changes),
            *([_discipline_table(disciplines)] if disciplines else []),
            SignatureRow([SignatureBox("学籍管理员签字："), SignatureBox("学校（盖章）")], height=60.0,
                         font_size=SMALL_SIZE + 1),
        ],
        notes=list(CARD_NOTES),
        fit_one_page=True,
    )


def student_card(ws, student: Student, printed_on: dt.date, title: str = CARD_TITLE) -> Form:
    school = ws.school
    return build_student_card(record_view(student), pupil_history(student),
                              {"学校名称": school.name, "学校标识码": school.code}, printed_on, title,
                              archive_rows(student.id))


# ───────────────────────────── 凉山 附表3 ─────────────────────────────
ATTENDANCE_SIGN_HEIGHT = 64.0


def _pair(label: str, value: object = "", **kw) -> Cell:
    return Value(f"{label}{display(value)}", **kw)


def build_actual_attendance(pupil: Mapping[str, object], school: Mapping[str, object], printed_on: dt.date,
                            title: str = ATTENDANCE_TITLE, notes: Sequence[str] = ()) -> Form:
    """附表3 with the pupil's values after each label; the signatures, the stamp and the dates stay blank."""
    school_name = display(school.get("学校名称"))
    rows = [
        [_pair("学生姓名：", pupil.get("学生姓名")), _pair("性别：", pupil.get("性别")),
         _pair("出生日期：", pupil.get("出生日期"))],
        [_pair("身份证号：", pupil.get("身份证号")), _pair("就读学校名称：", school_name, colspan=2)],
        [_pair("年级：", pupil.get("年级")), _pair("班级：", pupil.get("班级"), colspan=2)],
        [_pair("学生签字：", min_height=ATTENDANCE_SIGN_HEIGHT), _pair("家长签字："),
         Value(DATE_LINE, align="right")],
        [_pair("学校校长签字：", rowspan=2), _pair("学校名称（盖章）：", school_name, colspan=2)],
        [Value("", min_height=ATTENDANCE_SIGN_HEIGHT), Value(DATE_LINE, align="right")],
    ]
    header = []
    if pupil.get("学籍号"):
        header = [(f"学籍号：{display(pupil.get('学籍号'))}", f"打印日期：{cn_date(printed_on)}")]
    return Form(title=title, header_lines=header,
                blocks=[Grid(rows, widths=[1.0, 1.1, 1.0], min_row_height=34.0)],
                notes=list(notes), fit_one_page=True)


def attendance_values(student: Student) -> dict[str, str]:
    """The pupil as 附表3 prints it; refused for a pupil who does not study at the school now."""
    status = Status(student.status)
    if status is not Status.ENROLLED:
        raise ArchiveFormError(f"{student.name}（{student.student_number}）的学籍状态为“{status.label}”，"
                               "不在本校就读，不能出具实际在校就读证明")
    view = record_view(student)
    klass = student.school_class
    return {"学生姓名": student.name, "性别": view["性别"], "出生日期": view["出生日期"],
            "身份证号": student.id_number or "", "年级": view["年级"],
            "班级": f"（{klass.number}）班" if klass is not None else "", "学籍号": student.student_number}


def actual_attendance(ws, student: Student, printed_on: dt.date, title: str = ATTENDANCE_TITLE,
                      article: str = "") -> Form:
    school = ws.school
    rule = ws.profile.rule("duplicate.resolution")
    notes = []
    if rule.applies and rule.quote:
        notes.append(f"{rule.quote}（{rule.article}）。")
    elif article:
        notes.append(f"重复招生时由学生实际就读学校出具（{article}）。")
    return build_actual_attendance(attendance_values(student), {"学校名称": school.name}, printed_on, title, notes)
