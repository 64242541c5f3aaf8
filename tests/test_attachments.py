import pytest

from tests.conftest import make_school
from tests.test_transfer_workflow import TODAY, incoming
from xueji_desktop.core.casework import attachments
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.core.transfers import transfer
from xueji_desktop.store.models import Attachment, Event

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def case(tmp_path):
    ws = make_school(tmp_path / "s.sqlite3", profile_id="heilongjiang", today=TODAY)
    opened, _ = transfer.open_transfer(ws, incoming(ws))
    yield ws, opened
    ws.close()


def test_scan_is_copied_beside_the_database_once(case, tmp_path):
    ws, opened = case
    scan = tmp_path / "户口簿.png"
    scan.write_bytes(PNG)
    first, _ = attachments.add_attachment(ws, opened, "户口簿", scan)
    second, _ = attachments.add_attachment(ws, opened, "户口簿（第二页）", scan)
    stored = attachments.stored_path(ws, first)
    assert stored.read_bytes() == PNG and stored.parent.parent == attachments.folder(ws)
    assert attachments.stored_path(ws, second) == stored  # same content, one file
    assert [a.label for a in Attachment.select().order_by(Attachment.id)] == ["户口簿", "户口簿（第二页）"]
    assert Event.select().where(Event.kind == "case_attachment_added").count() == 2


@pytest.mark.parametrize("content, label, words", [
    (b"hello", "户口簿", "不是 JPG、PNG 图片或 PDF 文件"),
    (b"", "户口簿", "是空的"),
    (PNG, " ", "请先说明这份材料是什么"),
])
def test_bad_files_are_refused_and_nothing_is_written(case, tmp_path, content, label, words):
    ws, opened = case
    bad = tmp_path / "scan.png"
    bad.write_bytes(content)
    with pytest.raises(RuleViolation) as refused:
        attachments.add_attachment(ws, opened, label, bad)
    assert words in refused.value.findings[0].message
    assert Attachment.select().count() == 0
    assert not attachments.folder(ws).exists()
