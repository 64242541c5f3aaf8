"""Find a pupil as the registrar types: by name, pinyin (full, initials, mixed), ID number or 学籍号.

Each pupil carries one precomputed key string (stored with the record), so a search is a plain
substring test per pupil: no pinyin work while typing. Every reading of a polyphonic character is
indexed, so 曾 is found by both `z` (zēng) and `c` (céng).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

SEP = "\x1f"  # a key starts after each separator: queries match at the start of a key
_MAX_VARIANTS = 256


@lru_cache(maxsize=1)
def pypinyin():
    """The pypinyin module, imported when first needed (building a key, a name's pinyin, sorting by name): its
    dictionaries take about 50 MB and a third of a second, and a search only compares the stored keys."""
    import pypinyin

    # Name characters pypinyin's dictionary lacks (variants used in the household register).
    pypinyin.load_single_dict({0x20BB7: "jí"})  # 𠮷, the 土-top variant of 吉
    return pypinyin


def _readings(char: str) -> list[str]:
    p = pypinyin()
    found = p.pinyin(char, style=p.Style.NORMAL, heteronym=True, errors=lambda c: [c.lower()])[0]
    readings = [r.lower() for r in found if r]
    return list(dict.fromkeys(readings)) or [char]


def pinyin_variants(name: str) -> set[str]:
    """Every way of spelling the name from each character on: full syllables or initials, mixed.

    张三 → zhangsan, zhangs, zsan, zs, san, s; a query matches when it is a prefix of one.
    """
    chars = [c for c in name if not c.isspace() and c != "·"]
    per_char = [[r for reading in _readings(c) for r in {reading, reading[0]}] for c in chars]
    variants: set[str] = set()
    for start in range(len(per_char)):
        for combo in itertools.islice(itertools.product(*per_char[start:]), _MAX_VARIANTS):
            variants.add("".join(combo))
    return variants


def build_keys(name: str, id_number: str = "", student_number: str = "") -> str:
    parts = [name, id_number.lower(), student_number.lower(), *sorted(pinyin_variants(name))]
    return SEP + SEP.join(p for p in parts if p)


_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def refines(before: str, after: str) -> bool:
    """Every pupil `after` matches was matched by `before` (both normalised): typing on."""
    return bool(before) and after.startswith(before) and has_cjk(before) == has_cjk(after)


def normalise(query: str) -> str:
    return re.sub(r"\s+", "", query or "").lower()


def needle(query: str) -> str:
    """What a pupil's keys must contain to match the normalised `query` ("" matches every pupil): part of a name
    anywhere, pinyin, an ID number or a 学籍号 from the start of a key. Worked out once per query, so the search
    over a school is one substring test per pupil."""
    if not query or _CJK.search(query):
        return query
    return SEP + query


def matches(keys: str, query: str) -> bool:
    """`query` must already be normalised."""
    return needle(query) in keys


def search(rows, query: str, key=lambda row: row.search_keys) -> list:
    """Filters any sequence of rows carrying search keys."""
    wanted = needle(normalise(query))
    return [row for row in rows if wanted in key(row)]
