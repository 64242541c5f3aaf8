"""Fuzzing the two importers with mutated, truncated, extended and random bytes of real small batches.

The bureau's dry run and import (`bureau.importer`) and the school's reply import
(`core.exchange.replies.import_reply`) must never raise: every such file is refused with one of the
documented codes and a reason in Chinese, and the store is exactly as it was.

The number of examples per target is small by default so that CI stays fast; XUEJI_FUZZ_EXAMPLES=10000
runs a long campaign (the same properties).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSWORD, held_at, pupil_draft
from tests.test_exchange_roundtrip import bureau_dump, school_dump
from tests.test_replies import BUREAU_PW, DAY, A, World, signed_in
from xueji_desktop.bureau import importer
from xueji_desktop.bureau.store import open_store
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.exchange import batch_format, replies, school_keys

EXAMPLES = int(os.environ.get("XUEJI_FUZZ_EXAMPLES") or 150)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CHINESE = re.compile(r"[\u4e00-\u9fff]")
BUREAU_CODES = {"framing", "format_version", "suite", "unknown_school", "unknown_key", "recipient", "signature",
                "decryption", "mismatch", "kind", "revoked", "replay", "duplicate_batch", "numbering", "io"}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """School A exported two batches; the bureau (SQLite) imported the first and answered with a reply,
    which the school has not imported. The fuzzed files: batch 2 and reply 1."""
    root = tmp_path_factory.mktemp("fuzz")
    with held_at(dt.datetime.combine(DAY, dt.time(10))):
        w = World(root, str(root / "bureau.sqlite3"))
        for name, seq in (("张三", 447), ("李四", 449)):
            ws = w.school(A)
            enrolment.enrol(ws, pupil_draft(name=name, seq=seq))
            ws.close()
            w.export(A)
        batches = sorted((w.stick / A / "xueji").glob("*.xjb"))
        store = w.bureau()
        pair = importer.unlock(store, BUREAU_PW)
        assert [p.status for p in importer.import_batches(store, pair, batches[:1])] == ["imported"]
        store.close()
        w.reply(A)
    [reply] = sorted((w.stick / f"reply-{A}").rglob("*.xjr"))
    yield {"world": w, "batch": batches[1].read_bytes(), "reply": reply.read_bytes(), "pair": pair,
           "dir": root / "fuzzed"}


def mutated(original: bytes):
    """Bytes that differ from `original`: bit flips, byte changes in the header or anywhere, cuts,
    insertions, deletions, tails, swapped lengths, and wholly random files."""
    n = len(original)
    header_end = 14 + int.from_bytes(original[10:14], "big")

    def flips(positions_and_bits):
        data = bytearray(original)
        for pos, bit in positions_and_bits:
            data[pos % n] ^= 1 << bit
        return bytes(data)

    def splice(args):
        start, length, chunk = args
        start %= n + 1
        return original[:start] + chunk + original[start + length:]

    position = st.integers(0, n - 1)
    return st.one_of(
        st.lists(st.tuples(position, st.integers(0, 7)), min_size=1, max_size=4).map(flips),
        st.lists(st.tuples(st.integers(0, header_end - 1), st.integers(0, 7)), min_size=1, max_size=3).map(flips),
        st.integers(0, n - 1).map(lambda k: original[:k]),
        st.binary(min_size=1, max_size=64).map(lambda tail: original + tail),
        st.tuples(st.integers(0, n), st.integers(0, 64), st.binary(max_size=64)).map(splice),
        st.tuples(st.integers(0, 13), st.integers(1, 4), st.binary(min_size=1, max_size=4)).map(splice),
        st.binary(max_size=2 * n),
        st.binary(max_size=256).map(lambda rest: batch_format.MAGIC + rest),
    ).filter(lambda data: data != original)


def _file(world, data: bytes, suffix: str) -> Path:
    folder = world["dir"]
    folder.mkdir(exist_ok=True)
    path = folder / f"fuzzed{suffix}"
    path.write_bytes(data)
    return path


def _refused_in_chinese(code, reason, allowed=None):
    assert reason and CHINESE.search(reason), (code, reason)
    if allowed is not None:
        assert code in allowed, (code, reason)


@pytest.fixture(scope="module")
def bureau_store(world):
    store = signed_in(open_store(world["world"].target))
    yield store
    store.close()


def test_the_bureau_refuses_every_damaged_batch(world, bureau_store):
    before = bureau_dump()
    tried = []

    @FUZZ
    @given(data=mutated(world["batch"]))
    def check(data):
        tried.append(len(data))
        path = _file(world, data, ".xjb")
        for run in (importer.dry_run, importer.import_batches):
            plans = run(bureau_store, world["pair"], [path])
            assert len(plans) == 1 and plans[0].status == "refused", [p.line for p in plans]
            _refused_in_chinese(plans[0].code, plans[0].reason, BUREAU_CODES)
            assert "拒绝导入" in plans[0].line
        assert bureau_dump() == before

    check()
    print(f"bureau: {len(tried)} damaged batches refused")
    assert len(tried) >= EXAMPLES
    # the undamaged file still imports
    (plan,) = importer.import_batches(bureau_store, world["pair"], [_file(world, world["batch"], ".xjb")])
    assert plan.status == "imported", plan.line


def test_the_school_refuses_every_damaged_reply(world):
    w = world["world"]
    ws = w.school(A)
    try:
        pair = school_keys.unlock_school_key(PASSWORD)
        before = school_dump()
        tried = []

        @FUZZ
        @given(data=mutated(world["reply"]))
        def check(data):
            tried.append(len(data))
            outcome = replies.import_reply(ws, pair, _file(world, data, ".xjr"))
            assert outcome.status == "refused", outcome.message
            _refused_in_chinese(outcome.status, outcome.reason)
            assert outcome.message.startswith("拒绝导入 ")
            assert school_dump() == before

        check()
        print(f"school: {len(tried)} damaged replies refused")
        assert len(tried) >= EXAMPLES
        outcome = replies.import_reply(ws, pair, _file(world, world["reply"], ".xjr"))
        assert outcome.status == "imported", outcome.message
    finally:
        ws.close()
