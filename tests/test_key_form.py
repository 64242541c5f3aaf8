"""密钥登记表: the school's fingerprint in digit groups, the signatures, and the bureau's box."""

import datetime as dt
import shutil
import subprocess

import pypdf
import pytest

from tests.conftest import PASSWORD
from xueji_desktop.core.exchange import school_keys
from xueji_desktop.core.exchange.school_keys import KeyRefused
from xueji_desktop.core.forms.key_form import render_key_form

LABELS = ("学籍数据交换密钥登记表", "学校名称", "学校标识码", "所在县区", "学校公钥指纹", "填表日期",
          "学籍管理员签字", "校长签字", "学校（盖章）", "以下由教育局填写", "教育局核对人", "核对日期",
          "盖章")


@pytest.fixture
def ws(school):
    school.login("registrar", PASSWORD)
    return school


def _text(path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def test_no_key_no_form(ws, tmp_path):
    with pytest.raises(KeyRefused, match="尚未生成密钥"):
        render_key_form(ws, tmp_path / "k.pdf")
    assert not (tmp_path / "k.pdf").exists()


def test_form_prints_labels_school_and_fingerprint_groups(ws, tmp_path):
    row = school_keys.create_keys(ws, PASSWORD)
    out = tmp_path / "密钥登记表.pdf"
    assert render_key_form(ws, out, printed_on=dt.date(2026, 9, 2)) == 1
    text = _text(out)
    for label in LABELS:
        assert label in text, label
    assert "测试县第一中心学校" in text and "2108110001" in text
    assert "老边区" in text  # 210811 → 辽宁省营口市老边区
    assert "2026年9月2日" in text
    groups = row.fingerprint.split()
    assert len(groups) == 8
    for group in groups:
        assert group in text
    squashed = "".join(text.split())
    assert "".join(groups[:4]) in squashed and "".join(groups[4:]) in squashed  # in order, 4 a row


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm not installed")
def test_page_image(ws, tmp_path):
    school_keys.create_keys(ws, PASSWORD)
    out = tmp_path / "k.pdf"
    render_key_form(ws, out)
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-singlefile", str(out), str(tmp_path / "page")], check=True)
    png = (tmp_path / "page.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
