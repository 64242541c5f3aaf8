"""Bringing a school in from the national system's Excel: the dry run, the rejects workbook fixed and imported
again, one transaction (cancel, kill), the same file twice, and every kind of bad file."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import PASSWORD, ROOT, make_school
from tests.national_files import HEADER, pupil_row, school_rows, write_book
from xueji_desktop.bureau.national_export import write_national_xlsx
from xueji_desktop.core.national import excel_import as ei
from xueji_desktop.core.national.excel_read import ImportFileError, read_workbook
from xueji_desktop.core.national.national_row import NATIONAL_COLUMNS
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import Event, Guardian, SchoolClass, Student

TODAY = dt.date(2026, 10, 12)


@pytest.fixture
def ws(tmp_path, clock):
    ws = make_school(tmp_path / "school.sqlite3", classes_per_grade=1)
    clock.day(TODAY)
    ws.login("registrar", PASSWORD)
    yield ws
    ws.close()


def problems_at(plan, row: int) -> list[str]:
    return [f"{p.column}|{p.message}" for p in plan.problems if p.row == row]


# --- a school of 600 with a handful of broken rows -------------------------------------------------------

def broken_school(path: Path) -> tuple[Path, dict[str, int]]:
    """600 pupils over two sheets (小学 grades 1–6, 初中 grades 7–9), six rows broken in the ways a real export
    or a registrar's hand breaks them. Returns the file and {what: Excel row} on the 小学 sheet."""
    primary = school_rows(400, grades=range(1, 7), classes=2)
    middle = school_rows(200, grades=range(7, 10), classes=2, start=400)
    broken = {}
    # header on row 2 (a title above), so the Excel row of primary[i] is i + 3
    primary[10]["身份证号"] = primary[10]["身份证号"][:-1] + ("1" if primary[10]["身份证号"][-1] != "1" else "2")
    primary[10]["学籍号"] = "G" + primary[10]["身份证号"]
    broken["check digit"] = 13
    primary[20]["身份证号"] = float(primary[20]["身份证号"])  # Excel's 4.30521E+17
    broken["id as number"] = 23
    primary[30]["民族"] = "火星族"
    broken["ethnicity"] = 33
    primary[40]["出生日期"] = "20200230"
    broken["birth date"] = 43
    primary[50]["身份证号"] = primary[60]["身份证号"]  # the same person twice
    primary[50]["学籍号"] = primary[60]["学籍号"]
    primary[50]["出生日期"], primary[50]["性别"] = primary[60]["出生日期"], primary[60]["性别"]
    broken["duplicate a"], broken["duplicate b"] = 53, 63
    primary[70]["班级号"] = dt.datetime(2026, 1, 2)  # "1-2" typed into a General cell
    broken["class as date"] = 73
    file = write_book(path, {"小学": primary, "初中": middle}, title="学生信息（全国中小学生学籍信息管理系统导出）",
                      stars=True)
    return file, broken


def test_dry_run_names_each_broken_cell_and_writes_nothing(ws, tmp_path):
    file, broken = broken_school(tmp_path / "学生信息.xlsx")
    plan = ei.check_file(ws, file)
    assert len(plan.rows) == 600
    assert len(plan.rejected) == 7 and len(plan.accepted) == 593 and not plan.present
    assert sorted(r.row for r in plan.rejected) == sorted(broken.values())
    assert {r.sheet.title for r in plan.rejected} == {"小学"}
    assert any("校验位错误" in m and m.startswith("K 列（★身份证号）") for m in problems_at(plan, 13))
    at_23 = problems_at(plan, 23)
    assert any("数字单元格（2.108112" in m and "E+17）" in m and "15 位" in m for m in at_23), at_23
    assert not any("学籍号" in m for m in at_23)  # the 学籍号 is not compared with a number that lost its digits
    assert any("民族“火星族”不在代码表中" in m for m in problems_at(plan, 33))
    assert any(m.startswith("I 列（★出生日期）|出生日期不是有效日期") for m in problems_at(plan, 43))
    assert any("在文件中重复" in m and "第 63 行" in m for m in problems_at(plan, 53))
    assert any("在文件中重复" in m and "第 53 行" in m for m in problems_at(plan, 63))
    assert any("班级号是日期单元格" in m for m in problems_at(plan, 73))
    duplicate = next(p for p in plan.problems if p.row == 53 and "在文件中重复" in p.message)
    assert duplicate.article == ws.profile.rule("enrolment.duplicate_id").article and duplicate.sheet == "小学"
    assert plan.new_classes == [(g, n) for g in range(1, 10) for n in (1, 2) if n == 2]  # one class a grade exists
    assert Student.select().count() == 0 and Event.select().where(Event.kind == "student_enrolled").count() == 0


