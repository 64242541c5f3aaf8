"""The menu entries' pinyin worked out ahead of time (gui/menu_pinyin.py) is pypinyin's, and covers the school's
window, so the window gets its mnemonics without loading pypinyin (tests/gui/test_start_imports.py)."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

from xueji_desktop.gui import keyboard, menu_pinyin


def _chinese(text: str) -> str:
    return "".join(c for c in keyboard.plain(text) if "\u4e00" <= c <= "\u9fff")


def test_every_syllable_in_the_table_is_what_pypinyin_says():
    wrong = {words: said for words, said in menu_pinyin.SYLLABLES.items()
             if said != " ".join(lazy_pinyin(words, style=Style.NORMAL))}
    assert wrong == {}
    assert menu_pinyin.syllables("休学") == ["xiu", "xue"]
    assert menu_pinyin.syllables("银行") == lazy_pinyin("银行", style=Style.NORMAL)  # not in the table: pypinyin


def _entries(menu):
    for action in menu.actions():
        if action.text() and not action.isSeparator():
            yield action
            if action.menu() is not None:
                yield from _entries(action.menu())


def test_the_school_window_finds_every_menu_entry_in_the_table(window):
    words = {_chinese(a.text()) for a in _entries(window.menuBar())} - {""}
    assert len(words) > 50
    missing = sorted(words - set(menu_pinyin.SYLLABLES))
    lines = "\n".join(f'    "{w}": "{" ".join(lazy_pinyin(w, style=Style.NORMAL))}",' for w in missing)
    assert missing == [], "add to SYLLABLES in gui/menu_pinyin.py:\n" + lines
