"""学籍桌面 (xueji-desktop): student-status registrar's desktop tool."""

import datetime as _dt

__version__ = "0.1.0"
RELEASE_DATE = _dt.date(2026, 12, 4)  # a PC whose clock reads earlier than this is surely wrong
