"""Compile the Qt Designer layouts in ui/*.ui into xueji_desktop/gui/forms/ui_*.py with pyside6-uic.

    python scripts/compile_ui.py           write every generated module
    python scripts/compile_ui.py ui/x.ui   write the module of the layouts named
    python scripts/compile_ui.py --check   write nothing; exit 1 naming each module that is missing or out of date

The generated modules are committed (nothing is loaded with QUiLoader at run time); run this after editing a .ui.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
FORMS = ROOT / "xueji_desktop" / "gui" / "forms"


def uic() -> str:
    here = Path(sys.executable).parent / "pyside6-uic"
    found = str(here) if here.exists() else shutil.which("pyside6-uic")
    if not found:
        raise SystemExit("pyside6-uic not found: install the project's dependencies first")
    return found


def compiled(layout: Path) -> str:
    out = subprocess.run([uic(), "--generator", "python", str(layout.relative_to(ROOT))], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8", check=False)
    if out.returncode != 0:
        raise SystemExit(f"{layout.name}: {out.stderr.strip()}")
    return out.stdout


def target(layout: Path) -> Path:
    return FORMS / f"ui_{layout.stem}.py"


def stale() -> list[str]:
    """Generated modules missing, differing from what their .ui compiles to, or left without a .ui."""
    problems = []
    layouts = sorted(UI.glob("*.ui"))
    for layout in layouts:
        module = target(layout)
        if not module.exists():
            problems.append(f"{module.relative_to(ROOT)} missing: run python scripts/compile_ui.py")
        elif module.read_text("utf-8") != compiled(layout):
            problems.append(f"{module.relative_to(ROOT)} older than {layout.relative_to(ROOT)}: "
                            "run python scripts/compile_ui.py")
    wanted = {target(layout).name for layout in layouts}
    problems += [f"{m.relative_to(ROOT)} has no ui/{m.stem[3:]}.ui" for m in sorted(FORMS.glob("ui_*.py"))
                 if m.name not in wanted]
    return problems


def main(argv: list[str]) -> int:
    if "--check" in argv:
        problems = stale()
        print("\n".join(problems) or "every generated form is up to date")
        return 1 if problems else 0
    FORMS.mkdir(exist_ok=True)
    named = [(ROOT / a).resolve() if not Path(a).is_absolute() else Path(a) for a in argv if a.endswith(".ui")]
    for layout in named or sorted(UI.glob("*.ui")):
        module = target(layout)
        text = compiled(layout)
        if not module.exists() or module.read_text("utf-8") != text:
            module.write_text(text, "utf-8")
            print(f"{layout.relative_to(ROOT)} → {module.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
