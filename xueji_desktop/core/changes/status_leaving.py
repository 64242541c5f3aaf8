"""出国（出境）/入境复学, 退学, 死亡, 失踪/被羁押, 借读 (RULES.md §5), from ``abroad.*``,
``withdrawal.*``, ``death.*``, ``missing.*``, ``borrowed_study.*`` and ``contradictions.*``.

Withdrawal grounds are keyed by their id as in the profiles (``emigration``: 出国出境定居, which
makes emigration a 退学 where the region lists it).
"""

from __future__ import annotations

from ..casework.cases import CaseKind
from ..pupils.status import Status
from ..rules.base import finding
from ..rules.findings import Finding, Severity, paren
from ..school.school import grade_name, is_high
from .status_facts import ChangeFacts, Question, chain_text, declaration, missing_evidence
from .status_return import return_findings

EMIGRATION = "emigration"  # the withdrawal ground 出国出境定居


def withdrawal_grounds(p, grade: int | None = None) -> list[dict]:
    """The grounds a pupil of `grade` may leave on: 高中's own where the region lists them (长治 第二十九条、
    第三十一条), else the region's (义务教育阶段) list."""
    if grade is not None and is_high(grade) and p.applies("withdrawal.high_grounds"):
        return list(p.value("withdrawal.high_grounds"))
    return list(p.value("withdrawal.grounds")) if p.applies("withdrawal.grounds") else []


CONTACT_FAILED = "contact_failed"  # 自动退学: the school's repeated contact with the family recorded as failed
_CONDITION_QUESTIONS = {
    "absence_weeks": "其间学校已与家长多次联系、帮助教育，仍无效",
    "suspension_expired": "休学期满后学校已与家长联系，仍未复学，也未按期办理继续休学手续",
}


def _ground(f: ChangeFacts) -> dict | None:
    return next((g for g in withdrawal_grounds(f.profile, f.grade) if g["id"] == f.ground_id), None)


def emigration_ground(p) -> dict | None:
    """Where the region makes emigration a 退学 (长治第二十八条), its ground; offered only with 退学."""
    if not p.value("workflows.withdrawal"):
        return None
    return next((g for g in withdrawal_grounds(p) if g["id"] == EMIGRATION), None)


def _persuasion_key(p) -> str | None:
    return next((k for k in ("withdrawal.persuasion_banned", "withdrawal.expulsion_banned") if p.applies(k)), None)


def questions(f: ChangeFacts) -> list[Question]:
    p = f.profile
    if f.kind is CaseKind.WITHDRAWAL:
        ground = _ground(f)
        asked = [Question(CONTACT_FAILED, _CONDITION_QUESTIONS[ground["condition"]], "withdrawal.high_auto")] \
            if ground and ground.get("condition") in _CONDITION_QUESTIONS else []
        if _persuasion_key(p) and not is_high(f.grade):  # 《义务教育法》: the compulsory grades
            asked.append(Question("school_initiated", "是否由学校劝退或开除", _persuasion_key(p)))
        return asked
    if f.kind is CaseKind.ABROAD and emigration_ground(p):
        return [Question("settle_abroad", "是否出国（出境）定居", "withdrawal.grounds", required=False)]
    if f.kind is CaseKind.BORROWED_STUDY and p.applies("borrowed_study.class_size_limit"):
        return [Question("class_over_limit", "借读学校的班级接收该生后是否超过班额上限", "borrowed_study.class_size_limit")]
    return []


def evidence_needed(f: ChangeFacts) -> list[str]:
    p = f.profile
    if f.kind is CaseKind.ABROAD:
        return list(p.value("abroad.evidence")) if p.applies("abroad.evidence") else []
    if f.kind is CaseKind.WITHDRAWAL:
        ground = _ground(f)
        return list(ground.get("evidence", [])) if ground else []
    if f.kind is CaseKind.DEATH:
        return list(p.value("death.evidence")) if p.applies("death.evidence") else []
    if f.kind is CaseKind.BORROWED_STUDY:
        return list(p.value("borrowed_study.evidence")) if p.applies("borrowed_study.evidence") else []
    return []


def _info(p, key: str, field: str | None, message: str) -> list[Finding]:
    return [finding(p, key, field, message, severity=Severity.INFO)] if p.applies(key) else []


