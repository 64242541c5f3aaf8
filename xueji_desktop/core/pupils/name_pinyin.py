"""姓名拼音 from a pupil's name, written as GB/T 28039-2011《中国人名汉语拼音字母拼写规则》 says.

The surname and the given name are written apart, surname first, each with a capital initial and
the rest in lower case without tones (曾小明 → "Zeng Xiaoming"); a compound surname is written as one
word (欧阳文 → "Ouyang Wen"); ü stays ü (吕 → "Lü"); an apostrophe separates a syllable starting with
a, o or e from the one before it (李西安 → "Li Xi'an"). A name of an ethnic minority written with the
middle dot is transcribed part by part in its own order (阿依古丽·买买提 → "Ayiguli Maimaiti").

A surname is read as a surname: 曾 zeng (not ceng), 单 shan, 仇 qiu, 解 xie, 朴 piao … The pinyin
dictionary gives the everyday reading, so the surname readings are a table here.

    name_pinyin("曾小明")   # "Zeng Xiaoming"
"""

from __future__ import annotations

import re

from .search import pypinyin

# Compound surnames (复姓), written as one word.
COMPOUND_SURNAMES: dict[str, str] = {
    "欧阳": "ouyang", "司马": "sima", "上官": "shangguan", "诸葛": "zhuge", "东方": "dongfang",
    "尉迟": "yuchi", "长孙": "zhangsun", "皇甫": "huangfu", "慕容": "murong", "令狐": "linghu",
    "夏侯": "xiahou", "公孙": "gongsun", "司徒": "situ", "司空": "sikong", "端木": "duanmu",
    "澹台": "tantai", "宇文": "yuwen", "万俟": "moqi", "单于": "chanyu", "呼延": "huyan",
    "轩辕": "xuanyuan", "南宫": "nangong", "西门": "ximen", "闻人": "wenren", "申屠": "shentu",
    "独孤": "dugu", "百里": "baili", "东郭": "dongguo", "钟离": "zhongli", "赫连": "helian",
    "拓跋": "tuoba", "公冶": "gongye", "太叔": "taishu", "濮阳": "puyang", "淳于": "chunyu",
}
# Single surnames whose surname reading differs from the dictionary's first reading.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng", "单": "shan", "仇": "qiu", "解": "xie", "朴": "piao", "查": "zha", "盖": "ge",
    "翟": "zhai", "缪": "miao", "乐": "yue", "区": "ou", "覃": "qin", "召": "shao", "秘": "bi",
    "那": "na", "繁": "po", "种": "chong", "折": "she", "员": "yun", "能": "nai", "冼": "xian",
    "洗": "xian", "长": "chang", "朝": "chao", "重": "chong", "句": "gou", "隗": "wei", "尉": "wei",
    "宿": "su", "万": "wan", "沈": "shen", "褚": "chu", "贲": "ben", "卜": "bu", "燕": "yan",
    "蕃": "pi", "谌": "chen", "曲": "qu", "都": "du", "薄": "bo", "石": "shi",
    "柏": "bai", "阚": "kan", "费": "fei", "黑": "he", "過": "guo", "过": "guo", "应": "ying",
    "华": "hua", "任": "ren", "纪": "ji", "郇": "xun", "相": "xiang", "殷": "yin", "车": "che",
}
# Characters of names the dictionary lacks or reads wrongly in a given name.
CHAR_READINGS: dict[str, str] = {"𠮷": "ji"}

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_DOTS = re.compile(r"[·•．.]")


def _syllables(text: str) -> list[str]:
    """Each Han character's reading, lower case, ü kept; characters without a reading are left out."""
    out = []
    for char in text:
        if not _HAN.match(char):
            continue
        reading = CHAR_READINGS.get(char) or pypinyin().lazy_pinyin(char, style=pypinyin().Style.NORMAL, v_to_u=True,
                                                                    errors=lambda _c: [""])[0]
        if reading:
            out.append(reading.lower())
    return out


def _join(syllables: list[str]) -> str:
    """One word: syllables run together, an apostrophe before a syllable starting with a, o or e."""
    word = ""
    for s in syllables:
        word += ("'" if word and s[0] in "aoe" else "") + s
    return word[:1].upper() + word[1:]


def split_surname(name: str) -> tuple[str, str]:
    """(surname, given name): a compound surname of the table, else the first character."""
    name = name.strip()
    for compound in COMPOUND_SURNAMES:
        if name.startswith(compound) and len(name) > len(compound):
            return compound, name[len(compound):]
    return name[:1], name[1:]


def name_pinyin(name: str) -> str:
    """The 姓名拼音 of a name as typed; "" when it holds no Han character."""
    name = (name or "").strip()
    if not _HAN.search(name):
        return ""
    if _DOTS.search(name):  # a minority name: each part transcribed, in its own order
        return " ".join(w for w in (_join(_syllables(part)) for part in _DOTS.split(name)) if w)
    surname, given = split_surname(name)
    if surname in COMPOUND_SURNAMES:
        family = _join([COMPOUND_SURNAMES[surname]])
    elif surname in SURNAME_READINGS:
        family = _join([SURNAME_READINGS[surname]])
    else:
        family = _join(_syllables(surname))
    return " ".join(w for w in (family, _join(_syllables(given))) if w)
