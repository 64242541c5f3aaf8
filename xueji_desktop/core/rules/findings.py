"""What a rule says about a draft: a block or a warning, beside a field, citing an article."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum


class Severity(str, Enum):
    BLOCK = "block"  # 不得/严禁/不允许/不予: no override
    WARN = "warn"  # 原则上/一般: goes on only with a recorded reason
    INFO = "info"  # shown, asks for nothing (e.g. a deadline)


@dataclass(frozen=True)
class Finding:
    rule: str  # stable rule id, e.g. "enrolment.min_age"
    severity: Severity
    field: str | None  # the field it concerns (core.pupils.fields key), None for the whole record
    message: str  # Chinese, names the field and the rule
    article: str = ""  # 《黑龙江省实施细则》第二十条
    ref: str | None = None  # a record the finding points to (e.g. the 学籍号 of a duplicate)

    @property
    def text(self) -> str:
        return cite(self.message, self.article)


_ROUND = "（）()"


def paren(content: str) -> str:
    """``content`` in brackets, never a round bracket inside a round one (“第十三条（二））”): content
    that holds round brackets goes in 〔〕, as GB/T 15834 nests them; empty content gives nothing."""
    content = (content or "").strip()
    if not content:
        return ""
    return f"〔{content}〕" if any(c in content for c in _ROUND) else f"（{content}）"


def cite(message: str, article: str) -> str:
    """A message followed by the article it rests on: 请确认：受处分期间（《长治市实施细则》第二十条）."""
    return f"{message}{paren(article)}"


class RuleViolation(Exception):
    """Raised by a service when blocks remain or warnings lack a reason; nothing was written."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(f.text for f in findings))


def resting_on(findings: list[Finding], article: str) -> list[Finding]:
    """A procedure's own blocks (a date, a missing paper, the order of approvals) cite the article of
    the procedure they belong to when they have none of their own."""
    return [replace(f, article=article) if f.severity is Severity.BLOCK and not f.article else f
            for f in findings]


def blocks(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.BLOCK]


def warnings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.WARN]
