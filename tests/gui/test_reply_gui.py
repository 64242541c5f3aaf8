"""导入教育局回执 in the window, on real school and bureau databases: the bureau's receipt and its
approval arrive through the dialog; the same reply imported again changes nothing."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

import pytest  # noqa: E402

from tests.conftest import PASSWORD, pupil_draft  # noqa: E402
from tests.test_replies import A, World  # noqa: E402
from xueji_desktop.core.admission import enrolment  # noqa: E402
from xueji_desktop.core.exchange import stick  # noqa: E402
from xueji_desktop.gui.reply_dialog import ReplyImportDialog  # noqa: E402
from xueji_desktop.store.models import Event, InboxBatch, OutboxBatch  # noqa: E402


@pytest.fixture
def world(tmp_path, monkeypatch):
    monkeypatch.setattr(stick, "removable_drives", lambda: [])
    return World(tmp_path, tmp_path / "bureau.sqlite3")


def test_the_reply_dialog_imports_a_receipt_and_a_decision(app, qtbot, world, messages, tmp_path):
    ws = world.school(A)
    enrolment.enrol(ws, pupil_draft(name="张三"))
    ws.close()
    world.export(A)
    world.bureau_import(A)
    world.reply(A)

    ws = world.school(A)
    d = ReplyImportDialog(ws)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert d.no_drive.isVisible() and not d.import_button.isEnabled()
    d.choose_folder = lambda: str(world.stick / f"reply-{A}")
    d.folder_button.click()
    assert "找到 1 份回执文件" in d.found_label.text()
    d.password.setText("wrong-password")
    d.import_button.click()
    assert messages and "密码不正确" in messages[-1][2] and InboxBatch.select().count() == 0
    messages.clear()
    d.password.setText(PASSWORD)
    d.import_button.click()
    assert not messages
    text = d.result_text.toPlainText()
    assert text.startswith("共 1 份回执：已导入 1 份") and "第 1 批变更已被教育局接收" in text
    assert OutboxBatch.get().acknowledged_at is not None and InboxBatch.select().count() == 1
    reported = Event.select().where(Event.kind == "reply_imported").count()
    assert reported == 1

    d.password.setText(PASSWORD)
    d.import_button.click()
    assert "此前已导入 1 份" in d.result_text.toPlainText()
    assert InboxBatch.select().count() == 1 and Event.select().where(Event.kind == "reply_imported").count() == 1
    ws.close()
