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
