"""学籍桌面 (xueji-desktop): student-status registrar's desktop tool."""

__version__ = "0.1.0"
