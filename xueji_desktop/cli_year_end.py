"""`xueji year-end`: the school year's turn (学年结转) — checks, the preview, and the run after a backup; and
`xueji graduates`: the graduates by year, their certificate numbers (entered or imported from Excel)."""

from __future__ import annotations

import sys

from .cli_common import EXIT_BLOCKED, EXIT_USAGE, _open, _say, _sign_in, common_options, item_value

_LEVEL = {"block": "禁止", "warn": "提醒", "info": "提示"}


def _show_plan(p) -> None:
    print(f"学年结转：{p.label} → {p.next_label}（{p.today:%Y-%m-%d}）")
    for f in p.findings:
        print(f"[{_LEVEL[f.severity.value]}] {f.text}" + (f"（理由键：{f.rule}）" if f.severity.value == "warn" else ""))
    print("年级\t人数\t结转后")
    for grade, n, to in p.by_grade():
        from .core.school.school import grade_name

        print(f"{grade_name(grade)}\t{n}\t{grade_name(to) if to else '毕业离校'}")
    completed = [x for x in p.graduating if p.outcome_of(x.id).value == "completed"]
    print(f"升级 {len(p.moving)} 人；毕业 {len(p.graduating) - p.completed} 人；结业 {p.completed} 人；"
          f"暂不毕业 {len(p.held)} 人；保留原年级（休学、辍学等）{len(p.staying)} 人；新学年已入学 {len(p.new_year)} 人")
    for h in p.held:
        print(f"暂不毕业\t{h.pupil.who}\t{h.why}")
    for x in completed:
        print(f"结业\t{x.who}")
    for m in p.classes:
        print(f"班级\t{m.old_name}\t→ {m.new_name if m.grade_to else '随毕业生撤销（保留于毕业生记录）'}")
    for grade, count in sorted(p.new_classes.items()):
        from .core.school.school import grade_name

        print(f"新建班级\t{grade_name(grade)} {count} 个")


def cmd_year_end(args) -> int:
    from .core.rules.findings import RuleViolation
    from .core.school_year.year_end import Outcome, YearEndError, plan
    from .core.school_year.year_end_run import turn_year
    from .store.models import Student

    ws = _open(args)
    outcomes, reasons = {}, dict(args.reason or [])
    for number, why in args.completed or []:
        s = Student.get_or_none(Student.student_number == number.strip())
        if s is None:
            _say(f"--completed：学籍号 {number} 不是本校学生")
            return EXIT_USAGE
        if not why.strip():
            _say(f"--completed：学籍号 {number} 标为结业须写明理由，如 --completed {number}=综合考核不合格")
            return EXIT_USAGE
        outcomes[s.id] = Outcome.COMPLETED
        reasons[f"completed:{s.id}"] = why
    try:
        p = plan(ws, outcomes)
    except YearEndError as e:
        _say(f"未结转：{e}")
        return EXIT_BLOCKED
    _show_plan(p)
    if args.dry_run:
        return EXIT_BLOCKED if p.blocks else 0
    if not args.yes:
        _say("学年结转后毕业不可回退（只能恢复结转前的备份）。确认无误后加 --yes 执行；只预览请加 --dry-run。")
        return EXIT_BLOCKED
    _sign_in(ws, args)
    try:
        result = turn_year(ws, outcomes, reasons)
    except RuleViolation as e:
        for f in e.findings:
            hint = f"（如有正当理由：--reason {f.rule}=理由）" if f.severity.value == "warn" else ""
            _say(f"未结转：{f.text}{hint}")
        return EXIT_BLOCKED
    print(f"已结转：升级 {result.promoted} 人，{result.plan.leaving_text}。")
    print(f"结转前的备份：{result.backup_file}")
    print("如发现错误，只能恢复该备份（`xueji backup restore`）后重新办理；结转后的其他变更会随之丢失。")
    return 0


