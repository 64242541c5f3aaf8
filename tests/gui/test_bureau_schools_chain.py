"""The bureau's 学校 tab shows, per school, what the change log's chain told the bureau: chain breaks in red,
restores of a backup (and refused reused batch numbers), 未见异常 otherwise — read from a real bureau store
whose rows the importer would have written."""

from __future__ import annotations

import datetime as dt

from tests.conftest import PASSWORD, make_school
from xueji_desktop.bureau import accounts, importer
from xueji_desktop.bureau.store import ChainBreak, ImportedBatch, RegisteredSchool, SchoolRestore, open_store
from xueji_desktop.core.exchange import school_keys
from xueji_desktop.gui.bureau.common import RED
from xueji_desktop.gui.bureau.schools_tab import HEADERS, SchoolsTab

BUREAU_PW = "bureau-pass-1"
NOW = dt.datetime(2026, 9, 1, 15, 0)


def test_the_schools_tab_marks_chain_breaks_and_restores(app, tmp_path, clock, qtbot):
    target = tmp_path / "bureau.sqlite3"
    importer.init_bureau(target, "测试县教育局", "210811", BUREAU_PW, key_file=tmp_path / "b.xjkey")
    for code in ("2108110001", "2108110002", "2108110003"):
        ws = make_school(tmp_path / f"{code}.sqlite3", code=code, classes_per_grade=1)
        school_keys.create_keys(ws, PASSWORD)
        (tmp_path / f"{code}.xjkey").write_bytes(school_keys.school_public_key_bytes(ws))
        ws.close()
    clock.now = NOW
    with open_store(target) as store:
        accounts.sign_in(store, "admin", BUREAU_PW)
        for code in ("2108110001", "2108110002", "2108110003"):
            importer.register_school(store, None, None, tmp_path / f"{code}.xjkey")
        one, two = (RegisteredSchool.get(RegisteredSchool.code == c) for c in ("2108110001", "2108110002"))
        batch = ImportedBatch.create(school=one, batch_no=2, hash="ab" * 32, event_count=0, created_at="x",
                                     imported_at=NOW, receipt="")
        for kind in (importer.CHAIN_PREV, importer.EVENT_CHANGED):
            ChainBreak.create(school=one, batch=batch, batch_no=2, seq=7, kind=kind, detail="…", found_at=NOW)
        for batch_no, accepted in ((3, 0), (5, 1)):
            SchoolRestore.create(school=two, batch_no=batch_no, restored_at="2026-09-01T10:00:00", accepted=accepted,
                                 found_at=NOW)
        tab = SchoolsTab(store)
        qtbot.addWidget(tab)
        column = HEADERS.index("变动记录")
        rows = {r[0]: r for r in tab.rows()}
        assert rows["2108110001"][column] == "链断裂 2 处"
        assert rows["2108110002"][column] == "恢复过备份 1 次（拒收重复批次号 1 次）"
        assert rows["2108110003"][column] == "未见异常"
        red = {tab.table.item(r, 0).text(): tab.table.item(r, column).foreground().color().name()
               for r in range(tab.table.rowCount())}
        assert red["2108110001"] == RED and red["2108110002"] != RED
