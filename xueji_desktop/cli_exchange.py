"""`xueji keys …` and `xueji export`: the school's side of the exchange with the county bureau, through
the same services as the window. Each prints what it did in Chinese; a refusal exits non-zero and
changes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_BLOCKED = 2


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_BLOCKED


def _open(args):
    from .cli_common import _open as open_workspace

    return open_workspace(args)


def _sign_in(ws, args, facts_from_elsewhere: bool = False) -> str:
    from .cli_common import _sign_in as sign_in

    return sign_in(ws, args, facts_from_elsewhere)


def cmd_keys_show(args) -> int:
    from .core.exchange import outbox, school_keys

    ws = _open(args)
    school = ws.school
    print(f"学校：{school.name}（{school.code}）")
    key = school_keys.active_school_key()
    if key is None:
        print("本校尚未生成密钥。请运行：xueji keys create --db …", file=sys.stderr)
        return EXIT_BLOCKED
    print(f"本校公钥指纹：{key.fingerprint}")
    print(f"  生成于 {key.created_at:%Y-%m-%d %H:%M}")
    if getattr(args, "write_key", None):
        out = Path(args.write_key)
        try:
            out.write_bytes(school_keys.school_public_key_bytes(ws))
        except OSError as e:
            return _fail(f"无法写入 {out}：{e.strerror or e}")
        print(f"本校公钥文件已写入：{out}（交教育局登记，连同打印的密钥登记表）")
    bureau = school_keys.active_bureau_key()
    if bureau is None:
        print("教育局公钥：尚未登记（xueji keys trust-bureau --key 文件 --fingerprint \"公函上的指纹\"）")
    else:
        who = bureau.confirmed_by.display_name or bureau.confirmed_by.username
        print(f"教育局公钥：{bureau.name}，指纹 {bureau.fingerprint}")
        print(f"  {bureau.confirmed_at:%Y-%m-%d %H:%M} 由 {who} 核对公函后登记")
    pending = outbox.pending_batches(ws)
    print(f"待导出的变更：{outbox.unexported_count()} 项；已封存未获回执的批次：{len(pending)} 个"
          + (f"（第 {_span(pending[0].batch_no, pending[-1].batch_no)} 批）" if pending else ""))
    return 0


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def cmd_keys_create(args) -> int:
    from .core.exchange import school_keys

    ws = _open(args)
    password = _sign_in(ws, args)
    try:
        row = school_keys.create_keys(ws, password, replace=getattr(args, "replace", False))
    except school_keys.KeyRefused as e:
        return _fail(f"未生成密钥：{e.message}")
    print(f"已生成学校密钥，私钥以 {ws.user.username} 的密码保护。")
    print(f"本校公钥指纹：{row.fingerprint}")
    return 0


def cmd_keys_trust(args) -> int:
    from .core.exchange import school_keys

    ws = _open(args)
    typed = args.fingerprint
    if typed is None:
        try:
            typed = input("请输入教育局公函上的公钥指纹（8 组数字）：")
        except EOFError:
            return _fail("未登记：需要教育局公函上的公钥指纹，请用 --fingerprint \"指纹\" 给出，或在终端中运行按提示输入")
    _sign_in(ws, args)
    try:
        row = school_keys.trust_bureau(ws, args.key, typed)
    except school_keys.KeyRefused as e:
        return _fail(f"未登记：{e.message}")
    print(f"已登记教育局公钥：{row.name}，指纹 {row.fingerprint}（与公函一致）")
    return 0


def cmd_export(args) -> int:
    from .core.exchange import outbox
    from .core.exchange.school_keys import KeyRefused

    ws = _open(args)
    folder = Path(args.to)
    if not folder.is_dir():
        return _fail(f"未导出：找不到 {folder}（U 盘是否已插好？）")
    password = _sign_in(ws, args)
    try:
        result = outbox.export_to(ws, password, folder)
    except KeyRefused as e:
        return _fail(f"未导出：{e.message}")
    if result.sealed is None:
        print(outbox.NOTHING_TO_EXPORT)
    else:
        print(f"已封存第 {result.sealed.batch_no} 批（{result.sealed.event_count} 项变更，"
              f"序号 {result.sealed.first_seq}–{result.sealed.last_seq}），保存在本机待发批次中")
    for written in result.written:
        print(written.message)
    if result.failed is not None:
        print(result.failed.message, file=sys.stderr)
        if result.sealed is not None:
            print("已封存的批次保存在本机，换一个 U 盘重新导出即可写入。", file=sys.stderr)
        return EXIT_BLOCKED
    if not result.written:
        print("没有待写入 U 盘的批次（全部已获教育局回执）")
    return 0


def cmd_import_reply(args) -> int:
    from .core.exchange import replies
    from .core.exchange.school_keys import KeyRefused

    ws = _open(args)
    password = _sign_in(ws, args, facts_from_elsewhere=True)
    try:
        outcomes = replies.import_replies(ws, password, args.paths)
    except KeyRefused as e:
        return _fail(f"未导入：{e.message}")
    if not outcomes:
        return _fail(replies.import_summary(outcomes))
    for o in outcomes:
        print(o.message, file=sys.stderr if o.status == replies.REFUSED else sys.stdout)
    done = sum(o.status == replies.IMPORTED for o in outcomes)
    skipped = sum(o.status == replies.SKIPPED for o in outcomes)
    refused = sum(o.status == replies.REFUSED for o in outcomes)
    print(f"共 {len(outcomes)} 份回执：已导入 {done} 份，此前已导入 {skipped} 份，拒绝 {refused} 份")
    return EXIT_BLOCKED if refused else 0


def add_parsers(sub, add) -> None:
    """Adds `keys …` and `export` to the top-level subparsers (`add` as in cli.build_parser)."""
    from .cli_common import common_options

    p = add("keys", "学校密钥：查看本校指纹、生成密钥、登记教育局公钥", cmd_keys_show)
    keys_sub = p.add_subparsers(dest="keys_command", metavar="操作")

    def key_command(name, help_text, func):
        k = keys_sub.add_parser(name, help=help_text, description=help_text)
        common_options(k)
        k.set_defaults(func=func)
        return k

    k = key_command("show", "显示本校公钥指纹（密钥登记表上的 8 组数字）和已登记的教育局公钥", cmd_keys_show)
    k.add_argument("--write-key", metavar="FILE", help="同时写出本校公钥文件，交教育局登记")
    k = key_command("create", "生成本校密钥（私钥以登录密码保护）", cmd_keys_create)
    k.add_argument("--replace", action="store_true", help="更换已有密钥（须重新交教育局登记）")
    k = key_command("trust-bureau", "载入教育局公钥文件，核对公函上的指纹后登记", cmd_keys_trust)
    k.add_argument("--key", required=True, metavar="FILE", help="教育局公钥文件（U 盘上）")
    k.add_argument("--fingerprint", metavar="指纹", help="教育局盖章公函上的指纹（不给则交互输入）")

    p = add("export", "导出变更批次：封存尚未导出的变更，写入 U 盘并校验", cmd_export)
    p.add_argument("--to", required=True, metavar="DIR", help="U 盘（或文件夹）；批次写入其中的 xueji 文件夹")

    p = add("import-reply", "导入教育局回执：批次回执、审批意见、转学请求和转来的学籍档案", cmd_import_reply)
    p.add_argument("paths", nargs="+", metavar="FILE_OR_DIR", help="回执文件（*.xjr）或 U 盘文件夹")
