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


def test_each_subject_imports_only_what_its_docstring_allows():
    """Every package of the domain ends its docstring with "May import: a, b, c." — the other packages of
    the domain (by name) and, outside it, store, clock, paths, durable or xueji_desktop itself. An import beyond the
    list, at the top or inside a function, fails here: widen the list on purpose or move the code."""
    import ast
    import re
    from pathlib import Path

    core = Path(__file__).resolve().parent.parent / "xueji_desktop" / "core"
    packages = sorted(p.parent.name for p in core.glob("*/__init__.py"))
    assert len(packages) >= 15
    found = []
    for name in packages:
        doc = ast.get_docstring(ast.parse((core / name / "__init__.py").read_text("utf-8"))) or ""
        said = re.search(r"May import: ([^.]*)\.", doc)
        assert said, f"core/{name}/__init__.py: no 'May import:' line"
        allowed = {a.strip() for a in said.group(1).split(",")} - {"nothing of the project"}
        assert allowed <= set(packages) | {"store", "clock", "paths", "durable", "xueji_desktop"}, (name, allowed)
        for path in sorted((core / name).rglob("*.py")):
            package = ["xueji_desktop", "core", name, *path.relative_to(core / name).parent.parts]
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.ImportFrom):
                    base = package[: len(package) - node.level + 1] if node.level else []
                    targets = [".".join(base + ([node.module] if node.module else []))]
                    if not node.module or node.level and len(base) <= 2:
                        targets = [f"{targets[0]}.{a.name}".lstrip(".") for a in node.names]
                elif isinstance(node, ast.Import):
                    targets = [a.name for a in node.names]
                else:
                    continue
                for target in targets:
                    parts = target.split(".")
                    if parts[0] != "xueji_desktop":
                        continue
                    if parts[:2] == ["xueji_desktop", "core"]:
                        unit = parts[2] if len(parts) > 2 else "core"
                    else:
                        unit = parts[1] if len(parts) > 1 and parts[1] in ("store", "clock", "paths", "durable") else (
                            "xueji_desktop" if len(parts) == 1 or parts[1] in ("RELEASE_DATE", "__version__")
                            else parts[1])
                    if unit != name and unit not in allowed:
                        found.append(f"core/{name}/{path.relative_to(core / name)}:{node.lineno} imports {target}")
    assert found == [], "\n".join(found)
