"""A kill at any point leaves the whole enrolment or none of it (WAL + one transaction)."""

import subprocess
import sys
import textwrap

from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import Event, Guardian, Student

SCRIPT = textwrap.dedent('''
    import datetime as dt, os, sys
    sys.path.insert(0, {root!r})
    from tests.conftest import held_at, make_school, pupil_draft
    held_at(dt.datetime(2026, 9, 1, 9)).start()  # the first school day, in the enrolment period
    from xueji_desktop.core.admission import enrolment
    from xueji_desktop.core.school import events
    ws = make_school({path!r})
    ws.login("registrar", "secret-123")
    original = events.Tx.record
    def die_after_writing(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if kwargs.get("student") is not None or (len(args) > 3 and args[3] is not None):
            os._exit(9)  # killed after pupil, family and event rows, before COMMIT
    events.Tx.record = die_after_writing
    enrolment.enrol(ws, pupil_draft())
''')


def test_killed_enrolment_leaves_nothing(tmp_path):
    path = tmp_path / "killed.sqlite3"
    root = str(__import__("pathlib").Path(__file__).resolve().parent.parent)
    result = subprocess.run([sys.executable, "-c", SCRIPT.format(root=root, path=str(path))], capture_output=True)
    assert result.returncode == 9, result.stderr.decode()
    ws = Workspace(path)
    assert ws.is_set_up  # the school set-up before it was committed
    assert Student.select().count() == 0
    assert Guardian.select().count() == 0
    assert Event.select().where(Event.kind == "student_enrolled").count() == 0
    ws.close()


STEP_SCRIPT = textwrap.dedent('''
    import datetime as dt, os, sys
    sys.path.insert(0, {root!r})
    from tests.test_transfer_workflow import TODAY, incoming
    from tests.conftest import held_at, make_school
    held_at(dt.datetime.combine(TODAY, dt.time(9))).start()
    from xueji_desktop.core.casework import cases
    from xueji_desktop.core.casework.cases import StepDecision
    from xueji_desktop.core.school import events
    from xueji_desktop.core.transfers import transfer
    ws = make_school({path!r}, profile_id="heilongjiang", today=TODAY)
    case, _ = transfer.open_transfer(ws, incoming(ws))
    first = cases.steps(case)[0]
    transfer.record_step(ws, case.id, StepDecision(first.party, TODAY, "王校长", "approved"))
    original = events.Tx.record
    def die_after_writing(self, *args, **kwargs):
        original(self, *args, **kwargs)
        os._exit(9)  # the second approval's rows are written, COMMIT never comes
    events.Tx.record = die_after_writing
    second = cases.steps(case)[1]
    transfer.record_step(ws, case.id, StepDecision(second.party, TODAY, "李科长", "approved"))
''')


def test_killed_approval_leaves_the_case_as_it_was(tmp_path):
    from xueji_desktop.core.casework import cases
    from xueji_desktop.store.models import Case

    path = tmp_path / "case.sqlite3"
    root = str(__import__("pathlib").Path(__file__).resolve().parent.parent)
    result = subprocess.run([sys.executable, "-c", STEP_SCRIPT.format(root=root, path=str(path))], capture_output=True)
    assert result.returncode == 9, result.stderr.decode()
    ws = Workspace(path)
    case = Case.get()
    assert case.status == "open"
    assert [s.outcome for s in cases.steps(case)] == ["approved", "", "", ""]
    assert cases.pending_step(case).party == cases.steps(case)[1].party
    assert Event.select().where(Event.kind == "case_step_recorded").count() == 1
    ws.close()
