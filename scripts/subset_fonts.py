"""Regenerate the bundled fonts in resources/fonts from the Debian originals, reproducibly.

    python scripts/subset_fonts.py                  take the originals from the repository's history
    python scripts/subset_fonts.py --source DIR     take uming.ttc, HanaMinA.ttf, HanaMinB.ttf from DIR
    python scripts/subset_fonts.py --check          write nothing; exit 1 if a shipped file differs

The originals are checked against their SHA-256 (Debian fonts-arphic-uming 0.2.20080216.2-11 and
fonts-hanazono 20170904-2.1; `apt-get download fonts-arphic-uming fonts-hanazono` and `dpkg-deb -x`
give them under usr/share/fonts/truetype/), the results against the SHA-256 recorded below, so the
same originals always give byte-identical files. Needs fontTools (`pip install -e ".[fonts]"`);
the program itself reads the shipped files with reportlab and Qt only.

What is kept, per font (see resources/fonts/LICENSES.md for the reasons and the numbers):

* every code point of KEEP_RANGES the font maps, minus what an earlier font of the chain already
  maps (the renderer and Qt take a character from the first font that has it), except the
  characters core.forms.fonts takes from a later font on purpose (STYLE_OVERRIDES);
* dropped: other scripts (kana, hangul, Yi, Arabic …), private use, variation sequences (the
  renderer prints the base character's default shape), the embedded bitmaps of UMing (screen-only,
  monochrome; print uses outlines) and the three other faces of uming.ttc. None of the fonts
  carries TrueType instructions, so there is no hinting to drop.

Each result is renamed (the Hanazono names are Reserved Font Names under the OFL) and carries in
its name table a notice of how and when it was changed (Arphic Public License §2a).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
# The code points of KEEP_RANGES that the originals map, as ranges: tests/test_font_subsets.py checks
# that the shipped files still map every one of them.
COVERAGE = ROOT / "tests" / "font_coverage_originals.txt"
# The last commit that ships the unmodified Debian files.
ORIGINALS_COMMIT = "47352add5022a29ca30e33adc4afa3cf3a452834"
MODIFIED_ON = "2026-12-05"
# head.modified of every result: 2026-12-05 00:00 UTC in seconds since 1904-01-01.
MODIFIED_TIMESTAMP = 3847824000

ORIGINAL_SHA256 = {
    "uming.ttc": "fe952e55617275142d9cefd4d79eade4df446517b0478b2567d9bc7df49f70e2",
    "HanaMinA.ttf": "7ca87559414474848fc513a8d8eb42d5b0f8194c30c2abdfbfedff5398ec88d7",
    "HanaMinB.ttf": "829543436cdf7b4c6730e2af5806fa406f8ddf0d4b656e0cd49c58d4db1c8d3c",
}

# What Chinese names, addresses and forms can hold.
KEEP_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0020, 0x007E, "Basic Latin"),
    (0x00A0, 0x024F, "Latin-1, Latin Extended-A/B (pinyin ā ǎ ü ǘ)"),
    (0x0250, 0x02FF, "IPA, spacing modifiers (ɑ ɡ ˇ ˊ ˋ ˙)"),
    (0x0300, 0x036F, "combining diacritical marks"),
    (0x0370, 0x03FF, "Greek (GB 2312 row 6)"),
    (0x0400, 0x04FF, "Cyrillic (GB 2312 row 7)"),
    (0x1E00, 0x1EFF, "Latin Extended Additional (ḿ)"),
    (0x2000, 0x2BFF, ("punctuation, letterlike, number forms, arrows, maths, box drawing, shapes, "
                      "symbols, dingbats (— “ ” … № Ⅱ → √ ≤ ─ □ ○ ● ★ ☐ ☑ ✓ ①)")),
    (0x2E00, 0x2E7F, "supplemental punctuation (⸺)"),
    (0x2E80, 0x2FDF, "CJK radicals, Kangxi radicals"),
    (0x2FF0, 0x2FFF, "ideographic description characters"),
    (0x3000, 0x303F, "CJK symbols and punctuation"),
    (0x30FB, 0x30FB, "katakana middle dot ・ (minority names)"),
    (0x3100, 0x312F, "bopomofo (GB 2312 row 8)"),
    (0x31A0, 0x31BF, "bopomofo extended"),
    (0x31C0, 0x31EF, "CJK strokes"),
    (0x3200, 0x32FF, "enclosed CJK letters and months (㈠ ㊣)"),
    (0x3300, 0x33FF, "CJK compatibility (㎡ ㎏)"),
    (0x3400, 0x4DBF, "CJK Ext-A"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xF900, 0xFAFF, "CJK compatibility ideographs"),
    (0xFE10, 0xFE1F, "vertical forms"),
    (0xFE30, 0xFE6F, "CJK compatibility forms, small form variants"),
    (0xFF00, 0xFFEF, "halfwidth and fullwidth forms"),
    (0x20000, 0x2A6DF, "CJK Ext-B"),
    (0x2A700, 0x2EBEF, "CJK Ext-C to Ext-F"),
    (0x2F800, 0x2FA1F, "CJK compatibility ideographs supplement"),
    (0x30000, 0x3134F, "CJK Ext-G"),
)

# Taken from a later font although an earlier one maps them (core.forms.fonts._STYLE_OVERRIDES).
STYLE_OVERRIDES = {"HanaMinA.ttf": (0x3001, 0x3002)}

OFL_NOTE = "Hanazono Font License, or SIL Open Font License 1.1 (see HANAZONO-COPYRIGHT.txt)"


@dataclass(frozen=True)
class Target:
    source: str  # original file name
    face: int | None  # face index in a .ttc
    out: str  # shipped file name
    family: str
    postscript: str
    subfamily: str
    original_name: str
    licence: str
    sha256: str  # of the result


TARGETS: tuple[Target, ...] = (
    Target("uming.ttc", 0, "XJ-UMingCN.ttf", "XJ UMing CN", "XJUMingCN", "Light", "AR PL UMing CN",
           "Arphic Public License (ARPHICPL.TXT)",
           "01c9a01782c182ea073f0ac04966d227d72b66bb5f6468c83ef5514e13b643a3"),
    Target("HanaMinA.ttf", None, "XJ-HanziA.ttf", "XJ Hanzi A", "XJHanziA", "Regular", "HanaMinA",
           OFL_NOTE, "92acb5035547bd2fb9ee048af55af4894531ce000269fd9d0c88c6e31cee5d50"),
    Target("HanaMinB.ttf", None, "XJ-HanziB.ttf", "XJ Hanzi B", "XJHanziB", "Regular", "HanaMinB",
           OFL_NOTE, "0b95031df5b37ce8bbc6d809ee4308d6a12fbaafbc39f74f4bfa11e8329a2708"),
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def kept(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi, _ in KEEP_RANGES)


def read_originals(source: Path | None) -> dict[str, bytes]:
    data = {}
    for name, digest in ORIGINAL_SHA256.items():
        if source is not None:
            blob = (source / name).read_bytes()
        else:
            blob = subprocess.run(["git", "-C", str(ROOT), "show", f"{ORIGINALS_COMMIT}:resources/fonts/{name}"],
                                  capture_output=True, check=True).stdout
        if sha256(blob) != digest:
            raise SystemExit(f"{name}: SHA-256 {sha256(blob)} is not the Debian original's {digest}")
        data[name] = blob
    return data


def notice(t: Target, version: str) -> str:
    return (f"Modified on {MODIFIED_ON} by the xueji-desktop project (scripts/subset_fonts.py): a subset of "
            f"{t.original_name} {version.strip()} as shipped by Debian, renamed {t.family}. Kept: the CJK "
            "ideographs, punctuation, Latin, Greek, Cyrillic, bopomofo and symbols this font maps that the "
            "fonts before it in the program's chain (XJ UMing CN, XJ Hanzi A, XJ Hanzi B) do not; dropped: "
            "other scripts, private use, variation sequences"
            + (", embedded bitmaps and the other faces of the collection." if t.face is not None else ".")
            + f" Licence: {t.licence}.")


def rename(font, t: Target) -> None:
    name = font["name"]
    version = name.getDebugName(5) or ""
    keep_ids = {0, 5, 11, 13, 14}  # copyright, version, vendor URL, licence, licence URL
    name.names = [r for r in name.names if r.nameID in keep_ids and r.langID in (0, 0x409)]
    for r in name.names:
        if r.nameID == 5:
            r.string = f"{version.strip()}; subset {MODIFIED_ON}"
    for name_id, text in ((1, t.family), (2, t.subfamily), (3, f"xueji-desktop: {t.family}: {MODIFIED_ON}"),
                          (4, t.family), (6, t.postscript), (10, notice(t, version))):
        name.setName(text, name_id, 3, 1, 0x409)
        name.setName(text, name_id, 1, 0, 0)
    if t.face is None and not name.getDebugName(13):
        name.setName(OFL_NOTE, 13, 3, 1, 0x409)


def as_ranges(cps: set[int]) -> str:
    lines, run = [], None
    for cp in sorted(cps):
        if run and cp == run[1] + 1:
            run[1] = cp
            continue
        if run:
            lines.append(run)
        run = [cp, cp]
    if run:
        lines.append(run)
    head = "# Code points the Debian originals map within scripts/subset_fonts.py KEEP_RANGES (written by it)\n"
    return head + "".join(f"{lo:04X}-{hi:04X}\n" if hi > lo else f"{lo:04X}\n" for lo, hi in lines)


def subset(originals: dict[str, bytes]) -> tuple[dict[str, bytes], set[int]]:
    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    results: dict[str, bytes] = {}
    taken: set[int] = set()  # code points an earlier font of the chain maps
    for t in TARGETS:
        font = TTFont(io.BytesIO(originals[t.source]), fontNumber=t.face if t.face is not None else -1,
                      recalcTimestamp=False, lazy=False)
        cmap = font.getBestCmap()
        overrides = set(STYLE_OVERRIDES.get(t.source, ()))
        unicodes = sorted(cp for cp in cmap if kept(cp) and (cp not in taken or cp in overrides))
        taken.update(unicodes)
        font["cmap"].tables = [tb for tb in font["cmap"].tables if tb.format != 14]  # no variation sequences
        options = ftsubset.Options()
        options.drop_tables += ["BDF ", "FFTM", "prop", "EBDT", "EBLC", "EBSC"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.name_legacy = True
        options.notdef_outline = True
        options.glyph_names = False
        options.recalc_timestamp = False
        options.prune_unicode_ranges = True
        subsetter = ftsubset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        wanted = set(unicodes)  # the subsetter keeps every code point of a kept glyph: only those asked for
        for table in font["cmap"].tables:
            table.cmap = {cp: glyph for cp, glyph in table.cmap.items() if cp in wanted}
        rename(font, t)
        font["head"].modified = MODIFIED_TIMESTAMP
        out = io.BytesIO()
        font.save(out, reorderTables=True)
        results[t.out] = out.getvalue()
    return results, taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="folder with the Debian originals (default: git history)")
    parser.add_argument("--check", action="store_true", help="compare with the shipped files, write nothing")
    parser.add_argument("--out", type=Path, default=FONTS, help="where to write (default resources/fonts)")
    args = parser.parse_args(argv)
    results, covered = subset(read_originals(args.source))
    bad = 0
    coverage = as_ranges(covered)
    if args.check:
        if not COVERAGE.is_file() or COVERAGE.read_text(encoding="utf-8") != coverage:
            print(f"{COVERAGE} is not what the originals give")
            bad += 1
    else:
        COVERAGE.write_text(coverage, encoding="utf-8")
    for t in TARGETS:
        blob = results[t.out]
        digest = sha256(blob)
        status = "ok" if digest == t.sha256 else f"differs from the recorded {t.sha256}"
        print(f"{t.out}: {len(blob):,} bytes, SHA-256 {digest} ({status})")
        if args.check:
            shipped = args.out / t.out
            if not shipped.is_file() or sha256(shipped.read_bytes()) != digest:
                print(f"  {shipped} is not what the originals give")
                bad += 1
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=args.out, delete=False) as tmp:
                tmp.write(blob)
            Path(tmp.name).chmod(0o644)
            Path(tmp.name).replace(args.out / t.out)
        bad += digest != t.sha256
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