# ── 出国（出境）and 入境复学 ──
def abroad_findings(f: ChangeFacts) -> list[Finding]:
    p = f.profile
    found = missing_evidence(p, "abroad.evidence", evidence_needed(f), f.evidence_seen, severity=None) \
        if p.applies("abroad.evidence") else []
    found += _info(p, "abroad.approvers", None, f"审批：{chain_text(p.value('abroad.approvers'))}"
                   + paren(p.rule('abroad.approvers').note))
    if p.applies("abroad.status"):
        found.append(finding(p, "abroad.status", None, f"学籍状态：办结后为“{p.value('abroad.status')['out']}”，"
                             f"回国（境）后办理“{p.value('abroad.status')['back']}”，接续原学籍档案", severity=Severity.INFO))
    found += _info(p, "abroad.unannounced", None, "出境未向学校提出申请的，学校按疑似辍学处理")
    ground = emigration_ground(p)
    if ground:
        q = questions(f)[0]
        found += declaration(f, q, Finding(f"withdrawal.grounds.{EMIGRATION}", Severity.INFO, f"declared.{q.id}",
                                           f"出国定居：本地区规定“{ground['label']}”按退学办理，请改办退学申请",
                                           ground["article"]))
    return found


def return_from_abroad_findings(f: ChangeFacts) -> list[Finding]:
    p = f.profile
    found = []
    if p.applies("abroad.status"):
        found.append(finding(p, "abroad.status", None, f"{p.value('abroad.status')['back']}：接续原学籍档案和学籍号",
                             severity=Severity.INFO))
    return found + return_findings(f)


# ── 退学 ──
def withdrawal_findings(f: ChangeFacts) -> list[Finding]:
    p = f.profile
    found: list[Finding] = []
    high = is_high(f.grade) and p.applies("withdrawal.high_grounds")
    key, stage = ("withdrawal.high_grounds", "普通高中") if high else ("withdrawal.grounds", "义务教育阶段")
    listed = withdrawal_grounds(p, f.grade)
    names = "；".join(f"{i}. {g['label']}" for i, g in enumerate(listed, 1))
    ground = next((g for g in listed if g["id"] == f.ground_id), None)
    if listed and not f.ground_id:
        found.append(finding(p, key, "ground", f"退学情形：请选择（{stage}可以退学的情形：{names}）",
                             severity=Severity.BLOCK))
    elif high and ground is None:
        found.append(finding(p, key, "ground", f"退学情形：所选情形不在其中；普通高中只有以下情形可以退学：{names}",
                             severity=Severity.BLOCK))
    elif listed and ground is None:
        if p.applies("withdrawal.other_grounds_allowed") and not p.value("withdrawal.other_grounds_allowed"):
            rule = p.rule("withdrawal.other_grounds_allowed")
            tail = "不能办理退学" if rule.force == "block" else "须说明理由"
            found.append(finding(p, "withdrawal.other_grounds_allowed", "ground",
                                 f"退学情形：所选情形不在其中；义务教育阶段只有以下情形可以退学：{names}；其他原因{tail}"))
    if f.status is Status.SUSPENDED and (ground or {}).get("condition") != "suspension_expired":
        what = "；休学期满未复学的，可按自动退学办理" if high else ""
        found.append(Finding("withdrawal.status", Severity.BLOCK, "student",
                             f"学生：{f.name} 现为“休学”，须先办理复学{what}", p.rule(key).article))
    if ground is not None and ground.get("condition"):
        found += _auto_findings(f, ground)
    elif ground is not None:
        if ground.get("force") == "warn":
            quote = p.rule("withdrawal.other_grounds_allowed").quote or p.rule("withdrawal.grounds").quote
            found.append(Finding(f"withdrawal.grounds.{ground['id']}", Severity.WARN, "ground",
                                 f"退学情形：{ground['label']}；{quote or '原则上不得退学'}，须说明理由",
                                 ground["article"]))
        found += missing_evidence(p, "withdrawal.grounds", evidence_needed(f), f.evidence_seen, ground["article"],
                                  f"（“{ground['label']}”）")
    key = _persuasion_key(p) if not high else None
    if key:
        q = next(q for q in questions(f) if q.id == "school_initiated")
        found += declaration(f, q, finding(p, key, f"declared.{q.id}",
                                           f"退学原因：{p.rule(key).quote or '学校不得劝退、开除学生'}；"
                                           "由学校劝退或开除的不能办理退学", severity=Severity.BLOCK))
    found += _info(p, "withdrawal.keep_archive", None, "学籍档案：退学学生的学籍档案应保留")
    if p.applies("contradictions.withdrawal_approvers"):
        found.append(finding(p, "contradictions.withdrawal_approvers", None,
                             f"审批：{p.rule('contradictions.withdrawal_approvers').note}", severity=Severity.INFO))
    return found


