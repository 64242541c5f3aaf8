"""The shipped font subsets (scripts/subset_fonts.py): every character the Debian originals could draw
within what names and forms use is still drawn, nothing twice, and a form of rare names prints whole."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from xueji_desktop.core.forms import fonts
from xueji_desktop.core.forms.student_info import render_student_info

from .test_forms_pdf import FULL_RECORD, PRINTED, SCHOOL

ORIGINALS = Path(__file__).with_name("font_coverage_originals.txt")

# First and last code point each original maps in every kept block, and the names of the brief.
SAMPLES = {
    "Latin, digits": "AZaz09@~",
    "pinyin": "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ",
    "Greek, Cyrillic": "αΩяЁ",
    "punctuation": "—‘’“”…‰※№℃ⅠⅫ←→√∵≤≥─┼□■○●◎△★☆☐☑✓①⑩⑴⒈",
    "CJK punctuation": "、。〈〉《》「」『』【】〔〕〖〗〜　",
    "fullwidth": "（），：；！？０９ＡＺａｚ～￥",
    "enclosed CJK, units": "㈠㈩㊣㎡㎏",
    "bopomofo, radicals": "ㄅㄩ⺀⻳⼀⿕",
    "middle dots": "·•・",
    "URO": "一龥\u9fd5喆堃淼犇垚鑫玥婧彧翀昶",
    "Ext-A": "\u3400\u4db5㛃䶮",
    "compatibility ideographs": "\uf900\ufa6d",
    "Ext-B": "\U00020000\U0002a6d6𠮷",
    "Ext-C": "\U0002a700\U0002b734",
    "Ext-D": "\U0002b740\U0002b81d",
    "Ext-E": "\U0002b820\U0002cea1",
    "Ext-F": "\U0002ceb0\U0002ebe0",
    "compatibility supplement": "\U0002f800\U0002fa1d",
}


def _ranges(text: str) -> set[int]:
    cps: set[int] = set()
    for line in text.splitlines():
        if line and not line.startswith("#"):
            lo, _, hi = line.partition("-")
            cps.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return cps


def _cmaps() -> dict[str, set[int]]:
    return {name: {cp for cp, gid in cmap.items() if gid} for name, cmap in fonts._coverage()}


def test_the_subsets_cover_everything_the_originals_covered_that_was_kept():
    originals = _ranges(ORIGINALS.read_text(encoding="utf-8"))
    assert len(originals) == 93_586
    shipped = set().union(*_cmaps().values())
    missing = sorted(originals - shipped)
    assert missing == [], [f"U+{cp:04X}" for cp in missing[:20]]
    for block, chars in SAMPLES.items():
        assert fonts.missing_chars(chars) == [], block
    cjk = [cp for cp in originals if 0x3400 <= cp <= 0x9FFF or cp >= 0x20000 or 0xF900 <= cp <= 0xFAFF]
    assert len(cjk) == 88_884  # every ideograph the three originals had


def test_each_character_is_in_one_font_only_and_other_scripts_are_gone():
    body_map, a_map, b_map = _cmaps().values()
    assert a_map & body_map == {0x3001, 0x3002}  # the mainland 、。 are taken from XJ Hanzi A on purpose
    assert b_map & (a_map | body_map) == set()
    assert fonts.font_for("。") == fonts.font_for("、") == "XJ-HanziA"
    for dropped in "あア가\ue000\u0e01":  # kana, hangul, private use, Thai
        assert fonts.missing_chars(dropped) == [dropped]


def test_the_subsets_are_renamed_and_say_how_they_were_changed():
    faces = [fonts._registered[name].face for name, _ in fonts._coverage()]
    names = [(f.familyName, f.fullName, f.name) for f in faces]
    assert names == [(b"XJ UMing CN", b"XJ UMing CN", b"XJUMingCN"), (b"XJ Hanzi A", b"XJ Hanzi A", b"XJHanziA"),
                     (b"XJ Hanzi B", b"XJ Hanzi B", b"XJHanziB")]
    for spec in fonts.font_specs():
        data = (fonts.FONTS_DIR / spec.file).read_bytes()
        notice = "Modified on 2026-12-05 by the xueji-desktop project".encode("utf-16-be")
        assert notice in data, spec.file
    sizes = sum((fonts.FONTS_DIR / spec.file).stat().st_size for spec in fonts.font_specs())
    assert sizes < 55_000_000  # 74.6 MB before the subsets


def test_a_form_of_rare_names_prints_every_character(tmp_path):
    record = dict(FULL_RECORD, 姓名="王𠮷", 曾用名="䶮堃")
    record["家庭成员"] = [dict(FULL_RECORD["家庭成员"][0], 姓名="王喆"),
                      dict(FULL_RECORD["家庭成员"][1], 姓名="李㛃\U0002b740")]
    path = tmp_path / "rare.pdf"
    render_student_info(record, SCHOOL, path, printed_on=PRINTED)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                              check=True).stdout)
    for name in ("王𠮷", "䶮堃", "王喆", "李㛃\U0002b740"):
        assert name in text, name
    listed = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    embedded = {m.group(1) for m in re.finditer(r"^[A-Z]{6}\+(\S+)", listed, re.MULTILINE)}
    assert embedded == {"XJUMingCN", "XJHanziA", "XJHanziB"}


def test_a_form_of_common_names_leaves_the_ext_b_font_unread(tmp_path):
    child = (
        "import sys; from tests.test_forms_pdf import FULL_RECORD, SCHOOL, PRINTED\n"
        "from xueji_desktop.core.forms import fonts\n"
        "from xueji_desktop.core.forms.student_info import render_student_info\n"
        "render_student_info(dict(FULL_RECORD, 姓名='王小明'), SCHOOL, sys.argv[1], printed_on=PRINTED)\n"
        "print(sorted(fonts._registered))\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", child, str(tmp_path / "a.pdf")], cwd=root, capture_output=True,
                          text=True, check=True)
    assert done.stdout.split() == ["['XJ-HanziA',", "'XJ-UMingCN']"]  # A for 、 and 。; not the 29 MB of Ext-B
