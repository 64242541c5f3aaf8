"""Where bundled resources and the database live, in a checkout and in the Windows build."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "xueji-desktop"


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller one-folder build
    return Path(frozen) if frozen else Path(__file__).resolve().parent.parent


ROOT = _root()
RESOURCES = ROOT / "resources"
PROFILES_DIR = RESOURCES / "profiles"
FONTS_DIR = RESOURCES / "fonts"
MIGRATIONS_DIR = ROOT / "db"
GUIDE_DIR = ROOT / "docs" / "guide"  # the user's guide (帮助 → 使用说明); bundled as data in the build


def default_db_path() -> Path:
    """The school's database file in the user's data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "xueji.sqlite3"
