"""The 跳级 forms (``[forms.skip_grade]``): the 学生跳级申请表 and the 学生跳级公示. No text gives their layouts,
so both are designed here, in the style of the 学生转学申请表 (``transfer_designed``):

- ``skip_grade_application``: the pupil and the guardians, the grades (现读, 跳过, 拟编入) and the 跳级时间,
  the application signed by whoever the region says applies (黑龙江: 法定监护人; 营口: 学生本人及父母), then
  one box per party of the region's procedure in its order, each with that party's part in the region's
  words and its signature (黑龙江: 专家组 3—5 人签名, 公示时间, 分管副局长签字, 地市分管局长签字, 省教育厅确认);
  a blank form (no case) prints the school's and the bureau's boxes.
- ``skip_grade_notice``: the 公示 for the school's notice board: the pupils (name, sex, grades; no ID
  numbers), the dates of at least the region's working days (counted by ``core.dates.workdays`` from the
  day after the expert panel's result), how to object, the school's seal.

Printing either is logged (查询登记) in the same transaction; a notice of several pupils asks the 用途.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ... import clock
from ..accounts import access_log
from ..accounts.access_log import Action, PurposeSource
from ..casework import cases
from ..changes import grade_skip
from ..school.school import grade_name
from .blocks import DATE_LINE
from .builders import display
from .engine import render
from .model import BODY_SIZE, Column, Form, Label, Paragraph, Table, Value
from .model import Grid as GridBlock
from .status_layout import guardians_block, reason_row
from .transfer_layout import Columns, box_text, case_header, cn_date, field_row, value

APPLICATION = "skip_grade_application"
NOTICE = "skip_grade_notice"
APPLICATION_TITLE = "学生跳级申请表"
NOTICE_TITLE = "学生跳级公示"
COLS = Columns((78, 104, 58, 98, 55, 122), BODY_SIZE)
REASON_LINES = 4
BOX_LINES = 4

# Each party's box: (label, signer caption, stamp caption); a procedure step may name its signer.
BOXES = {
    "school": ("学校意见", "校长签名：", "学校（盖章）"),
    "expert_panel": ("专家组\n考核意见", "专家组成员签名：", ""),
    "public_notice": ("公示情况", "经办人：", "学校（盖章）"),
    "bureau": ("主管教育\n行政部门\n意见", "核办人：", "（盖章）"),
    "district_bureau": ("区教育局\n意见", "核办人：", "（盖章）"),
    "city_bureau": ("市级教育\n行政部门\n意见", "核办人：", "（盖章）"),
    "province_bureau": ("省教育厅\n确认", "经办人：", "（盖章）"),
}
STEP_SIGNERS = {"bureau_deputy_head_signs": "分管学籍工作副局长签字：", "city_deputy_head_signs": "分管局长签字："}
BLANK_CHAIN = ("school", "bureau")
APPLICANT_SIGNS = {"pupil_and_guardian_apply": ("学生本人签名：", "家长（监护人）签名："),
                   "guardian_applies": ("法定监护人签名：",)}


@dataclass(frozen=True)
class FormSpec:
    id: str
    title: str


SKIP_FORMS = {APPLICATION: FormSpec(APPLICATION, APPLICATION_TITLE), NOTICE: FormSpec(NOTICE, NOTICE_TITLE)}


# ── what the forms read ─────────────────────────────────────────────────────────────────────────
def boxes(profile) -> list[dict]:
    """The region's parties in order, each with its box label, its part in the region's words, its signer."""
    words = grade_skip.step_words(profile)
    steps = grade_skip.procedure(profile)
    out = []
    for party in grade_skip.chain(profile):
        label, signer, stamp = BOXES.get(party, (cases.party_label(party) + "意见", "核办人：", "（盖章）"))
        named = [STEP_SIGNERS[s] for s in steps if grade_skip.PROCEDURE_PARTIES.get(s) == party and s in STEP_SIGNERS]
        if party == "expert_panel" and profile.applies("skip_grade.expert_panel"):
            panel = profile.value("skip_grade.expert_panel")
            signer = f"专家组成员签名（{panel['min']}—{panel['max']}人）："
        out.append({"party": party, "label": label, "words": words.get(party, ""), "signer": named[-1] if named else signer,
                    "stamp": stamp})
    return out


def skip_view(ws, case, notice_from: dt.date | None = None, for_application: bool = False) -> dict:
    """A 跳级 case as the forms read it: the status forms' view of the pupil, the grades, the boxes; the 公示's
    dates (on the application only once the expert panel has given its result)."""
    from .printing import status_case_view

    view = status_case_view(ws, case)
    data = cases.data_of(case)
    p = ws.profile
    decided = {s.party: s for s in cases.steps(case) if s.outcome}
    view.update({
        "现读年级": grade_name(data["grade_from"]), "跳过年级": grade_name(data["skipped_grade"]),
        "拟编入年级": grade_name(data["to_grade"]), "跳级时间": data.get("effective_on") or "",
        "年级": grade_name(data["grade_from"]),
        "入学年月": display(case.student.entry_month),
        "审批环节": [{**box, **({"意见": cases.OUTCOME_LABELS[decided[box["party"]].outcome],
                                "经办人": decided[box["party"]].person,
                                "日期": f"{decided[box['party']].done_on:%Y-%m-%d}",
                                "说明": decided[box["party"]].note} if box["party"] in decided else {})}
                 for box in boxes(p)],
        "申请人": [s for s in grade_skip.procedure(p) if grade_skip.PROCEDURE_PARTIES.get(s, "") is None][:1],
        "依据": _notes(p),
    })
    if data.get("class_from"):
        view["班级"] = data["class_from"]
    panel = decided.get("expert_panel")
    if p.applies("skip_grade.notice_working_days"):
        view["公示工作日"] = p.value("skip_grade.notice_working_days")
    if p.applies("skip_grade.notice_working_days") and (notice_from or (panel and panel.outcome == "approved")
                                                         or not for_application):
        first, last = grade_skip.notice_dates(ws, case, notice_from)
        view.update({"公示开始": first, "公示结束": last})
    return view


def _notes(p) -> list[str]:
    notes = []
    if p.applies("skip_grade.counts_as_completed") and p.value("skip_grade.counts_as_completed"):
        notes.append(f"跳过年级视为受完相应年限的教育（{p.rule('skip_grade.counts_as_completed').article}）。")
    if p.applies("skip_grade.timing"):
        notes.append(f"{p.rule('skip_grade.timing').quote}（{p.rule('skip_grade.timing').article}）。")
    if p.applies("skip_grade.list_to_province_by"):
        r = p.rule("skip_grade.list_to_province_by")
        notes.append(f"{r.quote}（{r.article}）。")
    if p.applies("skip_grade.forbidden"):
        r = p.rule("skip_grade.forbidden")
        notes.append(f"{r.quote}（{r.article}）。")
    if not notes and p.applies("skip_grade.allowed"):
        r = p.rule("skip_grade.allowed")
        notes.append(f"{r.quote}（{r.article}）。")
    return notes


# ── 学生跳级申请表 ──────────────────────────────────────────────────────────────────────────────
def _box_row(box: Mapping[str, object], view: Mapping[str, object]) -> list:
    words = display(box.get("words"))
    opinion = display(box.get("意见"))
    if box.get("说明"):
        opinion += f"：{box['说明']}"
    body = f"（{words}）" if words else ""
    if box.get("party") == "public_notice":
        period = (f"{cn_date(view['公示开始'])}至{cn_date(view['公示结束'])}" if view.get("公示开始")
                  else "　年　月　日至　年　月　日")
        body += f"\n公示时间：{period}（不少于{view.get('公示工作日', '')}个工作日）　□无异议　□有异议"
    if opinion:
        body += ("\n" if body else "") + opinion
    lines = BOX_LINES + (1 if box.get("party") == "expert_panel" else 0)
    foot = [f"{box['signer']}{display(box.get('经办人'))}", display(box.get("stamp")), display(box.get("日期")) or DATE_LINE]
    return [Label(display(box["label"])), Value(box_text(body, foot, COLS, 1, 5, lines), colspan=5)]


def build_application(view: Mapping[str, object] | None, school: Mapping[str, object], printed_on: dt.date) -> Form:
    view = dict(view or {})
    facts = {**view, "就读学校": value(school, "学校名称")}
    rows = [
        field_row((("学生姓名", "学生姓名"), ("性别", "性别"), ("出生日期", "出生日期")), facts, COLS),
        field_row((("身份证件号", "身份证件号"), ("民族", "民族"), ("学籍号", "学籍号")), facts, COLS),
        field_row((("就读学校", "就读学校"), ("现读年级", "现读年级"), ("班级", "班级")), facts, COLS),
        [Label("家庭住址"), Value(value(view, "家庭住址"), colspan=3), Label("联系电话"), Value(value(view, "联系电话"))],
        *guardians_block(view, (1, 1, 2, 1)),
        field_row((("跳过年级", "跳过年级"), ("编入年级", "拟编入年级"), ("入学年月", "入学年月")), facts, COLS),
        [Label("跳级时间"), Value((value(view, "跳级时间") + "（新学年开始）") if view.get("跳级时间") else "",
                                colspan=5)],
    ]
    applicant = (view.get("申请人") or ["guardian_applies"])[0]
    signs = APPLICANT_SIGNS.get(applicant, ("学生家长（监护人）签名：",))
    reason = value(view, "申请理由")
    papers = [display(p) for p in view.get("证明材料") or [] if display(p)]
    if papers:
        reason += ("\n" if reason else "") + "已查验：" + "、".join(papers)
    rows.append(reason_row("申请跳级\n理由", reason, [*signs, value(view, "申请日期") or DATE_LINE], COLS,
                           REASON_LINES, weights=(1,) * len(signs)))
    chain = view.get("审批环节") or [{"party": p, "label": BOXES[p][0], "signer": BOXES[p][1], "stamp": BOXES[p][2]}
                                    for p in BLANK_CHAIN]
    rows += [_box_row(box, view) for box in chain]
    notes = ["本表由申请人填写，学校存档；各环节依次在相应栏内签署意见、签字并盖章。", *view.get("依据", [])]
    return Form(title=APPLICATION_TITLE, header_lines=case_header(view, printed_on),
                blocks=[GridBlock(rows, widths=list(COLS.widths), font_size=COLS.font_size, min_row_height=22.0)],
                notes=notes, fit_one_page=True)


# ── 学生跳级公示 ────────────────────────────────────────────────────────────────────────────────
NOTICE_COLUMNS = [Column("序号", 0.5), Column("姓名", 1.2), Column("性别", 0.6), Column("现读年级", 1.0),
                  Column("跳过年级", 1.0), Column("拟编入年级", 1.0), Column("跳级时间", 1.2)]


def build_notice(views: Sequence[Mapping[str, object]], school: Mapping[str, object], printed_on: dt.date,
                 article: str = "", first: dt.date | None = None, last: dt.date | None = None, days: int = 5,
                 phone: str = "") -> Form:
    rows = [[str(i), value(v, "学生姓名"), value(v, "性别"), value(v, "现读年级"), value(v, "跳过年级"),
             value(v, "拟编入年级"), value(v, "跳级时间")] for i, v in enumerate(views, 1)]
    name = value(school, "学校名称")
    basis = f"根据{article}，" if article else ""
    intro = (f"{basis}经学生法定监护人申请、学校报送，主管教育局组织专家组考核，下列学生德、智、体、美、劳等方面"
             "特别优秀，具备超前学习能力，达到高一年级心智水平，拟予跳级。现予公示。")
    period = (f"公示时间：{cn_date(first)}至{cn_date(last)}（不少于{days}个工作日）。" if first and last
              else f"公示时间：　　年　　月　　日至　　年　　月　　日（不少于{days}个工作日）。")
    objection = ("公示期间，如对上述学生跳级有异议，请以书面形式向学校或主管教育局反映，并写明真实姓名和联系方式。"
                 + (f"学校联系电话：{phone}。" if phone else ""))
    blocks = [Paragraph(intro, font_size=BODY_SIZE + 1.5, first_line_indent=2),
              Table(NOTICE_COLUMNS, rows or [[""] * len(NOTICE_COLUMNS)] * 3, font_size=BODY_SIZE, min_row_height=24.0),
              Paragraph(period, font_size=BODY_SIZE + 1.5, first_line_indent=2),
              Paragraph(objection, font_size=BODY_SIZE + 1.5, first_line_indent=2),
              Paragraph("\n\n" + (f"{name}（盖章）" if name else "学校（盖章）") + "　　　", font_size=BODY_SIZE + 1.5,
                        align="right"),
              Paragraph((cn_date(printed_on) if rows and first else DATE_LINE) + "　　　", font_size=BODY_SIZE + 1.5,
                        align="right", joined=True)]
    return Form(title=NOTICE_TITLE, subtitle=name or None, blocks=blocks,
                notes=["公示在学校公告栏、网站（公众号）上张贴；公示名单不列身份证件号、学籍号等个人信息。"],
                fit_one_page=True)


# ── printing ────────────────────────────────────────────────────────────────────────────────────
def _school(ws) -> dict:
    return {"学校名称": ws.school.name, "学校标识码": ws.school.code}


def render_skip_form(form_id: str, view: Mapping[str, object] | None, school: Mapping[str, object], path,
                     printed_on: dt.date | None = None) -> int:
    """A blank (``view`` None) or filled form to ``path``; MissingGlyphError (nothing written) for a character
    no font has."""
    day = printed_on or clock.today()
    if form_id == APPLICATION:
        return render(build_application(view, school, day), path)
    if form_id == NOTICE:
        views = [view] if view else []
        return render(build_notice(views, school, day), path)
    raise KeyError(f"没有跳级表格“{form_id}”")


def print_application(ws, case, path: Path) -> Path:
    view = skip_view(ws, case, for_application=True)
    with access_log.logged(ws, Action.PRINT, f"{APPLICATION_TITLE}（{case.number}）", [case.student_id], target=path):
        render(build_application(view, _school(ws), ws.today()), path)
    return Path(path)


def print_notice(ws, case_list, path: Path, notice_from: dt.date | None = None, purpose: PurposeSource = "") -> Path:
    """The 公示 of one or more 跳级 cases (one period: the latest of theirs, or from ``notice_from``)."""
    grade_skip.check_notice(ws, case_list)
    views = [skip_view(ws, c, notice_from) for c in case_list]
    first = max(v["公示开始"] for v in views)
    last = max(v["公示结束"] for v in views)
    p = ws.profile
    article = p.rule("skip_grade.notice_working_days").article
    form = build_notice(views, _school(ws), ws.today(), article, first, last, p.value("skip_grade.notice_working_days"),
                        ws.school.phone or "")
    numbers = "、".join(c.number for c in case_list[:3]) + (f" 等 {len(case_list)} 件" if len(case_list) > 3 else "")
    with access_log.logged(ws, Action.PRINT, f"{NOTICE_TITLE}（{numbers}）", [c.student_id for c in case_list],
                           purpose=purpose, target=path, count=len(case_list)):
        render(form, path)
    return Path(path)


def ready_to_print(case, form_id: str) -> bool:
    """Printed right after the case is opened: the 公示 only once the expert panel has given its result."""
    return form_id != NOTICE or grade_skip.notice_ready(case)


def print_skip_form(ws, form_id: str, case, path: Path) -> Path:
    """The window's print buttons: a filled form for ``case``, or blank with ``case`` None (nobody's data: not logged)."""
    if case is None:
        render_skip_form(form_id, None, _school(ws), path, ws.today())
        return Path(path)
    if form_id == NOTICE:
        return print_notice(ws, [case], path)
    return print_application(ws, case, path)
