"""The domain never imports Qt: it must work in a script or a test without a window."""

import subprocess
import sys


def test_core_imports_without_pyside6():
    code = (
        "import sys, importlib, pkgutil\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt is blocked in core: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import xueji_desktop.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'xueji_desktop.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import xueji_desktop.store.models, xueji_desktop.cli\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_window_reads_through_the_domain():
    """Nothing under gui/ knows the schema: no import of the school's store, the bureau's models or peewee,
    at the top of a module or inside a function. The window asks the domain for plain rows."""
    import ast
    from pathlib import Path

    gui = Path(__file__).resolve().parent.parent / "xueji_desktop" / "gui"
    schema = ("store", "bureau.store", "bureau.case_models", "peewee", "playhouse")
    found = []
    for path in sorted(gui.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                bare = name.removeprefix("xueji_desktop.")
                if any(bare == s or bare.startswith(s + ".") for s in schema):
                    found.append(f"{path.relative_to(gui)}:{node.lineno} imports {name}")
    assert found == [], "\n".join(found)
