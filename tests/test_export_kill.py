"""A writer killed at any point while a batch goes to the stick: never a partial `.xjb` an importer
would accept, and the outbox never loses a batch or an event its batch number.

Each run forks a child that opens the school's database itself and writes the pending batches with
`outbox.write_pending`; the child dies by `os._exit` at a random step (an `os.write` cut at a random
byte, an fsync, the rename, the read-back, the outbox update before its commit …) or by SIGKILL from
the parent after a random short delay. The parent then inspects the stick folder and the database.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, pupil_draft
from tests.test_school_exchange import ready_school
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.exchange import batch_format, keys, outbox, stick
from xueji_desktop.store.connection import close_database
from xueji_desktop.store.models import User

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")

RUNS = int(os.environ.get("XUEJI_KILL_RUNS") or 150)  # a deeper run: 3000
INJECTED_RUNS = RUNS * 4 // 5
SIGKILL_RUNS = RUNS - INJECTED_RUNS
KILLED = 77
SMALL_CHUNK = 300  # many writes per file, so the cut lands at many offsets


class Killer:
    """Counts the writer's steps and dies at step `at` (never, when `at` is None)."""

    def __init__(self, at: int | None, rng: random.Random, slow: float = 0.0):
        self.at, self.rng, self.slow, self.steps = at, rng, slow, 0

    def step(self):
        self.steps += 1
        if self.steps == self.at:
            os._exit(KILLED)

    def install(self):
        import peewee

        real = {name: getattr(os, name) for name in ("write", "fsync", "replace", "open", "close", "unlink")}
        real_read, real_update = Path.read_bytes, peewee.ModelUpdate.execute
        killer = self

        def write(fd, data):
            killer.steps += 1
            if killer.slow:
                time.sleep(killer.slow)
            if killer.steps == killer.at:  # the stick vanishes part-way through this chunk
                real["write"](fd, bytes(data)[:killer.rng.randrange(len(data) + 1)])
                os._exit(KILLED)
            return real["write"](fd, data)

        def wrap(name):
            def step_then(*args, **kwargs):
                killer.step()
                result = real[name](*args, **kwargs)
                killer.step()
                return result
            return step_then

        def read_bytes(self):
            killer.step()
            return real_read(self)

        def update(self, database=None):
            result = real_update(self, database)
            killer.step()  # the outbox row updated, not yet committed
            return result

        os.write = write
        for name in ("fsync", "replace", "open", "close", "unlink"):
            setattr(os, name, wrap(name))
        Path.read_bytes = read_bytes
        peewee.ModelUpdate.execute = update
        stick.CHUNK = SMALL_CHUNK


def child(db_path, folder, at, seed, slow=0.0):
    """In the forked child: open the database afresh, arm the killer, write; never returns."""
    code = 1
    try:
        from xueji_desktop.core.school.workspace import Workspace

        ws = Workspace(db_path)
        ws.user = User.get(User.username == "registrar")  # signed in (the export is logged under its account)
        Killer(at, random.Random(seed), slow).install()
        outbox.write_pending(ws, folder)
        code = 0
    except BaseException:  # noqa: BLE001 — report through the exit code, never back into pytest
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def count_steps(ws, folder) -> int:
    """How many steps one full write takes (run in a child, reported through a pipe)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            from xueji_desktop.core.school.workspace import Workspace

            ws_child = Workspace(ws.path)
            ws_child.user = User.get(User.username == "registrar")
            killer = Killer(None, random.Random(0))
            killer.install()
            outbox.write_pending(ws_child, folder)
            os.write(w, str(killer.steps).encode())
        finally:
            os._exit(0)
    os.close(w)
    steps = int(os.read(r, 100) or b"0")
    os.close(r)
    os.waitpid(pid, 0)
    return steps


def check_stick(folder: Path, expected: bytes, digest: str):
    for p in stick.batch_files(folder):
        data = p.read_bytes()
        assert data == expected, f"{p}: partial or wrong batch file ({len(data)} of {len(expected)} bytes)"
        batch_format.read_header(data)
        assert batch_format.batch_hash(data) == digest
    return bool(stick.batch_files(folder))


def check_outbox(db_path, expected: bytes, digest: str, events: int):
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute("SELECT batch_no, data, hash FROM outbox_batch").fetchall()
        assert rows == [(1, expected, digest)]
        assert con.execute("SELECT COUNT(*) FROM event WHERE batch_no IS NULL").fetchone()[0] == 0
        assert con.execute("SELECT COUNT(*) FROM event WHERE batch_no = 1").fetchone()[0] == events
    finally:
        con.close()


def test_a_writer_killed_anywhere_leaves_no_partial_batch_and_loses_nothing(tmp_path):
    bureau = keys.BureauKeys.generate()
    ws = ready_school(tmp_path, bureau)
    for i in range(3):
        enrolment.enrol(ws, pupil_draft(name=f"学生{chr(0x4e00 + i)}", seq=400 + i))
    batch = outbox.seal_next_batch(ws, PASSWORD)
    expected, digest, events = bytes(batch.data), batch.hash, batch.event_count
    assert len(expected) > 3 * SMALL_CHUNK
    steps = count_steps(ws, tmp_path / "count")
    assert steps > 10
    db_path = str(ws.path)
    close_database()  # the children open their own connections

    rng = random.Random(20260901)
    outcomes = {"killed": 0, "completed": 0, "file": 0, "no_file": 0}
    started = time.perf_counter()
    runs = [("inject", i) for i in range(INJECTED_RUNS)] + [("sigkill", i) for i in range(SIGKILL_RUNS)]
    for kind, i in runs:
        folder = tmp_path / f"{kind}{i}"
        target = folder / stick.SUBFOLDER
        target.mkdir(parents=True)
        if i % 3 == 1:  # a stale .part from an earlier pulled stick
            (target / (stick.file_name(batch) + stick.PART_SUFFIX)).write_bytes(expected[:len(expected) // 3])
        elif i % 3 == 2:  # an earlier, complete copy of the same batch
            (target / stick.file_name(batch)).write_bytes(expected)
        seed = rng.randrange(1 << 30)
        if kind == "inject":
            at = 1 + i % (steps + 2)  # every step, cycling, and a couple past the end
            pid = os.fork()
            if pid == 0:
                child(db_path, folder, at, seed)
            _, status = os.waitpid(pid, 0)
        else:
            pid = os.fork()
            if pid == 0:
                child(db_path, folder, None, seed, slow=0.0005)
            time.sleep(rng.uniform(0.0, 0.06))
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            _, status = os.waitpid(pid, 0)
        finished = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        assert finished or (os.WIFEXITED(status) and os.WEXITSTATUS(status) == KILLED) or (
            os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL), f"run {kind}{i}: child failed"
        outcomes["completed" if finished else "killed"] += 1
        has_file = check_stick(folder, expected, digest)
        outcomes["file" if has_file else "no_file"] += 1
        if finished:
            assert has_file
        check_outbox(db_path, expected, digest, events)
    elapsed = time.perf_counter() - started
    print(f"\n{len(runs)} writers ({steps} steps each): {outcomes}, {elapsed:.1f} s", file=sys.stderr)
    assert outcomes["killed"] >= len(runs) * 2 // 3  # most writers die mid-way
    assert outcomes["no_file"] > 0 and outcomes["file"] > 0