def test_import_then_fix_the_rejects_and_import_again(ws, tmp_path):
    file, _ = broken_school(tmp_path / "学生信息.xlsx")
    plan = ei.check_file(ws, file)
    result = ei.import_pupils(ws, plan)
    assert result.added == 593 and result.rejected == 7
    assert Student.select().count() == 593
    assert Event.select().where(Event.kind == "student_enrolled").count() == 593
    event = Event.select().where(Event.kind == "student_enrolled").first()
    assert event.author.username == "registrar" and json.loads(event.payload)["route"] == "全国学籍系统导入"
    assert json.loads(event.payload)["source"]["sheet"] in ("小学", "初中")
    # pupils keep their 学籍号; a G number means the national system verified the identity
    first = pupil_row(0, 1, 1)
    pupil = Student.get(Student.student_number == first["学籍号"])
    assert pupil.name == first["姓名"] and pupil.identity_verified and pupil.school_class.name == "一年级(1)班"
    assert pupil.entry_route == "imported" and pupil.entry_date == dt.date(2026, 9, 1)
    assert Guardian.get(Guardian.student == pupil).name == first["成员1姓名"]
    # classes created as the file names them, with the profile's standard size (national: 45 / 50)
    created = SchoolClass.get((SchoolClass.grade == 7) & (SchoolClass.number == 2))
    assert created.capacity == ws.profile.value("class_size.middle_standard")
    assert "二年级(2)班" in result.classes_created

    rejects = tmp_path / "未导入.xlsx"
    assert ei.write_rejects(plan, rejects) == 7
    book = openpyxl.load_workbook(rejects)
    assert book.sheetnames == ["小学"]
    sheet = book["小学"]
    header = [c.value for c in sheet[1]]
    assert header[0] == "问题说明" and header[1:] == [f"★{c}" if c in ("姓名", "性别", "出生日期", "证件类型",
                                                                      "身份证号", "民族", "年级", "班级号",
                                                                      "成员1姓名") else c for c in HEADER]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == 7
    by_id = {r[header.index("★身份证号")]: r for r in rows}
    as_number = next(r for r in rows if "15 位" in r[0])
    lost = float(school_rows(400, grades=range(1, 7), classes=2)[20]["身份证号"])
    assert as_number[header.index("★身份证号")] == f"{lost:.15G}"  # as Excel showed it (2.1081…E+17), as text
    assert sheet.cell(row=rows.index(as_number) + 2, column=header.index("★身份证号") + 1).fill.fgColor.rgb \
        == "00FFC7CE"
    umask = os.umask(0)
    os.umask(umask)
    assert rejects.stat().st_mode & 0o777 == 0o666 & ~umask  # readable as any file the registrar saves
    # the note names the column by this workbook's letter, the one the pink cell is in
    letter = openpyxl.utils.get_column_letter(header.index("★身份证号") + 1)
    assert as_number[0].startswith(f"{letter} 列 身份证件号是数字单元格")
    assert all(isinstance(v, str) for r in rows for v in r if v is not None)  # every cell text, no number
    book.close()

    # the registrar fixes every rejected row in Excel ...
    originals = {r["姓名"]: r for r in school_rows(400, grades=range(1, 7), classes=2)}
    book = openpyxl.load_workbook(rejects)
    sheet = book["小学"]
    fixed_names = []
    for excel_row in sheet.iter_rows(min_row=2):
        name = excel_row[header.index("★姓名")].value
        original = originals[name]
        for column in ("身份证号", "学籍号", "民族", "出生日期", "班级号", "性别"):
            index = header.index(column) if column in header else header.index(f"★{column}")
            excel_row[index].value = original[column]
        fixed_names.append(name)
    sheet.cell(row=2, column=1).value = "已改"  # the 问题说明 column is ignored
    book.save(rejects)
    assert by_id  # (read above, before the fix)
    # ... and imports the rejects workbook again: the seven pupils come in (the twin rows were two pupils)
    again = ei.check_file(ws, rejects)
    assert not again.problems, [str(p) for p in again.problems]
    assert len(again.accepted) == 7 and not again.present
    ei.import_pupils(ws, again)
    assert Student.select().count() == 600
    # the original file a third time: nobody new; its broken rows are still reported, not imported
    third = ei.check_file(ws, file)
    assert not third.accepted and len(third.present) == 598 and len(third.rejected) == 2  # the two bad ID cells
    assert ei.import_pupils(ws, third).added == 0


