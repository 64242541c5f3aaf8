"""`xueji bureau duplicate|close-duplicate`: one duplicate 学籍 case as the bureau holds it — both records, where it
stands, each step, and the scan of the 学生实际在校就读证明表 the school the child attends sent (`--proof FILE`);
and its close (科长): 已处理 once one school removed its record and the other confirmed the child studies there, or
非重复学籍 with the reason; both schools are told in their next replies (《凉山州规定》三(三))."""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_REFUSED = 2
OUTCOMES = {"settled": "settled", "not-duplicate": "not_duplicate"}


def cmd_show(args) -> int:
    from .bureau import access_log, duplicate_settling
    from .bureau.duplicates import BureauDuplicate
    from .cli_access_log import purpose_question
    from .core.accounts.access_log import Action, PurposeRequired
    from .core.school.school import grade_name

    with args.open_store(args) as store:
        line = duplicate_settling.case_line(args.id)
        if line is None:
            print(f"没有编号为 {args.id} 的重复学籍", file=sys.stderr)
            return EXIT_REFUSED
        where = duplicate_settling.progress(BureauDuplicate.get_by_id(args.id))
        out = sys.stdout
        out.write(f"重复学籍 {line.id}：{line.match_label}（{line.key_label}），发现于 {line.found_at:%Y-%m-%d %H:%M}\n")
        out.write(f"进展：{where.text}\n")
        for tag, s in (("A", line.a), ("B", line.b)):
            place = s.class_name or (grade_name(s.grade) if s.grade else "")
            out.write(f"学校{tag}：{s.school_name}（{s.school_code}） 学籍号 {s.student_number} {s.name} {place} "
                      f"{s.status_label} 入学 {s.entered or '—'} 最近变动 {s.arrived} "
                      f"到达本局 {s.received or '—'}\n")
        out.write("时间\t环节\t单位\t经办人\t内容\n")
        for step in duplicate_settling.steps(args.id):
            out.write(f"{step.at:%Y-%m-%d %H:%M}\t{step.label}\t{step.school_name}\t{step.person}\t{step.detail}\n")
        pupils = [access_log.Pupil(s.school_code, s.student_number, s.name) for s in (line.a, line.b)]
        access_log.record(store, Action.OPEN, f"重复学籍 {line.id}（xueji bureau duplicate）", pupils)
        if args.proof:
            proof = duplicate_settling.proof(args.id)
            if proof is None:
                print("学校没有随答复附证明材料", file=sys.stderr)
                return EXIT_REFUSED
            target = Path(args.proof)
            try:
                with access_log.logged(store, Action.EXPORT, f"重复学籍 {line.id} 的证明材料（{proof.school_name}）",
                                       pupils, purpose=purpose_question(access_log.scope(), args), target=target):
                    target.write_bytes(proof.data)
            except PurposeRequired as e:
                print(e.message, file=sys.stderr)
                return EXIT_REFUSED
            except OSError as e:
                print(f"--proof：无法写入 {target}（{e.strerror or e}），未保存，也未记入查询登记", file=sys.stderr)
                return EXIT_REFUSED
            print(f"已保存{proof.school_name}附的证明材料 {proof.filename}：{target}", file=sys.stderr)
    return 0


def cmd_close(args) -> int:
    from .bureau import duplicate_settling
    from .bureau.importer import BureauError

    with args.open_store(args) as store:
        try:
            case = duplicate_settling.close(store, args.id, OUTCOMES[args.outcome], args.note or "")
        except BureauError as e:
            print(e.message, file=sys.stderr)
            return EXIT_REFUSED
        print(f"重复学籍 {case.id} 已结案：{duplicate_settling.OUTCOME_LABELS[case.outcome]}；随下一份回执告知两校")
    return 0


def add_parsers(command, open_store) -> None:
    """`command(name, help, func, needs=…)` as in cli_bureau.add_parsers; `open_store(args)` as there."""
    from .cli_access_log import add_purpose_option
    from .cli_common import whole_number

    c = command("duplicate", "一件重复学籍：双方记录、进展和每个环节；--proof 保存实际就读学校附的证明材料", cmd_show,
                needs="read")
    c.set_defaults(open_store=open_store)
    c.add_argument("id", type=whole_number, metavar="编号")
    c.add_argument("--proof", metavar="FILE", help="把学校附的证明材料扫描件保存到这个文件")
    add_purpose_option(c)
    c = command("close-duplicate", "重复学籍结案（科长）：settled 已处理（一校删除、另一校确认在校就读），"
                "not-duplicate 非重复学籍（须写明核实情况）", cmd_close)
    c.set_defaults(open_store=open_store)
    c.add_argument("id", type=whole_number, metavar="编号")
    c.add_argument("--outcome", required=True, choices=sorted(OUTCOMES), help="结案方式")
    c.add_argument("--note", metavar="说明")
