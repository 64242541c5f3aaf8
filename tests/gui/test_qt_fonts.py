"""The window starts on the system's fonts; the bundled CJK files are registered with Qt only when a text
needs them (a rare name character), then draw it. A fresh process, since registration is once per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CHILD = r"""
import json, sys
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QRawFont
from PySide6.QtWidgets import QApplication
from xueji_desktop.gui import qt_setup

app = qt_setup.make_app([])
out = {"at_start": list(qt_setup._loaded_fonts), "face": [app.font().families()[0], QFontInfo(app.font()).family()],
       "known_at_start": [f for f in qt_setup.FALLBACK_FAMILIES if f in QFontDatabase.families()],
       "common": qt_setup.ensure_fonts_for(["王小明", "李华", "", "张伟·买买提"])}
out["after_common"] = list(qt_setup._loaded_fonts)
from xueji_desktop.core.pupils.roster import RosterRow
from xueji_desktop.gui.roster_model import RosterModel

def pupil(name):
    return RosterRow(1, "G1", name, "1", 1, 1, "一年级（1）班", "enrolled", name)

RosterModel(loader=lambda: [pupil("李华"), pupil("张伟")], subscribe=False)
out["common_roll"] = list(qt_setup._loaded_fonts)
RosterModel(loader=lambda: [pupil("李华"), pupil("王𠮷")], subscribe=False)  # the roll holds a rare name
out["rare"] = bool(qt_setup._loaded_fonts)
out["families"] = app.font().families()
out["draws"] = {f"{cp:X}": [f for f in qt_setup.FALLBACK_FAMILIES if QRawFont.fromFont(QFont(f)).supportsCharacter(cp)]
                for cp in (0x20BB7, 0x36C3, 0x4DAE, 0x5803, 0x2B740)}
print(json.dumps(out))
"""


def test_bundled_fonts_wait_for_a_rare_character():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["at_start"] == [] and out["known_at_start"] == []
    first, drawn_with = out["face"]
    assert first == drawn_with  # the system's own face (not an alias a family list would skip) draws the UI
    assert out["common"] is False and out["after_common"] == [] and out["common_roll"] == []
    assert out["rare"] is True
    assert out["families"][-3:] == ["XJ UMing CN", "XJ Hanzi A", "XJ Hanzi B"]
    # each character in exactly one of the three (the subsets keep no duplicates): 㛃 䶮 堃 in the body
    # font, 𠮷 in the Ext-B characters HanaMinA had, the Ext-D 𫝀 in XJ Hanzi B
    assert out["draws"] == {"20BB7": ["XJ Hanzi A"], "36C3": ["XJ UMing CN"], "4DAE": ["XJ UMing CN"],
                            "5803": ["XJ UMing CN"], "2B740": ["XJ Hanzi B"]}