def test_same_file_twice_adds_nobody_and_says_so(ws, tmp_path):
    file = write_book(tmp_path / "a.xlsx", {"学生": school_rows(40)})
    first = ei.import_pupils(ws, ei.check_file(ws, file))
    assert first.added == 40
    events = Event.select().count()
    plan = ei.check_file(ws, file)
    assert plan.problems == [] and len(plan.present) == 40 and not plan.accepted
    assert "已在本校学籍中 40 行" in plan.summary()
    second = ei.import_pupils(ws, plan)
    assert second.added == 0 and "未重复导入" in second.summary() and "已导入过" in second.summary()
    assert Student.select().count() == 40 and Event.select().count() == events


def test_a_pupil_already_in_the_database_under_another_number_is_refused(ws, tmp_path):
    ei.import_pupils(ws, ei.check_file(ws, write_book(tmp_path / "a.xlsx", {"学生": school_rows(3)})))
    row = dict(school_rows(3)[1])
    row["学籍号"] = "L210811" + row["出生日期"] + "0001"
    plan = ei.check_file(ws, write_book(tmp_path / "b.xlsx", {"学生": [row]}))
    assert len(plan.rejected) == 1
    assert any("已有学籍 G" in p.message and p.article == ws.profile.rule("enrolment.duplicate_id").article
               for p in plan.problems)


# --- values as the national system writes them -------------------------------------------------------------

def test_codes_labels_dates_and_headers_in_any_order(ws, tmp_path):
    codes_row = pupil_row(0)
    codes_row.update({"性别": "1" if codes_row["性别"] == "男" else "2", "民族": 1, "证件类型": "1",
                      "港澳台侨外": 0, "户口性质": "1", "健康状况": "10", "出生日期": dt.datetime(2020, 1, 1),
                      "入学年月": 202609, "联系电话": 13904171234, "是否独生子女": "0", "是否受过学前教育": "1",
                      "成员1关系": "51", "成员1是否监护人": "1"})
    dashed = pupil_row(1)
    dashed.update({"出生日期": "2020-02-02", "入学年月": "2026-09", "班级号": "一年级(1)班", "年级": "1"})
    number = pupil_row(2)
    number.update({"出生日期": 20200303, "入学年月": dt.datetime(2026, 9, 1), "班级号": 1})
    header = list(reversed(HEADER))
    header = [" ★" + c + " " if c == "姓名" else c.replace("身份证号", "身份证件号") for c in header]
    rows = [{(" ★姓名 " if k == "姓名" else k.replace("身份证号", "身份证件号")): v for k, v in r.items()}
            for r in (codes_row, dashed, number)]
    plan = ei.check_file(ws, write_book(tmp_path / "codes.xlsx", {"Sheet1": rows}, header=header))
    blocking = [str(p) for p in plan.problems if p.severity == ei.BLOCK]
    assert blocking == []
    warned = [str(p) for p in plan.problems]
    assert len(warned) == 1 and "联系电话是数字单元格" in warned[0] and "开头的 0" in warned[0]
    ei.import_pupils(ws, plan)
    pupils = {s.name: s for s in Student.select()}
    first = pupils[codes_row["姓名"]]
    assert (first.ethnicity, first.hmt, first.birth_date, first.entry_month, first.phone) == \
        ("01", "00", dt.date(2020, 1, 1), "2026-09", "13904171234")
    assert pupils[dashed["姓名"]].birth_date == dt.date(2020, 2, 2)
    assert pupils[number["姓名"]].birth_date == dt.date(2020, 3, 3)
    warning = Event.select().where(Event.student == first).get()
    assert json.loads(warning.reasons) == {} or all(v == ei.IMPORT_REASON for v in json.loads(warning.reasons).values())


