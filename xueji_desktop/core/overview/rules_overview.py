"""The "which rules apply here" page, generated from the school's profile (never written by hand)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..dates.calendar import describe_duration
from ..region_profiles.profiles import Profile, Rule

SECTION_TITLES = {
    "scope": "适用范围",
    "enrolment": "入学与建立学籍", "ethnic_stream": "一类模式", "student_number": "学籍号", "class_size": "班额",
    "info_change": "信息变更", "duplicate": "重复学籍", "archive": "学籍档案", "transfer": "转学",
    "suspension": "休学", "resumption": "复学", "repetition": "留级", "skip_grade": "跳级", "dropout": "控辍保学",
    "death": "死亡", "missing": "失踪与羁押", "abroad": "出国（出境）", "withdrawal": "退学",
    "borrowed_study": "借读", "year_cycle": "学年安排", "certificates": "证书与证明", "rewards": "奖励",
    "punishment": "处分", "appeal": "申诉", "evaluation": "评价", "confidentiality": "保密",
    "registrar": "学籍管理员", "accountability": "责任追究", "workflows": "本地区办理的业务",
    "forms": "表格", "contradictions": "条文矛盾之处的处理",
}
FORCE_LABELS = {"block": "禁止", "warn": "原则上（须说明理由）", "info": "提示", None: ""}


@dataclass(frozen=True)
class OverviewRow:
    key: str
    says: str  # the original wording, else the note
    value: str
    force: str
    article: str
    note: str


def _value(value) -> str:
    """A value as a registrar reads it; internal ids (lower-case words) are left to the wording."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        if {"start", "end"} <= value.keys():
            return f"{_value(value['start'])}至{_value(value['end'])}"
        for key in ("label", "title", "name"):
            if key in value:
                return _value(value[key])
        return "，".join(text for v in value.values() if (text := _value(v)))
    if isinstance(value, list):
        return "；".join(text for v in value if (text := _value(v)))
    text = str(value)
    if re.fullmatch(r"P(\d+M)?(\d+D)?", text) and text != "P":
        return describe_duration(text)
    if re.fullmatch(r"\d\d-\d\d", text):
        month, day = text.split("-")
        return f"{int(month)}月{int(day)}日"
    if re.fullmatch(r"[a-z_]+", text):
        return ""
    return text


def _row(rule: Rule) -> OverviewRow:
    return OverviewRow(rule.key, rule.quote or rule.note or "", _value(rule.value),
                       FORCE_LABELS.get(rule.force, ""), rule.article, rule.note or "")


def overview(profile: Profile) -> list[tuple[str, list[OverviewRow]]]:
    """Sections in the order of the profile, each with its rules."""
    sections: dict[str, list[OverviewRow]] = {}
    for rule in profile.rules():
        if not rule.applies:  # a rule belongs only where the region's text states it
            continue
        row = _row(rule)
        if rule.key.startswith("dropout."):  # a threshold: how long, and how it is counted in school time
            from ..dropout_control.dropout import describe

            row = replace(row, value=describe(profile, rule.key) or row.value)
        sections.setdefault(rule.key.split(".")[0], []).append(row)
    return [(SECTION_TITLES.get(name, name), rows) for name, rows in sections.items()]
