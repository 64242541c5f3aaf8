"""The 档案 menu: the registers and rosters the region's text requires, and the archive forms."""

from __future__ import annotations


def install_menus(window, menubar) -> None:
    """Adds the 档案 menu after 学生; `update_actions` enables the entries that need a selected pupil."""


def update_actions(window, student) -> None:
    """Enables or explains the entries that print one pupil's form."""
