"""Which certificates of study the school's region provides, under which title, sealed by whom, and for which
pupils: read from the profile (``certificates.*``, ``forms.certificate_substitute``, ``forms.learning_record``,
``forms.registers``), never from the region's name.

* 学历证明 (kind ``education``): ``certificates.substitute`` — 营口 四(三)3 学历证明书 (school's seal, then the
  bureau's), 黑龙江 第三十二条 学历证明 (on a written application, the school verifies and issues), 长治 第三十八条
  学历证明 (附件12, the bureau's 验印; ``certificates.substitute_limit``: 原则上只能办理一次). For a pupil who
  graduated here whose diploma is lost (``certificates.lost_reissue`` false: never reissued) or, where the text
  says so (``certificates.damaged_replacement``, 黑龙江), damaged.
* 学习经历证明 (kind ``learning_record``): ``certificates.learning_record`` — 黑龙江 第三十一条, for a pupil who did
  not complete the compulsory years or left the school.
* Where the region's text is silent (``applies = false``) the certificate is not offered, and the reason says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..pupils.status import Status
from ..rules.findings import Finding, Severity, paren


class CertKind(str, Enum):
    EDUCATION = "education"  # 学历证明（书）
    LEARNING_RECORD = "learning_record"  # 学习经历证明

    @property
    def prefix(self) -> str:
        """The number's letters: XLZM-2027-0001, XXJL-2027-0001."""
        return {"education": "XLZM", "learning_record": "XXJL"}[self.value]

    @property
    def rule_key(self) -> str:
        return {"education": "certificates.substitute", "learning_record": "certificates.learning_record"}[self.value]

    @property
    def form_key(self) -> str:
        return {"education": "forms.certificate_substitute", "learning_record": "forms.learning_record"}[self.value]

    @property
    def generic_title(self) -> str:
        return {"education": "学历证明", "learning_record": "学习经历证明"}[self.value]


class Ground(str, Enum):
    """Why a 学历证明 is asked for: the diploma lost or damaged."""

    LOST = "lost"
    DAMAGED = "damaged"

    @property
    def label(self) -> str:
        return {"lost": "毕业证书遗失", "damaged": "毕业证书损坏"}[self.value]

    @property
    def rule_key(self) -> str:
        return {"lost": "certificates.lost_reissue", "damaged": "certificates.damaged_replacement"}[self.value]


# The statuses a 学习经历证明 is for: the pupil left the school (or stopped coming) before completing the compulsory
# years (《黑龙江省实施细则》第三十一条 "未接受完整规定年限的义务教育，或因特殊原因离开就读学校的学生").
LEFT_EARLY = (Status.TRANSFERRED_OUT, Status.WITHDRAWN, Status.LEFT_OTHER, Status.ABROAD, Status.DROPPED_OUT,
              Status.COMPLETED)
# The registers of stubs a region's school archive names (forms.registers ids), by what they list.
STUB_REGISTERS = {"cz_certificate_stub": "education", "cz_completion_stub": "completion"}


@dataclass(frozen=True)
class Offer:
    """One kind of certificate as the region provides it (or does not)."""

    kind: CertKind
    provided: bool
    title: str  # 学历证明书 / 学历证明 / 学习经历证明
    annex: str  # 附件12, or ""
    article: str
    quote: str
    note: str  # the profile's note on the form (its layout, who seals)
    sealed_by: tuple[str, ...]  # school, bureau
    grounds: tuple[Ground, ...]  # education: the grounds the text names
    limit: int | None  # education: in principle at most this many (a warning beyond)
    limit_article: str
    limit_quote: str
    silent_note: str  # where not provided: the profile's note, said to the registrar

    @property
    def source(self) -> str:
        return f"{self.article}{self.annex}" if self.annex and self.annex not in self.article else self.article

    @property
    def bureau_seals(self) -> bool:
        return "bureau" in self.sealed_by

    def refusal(self) -> Finding:
        """Why this certificate is not offered in the region."""
        said = (self.silent_note or "本地区规定未作要求").rstrip("。")
        return Finding(f"{self.kind.rule_key}.not_provided", Severity.BLOCK, None,
                       f"{said}：本程序只出具本地区规定的证明，不出具{self.kind.generic_title}")


