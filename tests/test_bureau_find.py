"""查找学生 at the bureau, on SQLite and on PostgreSQL: a school's pupils imported through real batches are found
by name (or part of it), full pinyin, initials, mixed spellings, every reading of a polyphonic surname, ID number
and 学籍号; the keys follow a pupil's record sent again or renamed, and an older store gets them when upgraded."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import PASSWORD, held_at, make_school, pupil_draft
from xueji_desktop.bureau import accounts, importer, projection, pupil_search
from xueji_desktop.bureau.case_models import BureauPupil
from xueji_desktop.bureau.store import BUREAU_MIGRATIONS_DIR, RegisteredSchool, database, open_store
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.changes import info_change
from xueji_desktop.core.exchange import outbox, school_keys
from xueji_desktop.store import migrate

BUREAU_PW = "bureau-pass-1"
NAMES = ("曾小明", "张三丰", "欧阳娜娜", "李小红")


def small_county(root, db) -> tuple[object, dict]:
    """A bureau store at `db` holding one school's four pupils (NAMES), imported from two real batches (the second
    re-sends 曾小明's record after a change of address); the open store, signed in, and each name's (学籍号, ID)."""
    key_path, fp = importer.init_bureau(db, "测试县教育局", "210811", BUREAU_PW, key_file=root / "bureau.xjkey")
    with held_at(dt.datetime(2026, 9, 1, 9)):
        ws = make_school(root / "school.sqlite3")
        school_keys.create_keys(ws, PASSWORD)
        school_keys.trust_bureau(ws, key_path, fp)
        pupils = {name: enrolment.enrol(ws, pupil_draft(name=name, seq=401 + i))[0] for i, name in enumerate(NAMES)}
        assert outbox.export_to(ws, PASSWORD, root / "stick").failed is None
        info_change.update_routine(ws, pupils["曾小明"].id, {"address": "柳树镇新村5组"})
        assert outbox.export_to(ws, PASSWORD, root / "stick").failed is None
        numbers = {n: (p.student_number, p.id_number) for n, p in pupils.items()}
        (root / "school.xjkey").write_bytes(school_keys.school_public_key_bytes(ws))
        ws.close()
    store = open_store(db)
    accounts.sign_in(store, "admin", BUREAU_PW)
    importer.register_school(store, "2108110001", None, root / "school.xjkey")
    plans = importer.import_batches(store, importer.unlock(store, BUREAU_PW), [root / "stick"])
    assert [p.status for p in plans] == ["imported", "imported"]
    return store, numbers


@pytest.fixture(scope="module")
def county(tmp_path_factory, bureau_backend):
    root = tmp_path_factory.mktemp("find")
    db = bureau_backend.new(root)
    store, numbers = small_county(root, db)
    store.target = db  # what --db names
    yield store, numbers
    store.close()
    bureau_backend.drop(db)


def names(text: str) -> list[str]:
    return sorted(h.name for h in pupil_search.find(text).hits)


def test_each_kind_of_key_finds_the_pupil(county):
    _, numbers = county
    assert names("曾小明") == ["曾小明"]
    assert names("小") == ["曾小明", "李小红"]  # part of a name: anywhere in it
    assert names("三丰") == ["张三丰"]
    assert names("zengxiaoming") == ["曾小明"]
    assert names("cengxiaoming") == ["曾小明"]  # the other reading of 曾
    assert names("zxm") == ["曾小明"]
    assert names("ZengXM") == ["曾小明"]
    assert names("xiaom") == ["曾小明"]  # from the given name on
    assert names("x") == ["曾小明", "李小红"]
    assert names("oynn") == ["欧阳娜娜"]
    assert names("欧阳") == ["欧阳娜娜"]
    number, id_number = numbers["张三丰"]
    assert names(id_number) == ["张三丰"]
    assert names(id_number[:14]) == sorted(NAMES)  # the same birth day and county
    assert names(number.lower()) == names(number) == ["张三丰"]
    assert names("zhou") == names("  ") == []


def test_a_hit_shows_school_place_status_and_last_change(county):
    _, numbers = county
    found = pupil_search.find("zxm")
    assert found.total == 1 and found.more == 0 and found.note == "找到 1 名学生"
    hit = found.hits[0]
    assert (hit.school_code, hit.school_name) == ("2108110001", "测试县第一中心学校")
    assert (hit.student_number, hit.id_number) == numbers["曾小明"]
    assert (hit.grade_label, hit.status_label) == ("一年级", "在校")
    assert hit.class_name and hit.class_name.startswith("一年级")
    assert (hit.change_on, hit.change_summary) == ("2026-09-01", "信息变更：现住址 柳树镇柳树村3组 → 柳树镇新村5组")
    assert hit.last_change == "2026-09-01 信息变更：现住址 柳树镇柳树村3组 → 柳树镇新村5组"
    assert pupil_search.tsv_lines(found)[1].split("\t")[:3] == ["2108110001", "测试县第一中心学校", "曾小明"]
    assert pupil_search.find("zhou").note == "没有找到“zhou”"


def test_the_keys_follow_the_record_and_the_cap_is_said(county):
    store, _ = county
    keys_before = store.db.execute_sql("SELECT COUNT(*) FROM bureau_pupil_key").fetchone()[0]
    pupil = BureauPupil.get(BureauPupil.name == "李小红")
    record = dict(pupil.record_dict(), student_number=pupil.student_number, status="enrolled",
                  grade=pupil.grade, **{"class": pupil.class_name})
    record["fields"] = dict(record["fields"], name="李晓燕")
    school = RegisteredSchool.get()
    with store.db.atomic() as tx:
        projection._upsert_pupil(school, record, pupil.updated_seq + 1)  # the path without a batch's cache
        assert names("李晓燕") == names("lxy") == ["李晓燕"]
        assert names("李小红") == names("lixiaoh") == []
        assert names("x") == ["曾小明", "李晓燕"]
        tx.rollback()
    assert store.db.execute_sql("SELECT COUNT(*) FROM bureau_pupil_key").fetchone()[0] == keys_before
    found = pupil_search.find("x", limit=1)
    assert (found.total, found.more, len(found.hits)) == (2, 1, 1)
    assert found.note == "显示前 1 名，还有 1 条：请输入更完整的姓名、拼音或证件号"


def test_a_batch_renaming_a_pupil_changes_only_the_keys_that_differ(county):
    store, numbers = county
    db = store.db

    def keys_of(pupil_id):
        return sorted(r[0] for r in db.execute_sql(
            f"SELECT key FROM bureau_pupil_key WHERE pupil_id = {db.param}", (pupil_id,)).fetchall())

    pupil = BureauPupil.get(BureauPupil.name == "张三丰")
    number, id_number = numbers["张三丰"]
    assert keys_of(pupil.id) == pupil_search.pupil_keys("张三丰", id_number, number)
    record = dict(pupil.record_dict(), student_number=pupil.student_number, status="enrolled",
                  grade=pupil.grade, **{"class": pupil.class_name})
    record["fields"] = dict(record["fields"], name="张山丰")
    school = RegisteredSchool.get()
    with db.atomic() as tx:
        cache = projection.Cache.for_events(school, [{"record": record}])
        projection._upsert_pupil(school, record, pupil.updated_seq + 1, cache)  # the import's path
        cache.flush()
        assert keys_of(pupil.id) == pupil_search.pupil_keys("张山丰", id_number, number)
        assert names("张山") == names("zhangshan") == names("sf") == ["张山丰"]
        assert names("张三") == names("zhangsan") == []
        tx.rollback()
    assert keys_of(pupil.id) == pupil_search.pupil_keys("张三丰", id_number, number)


def test_a_new_pupils_keys_keep_every_character_of_a_number(county):
    store, _ = county
    pupil = BureauPupil.get(BureauPupil.name == "欧阳娜娜")
    with store.db.atomic() as tx:  # PostgreSQL writes a new pupil's keys with COPY: its escapes
        pupil_search.write_keys([(pupil.id, "", "G\\1\t2\n3", "")], new=True)
        stored = store.db.execute_sql(f"SELECT key FROM bureau_pupil_key WHERE key >= {store.db.param} AND key < "
                                      f"{store.db.param}", ("g\\", "g]")).fetchall()
        assert stored == [("g\\1\t2\n3",)]
        tx.rollback()


def test_an_older_store_gets_the_keys_of_the_pupils_it_holds_when_upgraded(county, bureau_backend, tmp_path):
    store, _ = county
    pupils = [(p.student_number, p.id_number, p.name) for p in BureauPupil.select().order_by(BureauPupil.id)]
    target = bureau_backend.new(tmp_path)
    try:
        with open_store(target) as older:  # as bureau 0007 left it, with the county's pupils
            db = older.db
            db.execute_sql("DROP TABLE bureau_duplicate_step")  # bureau 0010, made after 0008
            db.execute_sql("DROP TABLE bureau_duplicate")  # bureau 0009
            db.execute_sql("DROP TABLE bureau_pupil_key")
            db.execute_sql("DROP INDEX bureau_pupil_school_id_grade_status")
            db.execute_sql("ALTER TABLE bureau_pupil DROP COLUMN last_change_on")
            db.execute_sql("ALTER TABLE bureau_pupil DROP COLUMN last_change")
            db.execute_sql("DELETE FROM schema_version WHERE version >= 8")
            db.execute_sql("INSERT INTO registered_school (code, name, county, signing_public, fingerprint, "
                           f"registered_at) VALUES ({', '.join([db.param] * 6)})",
                           ("2108110009", "旧库学校", "210811", b"k", "f", dt.datetime(2026, 9, 1)))
            for row in pupils:
                db.execute_sql("INSERT INTO bureau_pupil (school_id, student_number, id_number, name, status, "
                               "class_name, record, national, updated_seq) VALUES ((SELECT id FROM registered_school), "
                               f"{', '.join([db.param] * 3)}, 'enrolled', '', '{{}}', '{{}}', 1)", row)
            db.execute_sql("INSERT INTO imported_batch (school_id, batch_no, hash, event_count, new_count, "
                           "duplicate_count, conflict_count, created_at, imported_at, receipt) VALUES ("
                           f"(SELECT id FROM registered_school), 1, 'h', 1, 1, 0, 0, '', {db.param}, '')",
                           (dt.datetime(2026, 9, 2),))
            event = json.dumps({"seq": 1, "summary": "旧库的变动", "entered_on": "2026-09-02"}, ensure_ascii=False)
            db.execute_sql("INSERT INTO bureau_event (uuid, school_id, seq, kind, payload, content_hash, batch_id) "
                           f"VALUES ('u1', (SELECT id FROM registered_school), 1, 'x', {db.param}, 'c', "
                           "(SELECT id FROM imported_batch))", (event,))
        with open_store(target) as upgraded:
            assert migrate.current_version(upgraded.db) == len(migrate.available(BUREAU_MIGRATIONS_DIR)) >= 8
            assert names("zxm") == names("cengx") == ["曾小明"] and names("小") == ["曾小明", "李小红"]
            assert names(pupils[1][1]) == ["张三丰"]
            assert {h.last_change for h in pupil_search.find("x").hits} == {"2026-09-02 旧库的变动"}
    finally:
        database.initialize(store.db)  # the module's store again
        bureau_backend.drop(target)


def test_bureau_find_on_the_command_line_lists_the_hits_as_tsv(county, monkeypatch, capsys):
    from tests.test_bureau_import import _cli

    store, numbers = county
    monkeypatch.setenv("XUEJI_PASSWORD", BUREAU_PW)
    try:
        assert _cli(["bureau", "find", "--db", store.target, "--user", "admin", "zxm"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert _cli(["bureau", "find", "--db", store.target, "--user", "admin", "zhou"]) == 0
        assert capsys.readouterr().err.strip() == "没有找到“zhou”"
    finally:
        database.initialize(store.db)  # the command opened and closed its own store
    assert out[0].split("\t") == ["学校代码", "学校", "姓名", "学籍号", "身份证件号", "年级", "班级", "学籍状态",
                                  "最近变动日期", "最近变动"]
    number, id_number = numbers["曾小明"]
    assert out[1].split("\t")[:7] == ["2108110001", "测试县第一中心学校", "曾小明", number, id_number, "一年级",
                                      BureauPupil.get(BureauPupil.name == "曾小明").class_name]
    assert len(out) == 2
