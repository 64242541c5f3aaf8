"""`xueji graduation-check`: 高中 graduation conditions (《长治市实施细则》第三十五条): list each 高三 pupil at school
with what is still lacking (TSV), record items for one pupil (`set`) or read a workbook (`import`, every row or
none). Every command signs in; a listing is logged as a look at the pupils it names; a write is one
transaction with its event."""

from __future__ import annotations

import sys

from .cli_common import _open, _say, _sign_in, item_value, operations, pupil_by_number


def cmd_list(args) -> int:
    from .core.accounts.access_log import Action, record
    from .core.school_year import high_graduation as hg

    ws = _open(args)
    _sign_in(ws, args)
    if not hg.applies(ws.profile):
        _say("本地区学籍规定未列明普通高中毕业条件：高三学生学习期满即予毕业")
    checks = hg.check_all(ws)
    out = sys.stdout
    out.write("学籍号\t姓名\t班级\t结论\t缺少\n")
    for c in checks:
        out.write(f"{c.student_number}\t{c.name}\t{c.class_name}\t{c.verdict}\t{'；'.join(c.lacking)}\n")
    with ws.db.atomic():
        record(ws, Action.OPEN, "高中毕业资格审核（xueji graduation-check）", [c.student_number for c in checks])
    short = sum(1 for c in checks if not c.passes)
    _say(f"高三在校 {len(checks)} 人，准予毕业 {len(checks) - short} 人，未达到毕业条件 {short} 人")
    return 0


def cmd_set(args) -> int:
    from .core.school_year import high_graduation as hg

    ws = _open(args)
    pupil = pupil_by_number(args.pupil)
    if pupil is None:
        return 1
    _sign_in(ws, args)
    hg.set_record(ws, pupil.id, dict(args.set or []))
    lacking = hg.lacking(ws.profile, hg.record_of(pupil.id))
    _say(f"已登记：{pupil.name}；" + ("准予毕业的条件均已具备" if not lacking else "仍缺少：" + "；".join(lacking)))
    return 0


def cmd_import(args) -> int:
    from .core.school_year import high_graduation as hg

    ws = _open(args)
    _sign_in(ws, args)
    written, _ = hg.import_workbook(ws, args.file)
    _say(f"已导入：{written} 名学生的毕业条件有变更")
    return 0


def add_parsers(sub, add) -> None:
    """Adds `graduation-check` to the top-level subparsers (`add` as in cli.build_parser)."""
    p = add("graduation-check", "高中毕业资格：列出高三学生及尚缺的毕业条件（TSV）；set 逐人登记，import 从 Excel 导入",
            cmd_list)
    sub_parser = operations(p, "graduation_command")

    sub_parser("list", "以 TSV 列出高三在校学生、结论和尚缺的毕业条件", cmd_list)
    a = sub_parser("set", "登记一名学生的毕业条件（学分、学业水平考试等级、基础素养评价、体育、劳动与社会实践）", cmd_set)
    a.add_argument("--pupil", required=True, metavar="学籍号")
    a.add_argument("--set", action="append", type=item_value, metavar="项目=内容",
                   help="如 --set 必修学分=116 --set 物理=B --set 基础素养评价=合格 --set 体育合格=是（可多次使用；"
                        "补考成绩直接覆盖）")
    a = sub_parser("import", "从 Excel 导入毕业条件：一行一名学生，首行含“学籍号”，列名同 set 的项目；有错误时一行也不写入",
                   cmd_import)
    a.add_argument("file", metavar="FILE.xlsx")
