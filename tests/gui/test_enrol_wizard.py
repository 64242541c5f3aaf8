"""The enrolment wizard driven page by page through its real widgets, on a real database file."""

import datetime as dt
import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtWidgets import QWizard  # noqa: E402

from tests.conftest import make_school  # noqa: E402
from xueji_desktop.core.pupils import ids  # noqa: E402
from xueji_desktop.gui.enrol_wizard import EnrolWizard  # noqa: E402
from xueji_desktop.store.models import Event, Guardian, Student  # noqa: E402

BIRTH = dt.date(2020, 3, 7)
ID = ids.make_id_number("210811", BIRTH, 447)


@pytest.fixture
def ws(tmp_path):
    ws = make_school(tmp_path / "school.sqlite3", profile_id="heilongjiang")
    ws.login("registrar", "secret-123")
    yield ws
    ws.close()


@pytest.fixture
def wizard(qtbot, ws):
    w = EnrolWizard(ws)
    qtbot.addWidget(w)
    w.show()
    return w


def page(w):
    return w.currentPage()


def next_enabled(w):
    return w.button(QWizard.NextButton).isEnabled()


def type_into(form, key, text):
    editor = form.editor(key).editor
    if hasattr(editor, "setText"):
        editor.setText(text)  # what an IME commits; keyClicks cannot type Chinese
    else:
        editor.setCurrentIndex(editor.findData(text))


def hint(form, key):
    e = form.editor(key)
    return e.hint.text() if e.hint.isVisible() else ""


def fill_identity(w, qtbot, name="张三", number=ID):
    form = page(w).form
    type_into(form, "name", name)
    qtbot.keyClicks(form.editor("id_number").editor, number)  # digits: real key presses
    type_into(form, "hukou_nature", "1")
    page(w).verified.setChecked(True)


def fill_family(w):
    p = page(w)
    for key, value in (("address", "柳树镇柳树村3组"), ("mail_address", "柳树镇柳树村3组"),
                       ("home_address", "柳树镇柳树村3组"), ("phone", "13904171234"), ("postcode", "115005")):
        type_into(p.form, key, value)
    type_into(p.members[0], "name", "张建国")
    type_into(p.members[0], "relation", "51")
    type_into(p.members[0], "phone", "13904171235")


def test_full_enrolment_page_by_page(qtbot, wizard, ws):
    assert page(wizard).name == "route" and next_enabled(wizard)
    wizard.next()
    assert page(wizard).name == "identity" and not next_enabled(wizard)
    fill_identity(wizard, qtbot)
    form = page(wizard).form
    assert form.editor("birth_date").value() == "2020-03-07"  # filled from the ID number
    assert form.editor("sex").value() == "1"
    assert form.editor("birthplace").value() == "210811"
    assert next_enabled(wizard), [f.text for f in wizard.findings if f.severity.value == "block"]
    wizard.next()
    assert page(wizard).name == "family" and not next_enabled(wizard)
    fill_family(wizard)
    assert next_enabled(wizard)
    wizard.next()
    assert page(wizard).name == "placement"
    items = [page(wizard).classes.item(i).text() for i in range(page(wizard).classes.count())]
    assert items[0].startswith("一年级(1)班") and "剩余 45 个名额" in items[0]
    assert not next_enabled(wizard)
    page(wizard).classes.setCurrentRow(0)
    assert next_enabled(wizard)
    wizard.next()
    assert page(wizard).name == "review"
    summary = page(wizard).summary.text()
    assert "<b>张三</b>" in summary and f"将生成学籍号 <b>G{ID}</b>" in summary
    assert "张建国" in summary and "柳树镇柳树村3组" in summary
    assert wizard.button(QWizard.FinishButton).isEnabled()
    assert Student.select().count() == 0  # nothing written before the last page is confirmed
    wizard.button(QWizard.FinishButton).click()
    student = Student.get()
    assert student.student_number == "G" + ID and student.name == "张三"
    assert student.school_class.name == "一年级(1)班"
    assert [g.name for g in Guardian.select()] == ["张建国"]
    assert Event.get(Event.kind == "student_enrolled").author.display_name == "王老师"
    assert wizard.student == student


def test_bad_id_number_is_named_beside_the_field_and_next_stays_disabled(qtbot, wizard):
    wizard.next()
    fill_identity(wizard, qtbot, number=ID[:-1] + ("0" if ID[-1] != "0" else "1"))
    assert "校验位错误" in hint(page(wizard).form, "id_number")
    assert not next_enabled(wizard)
    page(wizard).form.editor("id_number").editor.setText(ID[:17])
    assert "应为 18 位，现为 17 位" in hint(page(wizard).form, "id_number")
    assert not next_enabled(wizard)