def _form(profile, key: str) -> dict:
    rule = profile.rule(key)
    if not rule.applies or not rule.value:
        return {}
    first = rule.value[0]
    return first if isinstance(first, dict) else {}


def offer(profile, kind: CertKind) -> Offer:
    rule = profile.rule(kind.rule_key)
    provided = bool(rule.applies and rule.value)
    form = _form(profile, kind.form_key)
    value = rule.value if isinstance(rule.value, dict) else {}
    title = form.get("title") or value.get("title") or kind.generic_title
    grounds: tuple[Ground, ...] = ()
    limit, limit_article, limit_quote = None, "", ""
    if kind is CertKind.EDUCATION:
        grounds = tuple(g for g in Ground if profile.rule(g.rule_key).applies)
        if provided and not grounds:  # the substitute is the lost diploma's
            grounds = (Ground.LOST,)
        cap = profile.rule("certificates.substitute_limit")
        if cap.applies and isinstance(cap.value, int):
            limit, limit_article, limit_quote = cap.value, cap.article, cap.quote or ""
    sealed = tuple(value.get("sealed_by") or ["school"])
    return Offer(kind, provided, title, form.get("annex", ""), rule.article, rule.quote or "",
                 form.get("note", ""), sealed, grounds, limit, limit_article, limit_quote,
                 "" if provided else (rule.note or ""))


def offers(profile) -> list[Offer]:
    return [offer(profile, k) for k in CertKind]


@dataclass(frozen=True)
class StubRegister:
    """A register of stubs the school keeps: of a certificate kind issued here, or the 结业证书存根 (长治 附件11)."""

    what: str  # education | learning_record | completion
    title: str
    annex: str
    article: str
    note: str

    @property
    def source(self) -> str:
        return f"{self.article} {self.annex}".strip()


def stub_registers(profile) -> list[StubRegister]:
    """The stub registers the school can print: each certificate kind the region provides (titled after the
    region's list where its school archive names it, as 长治 第六条（八） names 学历证明存根), and the 结业证书存根
    only where the region's list names it (长治 第六条（七）, 附件11)."""
    named: dict[str, StubRegister] = {}
    rule = profile.rule("forms.registers")
    if rule.applies:
        for item in rule.value:
            if isinstance(item, dict) and item.get("id") in STUB_REGISTERS:
                what = STUB_REGISTERS[item["id"]]
                named[what] = StubRegister(what, item.get("title", ""), item.get("annex", ""), rule.article,
                                           item.get("note", ""))
    out = []
    for o in offers(profile):
        if o.provided:
            out.append(named.get(o.kind.value) or StubRegister(o.kind.value, f"{o.title}存根", o.annex, o.article, ""))
    if "completion" in named:
        out.append(named["completion"])
    return out


def stub_register(profile, what: str) -> StubRegister | None:
    return next((s for s in stub_registers(profile) if s.what == what), None)


def lost_note(profile) -> str:
    """The words the program shows where a lost diploma is asked about: never reissued, with the article."""
    rule = profile.rule("certificates.lost_reissue")
    if not rule.applies:
        return ""
    o = offer(profile, CertKind.EDUCATION)
    damaged = profile.rule(Ground.DAMAGED.rule_key)
    if damaged.applies and damaged.article == rule.article:
        said = f"毕业证书损坏不予换发、遗失不予补发{paren(rule.article)}"
    elif damaged.applies:
        said = f"毕业证书损坏不予换发{paren(damaged.article)}、遗失不予补发{paren(rule.article)}"
    else:
        said = f"毕业证书遗失不予补发{paren(rule.article)}"
    return f"{said}：由毕业学校出具{o.title}，不补发、不换发毕业证书。"