def cmd_graduates(args) -> int:
    from .core.school_year.graduates import (
        GraduateError,
        graduates,
        import_certificate_numbers,
        set_certificate_numbers,
    )

    ws = _open(args)
    if args.graduates_command == "next-school":
        from .cli_admissions import cmd_next_school

        return cmd_next_school(ws, args)
    if args.graduates_command == "numbers":
        _sign_in(ws, args)
        try:
            if args.file:
                count, changes = import_certificate_numbers(ws, args.file)
            else:
                if not args.set:
                    _say("请给出 Excel 文件（含“学籍号”“证书编号”两列），或用 --set 学籍号=证书编号")
                    return EXIT_USAGE
                count, changes = len(args.set), set_certificate_numbers(ws, dict(args.set))
        except GraduateError as e:
            for line in e.problems or [e.message]:
                _say(line)
            _say("未登记任何证书编号。")
            return EXIT_BLOCKED
        print(f"已登记 {len(changes.events)} 个证书编号（共 {count} 行，其余与已登记的相同）")
        return 0
    from .core.accounts.access_log import Action, record

    rows = graduates(args.year)
    out = sys.stdout
    out.write("学年\t学籍号\t姓名\t性别\t班级\t毕业/结业\t离校日期\t证书编号\t升入学校\n")
    for g in rows:
        out.write("\t".join([f"{g.school_year}—{g.school_year + 1}", g.student_number, g.name, g.sex, g.class_name,
                             g.outcome, f"{g.left_on:%Y-%m-%d}" if g.left_on else "", g.certificate_no,
                             g.next_school]) + "\n")
    with ws.db.atomic():
        record(ws, Action.OPEN, "毕业生名单（xueji graduates list）", [g.student_number for g in rows])
    return 0


def add_parsers(sub, add) -> None:
    p = add("year-end", "学年结转：毕业年级毕业（结业）、其他年级升级，先检查、预览，确认后一次完成（先自动备份）",
            cmd_year_end)
    p.add_argument("--dry-run", action="store_true", help="只检查和预览，不写入")
    p.add_argument("--yes", action="store_true", help="确认执行（毕业不可回退）")
    p.add_argument("--reason", action="append", type=item_value, metavar="规则=理由",
                   help="对提醒项说明理由（规则见预览中的“理由键”），可多次给出")
    p.add_argument("--completed", action="append", type=item_value, metavar="学籍号=理由",
                   help="标为结业的学生及理由（仅限本地区规定设有结业证书的，如营口：综合考核不合格），可多次给出")
    g = add("graduates", "毕业生：按学年列出（TSV），登记毕业（结业）证书编号", cmd_graduates)
    gsub = g.add_subparsers(dest="graduates_command", metavar="子命令")
    gsub.required = True
    lst = gsub.add_parser("list", help="列出毕业生（TSV）")
    lst.add_argument("--year", type=int, metavar="学年", help="毕业学年，如 2026（2026—2027学年）；默认全部")
    common_options(lst)
    num = gsub.add_parser("numbers", help="登记证书编号：Excel 文件（“学籍号”“证书编号”两列），或 --set")
    num.add_argument("file", nargs="?", metavar="FILE.xlsx")
    num.add_argument("--set", action="append", type=item_value, metavar="学籍号=证书编号")
    common_options(num)
    nxt = gsub.add_parser("next-school", help="登记升入学校（升学）：整个毕业班（--class）或学生（--student），学校标识码和名称")
    nxt.add_argument("--class", dest="klass", metavar="班级", help="毕业班级，如 六年级(1)班（最近一次毕业的该班）")
    nxt.add_argument("--student", action="append", metavar="学籍号", help="学生的学籍号，可多次给出")
    nxt.add_argument("--code", required=True, metavar="学校标识码", help="升入学校的学校标识码（10 位数字）")
    nxt.add_argument("--name", required=True, metavar="学校名称", help="升入学校的名称")
    common_options(nxt)