def test_name_with_digits_or_latin_letters(qtbot, wizard):
    wizard.next()
    fill_identity(wizard, qtbot, name="张3")
    assert "姓名不能含有数字" in hint(page(wizard).form, "name")
    assert not next_enabled(wizard)
    type_into(page(wizard).form, "name", "Zhang三")
    assert "拉丁字母" in hint(page(wizard).form, "name")
    type_into(page(wizard).form, "name", "张三")
    assert hint(page(wizard).form, "name") == "" and next_enabled(wizard)


def test_under_age_child_is_blocked_citing_the_article(qtbot, wizard, ws):
    wizard.next()
    young = ids.make_id_number("210811", dt.date(2020, 9, 2), 447)
    fill_identity(wizard, qtbot, number=young)
    text = hint(page(wizard).form, "birth_date")
    assert "未满 6 周岁" in text and ws.profile.rule("enrolment.min_age").article in text
    assert not next_enabled(wizard)


def test_duplicate_id_number_blocks_with_the_existing_record(qtbot, wizard, ws):
    from tests.conftest import pupil_draft
    from xueji_desktop.core.admission import enrolment

    existing, _ = enrolment.enrol(ws, pupil_draft(name="张三丰"))
    wizard.next()
    fill_identity(wizard, qtbot, number=existing.id_number)
    text = hint(page(wizard).form, "id_number")
    assert existing.student_number in text and "不得重复建立学籍" in text
    assert not next_enabled(wizard)


def test_warning_needs_a_reason_before_finish(qtbot, wizard, ws):
    wizard.next()
    older = ids.make_id_number("210811", dt.date(2019, 3, 7), 447)  # 7 on 31 Aug
    fill_identity(wizard, qtbot, number=older)
    assert "超过一般入学年龄" in hint(page(wizard).form, "birth_date")
    assert next_enabled(wizard)  # a warning does not stop the page
    wizard.next()
    fill_family(wizard)
    wizard.next()
    page(wizard).classes.setCurrentRow(0)
    wizard.next()
    review = page(wizard)
    assert "enrolment.usual_max_age" in review.reason_edits
    finish = wizard.button(QWizard.FinishButton)
    assert not finish.isEnabled()
    review.reason_edits["enrolment.usual_max_age"].setText("经县教育局批准延缓入学一年")
    assert finish.isEnabled()
    finish.click()
    event = Event.get(Event.kind == "student_enrolled")
    assert json.loads(event.reasons) == {"enrolment.usual_max_age": "经县教育局批准延缓入学一年"}
    assert ws.profile.rule("enrolment.usual_max_age").article in json.loads(event.articles)


# ── 姓名拼音 from the name ──────────────────────────────────────────────────────────────────────
def test_name_pinyin_follows_the_name_with_surname_readings_and_is_stored(qtbot, wizard, ws):
    wizard.next()
    form = page(wizard).form
    type_into(form, "name", "曾")
    assert form.editor("name_pinyin").value() == "Zeng"  # 曾 as a surname: zeng, not ceng
    type_into(form, "name", "曾小明")
    assert form.editor("name_pinyin").editor.text() == "Zeng Xiaoming"
    type_into(form, "name", "单田芳")
    assert form.editor("name_pinyin").value() == "Shan Tianfang"
    type_into(form, "name", "张三")
    assert form.editor("name_pinyin").value() == "Zhang San"
    fill_identity(wizard, qtbot, name="仇晓东")
    assert form.editor("name_pinyin").value() == "Qiu Xiaodong"
    wizard.next()
    fill_family(wizard)
    wizard.next()
    page(wizard).classes.setCurrentRow(0)
    wizard.next()
    assert "Qiu Xiaodong" in page(wizard).summary.text()
    wizard.button(QWizard.FinishButton).click()
    assert Student.get().name_pinyin == "Qiu Xiaodong"


def test_name_pinyin_typed_by_hand_is_left_alone(qtbot, wizard, ws):
    wizard.next()
    form = page(wizard).form
    type_into(form, "name", "解晓")
    assert form.editor("name_pinyin").value() == "Xie Xiao"
    type_into(form, "name_pinyin", "XIE Xiao")  # the family's own spelling
    type_into(form, "name", "解晓东")
    assert form.editor("name_pinyin").value() == "XIE Xiao"
    type_into(form, "name_pinyin", "")  # cleared: the name fills it again
    type_into(form, "name", "解晓冬")
    assert form.editor("name_pinyin").value() == "Xie Xiaodong"
    assert Student.select().count() == 0


