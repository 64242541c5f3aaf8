"""A kill at any point leaves the whole enrolment or none of it (WAL + one transaction)."""

import subprocess
import sys
import textwrap

from xueji_desktop.core.workspace import Workspace
from xueji_desktop.store.models import Event, Guardian, Student

SCRIPT = textwrap.dedent('''
    import os, sys
    sys.path.insert(0, {root!r})
    from tests.conftest import make_school, pupil_draft
    from xueji_desktop.core import events
    from xueji_desktop.core.workflows import enrolment
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
