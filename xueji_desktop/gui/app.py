"""Starting the window: the Qt application, the school's database, setup or sign-in, the main window.

`run_app(db_path)` returns the process exit code. A database without a school opens the setup
wizard; otherwise the sign-in dialog. `XUEJI_AUTOLOGIN=username:password` in the environment
signs in without the dialog (screenshots and benchmarks only; a wrong pair falls back to the dialog).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from functools import partial
from importlib import import_module
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox

from ..core.region_profiles.profiles import load_profile
from . import error_hook
from .first_paint import after_first_paint
from .preloading import preload
from .qt_setup import make_app

log = logging.getLogger(__name__)

AUTOLOGIN_ENV = "XUEJI_AUTOLOGIN"


def autologin(ws, value: str | None = None) -> bool:
    """Signs in from `XUEJI_AUTOLOGIN`; True when a user is now signed in."""
    from ..core.school.workspace import LoginError

    value = os.environ.get(AUTOLOGIN_ENV, "") if value is None else value
    username, sep, password = value.partition(":")
    if not sep or not username:
        return False
    try:
        ws.login(username, password)
    except LoginError:
        log.warning("%s: sign-in as %r failed", AUTOLOGIN_ENV, username)
        return False
    return True


def sign_in(ws) -> bool:
    """Setup wizard for a new database, else the sign-in dialog; True when ws.user is set."""
    if not ws.is_set_up:
        from .setup_wizard import SetupWizard

        wizard = SetupWizard(ws)
        return wizard.exec() == QDialog.DialogCode.Accepted and ws.user is not None
    if not autologin(ws):
        from .login_dialog import LoginDialog

        dialog = LoginDialog(ws)
        if dialog.exec() != QDialog.DialogCode.Accepted or ws.user is None:
            return False
    if ws.user.must_change_password:  # an administrator set this password: the user's own first
        from .accounts_menu import change_password

        return change_password(ws, forced=True)
    return True


def _warn_if_log_edited(ws) -> None:
    """An edit made to the database file with another program is named at start; the window still opens."""
    from ..core.school.event_chain import start_warning

    text = start_warning(ws)
    if text:
        QMessageBox.warning(None, "变动记录被其他程序改动过", text)


def _daily_backup(ws) -> None:
    """The day's first start backs up once the window has been drawn: a thread with its own read-only
    connection (about 70 ms for a 600-pupil school), so the window never waits for it; a failure is logged."""
    from ..core.backups import service

    if ws.school is None:
        return
    path, folder, code, now = ws.path, service.backup_folder(ws), ws.school.code, ws.now()

    def run():
        try:
            service.daily_backup(path, folder, code, now)
        except Exception:  # the next start tries again; the log says why
            log.exception("daily backup into %s failed", folder)

    threading.Thread(target=run, name="daily-backup", daemon=True).start()


def open_workspace(db_path: str | Path):
    """The Workspace, or None once the user was told why not: a network drive or an unwritable folder is
    refused; a damaged database is offered its newest good backup (gui.restore_wizard), then opened again."""
    from ..core.backups.health import DamagedDatabaseError, LocationRefused
    from ..core.school.workspace import Workspace

    while True:
        try:
            return Workspace(db_path)
        except LocationRefused as e:
            QMessageBox.critical(None, "不能在这里打开数据库", e.message)
            return None
        except DamagedDatabaseError as e:
            log.error("damaged database %s: %s", db_path, e.problems[:3])
            from .restore_wizard import offer_restore

            if not offer_restore(db_path, e):
                return None
        except Exception as e:  # the registrar must see why the window did not open
            log.exception("cannot open %s", db_path)
            QMessageBox.critical(None, "无法打开数据库", f"无法打开数据库文件：\n{db_path}\n\n{e}")
            return None


def run_app(db_path: str | Path) -> int:
    app = make_app(sys.argv)
    error_hook.install()  # an error no one caught: logged, shown in a box, the window keeps running
    from . import page_help

    page_help.install(app)  # F1 on a wizard page (the set-up and restore wizards too) opens the guide there
    from ..core.school import workspace  # noqa: F401 — the database's modules first, then the window's beside
    # the file's check and the sign-in, which both let go of the interpreter
    preload(lambda: [import_module(name, __package__) for name in (".main_window", "..core.backups.service")],
            "the window's modules")
    first = True
    while True:  # a restore from the window closes the database: opened again, signed in again
        ws = open_workspace(db_path)
        if ws is None:
            return 1
        if first and ws.school is not None:  # while the user signs in
            preload(partial(load_profile, ws.school.profile_id), "the region's rules")
        try:
            from .clock_prompt import confirm_clock

            if (first and not confirm_clock()) or not sign_in(ws):
                return 0
            _warn_if_log_edited(ws)
            from .main_window import MainWindow

            window = MainWindow(ws)
            window.showMaximized()
            if first:  # the PDF fonts are read when a form first needs them (core.forms.fonts)
                after_first_paint(window, lambda ws=ws: _daily_backup(ws))
            first = False
            code = app.exec()
            from .restore_wizard import REOPEN

            if code != REOPEN:
                return code
            window.hide()
            window.deleteLater()
        except Exception as e:  # noqa: BLE001 — before the event loop: the same box, then stop
            error_hook.show_error(e, "打开主窗口")
            return 1
        finally:
            ws.close()
