import pytest

from tests.conftest import make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.changes import info_change
from xueji_desktop.core.pupils.records import history
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.store.models import Student


@pytest.fixture
def yk(tmp_path):
    ws = make_school(tmp_path / "s.sqlite3", profile_id="yingkou")
    yield ws
    ws.close()


def test_routine_fields_change_at_once_and_are_logged(yk):
    pupil, _ = enrolment.enrol(yk, pupil_draft())
    assert {"address", "phone", "hukou_place", "left_behind", "migrant_child"} <= set(info_change.routine_keys(yk.profile))
    info_change.update_routine(yk, pupil.id, {"phone": "13800001111", "left_behind": "2"})
    again = Student.get_by_id(pupil.id)
    assert (again.phone, again.left_behind) == ("13800001111", "2")
    last = history(again)[-1]
    assert last.what == "信息变更：联系电话 13904171234 → 13800001111；是否留守儿童 否 → 双亲留守"
    assert last.articles == (yk.profile.rule("info_change.routine_fields").article,)


@pytest.mark.parametrize("changes, words", [
    ({"name": "张山"}, "须办理关键信息变更申请"),
    ({"phone": "123"}, "不是有效的电话号码"),
    ({"phone": "13904171234"}, "没有任何修改"),
])
def test_bad_or_key_changes_are_refused_and_nothing_is_written(yk, changes, words):
    pupil, _ = enrolment.enrol(yk, pupil_draft())
    with pytest.raises(RuleViolation) as refused:
        info_change.update_routine(yk, pupil.id, changes)
    assert any(words in f.message for f in refused.value.findings)
    assert Student.get_by_id(pupil.id).phone == "13904171234"
    assert len(history(Student.get_by_id(pupil.id))) == 1
