"""`xueji school-info`: the values of the 学校基本信息表 and 校区基本信息表 the school's set-up data lacks
(address, head, campuses …), shown as TSV and, with --set, kept (signed in, one transaction, in the change
log) so that `xueji print-archive-form` and the window print them without asking again."""

from __future__ import annotations

from .cli_common import EXIT_BLOCKED, _open, _say, _sign_in, item_value

SOURCES = {"setup": "本校设置", "counted": "统计"}


def cmd_school_info(args) -> int:
    from .core.forms import school_info
    from .core.forms.archive_common import ArchiveFormError, NotFound
    from .core.forms.archive_offer import find_form

    ws = _open(args)
    values = dict(args.set or [])
    form_id = args.form
    try:
        offered = find_form(ws.profile, form_id)
        if form_id != school_info.CAMPUS_FORM and (args.campus or args.add_campus):
            _say(f"{offered.title}不分校区：--campus、--add-campus 只用于 {school_info.CAMPUS_FORM}")
            return EXIT_BLOCKED
        if args.add_campus and not values:
            _say("--add-campus：请用 --set 校区名称=… 等给出新校区的信息")
            return EXIT_BLOCKED
        campus = school_info.NEW if args.add_campus else args.campus
        if campus != school_info.NEW:
            campus = school_info.find_campus(campus) if form_id == school_info.CAMPUS_FORM else None
        if values and not school_info.check_values(ws, form_id, values, campus).changed:
            _say("没有改动：所给内容与已保存的相同，未写入")
        elif values:  # checked before the password is asked; checked again in the write
            _sign_in(ws, args)
            changes = school_info.save_values(ws, form_id, values, campus)
            _say(f"已保存：{changes.events[0].summary}" if changes.events else "没有改动，未写入")
            if campus == school_info.NEW:
                campus = school_info.find_campus(values.get("校区名称", "").strip())
    except NotFound as e:
        _say(f"未保存：{e.message}")
        return 1
    except ArchiveFormError as e:
        _say(f"未保存：{e.message}")
        return EXIT_BLOCKED
    items = school_info.form_items(ws, form_id, campus)
    print("项目\t内容\t来源")
    for i in items:
        source = SOURCES.get(i.source) or ("已保存" if i.value else "待填（必填）" if i.required else "")
        print(f"{i.printed}\t{' '.join(i.value.split())}\t{source}")
    if form_id == school_info.CAMPUS_FORM:
        _say("本校的校区：" + "、".join(c.label for c in school_info.campuses()))
    missing = [i.label for i in items if i.required and not i.value]
    if missing:
        _say(f"打印{offered.title}前还须填写：{'、'.join(missing)}（--set 项目=内容）")
    return 0


def add_parsers(sub, add) -> None:
    """Adds `school-info` to the top-level subparsers (`add` as in cli.build_parser)."""
    p = add("school-info", "学校、校区基本信息表中本校设置没有的项目（地址、校长、校区等）：列出（TSV），"
            "用 --set 保存，以后打印时不必再给出", cmd_school_info)
    p.add_argument("--form", default="cz_school_info", choices=("cz_school_info", "cz_campus_info"),
                   help="cz_school_info 学校基本信息表（默认）；cz_campus_info 校区基本信息表")
    p.add_argument("--campus", metavar="校区名称", help="校区基本信息表：哪个校区（默认主校区）")
    p.add_argument("--add-campus", action="store_true",
                   help="校区基本信息表：新增一个分校区，用 --set 校区名称=… 等给出它的信息")
    p.add_argument("--set", action="append", type=item_value, metavar="项目=内容",
                   help="保存一个项目，如 --set 学校地址=… --set 校长=…（可多次使用；内容留空则删除已保存的）")
