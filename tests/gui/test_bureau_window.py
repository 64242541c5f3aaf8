"""The bureau's window (教育局端) on a real bureau store: the demo county (three schools, their batches
imported, cases waiting for the bureau, one school with a missing batch), built once per module and
copied for each test."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from xueji_desktop.bureau import accounts, views
from xueji_desktop.bureau.case_models import BureauCase, BureauDecision, BureauPupil, ReplyBatch
from xueji_desktop.bureau.demo import BUREAU_DB, BUREAU_NAME, BUREAU_PERSON, BUREAU_USER, build_bureau_demo
from xueji_desktop.bureau.store import HeldBatch, ImportedBatch, RegisteredSchool, open_store
from xueji_desktop.core.pupils.status import ON_ROLL
from xueji_desktop.gui.bureau.common import RED

NOW = dt.datetime(2026, 11, 20, 15, 0)
ON_ROLL_VALUES = [s.value for s in ON_ROLL]


@pytest.fixture(scope="module")
def demo_county(tmp_path_factory):
    root = tmp_path_factory.mktemp("county") / "demo"
    _, password = build_bureau_demo(root)
    return root, password


@pytest.fixture
def county_dir(demo_county, tmp_path):
    source, password = demo_county
    root = tmp_path / "demo"
    shutil.copytree(source, root)
    return root, password


@pytest.fixture
def store(county_dir, clock):
    root, _ = county_dir
    clock.now = NOW
    with open_store(root / BUREAU_DB) as s:
        accounts.sign_in(s, BUREAU_USER, county_dir[1])  # the demo's 科长 (also 管理员 and 科员)
        yield s


@pytest.fixture
def bureau(app, store, county_dir, qtbot, messages):
    from xueji_desktop.gui.bureau.window import BureauWindow

    _, password = county_dir
    win = BureauWindow(store)
    asked: list[str] = []

    def ask(prompt):
        asked.append(prompt)
        return password

    win.ask_password = ask
    win.asked = asked
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_title_names_the_bureau_and_the_county_table_counts_what_the_store_holds(bureau, store):
    assert bureau.windowTitle() == f"学籍桌面 · 教育局端 — {BUREAU_NAME}"
    tab = bureau.county_tab
    rows = {r[0]: r for r in tab.rows()}
    schools = list(RegisteredSchool.select())
    assert len(rows) == len(schools) + 1  # and the totals row
    grand = 0
    for school in schools:
        row = rows[school.code]
        on_roll = BureauPupil.select().where((BureauPupil.school == school) & BureauPupil.status.in_(ON_ROLL_VALUES))
        assert row[1] == school.name and int(row[2]) == on_roll.count()
        for grade in range(1, 10):
            n = on_roll.where(BureauPupil.grade == grade).count()
            assert row[2 + grade] == (str(n) if n else "—")
        grand += on_roll.count()
    assert int(rows["合计"][2]) == grand > 100
    # the school whose third batch came before its second: its problem in red
    held = HeldBatch.get()
    line = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == held.school.code)
    problem = tab.table.item(line, tab.table.columnCount() - 1)
    assert problem.text() == "缺第 2 批"
    assert problem.foreground().color().name() == RED
    assert "待审批（3）" == bureau.tabs.tabText(1)


def test_approving_through_the_dialog_writes_a_decision_and_removes_the_case(bureau, store, qtbot):
    tab = bureau.review_tab
    numbers = [r[0] for r in tab.rows()]
    assert numbers == ["ZR-2026-0002", "ZR-2026-0001", "XX-2026-0002"]
    late = tab.table.item(0, 5)
    assert "已逾期" in late.text() and late.foreground().color().name() == RED
    assert tab.select("ZR-2026-0001")
    assert "宋子涵" in tab.detail.toPlainText() and "方正县会发镇中心学校" in tab.detail.toPlainText()
    # the case shows the pupil's identity: its opening is logged once (查询登记), not at each repaint
    from xueji_desktop.bureau.access_log import BureauAccess, BureauAccessPupil

    opened = BureauAccess.select().where(BureauAccess.subject.contains("ZR-2026-0001"))
    assert [(a.action, a.pupil_count, a.account_id) for a in opened] == [("open", 1, store.account.id)]
    assert BureauAccessPupil.get(BureauAccessPupil.access == opened.get()).name == "宋子涵"
    tab.select("ZR-2026-0001")
    assert opened.count() == 1
    dialog = tab.start_decision("approved")
    assert dialog.person.text() == BUREAU_PERSON and dialog.person.isReadOnly()  # the signed-in account
    dialog.note.setPlainText("同意转入")
    dialog.ok_button.click()
    case = BureauCase.get(BureauCase.uuid == dialog.case_uuid)
    assert case.school.name == "方正县德善乡中心小学"
    [decision] = list(BureauDecision.select())
    assert (decision.case_id, decision.outcome, decision.person, decision.note) == (case.id, "approved", BUREAU_PERSON, "同意转入")
    assert decision.account_id == store.account.id
    assert [r[0] for r in tab.rows()] == ["ZR-2026-0002", "XX-2026-0002"]
    assert bureau.tabs.tabText(1) == "待审批（2）"
    # a status change names its pupil too
    tab.select("XX-2026-0002")
    suspension = BureauCase.get(BureauCase.uuid == tab.selected_uuid())
    name = views.pupil_name(suspension)
    assert name and tab.rows()[1][2] == name and name in tab.detail.toPlainText()
    assert tab.start_decision("approved").person.text() == BUREAU_PERSON


def test_a_rejection_without_a_reason_shows_the_message_and_writes_nothing(bureau, store, messages):
    tab = bureau.review_tab
    tab.select("XX-2026-0002")
    dialog = tab.start_decision("rejected")
    dialog.note.setPlainText("不行")
    dialog.submit()
    assert messages and messages[-1][1] == "不同意时须写明理由（至少 4 个字）"
    assert BureauDecision.select().count() == 0
    assert dialog.isVisible() and len(tab.rows()) == 3
    dialog.note.setPlainText("证明材料不全，请补交医院诊断证明")
    dialog.submit()
    assert BureauDecision.get().outcome == "rejected" and len(tab.rows()) == 2


def test_the_import_dialog_shows_the_dry_run_and_imports_only_when_confirmed(bureau, store, county_dir):
    root, _ = county_dir
    (root / "U盘" / "坏文件.xjb").write_bytes(b"not a batch at all")
    before = (ImportedBatch.select().count(), HeldBatch.select().count())

    dialog = bureau.make_import_dialog()
    dialog.use_folder(root / "U盘")
    plans = dialog.check()
    rows = dialog.rows()
    assert len(rows) == len(plans) >= 5
    refused = [r for r in range(len(plans)) if plans[r].status == "refused"]
    assert len(refused) >= 4  # every first batch again, and the broken file
    for r in refused:
        item = dialog.table.item(r, 5)
        assert item.text().startswith("拒绝：") and item.foreground().color().name() == RED
    assert any("重复导入" in rows[r][5] for r in refused)
    assert any(r[6] == "坏文件.xjb" and r[5].startswith("拒绝：") for r in rows)
    assert any(r[1] == "第 2 批" and r[5] == "可导入" for r in rows)
    assert "预演，未做任何改动" in dialog.summary.text() and dialog.import_button.isEnabled()
    dialog.reject()  # cancelled after the dry run
    assert (ImportedBatch.select().count(), HeldBatch.select().count()) == before

    dialog = bureau.make_import_dialog()
    dialog.use_folder(root / "U盘")
    dialog.check()
    results = dialog.run_import()
    assert sum(p.status == "imported" for p in results) == 2  # 第 2 批, then the held 第 3 批
    assert ImportedBatch.select().count() == before[0] + 2 and HeldBatch.select().count() == 0
    assert "学籍变更批次导入回执" in dialog.receipts.toPlainText()
    assert dialog.progress.value() == 100 and not dialog.import_button.isEnabled()
    dialog.accept()
    assert all(r[-1] == "" for r in bureau.county_tab.rows())  # no school has a problem any more
    assert len(bureau.asked) == 1  # the password was asked once


def test_writing_replies_to_a_folder_makes_reply_files(bureau, store, tmp_path):
    tab = bureau.replies_tab
    assert {r[0] for r in tab.rows()} == {s.code for s in RegisteredSchool.select()}
    out = tmp_path / "stick"
    out.mkdir()
    tab.drives.use_folder(str(out))
    lines = tab.write_all()
    files = sorted(out.rglob("*.xjr"))
    assert len(files) == 3 == ReplyBatch.select().count()
    assert all("已写入" in line for line in lines) and len(lines) == 3
    assert tab.progress.value() == 100
    assert {r[3] for r in tab.rows()} == {"第 1 批"}  # written, not yet reported imported by the schools
    tab.select(tab.rows()[0][0])
    again = tab.write_selected()
    assert "没有新的回执内容" in again[0] and "回执第 1 批" in again[1]  # the undelivered one, written again
    assert len(sorted(out.rglob("*.xjr"))) == 3
    assert len(bureau.asked) == 1


def test_a_school_is_revoked_after_a_confirmation_naming_it(bureau, store):
    tab = bureau.schools_tab
    asked = []
    tab.confirm_revoke = lambda school: asked.append(school.name) or True
    tab.select(HeldBatch.get().school.code)
    tab.revoke_selected()
    school = HeldBatch.get().school
    assert asked == [school.name] and RegisteredSchool.get_by_id(school.id).revoked_at is not None
    row = next(r for r in tab.rows() if r[0] == school.code)
    assert row[4].startswith("已吊销")
    assert "密钥已吊销" in next(r for r in bureau.county_tab.rows() if r[0] == school.code)[-1]


def test_the_national_export_writes_every_pupil_on_the_roll(bureau, store, tmp_path, messages, purposes_asked):
    from xueji_desktop.bureau.access_log import BureauAccess, BureauAccessPupil

    target = tmp_path / "全国"
    bureau.choose_save_path = lambda title, suggested, file_filter: str(target)
    count = bureau.export_national()
    assert (tmp_path / "全国.xlsx").is_file()
    assert count == BureauPupil.select().where(BureauPupil.status.in_(ON_ROLL_VALUES)).count()
    assert f"已导出 {count} 名在籍学生" in messages[-1][1]
    # the 用途 was asked with the count and logged with the export and its pupils (查询登记)
    assert purposes_asked == [count]
    [row] = list(BureauAccess.select().where(BureauAccess.action == "export"))
    assert (row.purpose, row.pupil_count) == ("上级检查/统计报送", count)
    assert BureauAccessPupil.select().where(BureauAccessPupil.access == row).count() == count
    assert row.target == str(tmp_path / "全国.xlsx")


def _conflict(store):
    """A school's event sent again with a changed summary, as the importer records it."""
    import json

    from xueji_desktop.bureau.importer import content_hash
    from xueji_desktop.bureau.store import BureauEvent, EventConflict

    event = BureauEvent.select().where(BureauEvent.kind == "student_enrolled").first()
    changed = {**json.loads(event.payload), "summary": "新生注册：内容被改动过"}
    return EventConflict.create(uuid=event.uuid, school=event.school, batch=event.batch,
                                stored_hash=event.content_hash, stored_payload=event.payload,
                                incoming_hash=content_hash(changed),
                                incoming_payload=json.dumps(changed, ensure_ascii=False, sort_keys=True),
                                found_at=NOW), event