def test_postcode_that_lost_its_zero_and_l_and_j_numbers(ws, tmp_path):
    lost = pupil_row(0)
    lost["邮政编码"] = 15000  # 015000 typed into a General cell
    temporary = pupil_row(1, number="L2108112020020200" + "07")
    no_id = pupil_row(2, number="J21081120200303" + "1017")
    wrong = pupil_row(3, number="X123")
    plan = ei.check_file(ws, write_book(tmp_path / "n.xlsx", {"学生": [lost, temporary, no_id, wrong]}))
    assert [r.row for r in plan.rejected] == [2, 5]
    assert any("邮政编码应为 6 位数字" in m for m in problems_at(plan, 2))
    assert any("邮政编码是数字单元格" in m for m in problems_at(plan, 2))
    assert any("应以 G（正式）、L（临时）或 J（无证件）开头" in m for m in problems_at(plan, 5))
    ei.import_pupils(ws, plan)
    kept = {s.student_number: s.identity_verified for s in Student.select()}
    assert kept == {temporary["学籍号"]: False, no_id["学籍号"]: False}


def test_the_hand_filled_template_without_student_numbers_gets_temporary_ones(ws, tmp_path):
    rows = [{k: v for k, v in pupil_row(i).items() if k in NATIONAL_COLUMNS} for i in range(3)]
    write_national_xlsx(rows, tmp_path / "template.xlsx")
    plan = ei.check_file(ws, tmp_path / "template.xlsx")
    assert not plan.problems
    ei.import_pupils(ws, plan)
    numbers = sorted(s.student_number for s in Student.select())
    assert len(numbers) == 3 and all(n.startswith("L210811") for n in numbers)
    assert len(ei.check_file(ws, tmp_path / "template.xlsx").present) == 3  # no 学籍号: found by ID number and name


def test_the_fast_sheet_reader_reads_what_openpyxl_reads(tmp_path):
    rows = school_rows(30)
    rows[3].update({"出生日期": dt.datetime(2020, 1, 1), "联系电话": 13904171234, "上下学距离": 2.5,
                    "是否孤儿": True, "身份证号": 4.30521e17})
    file = write_book(tmp_path / "f.xlsx", {"学生": rows})
    sheets, _ = read_workbook(file)
    book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    expected = [tuple(r) for r in book["学生"].iter_rows(min_row=2, values_only=True)]
    book.close()
    got = [raw for _, raw in sheets[0].rows]
    assert [tuple(v for v in r) for r in got] == [tuple(v for v in r[:len(got[i])]) for i, r in enumerate(expected)]
    assert got[3][HEADER.index("出生日期")] == dt.datetime(2020, 1, 1)


# --- cancel and kill: all or nothing ------------------------------------------------------------------------

def test_cancel_writes_nothing(ws, tmp_path):
    plan = ei.check_file(ws, write_book(tmp_path / "a.xlsx", {"学生": school_rows(120)}))
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return done < 75

    with pytest.raises(ei.ImportCancelled):
        ei.import_pupils(ws, plan, progress)
    assert seen[0] == (0, 120) and seen[-1] == (75, 120)
    assert Student.select().count() == 0 and Guardian.select().count() == 0
    assert SchoolClass.select().count() == 9  # the classes the import would have created are gone too
    assert Event.select().where(Event.kind.in_(["student_enrolled"])).count() == 0
    assert ei.import_pupils(ws, plan).added == 120  # and the same plan imports afterwards


