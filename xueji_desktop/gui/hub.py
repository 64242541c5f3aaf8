"""The change hub: every view learns what changed from one signal (Anki's operation_did_execute).

A service call returns a `core.school.events.Changes`; `gui.operations.run_op` emits it here with the
object that started the operation. Each view connects its own `on_changes(changes, initiator)`
slot and refreshes only what the changes touch. No view polls the database, and no view is
refreshed by hand from another.

There is one hub per process, reached through `hub()`; it is created on first use. A slot that
is a method of a QObject is disconnected by Qt when that object is destroyed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..core.school.events import Changes


class Hub(QObject):
    changed = Signal(object, object)  # (Changes, initiator)

    def __init__(self):
        super().__init__()
        self.generation = 0  # how many changes were announced: a view that keeps work done can tell it is stale

    def announce(self, changes: Changes, initiator: object = None) -> None:
        self.generation += 1  # before any slot runs
        self.changed.emit(changes, initiator)


_hub: Hub | None = None


def hub() -> Hub:
    """The process-wide hub."""
    global _hub
    if _hub is None:
        _hub = Hub()
    return _hub
