"""Which register a region keeps under which title, read from the profile (``forms.registers``), never from
the code: kept apart from the drawing and writing (registers_common, with the form engine and reportlab) so
that the window's menus can list the registers without importing them."""

from __future__ import annotations

from dataclasses import dataclass

# A roster's sections are named by region-neutral ids; each region's profile lists the registers it keeps
# (forms.registers: id, title, annex, note). These are the ids this module prints, by what they list.
REGISTER_KINDS = {
    "new_pupil_roster": "new-pupils", "cz_admission_roster": "new-pupils",
    "yk_change_register": "changes", "cz_change_register": "changes",
    "class_roster": "classes", "graduate_roster": "graduates",
}
KIND_NAMES = {"new-pupils": "新生花名册", "changes": "学生增减情况登记表", "classes": "在校生分班名册",
              "graduates": "毕业生花名册"}


class RegisterError(Exception):
    """A register that cannot be printed as asked (not one of the region's, a bad period, an unknown
    output type); the message says why, in Chinese. Nothing is written."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class RegisterSpec:
    id: str
    kind: str  # new-pupils | changes | classes | graduates
    title: str  # as the profile gives it; {入学年级} is the school's entry grades (一年级、初一)
    annex: str
    note: str
    article: str


def region_registers(profile) -> list[RegisterSpec]:
    """The registers of the region this module prints, in the profile's order."""
    rule = profile.rule("forms.registers")
    if not rule.applies:
        return []
    return [RegisterSpec(item["id"], REGISTER_KINDS[item["id"]], item.get("title", ""), item.get("annex", ""),
                         item.get("note", ""), rule.article)
            for item in rule.value if isinstance(item, dict) and item.get("id") in REGISTER_KINDS]


def find_register(profile, wanted: str) -> RegisterSpec:
    """The region's register by its form id (cz_change_register) or by what it lists (new-pupils, changes,
    classes); RegisterError naming what the region has otherwise."""
    mine = region_registers(profile)
    for spec in mine:
        if wanted in (spec.id, spec.kind):
            return spec
    offered = "、".join(f"{s.kind}（{s.id}，{s.title}）" for s in mine) or "无"
    what = KIND_NAMES.get(wanted) or wanted
    raise RegisterError(f"本校所在地区的规定（{profile.document}）未列出“{what}”，不能按本地区表式打印；"
                        f"本地区可打印的名册：{offered}")
