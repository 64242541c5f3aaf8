"""`xueji`: the window, the demo school, and scripting through the same services as the window."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from .paths import default_db_path

EXIT_BLOCKED = 2
EXIT_USAGE = 64


def _db(args) -> Path:
    return Path(args.db) if args.db else default_db_path()


def _open(args):
    from .core.workspace import Workspace

    ws = Workspace(_db(args), clock=_clock())
    if not ws.is_set_up:
        sys.exit(f"数据库 {ws.path} 尚未建立学校：请先运行 `xueji run` 完成设置，或 `xueji demo`")
    return ws


def _clock():
    """XUEJI_TODAY=YYYY-MM-DD pins "today" for reproducible scripts and tests."""
    import datetime as dt

    pinned = os.environ.get("XUEJI_TODAY")
    if not pinned:
        return dt.datetime.now
    day = dt.date.fromisoformat(pinned)
    return lambda: dt.datetime.combine(day, dt.datetime.now().time())


def _sign_in(ws, args) -> str:
    """Writes are attributed to a user: --user (default: the only account), password from
    XUEJI_PASSWORD or asked. Returns the password (it also unlocks the school's private key)."""
    from .core.workspace import LoginError

    user = getattr(args, "user", None) or (ws.sole_user().username if ws.sole_user() else None)
    if not user:
        sys.exit("请用 --user 指定操作人")
    password = os.environ.get("XUEJI_PASSWORD") or getpass.getpass(f"{user} 的密码：")
    try:
        ws.login(user, password)
    except LoginError as e:
        sys.exit(str(e))
    return password


def cmd_run(args) -> int:
    from .gui.app import run_app

    path = _db(args)
    if args.demo and not path.exists():
        from .core.demo import build_demo

        print(f"正在生成演示学校：{path}")
        build_demo(path)
    return run_app(path)


def cmd_demo(args) -> int:
    from .core.demo import DEMO_PASSWORD, DEMO_USER, build_demo

    path = _db(args)
    if path.exists() and not args.force:
        sys.exit(f"{path} 已存在；如要重建演示学校请加 --force")
    if path.exists():
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
    summary = build_demo(path, pupils=args.pupils, seed=args.seed)
    print(f"演示学校已生成：{path}")
    print(summary)
    print(f"登录名：{DEMO_USER}  密码：{DEMO_PASSWORD}")
    return 0


def cmd_list(args) -> int:
    from .core.roster import roster_rows
    from .core.search import search

    _open(args)
    rows = search(roster_rows(), args.search or "")
    out = sys.stdout
    out.write("学籍号\t姓名\t性别\t年级\t班级\t状态\n")
    for r in rows:
        out.write(f"{r.student_number}\t{r.name}\t{r.sex_label}\t{r.grade_label}\t{r.class_name}\t{r.status_label}\n")
    return 0


def cmd_enrol(args) -> int:
    from .core.findings import RuleViolation, Severity
    from .core.template import TemplateError, draft_from_row
    from .core.workflows import enrolment
    from .store.models import SchoolClass

    ws = _open(args)
    try:
        row = json.loads(Path(args.source).read_text(encoding="utf-8"))
        if not isinstance(row, dict):
            raise TemplateError("PUPIL.json 应为一个对象（一行模板数据）")

        def class_id_for(grade, number):
            klass = SchoolClass.get_or_none((SchoolClass.grade == grade) & (SchoolClass.number == int(number)))
            if klass is None:
                raise TemplateError(f"班级号：{grade} 年级没有 {number} 班")
            return klass.id

        draft = draft_from_row(row, class_id_for)
    except (OSError, json.JSONDecodeError, TemplateError, ValueError) as e:
        print(f"无法读取 {args.source}：{e}", file=sys.stderr)
        return EXIT_USAGE
    findings = enrolment.check(ws, draft)
    names = {Severity.BLOCK: "禁止", Severity.WARN: "提醒", Severity.INFO: "提示"}
    for f in findings:
        reason = draft.reasons.get(f.rule)
        note = f"（原因：{reason}）" if f.severity is Severity.WARN and reason else ""
        print(f"[{names[f.severity]}] {f.text}{note}  规则 {f.rule}")
    if args.check:
        return EXIT_BLOCKED if enrolment.blocks(findings) or enrolment.unexplained(findings, draft.reasons) else 0
    _sign_in(ws, args)
    try:
        student, _ = enrolment.enrol(ws, draft)
    except RuleViolation as e:
        missing = enrolment.unexplained(e.findings, draft.reasons)
        if missing:
            print("以下提醒须在 PUPIL.json 的“原因”中说明理由：" + "、".join(f.rule for f in missing), file=sys.stderr)
        print("未写入：存在禁止项或未说明理由的提醒", file=sys.stderr)
        return EXIT_BLOCKED
    print(f"已注册：{student.name}，学籍号 {student.student_number}，{student.school_class.name}")
    return 0


def cmd_form(args) -> int:
    from .core.forms.fonts import MissingGlyphError
    from .core.forms.printing import print_case_form, print_status_form, print_student_info
    from .core.forms.status_forms import STATUS_FORMS
    from .core.forms.transfer_forms import TRANSFER_FORMS
    from .store.models import Case, Student

    ws = _open(args)
    out = Path(args.out)
    try:
        if args.form_id == "student-info":
            if not args.student:
                sys.exit("学生基本信息表需要 --student 学籍号")
            student = Student.get_or_none(Student.student_number == args.student)
            if student is None:
                sys.exit(f"没有学籍号为 {args.student} 的学生")
            print_student_info(ws, student, out)
        elif args.form_id == "dropout-report":
            from .core.forms.dropout_report import render_dropout_report

            try:
                render_dropout_report(ws, out, args.student)
            except LookupError as e:
                sys.exit(str(e))
        elif args.form_id in TRANSFER_FORMS:
            chosen = []
            for ref in args.case or []:
                case = Case.get_or_none((Case.number == ref) | (Case.id == (int(ref) if ref.isdigit() else -1)))
                if case is None:
                    sys.exit(f"没有编号为 {ref} 的申请")
                chosen.append(case)
            if not chosen and not args.blank and TRANSFER_FORMS[args.form_id].kind == "roster":
                chosen = list(Case.select().where((Case.kind == "transfer_in") & (Case.status == "open"))
                              .order_by(Case.opened_on))
            elif not chosen and not args.blank:
                sys.exit("请用 --case 指定申请编号，或用 --blank 打印空白表")
            print_case_form(ws, args.form_id, chosen, out)
        elif args.form_id in STATUS_FORMS:
            refs = args.case or []
            case = None
            if refs:
                ref = refs[0]
                case = Case.get_or_none((Case.number == ref) | (Case.id == (int(ref) if ref.isdigit() else -1)))
                if case is None:
                    sys.exit(f"没有编号为 {ref} 的申请")
            elif not args.blank:
                sys.exit("请用 --case 指定申请编号，或用 --blank 打印空白表")
            print_status_form(ws, args.form_id, case, out)
        else:
            known = "、".join(["student-info", "dropout-report", *TRANSFER_FORMS, *STATUS_FORMS])
            sys.exit(f"未知的表格：{args.form_id}（可用：{known}）")
    except MissingGlyphError as e:
        sys.exit(str(e))
    print(f"已生成：{out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xueji", description="学籍桌面：中小学学籍管理（离线）")
    parser.add_argument("--db", help="数据库文件（默认在用户数据目录）")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    def add(name, help_text, func):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", help="数据库文件（默认在用户数据目录）", default=argparse.SUPPRESS)
        p.set_defaults(func=func)
        return p

    p = add("run", "打开主窗口（首次运行进入学校设置向导）", cmd_run)
    p.add_argument("--demo", action="store_true", help="数据库不存在时先生成演示学校")
    p = add("demo", "生成演示学校（约 600 名学生）", cmd_demo)
    p.add_argument("--pupils", type=int, default=600, help="学生人数（默认 600）")
    p.add_argument("--seed", type=int, default=2026, help="随机种子（同一种子生成相同数据）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p = add("list", "以 TSV 列出学生：学籍号、姓名、性别、年级、班级、状态", cmd_list)
    p.add_argument("--search", help="姓名、拼音、拼音首字母、身份证件号或学籍号")
    p = add("enrol", "按导入模板字段（PUPIL.json）注册一名学生；有禁止项时不写入并返回非零", cmd_enrol)
    p.add_argument("--from", dest="source", required=True, metavar="PUPIL.json")
    p.add_argument("--user", help="操作人登录名（密码取自环境变量 XUEJI_PASSWORD 或交互输入）")
    p.add_argument("--check", action="store_true", help="只检查，不写入")
    p = add("form", "打印表格为 PDF", cmd_form)
    p.add_argument("form_id", metavar="表格", help="student-info：学生基本信息表；dropout-report：辍学学生情况报告"
                   "（全部疑似辍学、辍学学生，或 --student 指定一人）；其他表格的编号见地区规定"
                   "（转学：yk_transfer_contact、ls_transfer_application、ay_transfer_summary、cz_transfer、"
                   "generic_transfer；休学复学等：yk_suspension_resumption、generic_suspension …）")
    p.add_argument("--student", metavar="学籍号", help="学生基本信息表、辍学学生情况报告：学生的学籍号")
    p.add_argument("--case", action="append", metavar="编号", help="申请编号（如 ZR-2026-0001），可多次给出")
    p.add_argument("--blank", action="store_true", help="打印空白表")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    from .cli_exchange import add_parsers as add_exchange_parsers

    add_exchange_parsers(sub, add)
    from .cli_bureau import add_parsers as add_bureau_parsers

    add_bureau_parsers(sub, add)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        args = parser.parse_args(["run", *(argv or sys.argv[1:])])
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
