"""The registers of stubs the school keeps, reprinted from the database (PDF or Excel, 查询登记 with a purpose
when they list more than one pupil):

* the stubs of the certificates issued here, one kind, all years or one year of issue (长治 第六条（八）
  学历证明存根, 附件12; elsewhere titled after the certificate: 学历证明书存根, 学习经历证明存根);
* the 结业证书存根 (长治 第六条（七）, 第三十七条, 附件11): the pupils whose outcome at the year end was 结业
  (``Graduate.outcome == "completed"``), for one school year — offered only where the region's list names it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ...store.models import Graduate, Student
from ..accounts.access_log import PurposeSource
from ..forms.model import Column
from ..forms.registers_common import Register, RegisterError, Section, numbered
from ..forms.registers_print import save_register
from ..pupils.records import record_view
from ..pupils.status import Status
from .issuing import certificates
from .offers import CertKind, StubRegister, stub_register, stub_registers

__all__ = ["RegisterError", "build_stubs", "completed_years", "print_stubs"]

CERT_COLUMNS = [Column("序号", 0.45), Column("编号", 1.35), Column("姓名", 0.8), Column("性别", 0.45),
                Column("学籍号", 1.6), Column("身份证件号", 1.6), Column("入学\n时间", 0.85), Column("{end}", 0.85),
                Column("{last}", 1.3), Column("出具原因", 1.0), Column("申请人", 0.75), Column("出具日期", 0.95),
                Column("经办人", 0.7), Column("领取人签字", 0.9)]
COMPLETION_COLUMNS = [Column("序号", 0.45), Column("结业证书编号", 1.4), Column("姓名", 0.8), Column("性别", 0.45),
                      Column("出生日期", 0.95), Column("身份证件号", 1.6), Column("学籍号", 1.6), Column("班级", 1.1),
                      Column("入学年月", 0.85), Column("结业日期", 0.95), Column("领取人签字", 0.9)]


def _header(school, line: str, today: dt.date) -> list[tuple[str, ...]]:
    return [(f"学校名称：{school.name}", f"学校标识码：{school.code}"),
            (line, f"打印日期：{today.year}年{today.month}月{today.day}日")]


def _find(profile, what: str) -> StubRegister:
    found = stub_register(profile, what)
    if found is None:
        offered = "、".join(f"{s.what}（{s.title}）" for s in stub_registers(profile)) or "无"
        names = {"education": "学历证明存根", "learning_record": "学习经历证明存根", "completion": "结业证书存根"}
        raise RegisterError(f"本校所在地区的规定（{profile.document}）未列出“{names.get(what, what)}”，不能打印；"
                            f"本地区可打印的存根：{offered}")
    return found


def _notes(spec: StubRegister, extra: str = "") -> list[str]:
    out = [f"依据{spec.source}。存根由学校留存，永久保存；规定未给出表式，本表式按本软件其他名册的样式设计。"]
    if spec.note:
        out.append(spec.note)
    if extra:
        out.append(extra)
    return out


def completed_years() -> list[int]:
    """The school years with pupils who completed (结业), latest first."""
    return [y for (y,) in Graduate.select(Graduate.school_year).where(Graduate.outcome == Status.COMPLETED.value)
            .distinct().order_by(Graduate.school_year.desc()).tuples()]


def build_stubs(ws, what: str, year: int | None = None, today: dt.date | None = None) -> Register:
    """The register of stubs as data: ``what`` is education, learning_record or completion; ``year`` the year of
    issue (certificates; all years without it) or the school year that ended (completion: required)."""
    today = today or ws.today()
    spec = _find(ws.profile, what)
    school = ws.school
    if what == "completion":
        if year is None:
            years = "、".join(str(y) for y in completed_years()) or "尚无"
            raise RegisterError(f"请给出学年（结业的学年，如 2026 表示 2026—2027学年）；有结业学生的学年：{years}")
        rows = []
        query = (Graduate.select(Graduate, Student).join(Student)
                 .where((Graduate.outcome == Status.COMPLETED.value) & (Graduate.school_year == year))
                 .order_by(Graduate.class_name, Student.student_number))
        for g in query:
            s = g.student
            view = record_view(s)
            rows.append([g.certificate_no, s.name, view.get("性别", ""), view.get("出生日期", ""), s.id_number or "",
                         s.student_number, g.class_name, view.get("入学年月", ""), f"{g.left_on:%Y-%m-%d}", ""])
        return Register(spec.title, _header(school, f"学年：{year}—{year + 1}学年　结业 {len(rows)} 人", today),
                        list(COMPLETION_COLUMNS), [Section("", numbered(rows))],
                        notes=_notes(spec, "结业证书编号按主管教育行政部门核准的编号填写；空白的待编号后补填。"))
    kind = CertKind(what)
    rows = []
    for c in certificates(kind=kind, year=year, visible=ws.visible_classes()):
        f = c.data.get("facts", {})
        last = f.get("毕业（结业）证书编号", "") if kind is CertKind.EDUCATION else f.get("学籍状态", "")
        rows.append([c.number, c.name, f.get("性别", ""), c.student_number, f.get("身份证件号", ""), f.get("入学年月", ""),
                     f.get("离校年月", ""), last, c.reason or c.data.get("ground_label", ""), c.applicant,
                     f"{c.issued_on:%Y-%m-%d}", c.issued_by, ""])
    columns = [Column(col.header.format(end="毕业\n时间" if kind is CertKind.EDUCATION else "离校\n时间",
                                        last="毕业证书编号" if kind is CertKind.EDUCATION else "离校原因"),
                      col.width, col.align) for col in CERT_COLUMNS]
    line = f"出具年份：{year}年" if year else "出具年份：全部"
    return Register(spec.title, _header(school, f"{line}　共 {len(rows)} 份", today), columns,
                    [Section("", numbered(rows))], notes=_notes(spec))


def default_name(reg: Register, year: int | None, suffix: str = ".pdf") -> str:
    return f"{reg.title}（{year}）{suffix}" if year else f"{reg.title}{suffix}"


def print_stubs(ws, what: str, out: str | Path | None = None, year: int | None = None,
                purpose: PurposeSource = "") -> Path:
    """Builds and writes the register (PDF or .xlsx by the suffix), logged (查询登记) in the same transaction."""
    reg = build_stubs(ws, what, year)
    return save_register(ws, reg, Path(out) if out else Path(default_name(reg, year)), purpose)
