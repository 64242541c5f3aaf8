"""`xueji verify`: checks the change log's hash chain from the first event to the last and says where it
breaks. It prints no pupil's data (sequence numbers, hashes and what differs), so it opens the database
without signing in: a county IT helper can run it on a copy, and it still works when the accounts
themselves were edited."""

from __future__ import annotations

from .cli_common import _open, _say

EXIT_BROKEN = 1

HELP = ("核对变动记录（哈希链）是否完整：从第一条到最后一条逐条核对。完整时打印条数和链头，退出码 0；"
        "发现被其他程序改动、删除、插入或调换顺序的记录时，逐处列出（第一处最先），退出码 1。"
        "只读，不需登录。")


def cmd_verify(args) -> int:
    from .core.school import event_chain

    ws = _open(args, sign_in=False)
    try:
        report = event_chain.verify(ws.db)
        touches = event_chain.touched(ws.db)
    finally:
        ws.close()
    if report.ok:
        print(report.summary)
        if touches:
            _say(f"注意：另有 {len(touches)} 次其他程序对变动记录的改写被记下，但内容与链仍然相符（例如改后又改回）")
        return 0
    for line in report.lines:
        print(line)
    if touches:
        _say("其他程序改写变动记录的痕迹：" + "；".join(_touch_text(t) for t in touches[:10])
             + (f"……共 {len(touches)} 次" if len(touches) > 10 else ""))
    _say("请报告县教育局，并从改动之前的备份恢复数据库。")
    return EXIT_BROKEN


TOUCH_LABELS = {"update": "改动", "delete": "删除", "insert": "插入", "table_dropped": "记录表被删除"}


def _touch_text(touch: tuple) -> str:
    seq, what, at = touch
    label = TOUCH_LABELS.get(what, what)
    return f"{at or ''} {label}第 {seq} 条".strip() if seq is not None else label


def add_parsers(sub, add) -> None:
    """Adds `verify` to the top-level subparsers (`add` as in cli.build_parser)."""
    add("verify", HELP, cmd_verify)
