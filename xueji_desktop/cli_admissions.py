"""`xueji admissions …`: 升学 at the middle school — the admissions the bureau's replies brought (list), continuing
each record as 初一 with the same 学籍号 (continue), and, where the primary school does not use this program, the
primary school's 毕业生花名册 read (roster) and a pupil enrolled with the primary 学籍号 kept (enrol)."""

from __future__ import annotations

import json
from pathlib import Path

from .cli_common import EXIT_BLOCKED, EXIT_USAGE, _open, _say, _sign_in, common_options, item_value

_LEVEL = {"block": "禁止", "warn": "提醒", "info": "提示"}


def _class_id(ws, name: str | None) -> int | None:
    from .core.admission.continuation import middle_classes

    if not name:
        return None
    for class_id, class_name, _n, _cap in middle_classes(ws):
        if class_name == name.strip():
            return class_id
    offered = "、".join(c[1] for c in middle_classes(ws)) or "（无）"
    _say(f"--class：“{name}”不是本校起始年级（初一、高一）正在使用的班级；可选：{offered}")
    raise SystemExit(EXIT_USAGE)


def cmd_list(ws, args) -> int:
    from .core.accounts.access_log import Action, record
    from .core.admission.continuation import admissions, own_graduates
    from .core.pupils import codes

    rows = admissions(waiting_only=not args.all)
    print("学籍号\t姓名\t性别\t出生日期\t毕业学校\t毕业班级\t核准日期\t核准人\t状态")
    for a in rows:
        cells = (a.student_number, a.name, a.sex, a.birth_date, a.from_name, a.class_name, a.admitted_on, a.person,
                 a.state)
        print("\t".join(cells))
    own = [s for s in own_graduates(ws) if s.student_number not in {a.student_number for a in rows}]
    for s in own:  # a 完全中学's own 初中 graduates: those the 中考 admits continue as 高一
        cells = (s.student_number, s.name, codes.SEX.label(s.sex) or s.sex, f"{s.birth_date or ''}"[:10],
                 ws.school.name, s.school_class.name if s.school_class_id else "", "", "", "本校初中毕业，录取后接续")
        print("\t".join(cells))
    with ws.db.atomic():
        record(ws, Action.OPEN, "升学录取名单（xueji admissions list）",
               [a.student_number for a in rows] + [s.student_number for s in own])
    rows = rows + own
    if not rows:
        _say("没有待接续的升学录取" if not args.all else "没有收到升学录取")
    return 0


def cmd_continue(ws, args) -> int:
    from .core.admission.continuation import admissions, continue_admission
    from .core.rules.findings import RuleViolation

    numbers = [n.strip().upper() for n in args.numbers]
    if args.all:
        numbers = [a.student_number for a in admissions(waiting_only=True)]
    if not numbers:
        _say("请给出学籍号，或用 --all 接续全部待接续的升学录取")
        return EXIT_USAGE
    class_id = _class_id(ws, args.klass)
    if class_id is None:
        _say("请用 --class 指定编入的班级，如 --class 七年级(1)班")
        return EXIT_USAGE
    _sign_in(ws, args)
    reasons = dict(args.reason or [])
    refused = 0
    for number in numbers:
        try:
            student, _ = continue_admission(ws, number, class_id, reasons)
        except RuleViolation as e:
            refused += 1
            for f in e.findings:
                hint = f"（如有正当理由：--reason {f.rule}=理由）" if f.severity.value == "warn" else ""
                _say(f"未接续 {number}：{f.text}{hint}")
            continue
        print(f"已接续：{student.name}，学籍号 {student.student_number}，{student.school_class.name}")
    return EXIT_BLOCKED if refused else 0


def cmd_cancel(ws, args) -> int:
    """长治 第十二条: a 高一 admission whose pupil did not report nor ask for a delay loses the place."""
    from .core.admission.continuation import cancel_admission

    if not args.no_delay:
        _say("请确认该生也未办理延期入学手续：加 --no-delay（已办理延期的，按延期期限办理，不能取消）")
        return EXIT_BLOCKED
    _sign_in(ws, args)
    cancel_admission(ws, args.number, True)  # a refusal: its findings, exit 2 (cli.main)
    print(f"已取消入学资格：学籍号 {args.number.strip().upper()}")
    return 0


def cmd_roster(ws, args) -> int:
    from .core.accounts.access_log import Action, record
    from .core.admission.continuation import ContinuationError, read_graduate_list
    from .store.models import Student

    try:
        rows = read_graduate_list(args.file)
    except ContinuationError as e:
        _say(str(e))
        return EXIT_USAGE
    here = {n for (n,) in Student.select(Student.student_number)
            .where(Student.student_number.in_([r.student_number for r in rows])).tuples()}
    print("行\t学籍号\t姓名\t身份证件号\t本校")
    for r in rows:
        print(f"{r.row}\t{r.student_number}\t{r.name}\t{r.id_number}\t{'已在本校学籍中' if r.student_number in here else ''}")
    with ws.db.atomic():
        record(ws, Action.OPEN, f"毕业生花名册（{Path(args.file).name}）", [r.student_number for r in rows])
    return 0