# ── required fields marked as the domain says ───────────────────────────────────────────────────
def test_every_required_field_is_marked_and_only_those(qtbot, wizard, ws):
    from xueji_desktop.core.pupils.fields import required_guardian_keys, required_keys
    from xueji_desktop.gui.field_widgets import REQUIRED_MARK

    assert wizard.marked_required() == required_keys(wizard.draft.student)
    assert {"name", "sex", "birth_date", "id_number", "grade", "school_class", "postcode"} <= wizard.marked_required()
    assert "name_pinyin" not in wizard.marked_required() and "disability_type" not in wizard.marked_required()
    identity = wizard.pages_by_name["identity"]
    assert identity.form.labels["name"].text() == REQUIRED_MARK + "姓名"  # what the registrar sees
    assert identity.form.labels["name_pinyin"].text() == "姓名拼音"
    for member in wizard.pages_by_name["family"].members:
        assert member.marked() == required_guardian_keys()
    wizard.next()
    type_into(identity.form, "id_type", "Z")  # 其他: the number may stay empty
    assert "id_number" not in wizard.marked_required()
    assert wizard.marked_required() == required_keys(wizard.draft.student)
    type_into(identity.form, "id_type", "1")
    assert "id_number" in wizard.marked_required()
    family = wizard.pages_by_name["family"]
    type_into(family.form, "inclusive", "1")  # 随班就读: the 残疾人类型 becomes required
    assert "disability_type" in wizard.marked_required()
    assert wizard.marked_required() == required_keys(wizard.draft.student)
    assert Student.select().count() == 0


def test_info_edit_dialog_marks_the_required_routine_fields(qtbot, ws):
    from tests.conftest import pupil_draft
    from xueji_desktop.core.admission import enrolment
    from xueji_desktop.core.pupils.fields import required_keys
    from xueji_desktop.gui.info_edit_dialog import InfoEditDialog

    student, _ = enrolment.enrol(ws, pupil_draft(name="张三丰"))
    dialog = InfoEditDialog(ws, student.id)
    qtbot.addWidget(dialog)
    shown = set(dialog.form.editors)
    assert dialog.form.marked() == required_keys() & shown
    assert {"address", "phone"} <= dialog.form.marked()
    dialog.reject()
    assert Student.get_by_id(student.id).address == student.address


# ── outside the enrolment period: what to do instead ───────────────────────────────────────────
def open_wizard(qtbot, ws):
    w = EnrolWizard(ws)
    qtbot.addWidget(w)
    w.show()
    return w


def test_outside_the_period_a_blocking_region_says_to_use_the_non_new_route(qtbot, ws):
    ws.test_clock.now = dt.datetime(2026, 11, 3, 9, 0)  # 黑龙江: 不得在非招生期间招收新生
    w = open_wizard(qtbot, ws)
    route = page(w)
    assert not next_enabled(w)
    text = route.notes.text()
    period, non_new = ws.profile.rule("enrolment.period"), ws.profile.rule("enrolment.grade_age_tolerance")
    assert "今天不在秋季招生期（8月1日至9月30日）内" in text and "改选“非新生注册”" in text
    assert period.article in text and non_new.article in text and route.notes.isVisible()
    route.other.setChecked(True)  # 非新生注册, as the message says
    route.grade.setCurrentIndex(route.grade.findData(1))
    assert next_enabled(w) and "招生期" not in route.notes.text()
    w.next()
    fill_identity(w, qtbot)
    w.next()
    fill_family(w)
    w.next()
    page(w).classes.setCurrentRow(0)
    w.next()
    w.button(QWizard.FinishButton).click()
    student = Student.get()
    assert student.entry_route == "non_new" and student.grade == 1


def test_outside_the_period_a_warning_region_asks_for_the_reason_it_records(qtbot, tmp_path):
    ws = make_school(tmp_path / "national.sqlite3", profile_id="national")
    ws.login("registrar", "secret-123")
    try:
        ws.test_clock.now = dt.datetime(2026, 11, 3, 9, 0)
        w = open_wizard(qtbot, ws)
        text = page(w).notes.text()
        assert "原则上在招生期内注册" in text and "请在“核对确认”页填写原因" in text
        assert ws.profile.rule("enrolment.period").article in text
        assert next_enabled(w)  # a warning: the registrar goes on and gives the reason
        w.next()
        fill_identity(w, qtbot)
        w.next()
        fill_family(w)
        w.next()
        page(w).classes.setCurrentRow(0)
        w.next()
        review = page(w)
        assert "enrolment.period" in review.reason_edits
        assert not w.button(QWizard.FinishButton).isEnabled()
        review.reason_edits["enrolment.period"].setText("随父母返乡，经乡中心校同意插班入学")
        w.button(QWizard.FinishButton).click()
        event = Event.get(Event.kind == "student_enrolled")
        assert json.loads(event.reasons) == {"enrolment.period": "随父母返乡，经乡中心校同意插班入学"}
        assert Student.get().entry_route == "new"
    finally:
        ws.close()