def _auto_findings(f: ChangeFacts, ground: dict) -> list[Finding]:
    """长治 第三十一条 自动退学: what the records show must meet the article, and the school's contact with the
    family is declared as failed."""
    p = f.profile
    rule = p.rule("withdrawal.high_auto")
    found = []
    if ground["condition"] == "absence_weeks":
        a, v = f.absence, rule.value
        per = int(v["school_days_per_week"])
        run_need, total_need = int(v["consecutive_weeks"]) * per, int(v["total_weeks"]) * per
        if a is None or (a.longest_run <= run_need and a.total < total_need):
            shown = (f"本学期（{a.term.label}）考勤登记无故缺席连续最长{a.weeks(a.longest_run, per)}、"
                     f"累计{a.weeks(a.total, per)}" if a else "本学期没有考勤登记")
            found.append(Finding("withdrawal.high_auto", Severity.BLOCK, "ground",
                                 f"自动退学：{shown}，未达到连续超过 {v['consecutive_weeks']} 周（{run_need} 个上课日）"
                                 f"或累计 {v['total_weeks']} 周（{total_need} 个上课日）（{rule.quote}）", rule.article))
    elif ground["condition"] == "suspension_expired":
        if f.status is not Status.SUSPENDED:
            found.append(Finding("withdrawal.high_auto", Severity.BLOCK, "ground",
                                 f"自动退学：{f.name} 现为“{f.status.label}”，不是休学学生", ground["article"]))
        elif f.suspended_until is None or f.suspended_until >= f.today:
            until = f"休学至 {f.suspended_until:%Y-%m-%d}，" if f.suspended_until else ""
            found.append(Finding("withdrawal.high_auto", Severity.BLOCK, "ground",
                                 f"自动退学：{until}休学尚未期满（{ground['quote']}）", ground["article"]))
    q = next(q for q in questions(f) if q.id == CONTACT_FAILED)
    if f.declared.get(q.id) is not True:
        found.append(Finding("withdrawal.high_auto", Severity.BLOCK, f"declared.{q.id}",
                             f"请确认：{q.text}（{ground['quote']}）", ground["article"]))
    return found


# ── 死亡 ──
IRREVERSIBLE = "注销后不可恢复，之后任何业务都不能再变更此记录"


def death_findings(f: ChangeFacts) -> list[Finding]:
    p = f.profile
    found = missing_evidence(p, "death.evidence", evidence_needed(f), f.evidence_seen, severity=None) \
        if p.applies("death.evidence") else []
    if f.effective_on is None:
        found.append(Finding("death.effective_on", Severity.BLOCK, "effective_on", "死亡日期：请按证明填写死亡日期"))
    elif f.effective_on > f.today:
        found.append(Finding("death.effective_on", Severity.BLOCK, "effective_on",
                             f"死亡日期：{f.effective_on:%Y-%m-%d} 晚于今天"))
    elif p.applies("death.deadline_working_days"):
        n = p.value("death.deadline_working_days")
        due = f.calendar.add_working_days(f.effective_on, n)
        note = f"；{due.warning}" if due.warning else ""
        if f.applied > due.day:
            late = f.calendar.working_days_between(due.day, f.applied).days
            found.append(finding(p, "death.deadline_working_days", "applied_on",
                                 f"报告期限：应自死亡之日（{f.effective_on:%Y-%m-%d}）起 {n} 个工作日内报注销"
                                 f"（至 {due.day:%Y-%m-%d}），已逾期 {late} 个工作日；请说明原因{note}",
                                 severity=Severity.WARN))
        else:
            found.append(finding(p, "death.deadline_working_days", "applied_on",
                                 f"报告期限：凭证明在 {n} 个工作日内报学籍主管部门注销学籍（至 {due.day:%Y-%m-%d}）{note}",
                                 severity=Severity.INFO))
    rule = p.rule("death.irreversible")
    found.append(Finding("death.irreversible", Severity.INFO, None,
                         f"死亡：{IRREVERSIBLE}" + paren(rule.note if rule.applies else ""),
                         rule.article if rule.applies else ""))
    return found


