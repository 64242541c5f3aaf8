"""`xueji`: the window, the demo school, and scripting through the same services as the window."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .cli_common import (  # noqa: F401 - the exit codes are part of this module's face
    DATE_OK_HELP,
    EXIT_BLOCKED,
    EXIT_CODES,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    USER_HELP,
    _db,
    _open,
    _say,
    _sign_in,
    whole_number,
)


def cmd_run(args) -> int:
    if "peewee" not in sys.modules:
        # The school's window never talks to PostgreSQL (the bureau's store does, `xueji bureau run`): peewee's
        # probe for that driver on import, some 25 ms and 10 MB of the start, is skipped, as in the school's
        # installed build, which leaves psycopg2 out.
        sys.modules.setdefault("psycopg2", None)
    from .core.backups.health import check_ahead

    path = _db(args)
    if args.demo and not path.exists():
        from .core.demo_school.demo import build_demo

        print(f"正在生成演示学校：{path}")
        build_demo(path, progress=_demo_progress())
    check_ahead(path)  # the file's check at start, while the window's modules are imported
    from .gui.app import run_app

    return run_app(path)


def _demo_progress():
    """“正在生成演示学校… 1,200/3,000 名学生” on one line of a terminal (nothing when stderr is a file)."""
    if sys.stderr is None or not sys.stderr.isatty():  # None: the windowed xueji.exe has no console
        return None

    def show(done: int, total: int) -> None:
        print(f"\r正在生成演示学校… {done:,}/{total:,} 名学生", end="\n" if done == total else "",
              file=sys.stderr, flush=True)

    return show


def cmd_demo(args) -> int:
    from .core.demo_school.demo import DEMO_PASSWORD, DEMO_USER, build_demo
    from .core.rules.findings import RuleViolation
    from .core.school.school import SchoolKind

    path = _db(args)
    kind = SchoolKind.from_label(args.school_type)
    if kind is None:
        return _usage(f"--school-type：没有“{args.school_type}”这种学校类型（可用：{'、'.join(k.label for k in SchoolKind)}）")
    if path.exists() and not args.force:
        sys.exit(f"{path} 已存在；如要重建演示学校请加 --force")
    if path.exists():
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
    try:
        summary = build_demo(path, pupils=args.pupils, seed=args.seed, progress=_demo_progress(),
                             profile_id=args.region, kind=kind)
    except RuleViolation as e:
        _say("未生成演示学校：" + "；".join(f.text for f in e.findings))
        return EXIT_BLOCKED
    except ValueError as e:
        _say(f"未生成演示学校：{e}")
        return EXIT_BLOCKED
    print(f"演示学校已生成：{path}")
    print(summary)
    print(f"登录名：{DEMO_USER}  密码：{DEMO_PASSWORD}")
    return 0


def cmd_list(args) -> int:
    from .core.accounts.access_log import Action, record
    from .core.pupils.roster import roster_rows
    from .core.pupils.search import search

    ws = _open(args)
    rows = search(roster_rows(ws.visible_classes()), args.search or "")
    # a listing names the pupils: logged (查询登记) as a look at each pupil listed, before anything is shown
    record(ws, Action.OPEN, "学生名单（xueji list" + (f" --search {args.search}）" if args.search else "）"),
           [r.student_number for r in rows])
    out = sys.stdout
    out.write("学籍号\t姓名\t性别\t年级\t班级\t状态\n")
    for r in rows:
        out.write(f"{r.student_number}\t{r.name}\t{r.sex_label}\t{r.grade_label}\t{r.class_name}\t{r.status_label}\n")
    return 0


def _usage(message: str) -> int:
    _say(message)
    return EXIT_USAGE


def cmd_enrol(args) -> int:
    from .core.accounts.roles import Permission
    from .core.admission import enrolment
    from .core.national.template import TemplateError, draft_from_row
    from .core.rules.findings import RuleViolation, Severity
    from .core.school.school import class_name
    from .store.models import SchoolClass

    ws = _open(args)
    if not args.check:  # refused before the file is read, not after its checks
        ws.require("注册学生", Permission.WORKFLOWS)
    source = args.source
    try:
        text = Path(source).read_text(encoding="utf-8-sig")  # Notepad's UTF-8 starts with a BOM
    except FileNotFoundError:
        return _usage(f"找不到文件 {source}")
    except UnicodeDecodeError:
        return _usage(f"无法读取 {source}：不是 UTF-8 编码的文本，请用 UTF-8 编码另存")
    except OSError as e:
        return _usage(f"无法读取 {source}：{e.strerror or e}")
    try:
        row = json.loads(text)
    except json.JSONDecodeError as e:
        return _usage(f"无法读取 {source}：不是有效的 JSON，第 {e.lineno} 行第 {e.colno} 列附近有误")
    if not isinstance(row, dict):
        return _usage(f"无法读取 {source}：应为一个对象（一行模板数据，{{\"姓名\": …}}）")

    def class_id_for(grade, number):
        klass = SchoolClass.get_or_none((SchoolClass.grade == grade) & (SchoolClass.number == number)
                                        & SchoolClass.retired_year.is_null())
        if klass is None:
            raise TemplateError(f"班级号：本校没有{class_name(grade, number)}")
        return klass.id

    try:
        draft = draft_from_row(row, class_id_for)
    except TemplateError as e:
        return _usage(f"{source} 有误：{e}")
    findings = enrolment.check(ws, draft)
    names = {Severity.BLOCK: "禁止", Severity.WARN: "提醒", Severity.INFO: "提示"}
    for f in findings:
        reason = draft.reasons.get(f.rule)
        if f.severity is not Severity.WARN:
            note = ""
        elif reason:
            note = f"（原因：{reason}）"
        else:  # the key a script writes its reason under: the one id this command shows, and says why
            note = f"（如有正当理由，请在 PUPIL.json 的“原因”中写明：\"{f.rule}\": \"理由\"）"
        print(f"[{names[f.severity]}] {f.text}{note}")
    if args.check:
        return EXIT_BLOCKED if enrolment.blocks(findings) or enrolment.unexplained(findings, draft.reasons) else 0
    _sign_in(ws, args)
    try:
        student, _ = enrolment.enrol(ws, draft)
    except RuleViolation as e:
        missing = enrolment.unexplained(e.findings, draft.reasons)
        if missing:
            print("以下提醒须在 PUPIL.json 的“原因”中说明理由：" + "；".join(f"{f.text}（\"{f.rule}\"）" for f in missing),
                  file=sys.stderr)
        print("未写入：存在禁止项或未说明理由的提醒", file=sys.stderr)
        return EXIT_BLOCKED
    print(f"已注册：{student.name}，学籍号 {student.student_number}，{student.school_class.name}")
    return 0


def cmd_import_pupils(args) -> int:
    """`xueji import-pupils FILE`: the national system's Excel, checked row by row; the problems as TSV on
    stdout, the summary on stderr; exit 2 when any row was rejected (the accepted rows are written unless
    --dry-run), 64 when the file cannot be read at all."""
    from .core.accounts.roles import Permission
    from .core.national import excel_import

    ws = _open(args)
    if not args.dry_run:
        ws.require("导入学生", Permission.WORKFLOWS)
    try:
        plan = excel_import.check_file(ws, args.file)
    except excel_import.ImportFileError as e:
        return _usage(f"未导入：{e}")
    out = sys.stdout
    out.write("工作表\t行\t列\t内容\t级别\t问题\t依据\n")
    for p in plan.problems:
        cells = (p.sheet, str(p.row or ""), p.column, p.value, p.severity, p.message, p.article)
        out.write("\t".join(" ".join(c.split()) for c in cells) + "\n")
    for note in plan.notes:
        _say(note)
    if args.rejects and plan.rejected:
        excel_import.write_rejects(plan, args.rejects)
        _say(f"未导入的 {len(plan.rejected)} 行已写入 {args.rejects}（首列“问题说明”），改正后可再次导入")
    if args.dry_run:
        _say(f"检查完毕（未写入）：{plan.summary()}")
    elif plan.accepted:
        _sign_in(ws, args)
        _say(excel_import.import_pupils(ws, plan).summary())
    else:  # nothing to write: no password asked
        _say(excel_import.ImportResult(0, len(plan.present), len(plan.rejected), []).summary())
    return EXIT_BLOCKED if plan.rejected else 0


def cmd_form(args) -> int:
    from .cli_access_log import purpose_question
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
                render_dropout_report(ws, out, args.student, purpose=purpose_question(ws, args))
            except LookupError as e:
                sys.exit(str(e))
        elif args.form_id in TRANSFER_FORMS:
            chosen = []
            for ref in args.case or []:
                case = Case.get_or_none((Case.number == ref) | (Case.id == (int(ref) if ref.isdecimal() else -1)))
                if case is None:
                    sys.exit(f"没有编号为 {ref} 的申请")
                chosen.append(case)
            if not chosen and not args.blank and TRANSFER_FORMS[args.form_id].kind == "roster":
                chosen = list(Case.select().where((Case.kind == "transfer_in") & (Case.status == "open"))
                              .order_by(Case.opened_on))
            elif not chosen and not args.blank:
                sys.exit("请用 --case 指定申请编号，或用 --blank 打印空白表")
            print_case_form(ws, args.form_id, chosen, out, purpose=purpose_question(ws, args))
        elif args.form_id in STATUS_FORMS:
            refs = args.case or []
            case = None
            if refs:
                ref = refs[0]
                case = Case.get_or_none((Case.number == ref) | (Case.id == (int(ref) if ref.isdecimal() else -1)))
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


def cmd_stats(args) -> int:
    from .core.overview.numbers import GRADE_HEADERS, grade_cells, school_numbers

    ws = _open(args)
    if args.out is None:
        n = school_numbers(ws)
        print(n.headline())
        print("\t".join(GRADE_HEADERS))
        for g in (*n.grades, n.total):
            print("\t".join(str(v) for v in grade_cells(g)))
        for c in n.flagged_classes:
            print(f"{c.name}\t{c.pupils} 人\t{c.level_label}\t{c.article}")
        return 0
    out = Path(args.out)
    if out.suffix.lower() == ".pdf":
        from .core.forms.numbers_report import render_numbers_report

        render_numbers_report(ws, out)
    elif out.suffix.lower() == ".xlsx":
        from .core.forms.numbers_xlsx import write_numbers_xlsx

        write_numbers_xlsx(ws, out)
    else:
        _say(f"--out：{out.name} 只能保存为 .pdf 或 .xlsx 文件")
        return EXIT_BLOCKED
    print(f"已生成：{out}")
    return 0


def build_parser(full: bool = True) -> argparse.ArgumentParser:
    """Every command's parser; `full=False`: the window's `run` only (the other commands' modules not imported)."""
    from . import crash_log
    from .cli_access_log import add_purpose_option
    from .version import version_line

    parser = argparse.ArgumentParser(prog="xueji", description="学籍桌面：中小学学籍管理（离线）",
                                     epilog=EXIT_CODES.format(log=crash_log.log_path(), days=crash_log.KEEP_DAYS),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="数据库文件（默认在用户数据目录）")
    parser.add_argument("--version", action="version", version=version_line(), help="显示版本和构建日期")
    parser.add_argument("--date-ok", action="store_true", help=DATE_OK_HELP)
    parser.add_argument("--user", help=USER_HELP)
    sub = parser.add_subparsers(dest="command", metavar="命令")

    def add(name, help_text, func):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", help="数据库文件（默认在用户数据目录）", default=argparse.SUPPRESS)
        p.add_argument("--date-ok", action="store_true", default=argparse.SUPPRESS, help=DATE_OK_HELP)
        p.add_argument("--user", default=argparse.SUPPRESS, help=USER_HELP)
        p.set_defaults(func=func)
        return p

    p = add("run", "打开主窗口（首次运行进入学校设置向导）", cmd_run)
    p.add_argument("--demo", action="store_true", help="数据库不存在时先生成演示学校")
    if not full:
        return parser
    p = add("demo", "生成演示学校（约 600 名学生）", cmd_demo)
    p.add_argument("--pupils", type=whole_number, default=600, help="学生人数（默认 600）")
    p.add_argument("--seed", type=whole_number, default=2026, help="随机种子（同一种子生成相同数据）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.add_argument("--region", default="heilongjiang", metavar="地区",
                   help="地区规定（profile id：heilongjiang 默认、yingkou、liangshan、anyang_beiguan、changzhi、national）")
    p.add_argument("--school-type", default="九年一贯制", metavar="学校类型",
                   help="九年一贯制（默认）、小学、初中、普通高中、完全中学、六年一贯制、十二年一贯制；"
                        "含高中的只限规定适用于高中的地区（长治、凉山）")
    p = add("list", "以 TSV 列出学生：学籍号、姓名、性别、年级、班级、状态", cmd_list)
    p.add_argument("--search", help="姓名、拼音、拼音首字母、身份证件号或学籍号")
    p = add("enrol", "按导入模板字段（PUPIL.json）注册一名学生；有禁止项时不写入并返回非零", cmd_enrol)
    p.add_argument("--from", dest="source", required=True, metavar="PUPIL.json")
    p.add_argument("--check", action="store_true", help="只检查，不写入")
    p = add("import-pupils", "从全国学籍系统导出的 Excel（.xlsx/.xls）导入全校学生：逐行检查，问题以 TSV 列出；"
            "有问题的行不导入（退出码 2），其余一次写入", cmd_import_pupils)
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    p.add_argument("--rejects", metavar="OUT.xlsx", help="把未导入的行写入此工作簿（原列加“问题说明”），改正后可再次导入")
    p = add("form", "打印表格为 PDF", cmd_form)
    p.add_argument("form_id", metavar="表格", help="student-info：学生基本信息表；dropout-report：辍学学生情况报告"
                   "（全部疑似辍学、辍学学生，或 --student 指定一人）；其他表格的编号见地区规定"
                   "（转学：yk_transfer_contact、ls_transfer_application、ay_transfer_summary、cz_transfer、"
                   "generic_transfer；休学复学等：yk_suspension_resumption、generic_suspension …）")
    p.add_argument("--student", metavar="学籍号", help="学生基本信息表、辍学学生情况报告：学生的学籍号")
    p.add_argument("--case", action="append", metavar="编号", help="申请编号（如 ZR-2026-0001），可多次给出")
    p.add_argument("--blank", action="store_true", help="打印空白表")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    add_purpose_option(p)
    p = add("stats", "学生情况统计：按年级、班级、性别、民族等的在籍人数，本学期变动，接近或超过班额的班级", cmd_stats)
    p.add_argument("--out", metavar="FILE.pdf|FILE.xlsx", help="保存为 PDF（打印）或 Excel；不给出时以文本列出")
    from .cli_exchange import add_parsers as add_exchange_parsers

    add_exchange_parsers(sub, add)
    from .cli_bureau import add_parsers as add_bureau_parsers

    add_bureau_parsers(sub, add)
    from .cli_registers import add_parsers as add_register_parsers

    add_register_parsers(sub, add)
    from .cli_archive import add_parsers as add_archive_parsers

    add_archive_parsers(sub, add)
    from .cli_school_info import add_parsers as add_school_info_parsers

    add_school_info_parsers(sub, add)
    from .cli_users import add_parsers as add_user_parsers

    add_user_parsers(sub, add)
    from .cli_access_log import add_parsers as add_access_log_parsers

    add_access_log_parsers(sub, add)
    from .cli_verify import add_parsers as add_verify_parsers

    add_verify_parsers(sub, add)
    from .cli_backup import add_parsers as add_backup_parsers

    add_backup_parsers(sub, add)
    from .cli_year_end import add_parsers as add_year_end_parsers

    add_year_end_parsers(sub, add)
    from .cli_certificates import add_parsers as add_certificate_parsers

    add_certificate_parsers(sub, add)
    from .cli_discipline import add_parsers as add_discipline_parsers

    add_discipline_parsers(sub, add)
    from .cli_admissions import add_parsers as add_admission_parsers

    add_admission_parsers(sub, add)
    from .cli_grade_skip import add_parsers as add_skip_grade_parsers

    add_skip_grade_parsers(sub, add)
    from .cli_repetition import add_parsers as add_repetition_parsers

    add_repetition_parsers(sub, add)
    from .cli_high_graduation import add_parsers as add_high_graduation_parsers

    add_high_graduation_parsers(sub, add)
    from .cli_change import add_parsers as add_change_parsers

    add_change_parsers(sub, add)
    from .cli_duplicate_checks import add_parsers as add_duplicate_parsers

    add_duplicate_parsers(sub, add)
    return parser


_WINDOW_OPTIONS = {"--db": True, "--user": True, "--date-ok": False, "--demo": False}  # option: takes a value


def _opens_window(argv: list[str]) -> bool:
    """`xueji`, `xueji --db F`, `xueji --db F run --demo` …: the window's own command lines, parsed without
    building every other command's parser (that imports all their modules: a slower start). Anything else,
    `--help` included, gets the full parser."""
    words = iter(argv)
    for word in words:
        name = word.split("=", 1)[0]
        if name in _WINDOW_OPTIONS:
            if _WINDOW_OPTIONS[name] and "=" not in word:
                next(words, None)
        elif word != "run":  # another option or command
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(full=not _opens_window(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        args = parser.parse_args(["run", *(argv or sys.argv[1:])])
    from . import crash_log

    crash_log.install()
    crash_log.install_thread_hook()
    try:
        code = args.func(args) or 0
        if sys.stdout is not None:
            sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        # `xueji list | head`: the reader has gone. Python's documented way: stop writing, exit quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        _say("已中断：正在进行的那一步没有写入。")
        return EXIT_INTERRUPTED
    except Exception as e:  # noqa: BLE001 — no traceback for the user: a message, and the log for IT
        expected = _expected_message(e)
        if expected is not None:
            _say(expected)
            return EXIT_BLOCKED
        _say(crash_log.report(f"命令“{_command_line(args)}”", e))
        return EXIT_INTERNAL


def _command_line(args) -> str:
    words = ["xueji", args.command]
    for attr in ("keys_command", "bureau_command"):
        if getattr(args, attr, None):
            words.append(getattr(args, attr))
    return " ".join(words)


# Errors that carry a message in Chinese for the person (nothing was written): shown as they are.
_EXPECTED = (("core.rules.findings", "RuleViolation"), ("core.national.template", "TemplateError"),
             ("core.school.workspace", "LoginError"), ("core.exchange.school_keys", "KeyRefused"),
             ("core.exchange.keys", "KeyFileError"), ("core.exchange.stick", "StickError"),
             ("core.exchange.batch_format", "BatchError"), ("bureau.importer", "BureauError"),
             ("core.forms.fonts", "MissingGlyphError"), ("core.dropout_control.attendance_import", "SheetError"),
             ("core.region_profiles.profile_validation", "ProfileError"), ("store.migrate", "NewerDatabaseError"),
             ("clock", "StatedDayError"), ("core.accounts.roles", "PermissionDenied"),
             ("bureau.accounts", "AccountError"), ("core.backups.health", "DamagedDatabaseError"),
             ("core.backups.health", "LocationRefused"), ("core.backups.files", "BackupError"),
             ("core.accounts.access_log", "PurposeRequired"), ("bureau.store", "PostgresDriverMissing"),
             ("core.duplicate_checks.queries", "DuplicateCheckError"))


def _expected_message(e: Exception) -> str | None:
    known = {(f"{__package__}.{module}", name) for module, name in _EXPECTED}
    if not any((cls.__module__, cls.__qualname__) in known for cls in type(e).__mro__):
        return None
    findings = getattr(e, "findings", None)
    if findings:
        return "未写入，请先处理以下问题：\n" + "\n".join(f"• {f.text}" for f in findings)
    return f"未完成：{getattr(e, 'message', None) or e}"


if __name__ == "__main__":
    sys.exit(main())