def cmd_enrol(ws, args) -> int:
    """A pupil whose primary school does not use this program: the record from PUPIL.json (the import template's
    fields, as `xueji enrol`), the primary 学籍号 kept, route 升学."""
    from .core.admission import enrolment
    from .core.admission.continuation import first_middle_grade
    from .core.national.template import TemplateError, draft_from_row
    from .core.rules.findings import RuleViolation

    try:
        row = json.loads(Path(args.source).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as e:
        _say(f"无法读取 {args.source}：{getattr(e, 'strerror', None) or e}")
        return EXIT_USAGE
    if not isinstance(row, dict):
        _say(f"无法读取 {args.source}：应为一个对象（一行模板数据，{{\"姓名\": …}}）")
        return EXIT_USAGE
    class_id = _class_id(ws, args.klass)
    try:
        draft = draft_from_row(row, lambda grade, number: class_id)
    except TemplateError as e:
        _say(f"{args.source} 有误：{e}")
        return EXIT_USAGE
    draft.new_pupil, draft.grade, draft.continued_number = True, first_middle_grade(ws), args.number.strip().upper()
    if class_id is not None:
        draft.class_id = class_id
    findings = enrolment.check(ws, draft)
    for f in findings:
        print(f"[{_LEVEL[f.severity.value]}] {f.text}")
    if args.check:
        return EXIT_BLOCKED if enrolment.blocks(findings) or enrolment.unexplained(findings, draft.reasons) else 0
    _sign_in(ws, args)
    try:
        student, _ = enrolment.enrol(ws, draft)
    except RuleViolation:
        _say("未写入：存在禁止项或未说明理由的提醒")
        return EXIT_BLOCKED
    print(f"已升学接续：{student.name}，学籍号 {student.student_number}，{student.school_class.name}")
    return 0


def cmd_next_school(ws, args) -> int:
    """`xueji graduates next-school`: the primary school names the middle school of a class or of pupils."""
    from .core.school_year.next_school import NextSchoolError, set_next_school

    _sign_in(ws, args)
    try:
        changed, _ = set_next_school(ws, args.code, args.name, class_name=args.klass,
                                     student_numbers=args.student or [])
    except NextSchoolError as e:
        for line in e.problems:
            _say(line)
        _say("未登记升入学校。")
        return EXIT_BLOCKED
    print(f"已登记升入学校 {args.name.strip()}（{args.code.strip()}）：{changed} 人" + ("（其余已是该校）" if not changed else ""))
    return 0


COMMANDS = {"list": cmd_list, "continue": cmd_continue, "roster": cmd_roster, "enrol": cmd_enrol, "cancel": cmd_cancel}


def cmd_admissions(args) -> int:
    ws = _open(args)
    try:
        return COMMANDS[args.admissions_command](ws, args)
    finally:
        ws.close()


def add_parsers(sub, add) -> None:
    p = add("admissions", "升学（初一、高一新生）：教育局核准的升学录取和本校初中毕业生，接续原学籍（同一学籍号）；"
            "原学校未使用本程序时读入其毕业生花名册、录入学籍号接续；取消未报到的高一新生的入学资格", cmd_admissions)
    asub = p.add_subparsers(dest="admissions_command", metavar="子命令")
    asub.required = True
    c = asub.add_parser("list", help="列出回执中收到的升学录取（TSV；默认只列待接续的）")
    c.add_argument("--all", action="store_true", help="也列出已接续的")
    common_options(c)
    c = asub.add_parser("continue", help="接续升学录取学生的学籍：编入初一的班级，学籍号不变")
    c.add_argument("numbers", nargs="*", metavar="学籍号")
    c.add_argument("--all", action="store_true", help="接续全部待接续的升学录取")
    c.add_argument("--class", dest="klass", metavar="班级", help="编入的班级，如 七年级(1)班")
    c.add_argument("--reason", action="append", type=item_value, metavar="规则=理由", help="对提醒项（如超过标准班额）说明理由")
    common_options(c)
    c = asub.add_parser("cancel", help="取消入学资格：高一新生开学后逾期未报到、又未办理延期手续（长治 第十二条）")
    c.add_argument("number", metavar="学籍号")
    c.add_argument("--no-delay", action="store_true", help="确认该生也未办理延期入学手续")
    common_options(c)
    c = asub.add_parser("roster", help="读入小学的毕业生花名册（Excel，含“学籍号”“姓名”“身份证件号”列），逐行列出")
    c.add_argument("file", metavar="FILE.xlsx")
    common_options(c)
    c = asub.add_parser("enrol", help="小学未使用本程序：按 PUPIL.json 注册为初一新生，保留小学的学籍号（升学）")
    c.add_argument("--number", required=True, metavar="学籍号", help="小学的学籍号（终身不变）")
    c.add_argument("--from", dest="source", required=True, metavar="PUPIL.json")
    c.add_argument("--class", dest="klass", metavar="班级", help="编入的班级，如 七年级(1)班（默认取 PUPIL.json 的班级号）")
    c.add_argument("--check", action="store_true", help="只检查，不写入")
    common_options(c)
