"""`xueji duplicates`: the county bureau's 重复学籍核查 at the school — list the cases its replies brought, print the
学生实际在校就读证明表 (附表3, where the region has it), answer that the child studies here (with the signed form's
scan where the region asks for it), that it is not the same child, or remove this school's record (its history
kept). Every command signs in; an answer is one transaction with its event, sent with the next batch."""

from __future__ import annotations

import sys

from .cli_common import _open, _say, _sign_in, operations


def _case(args):
    """The case named by its number (as `list` prints it: the first 8 characters are enough)."""
    from .core.duplicate_checks import queries

    text = args.case.strip().lower()
    found = [q for q in queries.queries() if q.uuid.lower().startswith(text)] if len(text) >= 4 else []
    if len(found) != 1:
        raise queries.DuplicateCheckError(
            f"核查编号：{'没有' if not found else '有多件'}以 {args.case.strip()[:40]} 开头的重复学籍核查"
            "（编号见 xueji duplicates list，至少写前 4 位）")
    return found[0]


def cmd_list(args) -> int:
    from .core.accounts.access_log import Action, record
    from .core.duplicate_checks import queries

    ws = _open(args)
    _sign_in(ws, args)
    every = getattr(args, "all", False)
    rows = queries.queries(open_only=not every)
    out = sys.stdout
    out.write("编号\t学籍号\t姓名\t对方学校\t对方学籍号\t对方姓名\t对方年级班级\t依据\t收到\t状态\n")
    for q in rows:
        out.write("\t".join((q.uuid[:8], q.student_number, q.name, q.other_school, q.other_number, q.other_name,
                             q.other_place, q.matched_by, q.received_on, q.state)) + "\n")
    with ws.db.atomic():
        record(ws, Action.OPEN, "重复学籍核查（xueji duplicates list）", [q.student_number for q in rows])
    if not rows:
        _say("没有待处理的重复学籍核查" if not every else "没有收到过重复学籍核查")
    return 0


def cmd_print(args) -> int:
    from .core.forms import attendance_proof

    ws = _open(args)
    _sign_in(ws, args)
    printed = attendance_proof.print_attendance_form(ws, _case(args).uuid, args.pdf)
    _say(f"已打印{printed.form.title}（{printed.pages} 页）：{args.pdf}。请学生、家长、校长签字并盖章后扫描，"
         "用 xueji duplicates attend --proof 附上")
    return 0


def _answer(args, answer, said) -> int:
    """Signs in, answers the case named (`answer(ws, uuid)`, one transaction with its event) and says `said(case)`."""
    ws = _open(args)
    _sign_in(ws, args)
    q = _case(args)
    answer(ws, q.uuid)
    _say(said(q) + "。答复随下一批次报送教育局")
    return 0


def cmd_attend(args) -> int:
    from .core.duplicate_checks import answers

    return _answer(args, lambda ws, uuid: answers.confirm_attendance(ws, uuid, args.proof, args.note or ""),
                   lambda q: f"已答复：{q.name}在本校就读" + ("，附证明材料" if args.proof else ""))


def cmd_not_same(args) -> int:
    from .core.duplicate_checks import answers

    return _answer(args, lambda ws, uuid: answers.declare_not_same(ws, uuid, args.note),
                   lambda q: f"已答复：{q.name}与{q.other_school}的学生不是同一人")


def cmd_remove(args) -> int:
    from .core.duplicate_checks import answers

    return _answer(args, lambda ws, uuid: answers.remove_record(ws, uuid, args.note),
                   lambda q: f"已删除本校的重复学籍：{q.name}（{q.student_number}），学籍记录和变动历史保留")


def add_parsers(sub, add) -> None:
    p = add("duplicates", "重复学籍核查：教育局发现同时在另一所学校有学籍的学生（随回执送来），答复或删除本校的重复学籍",
            cmd_list)
    sub_parser = operations(p, "duplicates_command")
    a = sub_parser("list", "以 TSV 列出重复学籍核查（默认只列未结案的）", cmd_list)
    a.add_argument("--all", action="store_true", help="也列出已结案的")
    a = sub_parser("print", "打印学生实际在校就读证明表（凉山 附表3），供签字盖章", cmd_print)
    a.add_argument("case", metavar="编号")
    a.add_argument("--pdf", required=True, metavar="文件.pdf")
    a = sub_parser("attend", "答复：该生在本校就读（凉山须附签字盖章后的附表3扫描件）", cmd_attend)
    a.add_argument("case", metavar="编号")
    a.add_argument("--proof", metavar="扫描件", help="PDF、JPG 或 PNG，不超过 4 MB")
    a.add_argument("--note", metavar="说明")
    a = sub_parser("not-same", "答复：不是同一学生", cmd_not_same)
    a.add_argument("case", metavar="编号")
    a.add_argument("--note", required=True, metavar="核实情况")
    a = sub_parser("remove", "该生不在本校就读：删除本校的重复学籍（学籍记录和变动历史保留）", cmd_remove)
    a.add_argument("case", metavar="编号")
    a.add_argument("--note", required=True, metavar="核实情况")