# ── 失踪/被羁押 ──
def missing_findings(f: ChangeFacts) -> list[Finding]:
    p = f.profile
    found = _info(p, "missing.report_to", None,
                  f"报告：学校须及时向{'、'.join(chain_text([x]) for x in p.value('missing.report_to'))}报告")
    found += _info(p, "missing.keeps_status", None, "学籍：保留其学籍，不得注销或取消"
                   + paren(p.rule('missing.keeps_status').note))
    found += _info(p, "missing.allow_return", None, "复学：原因消除后，学校应允许其及时复学")
    found += _info(p, "missing.non_custodial_stay", None,
                   "留校：被宣告免刑、缓刑、假释或判处非监禁刑罚的学生继续留校学习，不按离校办理")
    return found


def missing_return_findings(f: ChangeFacts) -> list[Finding]:
    return _info(f.profile, "missing.allow_return", None, "复学：原因消除后允许及时复学，接续原学籍") + return_findings(f)


# ── 借读 ──
def borrowed_findings(f: ChangeFacts) -> list[Finding]:
    p = f.profile
    found: list[Finding] = []
    if p.applies("borrowed_study.allowed") and not p.value("borrowed_study.allowed"):
        if p.value("workflows.borrowed_study"):  # offered, yet forbidden: refuse here, saying why
            rule = p.rule("borrowed_study.allowed")
            return [finding(p, "borrowed_study.allowed", "kind",
                            f"借读：{rule.quote or '本地区不允许借读'}" + paren(rule.note),
                            severity=Severity.BLOCK)]
        return []  # the workflow is not offered: status_change.offered says why
    listed = list(p.value("borrowed_study.grounds")) if p.applies("borrowed_study.grounds") else []
    if listed and f.ground_id not in {g["id"] for g in listed}:
        names = "；".join(f"{i}. {g['label']}" for i, g in enumerate(listed, 1))
        found.append(finding(p, "borrowed_study.grounds", "ground",
                             f"借读情形：{'请选择' if not f.ground_id else '所选情形不在其中'}；只有以下情形准予借读：{names}",
                             severity=Severity.BLOCK))
    if p.applies("borrowed_study.evidence"):
        found += missing_evidence(p, "borrowed_study.evidence", evidence_needed(f), f.evidence_seen, severity=None)
    if len(str(f.details.get("host_school", "")).strip()) < 4:
        found.append(Finding("borrowed_study.host_school", Severity.BLOCK, "details.host_school",
                             "借读学校：请填写接收借读的学校全称"))
    grade = f.return_grade if f.return_grade is not None else f.grade
    if p.applies("borrowed_study.same_grade") and grade != f.grade:
        found.append(finding(p, "borrowed_study.same_grade", "return_grade",
                             f"借读年级：须与原校相同（{grade_name(f.grade)}），不能在{grade_name(grade)}借读"))
    if f.until is not None and f.until < f.effective:
        found.append(Finding("borrowed_study.until", Severity.BLOCK, "until",
                             f"借读期限：截止日期 {f.until:%Y-%m-%d} 早于开始日期 {f.effective:%Y-%m-%d}"))
    if p.applies("borrowed_study.class_size_limit"):
        stage = f.stage
        top = p.value(f"class_size.{stage}_max")
        q = questions(f)[0]
        found += declaration(f, q, finding(p, "borrowed_study.class_size_limit", f"declared.{q.id}",
                                           f"班额：借读学校的班级接收借读生后不能超过 {top} 人，不能借读"))
        key = "contradictions.class_size_citation" if p.applies("contradictions.class_size_citation") \
            else "borrowed_study.class_size_limit"
        note = p.rule(key).note
        found.append(finding(p, key, None,
                             f"班额：接收借读生后班容量不能超过上限（{'小学' if stage == 'primary' else '初中'} {top} 人）"
                             + (f"；{note}" if note else ""), severity=Severity.INFO))
    found += _info(p, "borrowed_study.status_stays_home", None, "学籍：借读期间学籍保留在本校，纸质和电子学籍均由本校管理")
    found += _info(p, "borrowed_study.certificates_from_home", None, "证书：借读学生的毕业证书等由本校发放")
    if p.applies("contradictions.borrowed_study"):
        found.append(finding(p, "contradictions.borrowed_study", None, p.rule("contradictions.borrowed_study").note,
                             severity=Severity.INFO))
    return found


def borrowed_return_findings(f: ChangeFacts) -> list[Finding]:
    return _info(f.profile, "borrowed_study.status_stays_home", None, "借读返回：学籍一直保留在本校，回原班就读")
