"""The static layouts are Qt Designer files in ui/, compiled by pyside6-uic into xueji_desktop/gui/forms/ and
committed: a generated module out of date with its .ui fails here, as does a widget whose name would hide a
method of its dialog (a radio button named `reject` once made Esc crash the step dialog), and any use of
QUiLoader (layouts are never read at run time)."""

from __future__ import annotations

import ast
import importlib
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6 import QtWidgets

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import compile_ui  # noqa: E402

LAYOUTS = sorted((ROOT / "ui").glob("*.ui"))


def test_every_generated_form_matches_its_ui_file():
    assert LAYOUTS, "no Qt Designer files in ui/"
    assert compile_ui.stale() == []


def test_a_changed_ui_file_is_reported(tmp_path, monkeypatch):
    layout = tmp_path / "ui" / LAYOUTS[0].name
    layout.parent.mkdir()
    text = LAYOUTS[0].read_text("utf-8")
    first_string = text.split("<string>", 1)[1].split("</string>", 1)[0]
    layout.write_text(text.replace(f"<string>{first_string}</string>", "<string>改过的文字</string>", 1), "utf-8")
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / f"ui_{layout.stem}.py").write_text(compile_ui.compiled(LAYOUTS[0]), "utf-8")
    monkeypatch.setattr(compile_ui, "ROOT", tmp_path)
    monkeypatch.setattr(compile_ui, "UI", tmp_path / "ui")
    monkeypatch.setattr(compile_ui, "FORMS", forms)
    assert [f"forms/ui_{layout.stem}.py older than ui/{layout.name}: run python scripts/compile_ui.py"] == \
        compile_ui.stale()


@pytest.mark.parametrize("layout", LAYOUTS, ids=[p.stem for p in LAYOUTS])
def test_no_widget_name_hides_a_method_of_its_window(layout):
    top = ET.parse(layout).getroot().find("widget")
    base = getattr(QtWidgets, top.get("class"))
    names = [w.get("name") for w in top.iter() if w.tag in ("widget", "layout", "action") and w.get("name")]
    hidden = [n for n in names[1:] if hasattr(base, n)]
    assert hidden == [], f"{layout.name}: {hidden} would hide {base.__name__} methods"
    module = importlib.import_module(f"xueji_desktop.gui.forms.ui_{layout.stem}")
    assert hasattr(module, f"Ui_{top.get('name')}")


def test_nothing_loads_a_layout_at_run_time():
    found = []
    for path in sorted((ROOT / "xueji_desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.relative_to(ROOT)}:{node.lineno}" for n in names if "QtUiTools" in n]
    assert found == []