def test_the_dry_run_reports_its_progress_and_stops_when_told(ws, tmp_path):
    path = write_book(tmp_path / "a.xlsx", {"小学": school_rows(60, grades=range(1, 7)),
                                            "初中": school_rows(40, grades=range(7, 10), start=60)})
    seen = []
    plan = ei.check_file(ws, path, lambda done, total: seen.append((done, total)))
    assert seen == [(n, 100) for n in range(0, 100 + 1, ei.PROGRESS_EVERY)] and len(plan.rows) == 100
    stopped = []
    with pytest.raises(ei.CheckCancelled, match="已停止检查"):
        ei.check_file(ws, path, lambda done, total: stopped.append(done) or done < 50)
    assert stopped == [0, 25, 50]


KILL = textwrap.dedent('''
    import datetime as dt, os, sys
    sys.path.insert(0, {root!r})
    from tests.conftest import held_at
    held_at(dt.datetime(2026, 10, 12, 9)).start()
    from xueji_desktop.core.national import excel_import as ei
    from xueji_desktop.core.school import events
    from xueji_desktop.core.school.workspace import Workspace
    ws = Workspace({path!r})
    ws.login("registrar", "secret-123")
    plan = ei.check_file(ws, {file!r})
    original = events.Tx.record
    count = [0]
    def die_midway(self, *args, **kwargs):
        event = original(self, *args, **kwargs)
        count[0] += 1
        if count[0] == 150:
            os._exit(9)  # killed with 149 pupils written, before COMMIT
        return event
    events.Tx.record = die_midway
    ei.import_pupils(ws, plan)
''')


def test_killed_import_leaves_nothing(tmp_path):
    path = tmp_path / "killed.sqlite3"
    make_school(path, classes_per_grade=1).close()
    file = write_book(tmp_path / "a.xlsx", {"学生": school_rows(300)})
    result = subprocess.run([sys.executable, "-c", KILL.format(root=str(ROOT), path=str(path), file=str(file))],
                            capture_output=True, check=False)
    assert result.returncode == 9, result.stderr.decode()
    ws = Workspace(path)
    assert ws.is_set_up
    assert Student.select().count() == 0 and Guardian.select().count() == 0
    assert SchoolClass.select().count() == 9
    assert Event.select().where(Event.kind.in_(["student_enrolled", "class_created"])).count() == 1  # set-up's
    ws.close()


# --- bad files: a clear message, nothing written ---------------------------------------------------------------

def refused(ws, path) -> str:
    before = Student.select().count(), Event.select().count()
    with pytest.raises(ImportFileError) as e:
        ei.check_file(ws, path)
    assert (Student.select().count(), Event.select().count()) == before
    return str(e.value)


