"""Work done on a thread before it is needed: what the window needs while the registrar signs in (gui.app), and
what a dialog's first opening would wait for while the registrar reads the first screen.

Only imports and reads of the program's own files go here, never the database; the package has no import cycles,
so two threads' imports cannot deadlock. A failure is logged, and the work is simply done again where it is
needed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from importlib import import_module

log = logging.getLogger(__name__)

# the wizards' modules and the county list of their place fields (core.pupils.regions): some 150 ms of the
# first opening of 办理转入…, 新生注册… or a status change, loaded this long after the window's first paint
# (after the roll is read, gui.main_window.ROLL_AFTER_MS)
DIALOGS = (".transfer_wizard", ".enrol_wizard", ".change_wizard", ".case_dialog")
DIALOGS_AFTER_MS = 3000


def preload(work: Callable[[], object], what: str) -> threading.Thread:
    """Runs `work` on a thread; a failure is logged (the caller's own path does the work again)."""

    def run() -> None:
        try:
            work()
        except Exception:  # done again, and reported, where it is needed
            log.exception("preloading %s failed", what)

    thread = threading.Thread(target=run, name=f"preload-{what}", daemon=True)
    thread.start()
    return thread


def load_dialogs() -> None:
    """The dialogs' modules and the county list, here and now (the thread's work; the speed checks call it as
    the window's thread would have)."""
    for name in DIALOGS:
        import_module(name, __package__)
    from ..core.pupils import regions

    regions.current_counties()


def warm_dialogs() -> threading.Thread:
    return preload(load_dialogs, "the dialogs")
