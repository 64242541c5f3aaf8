"""`xueji print-archive-form`: the school's archive forms (学校基本信息表, 校区基本信息表, 学生实际在校就读
证明表, 数据管理安全承诺书, 学籍卡片) as the school's region provides them, through the same domain
functions as the window. It reads and prints (with the values the school keeps: `xueji school-info`); it
writes nothing to the database."""

from __future__ import annotations

from pathlib import Path

from .cli_common import EXIT_BLOCKED, _open, _say, item_value

KINDS_HELP = ("表格编号或表名（本校所在地区规定提供的）：cz_school_info 学校基本信息表、cz_campus_info 校区基本信息表"
              "（长治）；ls_actual_attendance 学生实际在校就读证明表、ls_security_pledge 数据管理安全承诺书（凉山）；"
              "student_card 学籍卡片（各地）")


def cmd_print_archive_form(args) -> int:
    from .core.forms.archive_common import ArchiveFormError, MissingValues, NotFound
    from .core.forms.archive_forms import asks_of, find_form, print_archive_form

    ws = _open(args)
    given = dict(args.set or [])
    try:
        offered = find_form(ws.profile, args.kind)
        pdf = xlsx = None
        if args.out:
            out = Path(args.out)
            if out.suffix.lower() == ".xlsx":
                xlsx = out
            elif out.suffix.lower() == ".pdf":
                pdf = out
            else:
                _say(f"--out：{out.name} 只能保存为 .pdf" + ("或 .xlsx 文件" if offered.kind.excel else " 文件"))
                return EXIT_BLOCKED
        else:
            base = offered.title + (f"_{args.pupil.strip()}" if args.pupil and offered.kind.needs_pupil else "")
            pdf = Path(f"{base}.pdf")
            xlsx = Path(f"{base}.xlsx") if offered.kind.excel else None
        printed = print_archive_form(ws, args.kind, pdf=pdf, xlsx=xlsx, pupil=args.pupil, given=given,
                                     blank_missing=args.blank_missing, campus=args.campus)
    except MissingValues as e:
        asks = {a.label: a for a in asks_of(offered.kind)}
        _say(f"未生成：{e.message}")
        _say("请用 xueji school-info --set 项目=内容 保存（以后不必再给出），或用 --set 项目=内容 逐项给出，例如：")
        for label in e.labels:
            _say(f"  --set {label}=…" + (f"（{asks[label].box_label.replace(chr(10), '')}）"
                                       if label in asks and asks[label].printed else ""))
        _say("或加 --blank-missing：缺少的项目留空，打印后手填。")
        return EXIT_BLOCKED
    except NotFound as e:
        _say(f"未生成：{e.message}")
        return 1
    except ArchiveFormError as e:
        _say(f"未生成：{e.message}")
        return EXIT_BLOCKED
    for f in printed.files:
        print(f"已生成：{f}")
    return 0


def add_parsers(sub, add) -> None:
    """Adds `print-archive-form` to the top-level subparsers (`add` as in cli.build_parser)."""
    p = add("print-archive-form", "打印学校学籍档案和学生学籍档案的表格（PDF；学校、校区基本信息表另存 Excel）",
            cmd_print_archive_form)
    p.add_argument("kind", metavar="KIND", help=KINDS_HELP)
    p.add_argument("--pupil", metavar="学籍号", help="学生的学籍号（学籍卡片、在校就读证明表）")
    p.add_argument("--out", metavar="FILE.pdf|FILE.xlsx",
                   help="输出文件；不给出时在当前文件夹按表名保存（学校、校区基本信息表同时保存 PDF 和 Excel）")
    p.add_argument("--set", action="append", type=item_value, metavar="项目=内容",
                   help="本校数据中没有的项目，如 --set 学校地址=… --set 校长=…（可多次使用）")
    p.add_argument("--blank-missing", action="store_true", help="缺少的项目留空，打印后手填")
    p.add_argument("--campus", metavar="校区名称", help="校区基本信息表：哪个校区（默认主校区；校区用 xueji school-info 登记）")
