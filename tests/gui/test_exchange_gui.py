"""与教育局交换 in the window: keys through KeysDialog, export through ExportDialog, on a real database."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

import pytest  # noqa: E402

from tests.conftest import PASSWORD, make_school  # noqa: E402
from xueji_desktop.core.exchange import keys, outbox, school_keys, stick  # noqa: E402
from xueji_desktop.gui.drive_chooser import NO_STICK  # noqa: E402
from xueji_desktop.gui.exchange_dialogs import ExportDialog, KeysDialog  # noqa: E402
from xueji_desktop.gui.keyboard import plain  # noqa: E402
from xueji_desktop.store.models import BureauKey, Event, OutboxBatch, SchoolKey  # noqa: E402

BUREAU = keys.BureauKeys.generate()


@pytest.fixture
def ws(tmp_path):
    ws = make_school(tmp_path / "school.sqlite3")
    ws.login("registrar", PASSWORD)
    yield ws
    ws.close()


@pytest.fixture
def bureau_file(tmp_path):
    info = keys.bureau_public_key_file(BUREAU, code="210811", name="老边区教育局")
    return keys.write_public_key_file(tmp_path / "bureau.xjkey", info), info


@pytest.fixture
def no_drives(monkeypatch):
    monkeypatch.setattr(stick, "removable_drives", lambda: [])


def keys_dialog(qtbot, ws):
    d = KeysDialog(ws)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def set_up_keys(qtbot, ws, bureau_file, messages):
    d = keys_dialog(qtbot, ws)
    d.ask_password = lambda prompt: PASSWORD
    d.create_button.click()
    path, info = bureau_file
    d.choose_key_file = lambda: str(path)
    d.ask_fingerprint = lambda name: info.fingerprint
    d.trust_button.click()
    assert not messages
    return d


def test_create_keys_and_trust_the_bureau(app, qtbot, ws, bureau_file, messages, no_drives):
    d = keys_dialog(qtbot, ws)
    assert d.create_button.isVisible() and not d.print_button.isEnabled()
    assert "尚未登记教育局公钥" in d.bureau_state.text()

    d.ask_password = lambda prompt: "wrong"
    d.create_button.click()
    assert messages[-1][2].startswith("密码不正确") and SchoolKey.select().count() == 0

    d.ask_password = lambda prompt: PASSWORD
    d.create_button.click()
    key = SchoolKey.get()
    assert d.school_fingerprint.text().split() == key.fingerprint.split()
    assert "\n" in d.school_fingerprint.text()  # two lines of four groups
    assert not d.create_button.isVisible() and d.print_button.isEnabled()

    path, info = bureau_file
    wrong = "12345 67890 12345 67890 12345 67890 12345 67890"
    asked = []
    d.choose_key_file = lambda: str(path)
    d.ask_fingerprint = lambda name: asked.append(name) or wrong
    before = len(messages)
    d.trust_button.click()
    assert "老边区教育局" in asked[0]
    title, text, details = messages[before]
    assert "指纹不一致" in details and wrong in details and info.fingerprint in details
    assert BureauKey.select().count() == 0 and "尚未登记" in d.bureau_state.text()

    d.ask_fingerprint = lambda name: info.fingerprint.replace(" ", "")  # typed without spaces
    d.trust_button.click()
    assert len(messages) == before + 1
    row = BureauKey.get()
    assert row.active and row.fingerprint == info.fingerprint
    assert "已登记：老边区教育局" in d.bureau_state.text()
    assert d.bureau_fingerprint.text().split() == info.fingerprint.split()


def test_a_school_key_file_is_not_a_bureau_key(app, qtbot, ws, tmp_path, messages, no_drives):
    info = keys.school_public_key_file(keys.SchoolKeys.generate(), code="2108110002", name="别的学校")
    path = keys.write_public_key_file(tmp_path / "s.xjkey", info)
    d = keys_dialog(qtbot, ws)
    d.choose_key_file = lambda: str(path)
    d.ask_fingerprint = lambda name: pytest.fail("must not ask")
    d.trust_button.click()
    assert "不是教育局的公钥文件" in messages[-1][2]


def test_print_form_and_export_public_key(app, qtbot, ws, bureau_file, messages, no_drives, tmp_path):
    d = set_up_keys(qtbot, ws, bureau_file, messages)
    opened = []
    d.open_file = opened.append
    d.choose_save_path = lambda title, suggested, filt: str(tmp_path / "登记表")
    d.print_button.click()
    assert opened == [tmp_path / "登记表.pdf"] and opened[0].read_bytes()[:5] == b"%PDF-"
    d.choose_save_path = lambda title, suggested, filt: str(tmp_path / "school")
    d.export_key_button.click()
    written = keys.read_public_key_file(tmp_path / "school.xjkey")
    assert written.kind == "school" and written.fingerprint == school_keys.school_fingerprint(ws)
    assert not messages


def export_dialog(qtbot, ws):
    d = ExportDialog(ws)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_export_to_a_folder_then_nothing_new(app, qtbot, ws, bureau_file, messages, no_drives, tmp_path):
    set_up_keys(qtbot, ws, bureau_file, messages)
    waiting = Event.select().where(Event.batch_no.is_null()).count()
    d = export_dialog(qtbot, ws)
    assert d.no_drive.isVisible() and d.no_drive.text() == NO_STICK
    assert f"待导出的变更：{waiting} 项" in d.pending_label.text()
    assert not d.export_button.isEnabled()

    stick_dir = tmp_path / "stick"
    stick_dir.mkdir()
    d.choose_folder = lambda: str(stick_dir)
    d.folder_button.click()
    assert d.target() == str(stick_dir)
    seen = []
    d.progress.valueChanged.connect(seen.append)
    d.password.setText(PASSWORD)
    assert d.export_button.isEnabled()
    d.export_button.click()
    assert not messages
    written = stick_dir / "xueji" / "2108110001-00001.xjb"
    assert written.is_file()
    assert d.result_label.text() == f"第 1 批，共 {waiting} 项变更，已写入 {written} 并校验无误"
    assert d.progress.value() == 100 and len(seen) > 1
    assert OutboxBatch.get().written_to == str(written)
    assert d.password.text() == ""
    first = written.read_bytes()

    d.password.setText(PASSWORD)
    d.export_button.click()
    assert d.result_label.text().splitlines()[0] == outbox.NOTHING_TO_EXPORT
    assert "第 1 批" in d.result_label.text()  # not yet acknowledged: written again, same bytes
    assert written.read_bytes() == first and OutboxBatch.select().count() == 1
    assert outbox.NOTHING_TO_EXPORT in d.pending_label.text()


def test_nothing_at_all_to_export(app, qtbot, ws, bureau_file, messages, no_drives, tmp_path):
    set_up_keys(qtbot, ws, bureau_file, messages)
    outbox.export_to(ws, PASSWORD, tmp_path)
    outbox.acknowledge(ws, 1)
    d = export_dialog(qtbot, ws)
    d.choose_folder = lambda: str(tmp_path)
    d.folder_button.click()
    d.password.setText(PASSWORD)
    assert outbox.NOTHING_TO_EXPORT in d.pending_label.text()
    assert not d.export_button.isEnabled()


def test_wrong_password_and_drives_listed(app, qtbot, ws, bureau_file, messages, monkeypatch, tmp_path):
    set_up_keys(qtbot, ws, bureau_file, messages)
    drive = stick.Drive("STICK", str(tmp_path), 8 << 30, True)
    monkeypatch.setattr(stick, "removable_drives", lambda: [drive])
    d = export_dialog(qtbot, ws)
    assert not d.no_drive.isVisible()
    assert d.drive_list.count() == 1 and "STICK" in d.drive_list.item(0).text()
    assert d.target() == str(tmp_path)
    d.password.setText("wrong")
    d.export_button.click()
    assert "密码不正确" in messages[-1][2]
    assert OutboxBatch.select().count() == 0 and d.result_label.text() == "未导出。"
    monkeypatch.setattr(stick, "removable_drives", lambda: [])
    d.refresh_button.click()
    assert d.drive_list.count() == 0 and d.no_drive.isVisible()


def test_exchange_menu(app, qtbot, ws, messages):
    from xueji_desktop.gui.main_window import MainWindow

    w = MainWindow(ws)
    qtbot.addWidget(w)
    menus = {a.text(): a.menu() for a in w.menuBar().actions()}
    entries = [plain(a.text()) for a in menus["交换(&X)"].actions()]
    assert entries == ["导出变更批次…", "导入教育局回执…", "重复学籍核查…", "密钥与教育局公钥…"]


def test_an_old_key_without_reply_encryption_is_replaced(app, qtbot, ws, messages, no_drives):
    """Keys made before replies existed (signing only) are shown as old and replaced from the dialog."""
    old = keys.SchoolKeys(keys.SchoolKeys.generate().signing)
    SchoolKey.create(public_key=old.signing_public, encryption_public=None,
                     private_protected=keys.protect(old.private_bytes(), PASSWORD), fingerprint=old.fingerprint)
    d = keys_dialog(qtbot, ws)
    assert "旧版密钥" in d.school_state.text() and plain(d.create_button.text()) == "更换密钥…"
    d.ask_password = lambda prompt: PASSWORD
    d.create_button.click()
    assert not messages
    new = school_keys.active_school_key()
    assert new.encryption_public is not None and bytes(new.public_key) != old.signing_public
    assert not d.create_button.isVisible() and "旧版" not in d.school_state.text()


def test_stick_refuses_the_batch(app, qtbot, ws, bureau_file, messages, no_drives, tmp_path, monkeypatch):
    set_up_keys(qtbot, ws, bureau_file, messages)

    def full(batch, folder, progress=None):
        raise stick.StickError("U 盘空间不足：测试", "no_space")

    monkeypatch.setattr(stick, "write_batch", full)
    d = export_dialog(qtbot, ws)
    d.choose_folder = lambda: str(tmp_path)
    d.folder_button.click()
    d.password.setText(PASSWORD)
    d.export_button.click()
    assert "U 盘空间不足：测试" in d.result_label.text()
    assert not OutboxBatch.get().written_to and not (tmp_path / "xueji").exists()
