"""psycopg2 is the [bureau] extra: without it a PostgreSQL bureau store is refused with a message saying how to
install it (nothing opened, no traceback), and a bureau on a SQLite file never needs it."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from xueji_desktop.bureau.store import PostgresDriverMissing, open_store
from xueji_desktop.cli import _expected_message

ROOT = Path(__file__).resolve().parent.parent


def test_psycopg2_is_the_bureau_extra_and_the_set_up_installs_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert not any(d.startswith("psycopg2") for d in project["dependencies"])
    assert any(d.startswith("psycopg2-binary==") for d in project["optional-dependencies"]["bureau"])
    assert '".[test,bureau]"' in (ROOT / "scripts" / "bootstrap.sh").read_text("utf-8")  # the tests need PostgreSQL


def test_postgresql_without_the_driver_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg2", None)  # as in the school's build: `import psycopg2` fails
    with pytest.raises(PostgresDriverMissing) as refused:
        open_store("postgresql://bureau@/xueji?host=/run/postgresql")
    text = _expected_message(refused.value)  # the command line shows it as it is (exit code 2)
    assert text.startswith("未完成：教育局使用 PostgreSQL 数据库需要安装")
    assert "pip install .[bureau]" in text


def test_the_program_and_a_sqlite_bureau_never_import_psycopg2(tmp_path):
    code = ("import sys\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] == 'psycopg2':\n"
            "            raise ImportError('blocked: ' + name)\n"
            "sys.meta_path.insert(0, Block())\n"
            "import xueji_desktop.cli, xueji_desktop.bureau.importer, xueji_desktop.bureau.views\n"
            "from xueji_desktop.bureau.store import open_store\n"
            f"open_store({str(tmp_path / 'bureau.sqlite3')!r}).close()\n"
            "print('ok')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
