"""`xueji certificate issue|list|print|stubs`: certificates of study (学历证明, 学习经历证明) as the school's region
provides them, through the same domain functions as the window (core.certificates). Issuing writes the
certificate, its event and its 查询登记 row and prints the PDF with its stub, all or nothing."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .cli_common import EXIT_BLOCKED, _open, _say, _sign_in, common_options, item_value

KIND_WORDS = {"education": "education", "学历证明": "education", "学历证明书": "education",
              "learning_record": "learning_record", "学习经历证明": "learning_record"}
GROUND_WORDS = {"lost": "lost", "遗失": "lost", "damaged": "damaged", "损坏": "damaged"}
STUB_WORDS = {**KIND_WORDS, "completion": "completion", "结业证书存根": "completion", "结业": "completion"}


def _choice(words: dict[str, str], what: str):
    def parse(text: str) -> str:
        key = text.strip()
        if key in words:
            return words[key]
        raise argparse.ArgumentTypeError(f"“{text}” 不是{what}，可用：{'、'.join(words)}")
    return parse


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” 不是日期，请写作 YYYY-MM-DD，如 2026-11-03") from None


def _year(text: str) -> int:
    if text.strip().isdigit() and len(text.strip()) == 4:
        return int(text.strip())
    raise argparse.ArgumentTypeError(f"“{text}” 不是年份，请写四位数字，如 2026")


def _pupil(ws, number: str):
    from .core.pupils import pupil_reads

    row = pupil_reads.known_pupil(student_number=number.strip())
    if row is None:
        _say(f"找不到学籍号为 {number.strip()} 的学生")
        raise SystemExit(1)
    if not ws.may_read_pupil(row.school_class_id):
        _say(f"您的账号只能查看本人所带班级的学生：{number.strip()} 不在其中")
        raise SystemExit(EXIT_BLOCKED)
    return row


def cmd_issue(args) -> int:
    from .core.certificates import issuing
    from .core.certificates.offers import CertKind, Ground, lost_note, offer
    from .core.rules.findings import RuleViolation, Severity, blocks

    ws = _open(args)
    pupil = _pupil(ws, args.pupil)
    kind = CertKind(args.kind)
    o = offer(ws.profile, kind)
    req = issuing.Request(pupil.id, kind, applicant=args.applicant or "", note=args.note or "",
                          ground=Ground(args.ground) if args.ground else None, applied_on=args.applied_on,
                          reasons=dict(args.reason or []))
    if kind is CertKind.EDUCATION and o.provided and lost_note(ws.profile):
        print(f"[提示] {lost_note(ws.profile)}")
    findings = issuing.check(ws, req)
    names = {Severity.BLOCK: "禁止", Severity.WARN: "提醒", Severity.INFO: "提示"}
    for f in findings:
        note = ""
        if f.severity is Severity.WARN:
            given = req.reasons.get(f.rule)
            note = f"（理由：{given}）" if given else f"（如有正当理由，请加 --reason {f.rule}=理由）"
        print(f"[{names[f.severity]}] {f.text}{note}")
    if blocks(findings) or issuing.unexplained(findings, req.reasons):
        _say("未出具：存在禁止项或未说明理由的提醒。未写入任何内容。")
        return EXIT_BLOCKED
    out = Path(args.out) if args.out else Path(f"{o.title}-{pupil.name}-{pupil.student_number}.pdf")
    _sign_in(ws, args)
    try:
        issued = issuing.issue(ws, req, out)
    except RuleViolation as e:
        _say("未出具，请先处理以下问题：\n" + "\n".join(f"• {f.text}" for f in e.findings))
        return EXIT_BLOCKED
    except issuing.CertificateError as e:
        _say(f"未出具：{e.message}")
        return EXIT_BLOCKED
    except OSError as e:
        _say(f"未出具：无法写入文件“{out}”（{e.strerror or e}）。未写入任何内容。")
        return EXIT_BLOCKED
    print(f"已出具{issued.title}：{pupil.name}（{pupil.student_number}），编号 {issued.number}")
    print(f"已生成：{issued.pdf}（上联交申请人，下联存根由学校留存）")
    return 0


def cmd_list(args) -> int:
    from .core.accounts.access_log import Action, record
    from .core.certificates import issuing
    from .core.certificates.offers import CertKind

    ws = _open(args)
    student_id = _pupil(ws, args.pupil).id if args.pupil else None
    rows = issuing.certificates(student_id=student_id, kind=CertKind(args.kind) if args.kind else None,
                                year=args.year, visible=ws.visible_classes())
    record(ws, Action.OPEN, "证明存根（xueji certificate list）", [r.student_id for r in rows])
    out = sys.stdout
    out.write("编号\t证明\t学籍号\t姓名\t出具日期\t申请人\t出具原因\t经办人\n")
    for r in rows:
        out.write(f"{r.number}\t{r.title}\t{r.student_number}\t{r.name}\t{r.issued_on:%Y-%m-%d}\t{r.applicant}\t"
                  f"{r.reason}\t{r.issued_by}\n")
    _say(f"共 {len(rows)} 份")
    return 0


def cmd_print(args) -> int:
    from .core.certificates import issuing

    ws = _open(args)
    out = Path(args.out) if args.out else Path(f"{args.number.strip().upper()}.pdf")
    try:
        printed = issuing.print_certificate(ws, args.number, out)
    except issuing.CertificateError as e:
        _say(f"未生成：{e.message}")
        return EXIT_BLOCKED
    except OSError as e:
        _say(f"未生成：无法写入文件“{out}”（{e.strerror or e}）")
        return EXIT_BLOCKED
    print(f"已生成：{printed}（按出具时的内容重新打印，含存根）")
    return 0


def cmd_stubs(args) -> int:
    from .cli_access_log import purpose_question
    from .core.certificates import stubs

    ws = _open(args)
    try:
        out = stubs.print_stubs(ws, args.what, args.out, year=args.year, purpose=purpose_question(ws, args))
    except stubs.RegisterError as e:
        _say(f"未生成：{e}")
        return EXIT_BLOCKED
    print(f"已生成：{out}")
    return 0


COMMANDS = {"issue": cmd_issue, "list": cmd_list, "print": cmd_print, "stubs": cmd_stubs}


def cmd_certificate(args) -> int:
    command = getattr(args, "certificate_command", None)
    if not command:
        _say("请给出操作：issue（出具）、list（列出）、print（重新打印）、stubs（打印存根）；见 xueji certificate -h")
        return EXIT_BLOCKED
    return COMMANDS[command](args)


def add_parsers(sub, add) -> None:
    """Adds `certificate` to the top-level subparsers (`add` as in cli.build_parser)."""
    from .cli_access_log import add_purpose_option

    p = add("certificate", "学历证明、学习经历证明：出具（含存根）、列出、重新打印；打印存根登记（含结业证书存根）", cmd_certificate)
    csub = p.add_subparsers(dest="certificate_command", metavar="操作")
    a = csub.add_parser("issue", help="按学籍记录出具证明并打印（PDF，含存根）：编号、变更记录、查询登记一并写入")
    common_options(a)
    a.add_argument("--pupil", required=True, metavar="学籍号")
    a.add_argument("--kind", required=True, type=_choice(KIND_WORDS, "证明种类"),
                   help="education 学历证明（毕业证书遗失或损坏）；learning_record 学习经历证明（未完成义务教育或离校）")
    a.add_argument("--applicant", metavar="姓名", help="申请人（学生本人或监护人）")
    a.add_argument("--ground", type=_choice(GROUND_WORDS, "出具原因"), help="学历证明的原因：lost 遗失、damaged 损坏")
    a.add_argument("--applied-on", type=_day, metavar="YYYY-MM-DD", help="书面申请的日期（默认今天）")
    a.add_argument("--note", metavar="说明", help="学校的说明（如申请用途、核实的材料），印在证明注中")
    a.add_argument("--reason", action="append", type=item_value, metavar="规则=理由",
                   help="提醒的理由，如 --reason certificates.substitute_limit=…（可多次使用）")
    a.add_argument("--out", metavar="FILE.pdf", help="输出文件（默认：当前文件夹，以证明名称、姓名、学籍号命名）")
    a = csub.add_parser("list", help="以 TSV 列出已出具的证明（存根）")
    common_options(a)
    a.add_argument("--pupil", metavar="学籍号")
    a.add_argument("--kind", type=_choice(KIND_WORDS, "证明种类"))
    a.add_argument("--year", type=_year, metavar="YYYY", help="出具年份")
    a = csub.add_parser("print", help="按编号重新打印已出具的证明（与出具时内容相同，含存根）")
    common_options(a)
    a.add_argument("number", metavar="编号", help="如 XLZM-2027-0001")
    a.add_argument("--out", metavar="FILE.pdf")
    a = csub.add_parser("stubs", help="打印存根登记：education 学历证明存根、learning_record 学习经历证明存根、"
                        "completion 结业证书存根（本地区规定列出的）")
    common_options(a)
    a.add_argument("what", metavar="存根", type=_choice(STUB_WORDS, "存根"))
    a.add_argument("--year", type=_year, metavar="YYYY", help="证明：出具年份（默认全部）；结业证书存根：结业的学年（必填，如 2026 即 2026—2027学年）")
    a.add_argument("--out", metavar="FILE.pdf|FILE.xlsx", help="输出文件，按扩展名生成 PDF 或 Excel")
    add_purpose_option(a)
