"""Long work reports `progress(done, total)` and stops cleanly when the callback raises (the window's 取消):
a register print, a batch written to a stick, the demo build. Real files, a real SQLite database."""

from __future__ import annotations

import datetime as dt
import subprocess
from types import SimpleNamespace

import pytest

from tests.conftest import held_at
from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD, DEMO_USER, build_demo
from xueji_desktop.core.exchange import stick
from xueji_desktop.core.forms.registers_common import to_form
from xueji_desktop.core.forms.registers_print import build_register, save_register
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import AccessLog, Event


class Stop(Exception):
    """What the window's 取消 raises from inside the callback."""


class Recorder:
    """A progress callback that records its calls by stage and raises `Stop` at call number `stop_at`."""

    def __init__(self, stop_at: int | None = None):
        self.calls: list[tuple[str, int, int]] = []
        self.current, self.stop_at = "", stop_at

    def stage(self, name: str) -> None:
        self.current = name

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((self.current, done, total))
        if self.stop_at is not None and len(self.calls) >= self.stop_at:
            raise Stop()

    def runs(self) -> dict[str, list[tuple[int, int]]]:
        out: dict[str, list[tuple[int, int]]] = {}
        for stage, done, total in self.calls:
            out.setdefault(stage, []).append((done, total))
        return out


def assert_counts_up(calls: list[tuple[int, int]]) -> None:
    dones = [d for d, _ in calls]
    assert dones == sorted(dones) and len(set(dones)) == len(dones)  # strictly increasing
    assert {t for _, t in calls} == {calls[-1][1]}  # one total
    assert calls[-1][0] == calls[-1][1]  # up to it


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "cz.sqlite3"
    with held_at(dt.datetime(2026, 9, 1, 9)):
        build_demo(path, pupils=120, profile_id="changzhi")
    return path


@pytest.fixture
def ws(demo, tmp_path):
    copy = tmp_path / "cz.sqlite3"
    copy.write_bytes(demo.read_bytes())
    with held_at(dt.datetime(2026, 12, 15, 9)):
        ws = Workspace(copy)
        ws.login(DEMO_USER, DEMO_PASSWORD)
        yield ws
        ws.close()


def test_a_register_reports_its_layout_then_its_pages_and_a_stop_leaves_no_file_and_no_log_row(ws, tmp_path):
    reg = build_register(ws, "classes")
    out = tmp_path / "out"
    rec = Recorder()
    pdf = save_register(ws, reg, out / "分班.pdf", "学籍核查", rec)
    runs = rec.runs()
    assert list(runs) == ["layout", "pages"]
    for calls in runs.values():
        assert_counts_up(calls)
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    assert pages > 1 and runs["pages"][-1] == (pages, pages)
    assert runs["layout"][-1][1] == len(to_form(reg).blocks) > len(reg.sections)  # a count per block laid out
    logged, events = AccessLog.select().count(), Event.select().count()

    for stop_at in (2, len(rec.calls)):  # in the layout; at the last page, before the file is renamed
        with pytest.raises(Stop):
            save_register(ws, reg, out / "取消.pdf", "学籍核查", Recorder(stop_at))
    workbook = Recorder(stop_at=1)
    with pytest.raises(Stop):
        save_register(ws, reg, out / "取消.xlsx", "学籍核查", workbook)
    assert workbook.calls == [("", 100, sum(len(s.rows) for s in reg.sections))]
    assert sorted(p.name for p in out.iterdir()) == ["分班.pdf"]  # no file, no temporary file
    assert AccessLog.select().count() == logged and Event.select().count() == events


def test_a_batch_stopped_while_written_leaves_nothing_on_the_stick(tmp_path):
    data = bytes(range(256)) * 4096  # 1 MiB: several chunks
    batch = SimpleNamespace(batch_no=1, school_code="2108110001", event_count=3, data=data, hash="x")
    rec = Recorder(stop_at=3)
    with pytest.raises(Stop):
        stick.write_batch(batch, tmp_path, rec)
    assert_counts_up([(d, t) for _, d, t in rec.calls] + [(2 * len(data), 2 * len(data))])
    assert list((tmp_path / stick.SUBFOLDER).iterdir()) == []


def test_the_demo_counts_its_pupils_and_a_stop_leaves_no_database(tmp_path):
    rec = Recorder(stop_at=2)
    path = tmp_path / "demo.sqlite3"
    with held_at(dt.datetime(2026, 9, 1, 9)), pytest.raises(Stop):
        build_demo(path, pupils=120, progress=rec)
    assert [(d, t) for _, d, t in rec.calls] == [(50, 120), (100, 120)]
    assert list(tmp_path.iterdir()) == []  # neither the database nor its -wal / -shm