def test_a_conflict_is_shown_and_settled_by_a_person(bureau, store, messages):
    from xueji_desktop.bureau.store import BureauEvent, EventConflict
    from xueji_desktop.gui.bureau.conflicts_tab import ResolveDialog

    conflict, event = _conflict(store)
    bureau.refresh()
    tab = bureau.conflicts_tab
    assert bureau.tabs.tabText(4) == "冲突（1）"
    assert tab.table.item(0, 4).text() == "待处理" and tab.keep_button.isEnabled()
    differing = [tab.detail.item(r, 0).text() for r in range(tab.detail.rowCount())]
    assert differing == ["摘要"] and tab.detail.item(0, 2).text() == "新生注册：内容被改动过"

    shown = []
    original_exec = ResolveDialog.exec

    def answer(dialog):
        shown.append(dialog)
        assert dialog.person.text() == BUREAU_PERSON and dialog.person.isReadOnly()
        dialog.note.setPlainText("不行")  # too short: refused, nothing written
        dialog.submit()
        assert dialog.resolved is None and EventConflict.get_by_id(conflict.id).resolved is False
        dialog.note.setPlainText("已与学校电话核实，以新内容为准")
        dialog.submit()
        return dialog.result()

    ResolveDialog.exec = answer
    try:
        tab.take_button.click()
    finally:
        ResolveDialog.exec = original_exec
    settled = EventConflict.get_by_id(conflict.id)
    assert settled.resolved and settled.resolution == "incoming" and settled.resolved_by == BUREAU_PERSON
    assert settled.resolved_account_id == store.account.id
    assert BureauEvent.get_by_id(event.id).content_hash == conflict.incoming_hash
    assert bureau.tabs.tabText(4) == "冲突" and "已处理" not in tab.title.text().split("：")[0]
    assert not tab.keep_button.isEnabled()
