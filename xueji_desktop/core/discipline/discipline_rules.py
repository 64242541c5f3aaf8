"""What the region's text says about rewards and punishments, read from its profile.

- Rewards: the levels (班级 … 国家级) and which go in the archive (``rewards.archive_threshold``: "all", as
  黑龙江 第三十五条 “全面详实地记入”, or "school_level", 长治 第三十九条 “凡受到校级以上的奖励”).
- Punishments: only the kinds the region lists (``punishment.kinds``: 黑龙江 第三十六条 警告、记过、留校察看;
  长治 第四十条 警告、严重警告、记过), never expulsion or persuading to leave (``punishment.forbidden``);
  where the region lists none, the common kinds (the national 《办法》 names none); 记过 and above go in the
  archive where the text says so (``punishment.archive_threshold``: 黑龙江 第三十八条, 长治 第四十条).
- Revocation removes a punishment from the archive (``punishment.revoked_removed``); one still unrevoked at
  graduation stays (``punishment.unrevoked_kept``), so a graduated pupil's punishment is not revoked.
"""

from __future__ import annotations

import datetime as dt

from ..dates.calendar import add_duration
from ..region_profiles.profiles import Profile, load_profile
from ..rules.findings import Finding, Severity, paren
from ..school.school import is_high

REWARD = "reward"
PUNISHMENT = "punishment"
KIND_LABELS = {REWARD: "奖励", PUNISHMENT: "处分"}
REWARD_LEVELS = ("班级", "校级", "乡镇级", "县级", "市级", "省级", "国家级")
SCHOOL_LEVEL = "校级"
# In order of weight; the names the regions' texts use. Expulsion is never recorded (punishment.forbidden).
PUNISHMENT_ORDER = ("警告", "严重警告", "记过", "留校察看", "开除学籍")
COMMON_KINDS = ("警告", "严重警告", "记过", "留校察看")  # where the region lists none


def block(field: str, message: str, article: str = "") -> Finding:
    return Finding(f"discipline.{field}", Severity.BLOCK, field, message, article)


def silent_texts(profile: Profile) -> str:
    """The texts that say nothing of a matter: the region's own and the national 《办法》."""
    texts = [profile.document]
    if profile.extends:
        texts.append(load_profile(profile.extends).document)
    return "、".join(dict.fromkeys(texts)) + ("均" if len(set(texts)) > 1 else "") + "未作规定"


# ── rewards ─────────────────────────────────────────────────────────────────────────────────────
def reward_in_archive(profile: Profile, level: str) -> bool:
    rule = profile.rule("rewards.archive_threshold")
    if not rule.applies:
        return False
    if rule.value == "all":
        return True
    return REWARD_LEVELS.index(level) >= REWARD_LEVELS.index(SCHOOL_LEVEL)


def reward_archive_note(profile: Profile, level: str) -> Finding:
    rule = profile.rule("rewards.archive_threshold")
    if not rule.applies:
        return Finding("rewards.archive_threshold", Severity.INFO, "level",
                       "学籍档案：本地区规定未要求奖励记入学籍档案", silent_texts(profile))
    if reward_in_archive(profile, level):
        said = "获奖情况全面记入学籍档案" if rule.value == "all" else "校级及以上奖励记入学籍档案"
        return Finding("rewards.archive_threshold", Severity.INFO, "level", f"学籍档案：{level}奖励记入学籍档案（{said}）",
                       rule.article)
    return Finding("rewards.archive_threshold", Severity.INFO, "level",
                   f"学籍档案：{level}奖励不记入学籍档案（校级及以上奖励记入）", rule.article)


# ── punishments ─────────────────────────────────────────────────────────────────────────────────
EXPULSION = "开除学籍"
PROBATION = "留校察看"


def high_kinds_apply(profile: Profile, grade: int | None) -> bool:
    """A 高中 pupil where the region lists 高中's own kinds (长治 第四十条)."""
    return grade is not None and is_high(grade) and profile.applies("punishment.high_kinds")


def _kinds_rule(profile: Profile, grade: int | None) -> str:
    return "punishment.high_kinds" if high_kinds_apply(profile, grade) else "punishment.kinds"


def punishment_kinds(profile: Profile, grade: int | None = None) -> list[str]:
    """The kinds a pupil of ``grade`` can be given here: the region's list (高中's own where it has one), else
    the common kinds less the forbidden."""
    key = _kinds_rule(profile, grade)
    if profile.applies(key) and profile.value(key):
        return list(profile.value(key))
    return [k for k in COMMON_KINDS if k not in forbidden(profile, grade)]


def forbidden(profile: Profile, grade: int | None = None) -> list[str]:
    """《义务教育法》第二十七条 (不得开除) binds the compulsory grades; 高中 follows the region's own list."""
    if high_kinds_apply(profile, grade) or not profile.applies("punishment.forbidden"):
        return []
    return list(profile.value("punishment.forbidden"))


