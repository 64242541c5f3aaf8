"""What the user of this PC chose and the program remembers between runs (the printer, and whatever else the
window keeps per user): a thin wrapper over QSettings, organisation "xueji", application "xueji-desktop", in
an INI file in the user's own settings folder (on Windows %APPDATA%\\xueji\\xueji-desktop.ini, on Linux
~/.config/xueji/xueji-desktop.ini). Nothing here is school data: it never goes into the database or a backup.

`XUEJI_SETTINGS_DIR` puts the file elsewhere (tests, a portable copy). Keys are grouped by what they are for
("printing/printer"); values come back as the type asked for, or the default.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

ORGANISATION, APPLICATION = "xueji", "xueji-desktop"


def settings() -> QSettings:
    folder = os.environ.get("XUEJI_SETTINGS_DIR")
    if folder:
        return QSettings(os.path.join(folder, f"{APPLICATION}.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def get(key: str, default=None, kind: type | None = None):
    value = settings().value(key, default)
    if kind is None or value is None or isinstance(value, kind):
        return value
    try:
        return kind(value)
    except (TypeError, ValueError):
        return default


def put(key: str, value) -> None:
    store = settings()
    if value is None:
        store.remove(key)
    else:
        store.setValue(key, value)
    store.sync()
