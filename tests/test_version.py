"""`xueji --version`: the version, and the build date a frozen build was stamped with (or that it runs from source).
The frozen folder itself is checked by .ci/frozen-smoke."""

import sys
import types

import pytest

from xueji_desktop import __version__
from xueji_desktop.cli import main


def version_output(capsys) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    return capsys.readouterr().out.strip()


def test_version_from_a_source_checkout(capsys):
    assert version_output(capsys) == f"学籍桌面 {__version__}，源代码运行（未打包）"


def test_version_of_a_frozen_build_carries_its_build_date(capsys, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setitem(sys.modules, "xueji_build_stamp",
                        types.SimpleNamespace(BUILD_DATE="2026-12-05", COMMIT="1a2b3c4d5e"))
    assert version_output(capsys) == f"学籍桌面 {__version__}，构建日期 2026-12-05（1a2b3c4d5e）"


def test_a_frozen_build_without_its_stamp_does_not_invent_a_date(capsys, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setitem(sys.modules, "xueji_build_stamp", None)  # import fails
    assert version_output(capsys) == f"学籍桌面 {__version__}，构建日期 不详（打包时未记录）"