def test_not_excel_empty_missing_and_damaged(ws, tmp_path):
    text = tmp_path / "名单.xlsx"
    text.write_text("姓名,性别\n张三,男\n", encoding="utf-8")
    assert "不是 Excel 文件" in refused(ws, text)
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    assert "空文件" in refused(ws, empty)
    assert "找不到文件" in refused(ws, tmp_path / "没有.xlsx")
    docx = tmp_path / "文档.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert "不是 Excel 工作簿" in refused(ws, docx)
    cut = tmp_path / "损坏.xlsx"
    whole = write_book(tmp_path / "whole.xlsx", {"学生": school_rows(5)}).read_bytes()
    cut.write_bytes(whole[: len(whole) // 2])
    assert "损坏" in refused(ws, cut)


def test_empty_workbook_no_header_and_header_only(ws, tmp_path):
    book = openpyxl.Workbook()
    book.save(tmp_path / "blank.xlsx")
    assert "没有任何内容" in refused(ws, tmp_path / "blank.xlsx")
    book = openpyxl.Workbook()
    for i in range(30):
        book.active.append([f"数据{i}", i, "杂项"])
    book.save(tmp_path / "noheader.xlsx")
    message = refused(ws, tmp_path / "noheader.xlsx")
    assert "都没有可识别的表头" in message and "姓名" in message
    write_book(tmp_path / "headeronly.xlsx", {"学生": []})
    assert "只有表头" in refused(ws, tmp_path / "headeronly.xlsx")


def test_merged_header_cells_and_a_two_row_header(ws, tmp_path):
    file = write_book(tmp_path / "merged.xlsx", {"学生": school_rows(3)})
    book = openpyxl.load_workbook(file)
    book["学生"].merge_cells("B1:C1")
    book.save(file)
    message = refused(ws, file)
    assert "第 1 行（表头）有合并单元格（B1:C1）" in message and "取消合并" in message
    # 成员1 / 成员2 above their own 姓名, 关系 …: 姓名 twice in the header row
    header = [c.replace("成员1", "").replace("成员2", "") if c.startswith("成员") else c for c in HEADER]
    rows = [{h: v for h, v in zip(header, r.values())} for r in school_rows(2)]
    message = refused(ws, write_book(tmp_path / "two.xlsx", {"学生": rows}, header=header))
    assert "“姓名”出现两次" in message and "成员1姓名" in message


def test_password_protected_workbook(ws, tmp_path):
    from tests.ole_files import compound_file

    locked = tmp_path / "加密.xlsx"
    locked.write_bytes(compound_file({"EncryptionInfo": b"\x04\x00\x04\x00" + bytes(600),
                                      "EncryptedPackage": bytes(5000)}))
    assert "设有打开密码" in refused(ws, locked)


def test_ten_thousand_garbage_rows_are_all_rejected_and_nothing_written(ws, tmp_path):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("学生")
    sheet.append(HEADER)
    for i in range(10_000):
        sheet.append([f"垃圾{i}", "x", 1.5, "?"] + [None] * 10 + ["#"])
    book.save(tmp_path / "garbage.xlsx")
    plan = ei.check_file(ws, tmp_path / "garbage.xlsx")
    assert len(plan.rows) == 10_000 and len(plan.rejected) == 10_000
    assert ei.import_pupils(ws, plan).added == 0
    assert Student.select().count() == 0
    assert all(r.problems for r in plan.rejected[:50])


def test_password_protected_xls(ws, tmp_path):
    from tests.ole_files import xls_workbook

    locked = tmp_path / "加密.xls"
    locked.write_bytes(xls_workbook({"学生": [HEADER]}, encrypted=True))
    assert "设有打开密码" in refused(ws, locked)


# --- .xls, as older exports of the national system are -------------------------------------------------------

def test_an_xls_export_is_read_like_an_xlsx(ws, tmp_path):
    from tests.ole_files import xls_workbook

    rows = school_rows(20)
    rows[0]["出生日期"] = dt.datetime(2020, 1, 1)  # a date cell
    rows[1]["身份证号"] = float(rows[1]["身份证号"])  # a number cell: digits lost
    sheet = [["学生信息"], HEADER] + [[r.get(c) or None for c in HEADER] for r in rows]
    file = tmp_path / "学生信息.xls"
    file.write_bytes(xls_workbook({"说明": [["请按模板填写"]], "学生": sheet}, merged={"说明": [(0, 0, 0, 3)]}))
    plan = ei.check_file(ws, file)
    assert len(plan.rows) == 20 and [r.row for r in plan.rejected] == [4]
    assert any("身份证件号是数字单元格" in str(p) and "K 列" in str(p) for p in plan.problems)
    assert "工作表“说明”" in plan.notes[0]
    ei.import_pupils(ws, plan)
    assert Student.select().count() == 19
    assert Student.get(Student.name == rows[0]["姓名"]).birth_date == dt.date(2020, 1, 1)
    merged = tmp_path / "merged.xls"
    merged.write_bytes(xls_workbook({"学生": sheet}, merged={"学生": [(1, 1, 2, 3)]}))
    assert "第 2 行（表头）有合并单元格（C2:D2）" in refused(ws, merged)
