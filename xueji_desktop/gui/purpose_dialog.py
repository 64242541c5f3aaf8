"""用途: the question the domain asks (core.accounts.access_log) before a print or export of more than one
pupil: the region's short list and a free text for 其他, with the region's article in the prompt. Asked
before anything is written; closing it writes nothing and says nothing more."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QWidget

from ..core.accounts.access_log import OTHER_ID, PurposeCancelled, purposes


def ask_purpose(parent: QWidget | None, ws, count: int) -> str | None:
    """The purpose chosen (or typed) for `count` pupils, or None when the registrar closed the question."""
    choice = purposes(ws.profile)
    label, ok = QInputDialog.getItem(parent, "用途", choice.prompt(count), choice.labels, 0, False)
    if not ok:
        return None
    ident = {lbl: i for i, lbl in choice.items}.get(label)
    if ident != OTHER_ID:
        return label
    typed, ok = QInputDialog.getText(parent, "用途", "请填写用途（记入查询登记）：")
    return typed.strip() or None if ok else None


def purpose_question(parent: QWidget | None, ws) -> Callable[[int], str | None]:
    return lambda count: ask_purpose(parent, ws, count)


def cancelled(call: Callable[[], object]) -> Callable[[], object]:
    """`call` for run_op: a declined purpose question returns None quietly (nothing was written)."""
    def run():
        try:
            return call()
        except PurposeCancelled:
            return None
    return run
