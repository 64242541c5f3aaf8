"""The access log in the window: opening a pupil in the detail pane is logged once per pupil; printing the
dropout report of several pupils asks the 用途 first and logs it with the print; declining writes nothing."""

from __future__ import annotations

from tests.conftest import make_school, pupil_draft
from xueji_desktop.core.admission.enrolment import enrol
from xueji_desktop.core.forms.registers_print import build_register
from xueji_desktop.gui import paperwork_menu, purpose_dialog
from xueji_desktop.gui.detail_pane import DetailPane
from xueji_desktop.store.models import AccessLog


def test_the_detail_pane_logs_each_pupil_opened_once(qtbot, ws):
    a, _ = enrol(ws, pupil_draft(name="赵一鸣", seq=611))
    b, _ = enrol(ws, pupil_draft(name="钱二喆", seq=612))
    pane = DetailPane(ws, subscribe=False)
    qtbot.addWidget(pane)
    for sid in (a.id, a.id, b.id, b.id):  # a repaint of the same pupil is not a new look
        pane.show_student(sid)
    assert pane.value("姓名") == "钱二喆"
    logged = [(r.action, [p.student.name for p in r.pupils]) for r in AccessLog.select().order_by(AccessLog.id)]
    assert logged == [("open", ["赵一鸣"]), ("open", ["钱二喆"])]


def test_a_register_of_several_pupils_asks_the_purpose_and_logs_it(qtbot, app, tmp_path, monkeypatch, messages):
    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi")  # 长治 keeps the 在校生分班名册 (附件3)
    for name, seq in (("赵一鸣", 611), ("钱二喆", 612)):
        enrol(ws, pupil_draft(name=name, seq=seq))
    asked = []
    monkeypatch.setattr(purpose_dialog, "ask_purpose", lambda parent, w, n: asked.append(n) or "资助/营养餐核对")
    offered = next(r for r in paperwork_menu.offered_registers(ws.profile, ws.school) if r.kind == "classes")
    dialog = paperwork_menu.RegisterPrintDialog(ws, offered)
    qtbot.addWidget(dialog)
    out = tmp_path / "新生.pdf"
    monkeypatch.setattr(paperwork_menu, "ask_save_path", lambda *a: str(out))
    monkeypatch.setattr(paperwork_menu, "_saved", lambda *a: None)
    assert dialog.save() == out and out.exists()
    row = AccessLog.select().order_by(AccessLog.id.desc()).first()
    assert asked == [2] and row.pupil_count == 2
    assert (row.action, row.purpose, row.target) == ("print", "资助/营养餐核对", str(out))
    assert row.subject == build_register(ws, "classes").title
    monkeypatch.setattr(purpose_dialog, "ask_purpose", lambda parent, w, n: None)  # closed: nothing written
    out2 = tmp_path / "again.pdf"
    monkeypatch.setattr(paperwork_menu, "ask_save_path", lambda *a: str(out2))
    before = AccessLog.select().count()
    assert dialog.save() is None and not out2.exists() and AccessLog.select().count() == before
    assert messages == []
    ws.close()
