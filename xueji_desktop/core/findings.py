"""What a rule says about a draft: a block or a warning, beside a field, citing an article."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    BLOCK = "block"  # 不得/严禁/不允许/不予: no override
    WARN = "warn"  # 原则上/一般: goes on only with a recorded reason
    INFO = "info"  # shown, asks for nothing (e.g. a deadline)


@dataclass(frozen=True)
class Finding:
    rule: str  # stable rule id, e.g. "enrolment.min_age"
    severity: Severity
    field: str | None  # the field it concerns (core.fields key), None for the whole record
    message: str  # Chinese, names the field and the rule
    article: str = ""  # 《黑龙江省实施细则》第二十条
    ref: str | None = None  # a record the finding points to (e.g. the 学籍号 of a duplicate)

    @property
    def text(self) -> str:
        return f"{self.message}（{self.article}）" if self.article else self.message


class RuleViolation(Exception):
    """Raised by a service when blocks remain or warnings lack a reason; nothing was written."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(f.text for f in findings))


def blocks(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.BLOCK]


def warnings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.WARN]
