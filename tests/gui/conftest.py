"""GUI fixtures: a fresh real school database file per test, built through the services.

The school is built once per session (the demo school of 120 pupils when `core.demo_school.demo` is there,
else a small school enrolled through the enrolment service), plus a few pupils the tests name
(张三, 张思远, 曾小明 …); each test gets its own copy of the file and a signed-in Workspace.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

import datetime as dt  # noqa: E402
import shutil  # noqa: E402

import pytest  # noqa: E402
import time_machine  # noqa: E402

from tests.conftest import local  # noqa: E402
from xueji_desktop.core.admission import enrolment  # noqa: E402
from xueji_desktop.core.admission.enrolment import EnrolmentDraft  # noqa: E402
from xueji_desktop.core.pupils import ids  # noqa: E402
from xueji_desktop.core.pupils.status import ON_ROLL  # noqa: E402
from xueji_desktop.core.rules.findings import Severity  # noqa: E402
from xueji_desktop.core.school.workspace import Workspace  # noqa: E402
from xueji_desktop.store.models import SchoolClass, Student  # noqa: E402

TODAY = dt.date(2026, 9, 1)
# Pupils every test can count on, whatever else the school holds: (name, birth date, ID sequence)
NAMED_PUPILS = (("张三", dt.date(2020, 3, 7), 901), ("张思远", dt.date(2020, 5, 11), 903),
                ("曾小明", dt.date(2020, 1, 21), 905), ("李子树", dt.date(2020, 7, 2), 907))
REGION = "210811"


def school_morning() -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(9, 0))


def _demo_builder():
    try:
        from xueji_desktop.core.demo_school import demo
    except ImportError:
        return None
    return demo


def _demo_school(path) -> tuple[str, str] | None:
    """The demo school (120 pupils) in its default region, or in another region it has names for."""
    demo = _demo_builder()
    if demo is None:
        return None
    from xueji_desktop.core.demo_school.demo_names import LOCALES
    from xueji_desktop.core.region_profiles.profiles import available_profiles

    present = {pid for pid, _ in available_profiles()}
    for kwargs in ({}, *({"profile_id": pid} for pid in LOCALES if pid in present)):
        try:
            demo.build_demo(path, pupils=120, **kwargs)
        except Exception:  # noqa: BLE001 — a region still being written: try the next
            for leftover in path.parent.glob(path.name + "*"):
                leftover.unlink()
            continue
        return demo.DEMO_USER, demo.DEMO_PASSWORD
    return None


def _fallback_school(path) -> tuple[str, str]:
    from tests.conftest import PASSWORD, make_school

    ws = make_school(path, today=TODAY)
    ws.close()
    return "registrar", PASSWORD


def least_full_class(grade: int) -> SchoolClass:
    classes = SchoolClass.select().where(SchoolClass.grade == grade).order_by(SchoolClass.number)
    on_roll = [s.value for s in ON_ROLL]
    return min(classes, key=lambda c: Student.select().where(
        (Student.school_class == c) & Student.status.in_(on_roll)).count())


def new_pupil_draft(name: str, birth: dt.date, seq: int, guardian: str = "张建国") -> EnrolmentDraft:
    """A complete 新生注册 draft for grade 1, in the class with most room."""
    draft = EnrolmentDraft(new_pupil=True, grade=1, identity_verified=True, entry_date=TODAY)
    draft.student = {
        "name": name, "sex": "1" if seq % 2 else "2", "birth_date": birth.isoformat(), "id_type": "1",
        "id_number": ids.make_id_number(REGION, birth, seq), "ethnicity": "01", "birthplace": REGION,
        "native_place": REGION, "hukou_place": REGION, "hukou_nature": "1", "entry_month": "2026-09",
        "address": "柳树镇柳树村3组", "mail_address": "柳树镇柳树村3组", "home_address": "柳树镇柳树村3组",
        "phone": "13904171234", "postcode": "115005",
    }
    draft.guardians = [{"name": guardian, "relation": "51", "phone": "13904171234", "is_guardian": "1"}, {}]
    draft.class_id = least_full_class(1).id
    return draft


def explain_warnings(ws, draft: EnrolmentDraft) -> EnrolmentDraft:
    """Gives every warning the region raises a reason, as the registrar would in the wizard."""
    for f in enrolment.check(ws, draft):
        if f.severity is Severity.WARN:
            draft.reasons[f.rule] = "测试数据：情况已核实"
    return draft


def enrol_named(ws, name: str, birth: dt.date, seq: int):
    return enrolment.enrol(ws, explain_warnings(ws, new_pupil_draft(name, birth, seq)))


@pytest.fixture(scope="session")
def school_template(tmp_path_factory):
    """(path, username, password) of a school database built once for the session."""
    path = tmp_path_factory.mktemp("template") / "school.sqlite3"
    with time_machine.travel(local(school_morning()), tick=False):
        credentials = _demo_school(path) or _fallback_school(path)
        ws = Workspace(path)
        ws.login(*credentials)
        for name, birth, seq in NAMED_PUPILS:
            enrol_named(ws, name, birth, seq)
        ws.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        ws.close()
    return path, credentials


@pytest.fixture
def ws(school_template, tmp_path, clock):
    """A signed-in Workspace on this test's own copy of the school database, on the school's first day at
    09:00 (the test's clock stays there until the test moves it)."""
    source, credentials = school_template
    path = tmp_path / "school.sqlite3"
    shutil.copyfile(source, path)
    clock.set(school_morning())
    workspace = Workspace(path)
    workspace.test_clock = clock
    workspace.login(*credentials)
    yield workspace
    workspace.close()


@pytest.fixture
def app(qapp):
    from PySide6.QtCore import QEvent

    from xueji_desktop.gui.qt_setup import configure

    # The widgets an earlier test closed are deleted now, as the event loop's next turn would delete them: a
    # main window closed there before its first paint gives back the application's event filter
    # (gui.app_events) only when it is gone, and this test's dialogs need that filter (F1, Alt letters).
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return configure(qapp)


@pytest.fixture
def no_viewer(monkeypatch):
    """PDFs and scans the case page would open go into a list instead of a viewer."""
    from xueji_desktop.gui import case_dialog

    opened: list = []
    monkeypatch.setattr(case_dialog, "open_file", opened.append)
    return opened


@pytest.fixture
def messages(monkeypatch):
    """Every message box run_op would show, as (title, text, details), instead of showing it."""
    from xueji_desktop.gui import operations

    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(operations, "show_message",
                        lambda parent, icon, title, text, details="": shown.append((title, text, details)))
    return shown


@pytest.fixture
def window(app, ws, qtbot, messages):
    from xueji_desktop.gui.first_paint import painted
    from xueji_desktop.gui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: painted(win), timeout=5000)  # what it put off until then has run, as a user sees it
    return win


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch):
    """A dialog left half-filled at the end of a test is closed without asking 放弃已填写的内容？ (the
    question's own tests answer it themselves)."""
    from xueji_desktop.gui import discard

    monkeypatch.setattr(discard, "ask_discard", lambda parent: True)


@pytest.fixture(autouse=True)
def purposes_asked(monkeypatch):
    """The 用途 question before a print or export of several pupils (gui.purpose_dialog) answered with the
    region's first purpose; each question's pupil count is kept (the dialog's own test answers it itself)."""
    from xueji_desktop.core.accounts.access_log import purposes
    from xueji_desktop.gui import purpose_dialog

    asked: list[int] = []

    def answer(parent, ws, count):
        asked.append(count)
        return purposes(ws.profile).labels[0]

    monkeypatch.setattr(purpose_dialog, "ask_purpose", answer)
    return asked