def kind_findings(profile: Profile, level: str, grade: int | None = None) -> list[Finding]:
    """A kind the region does not have is refused, naming the article that lists the kinds (or forbids it)."""
    level = level.strip()
    kinds = punishment_kinds(profile, grade)
    if not level:
        return [block("level", "处分种类：请选择处分种类" + paren("本地区：" + "、".join(kinds)))]
    leaving = "开除" in level or "劝退" in level or "退学" in level
    if level in forbidden(profile, grade) or leaving and level not in kinds:
        rule = profile.rule("punishment.forbidden")
        return [Finding("punishment.forbidden", Severity.BLOCK, "level",
                        f"处分种类：不得给予“{level}”{paren(rule.quote or '')}；不能登记", rule.article)]
    if level in kinds:
        return []
    rule = profile.rule(_kinds_rule(profile, grade))
    if rule.applies and rule.value:
        return [Finding("punishment.kinds", Severity.BLOCK, "level",
                        f"处分种类：本地区处分只有{'、'.join(kinds)}{paren(rule.quote or '')}，"
                        f"没有“{level}”，不能登记", rule.article)]
    return [block("level", f"处分种类：“{level}”不是通常的处分种类；请在{'、'.join(kinds)}中选择",
                  silent_texts(profile))]


def probation_findings(profile: Profile, grade: int | None, decided_on: dt.date | None,
                       ends_on: dt.date | None) -> list[Finding]:
    """长治 第四十条: a 高中 pupil's 留校察看 lasts at most a year, so its end is entered and within it."""
    if grade is None or not is_high(grade) or not profile.applies("punishment.high_probation_max"):
        return []
    rule = profile.rule("punishment.high_probation_max")
    if ends_on is None:
        return [Finding(rule.key, Severity.BLOCK, "ends_on", f"期限：请填写留校察看的截止日期（{rule.quote}）",
                        rule.article)]
    if decided_on is not None and ends_on > add_duration(decided_on, rule.value):
        return [Finding(rule.key, Severity.BLOCK, "ends_on",
                        f"期限：留校察看至 {ends_on:%Y-%m-%d}，超过一年（{rule.quote}）", rule.article)]
    return []


def expulsion_findings(profile: Profile, approved_by: str, approved_on: dt.date | None,
                       decided_on: dt.date | None) -> list[Finding]:
    """长治 第四十条: expelling a 高中 pupil needs the city bureau's approval, entered as it was given."""
    rule = profile.rule("punishment.high_expulsion_approver")
    if not rule.applies:
        return []
    found = []
    if len(approved_by.strip()) < 2 or approved_on is None:
        found.append(Finding(rule.key, Severity.BLOCK, "approved_by",
                             f"批准：{rule.quote}；请填写市级教育主管部门的批准人（文号）和批准日期", rule.article))
    elif decided_on is not None and approved_on < decided_on:
        found.append(Finding(rule.key, Severity.BLOCK, "approved_on",
                             f"批准日期：{approved_on:%Y-%m-%d} 早于学校的处分决定日期 {decided_on:%Y-%m-%d}",
                             rule.article))
    return found


def punishment_in_archive(profile: Profile, level: str) -> bool | None:
    """Whether the text puts a punishment of ``level`` in the archive; None where it says nothing."""
    rule = profile.rule("punishment.archive_threshold")
    if not rule.applies:
        return None
    if level not in PUNISHMENT_ORDER or rule.value not in PUNISHMENT_ORDER:
        return False
    return PUNISHMENT_ORDER.index(level) >= PUNISHMENT_ORDER.index(rule.value)


def punishment_archive_note(profile: Profile, level: str) -> Finding:
    rule = profile.rule("punishment.archive_threshold")
    decided = punishment_in_archive(profile, level)
    if decided is None:
        return Finding("punishment.archive_threshold", Severity.INFO, "in_archive",
                       "学籍档案：本地区规定未规定哪些处分记入学籍档案，由学校决定", silent_texts(profile))
    said = f"{rule.value}及以上处分记入学籍档案"
    what = "记入学籍档案" if decided else "不记入学籍档案"
    return Finding("punishment.archive_threshold", Severity.INFO, "level", f"学籍档案：{level}{what}（{said}）",
                   rule.article)


def graduated_keep(profile: Profile, name: str, graduated_on: dt.date | None) -> Finding | None:
    """黑龙江 第三十八条: a punishment still in force at graduation stays in the archive; it is not revoked
    afterwards."""
    if graduated_on is None or not profile.applies("punishment.unrevoked_kept"):
        return None
    rule = profile.rule("punishment.unrevoked_kept")
    return Finding("punishment.unrevoked_kept", Severity.BLOCK, "revoked_on",
                   f"撤销：{name} 已于 {graduated_on:%Y-%m-%d} 毕业（结业），毕业时尚未撤销的处分保留在学籍档案中"
                   f"{paren(rule.quote or '')}，不能再撤销", rule.article)


def removed_on_revoke(profile: Profile) -> bool:
    return profile.applies("punishment.revoked_removed") and bool(profile.value("punishment.revoked_removed"))


def notify_rule(profile: Profile):
    """The rule that the guardians are told (黑龙江 第三十七条), or None where the text is silent."""
    rule = profile.rule("rewards.notify_guardians")
    return rule if rule.applies and rule.value else None


def reward_needs_notice(profile: Profile, level: str) -> bool:
    """黑龙江 第三十七条: “学生受到校级及以上奖励或处分，学校应当及时通知学生及其监护人”."""
    return notify_rule(profile) is not None and level in REWARD_LEVELS \
        and REWARD_LEVELS.index(level) >= REWARD_LEVELS.index(SCHOOL_LEVEL)
