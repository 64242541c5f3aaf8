"""The exchange with the county bureau: a school's export, and the bureau's import of a whole county.

- Export: a school with 10,000 events not yet exported (built once through the services by
  bench/school_activity.py and cached in bench/.cache/) runs `outbox.export_to` into a folder: unlock the
  school key, event_dicts with the records and case states, seal, store in the outbox, write to the
  folder and verify (read back, header, hash).
- Bureau import: the first 2,500 events of that school, in five batches with records and case states
  as `outbox.event_dicts` makes them, re-keyed for 100 schools (each its own Ed25519/X25519 keys, its
  own school code, fresh event and case uuids) and sealed with `batch_format.seal`; the 100 keys
  registered; `importer.import_batches` timed over the folder of 500 files, on SQLite and on PostgreSQL
  (a throwaway server started by scripts/postgres_server.sh, as the tests do). Beside it, the raw insert
  rate of the same store: the same number of rows, with the same payloads, into `bureau_event` with
  `insert_many` in one transaction.

`python -m bench.exchange [--schools N] [--events N]` runs these alone and prints the JSON result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
import uuid as uuidlib
from pathlib import Path

from .dataset import CACHE_DIR, ROOT, _checkpoint

PASSWORD = "bench-pass-1"
BUREAU_PW = "bench-bureau-1"
DAY = dt.date(2026, 9, 1)
SCHOOL_CODE = "2108110001"
EXPORT_EVENTS = 10_000
SEED = 20260901


def _fingerprint() -> str:
    h = hashlib.sha1()
    for p in [ROOT / "bench/school_activity.py", ROOT / "xueji_desktop/store/models.py",
              *sorted((ROOT / "db").glob("*.py")), *sorted((ROOT / "xueji_desktop/core").glob("*/*.py"))]:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:10]


def school_db(events: int = EXPORT_EVENTS, rebuild: bool = False, log=print) -> Path:
    """The cached school: `events` events of random everyday work, none exported; its key made and the
    bench bureau's key trusted (bench/.cache/exchange-bureau.key holds the bureau's private keys)."""
    from xueji_desktop.core.exchange import keys, school_keys
    from xueji_desktop.store.models import Event

    from .school_activity import Activity, new_school

    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = CACHE_DIR / f"exchange-school-{events}-{_fingerprint()}.sqlite3"
    if path.exists() and not rebuild:
        return path
    for old in CACHE_DIR.glob(f"exchange-school-{events}-*"):
        old.unlink()
    tmp = CACHE_DIR / f"exchange-building-{os.getpid()}.sqlite3"
    log(f"building a school with {events:,} events through the services in {path} (once) …")
    t0 = time.perf_counter()
    ws = new_school(tmp, code=SCHOOL_CODE, name="测试县第一中心学校", today=DAY, password=PASSWORD,
                    classes_per_grade=8)
    try:
        bureau = keys.BureauKeys.generate()
        key_file = CACHE_DIR / "exchange-bureau.xjkey"
        keys.write_public_key_file(key_file, keys.bureau_public_key_file(bureau, code="210811", name="测试县教育局"))
        school_keys.create_keys(ws, PASSWORD)
        school_keys.trust_bureau(ws, key_file, bureau.fingerprint)
        activity = Activity(ws, random.Random(SEED))
        activity.run(events - Event.select().count())
        log(f"  {Event.select().count():,} events: {dict(activity.done)}")
    finally:
        ws.close()
    _checkpoint(tmp)
    os.replace(tmp, path)
    log(f"  built in {time.perf_counter() - t0:.1f} s")
    return path


def _open_school(path: Path):
    from xueji_desktop.core.school.workspace import Workspace

    now = dt.datetime.combine(DAY, dt.time(17))
    ws = Workspace(path, clock=lambda: now)
    ws.login("registrar", PASSWORD)
    return ws


# --- export -------------------------------------------------------------------------------------------------

def measure_export(source: Path, work: Path, runs: int = 3) -> dict:
    """`outbox.export_to` of every event at once, on a fresh copy each run; the median run's steps."""
    from xueji_desktop.core.exchange import batch_format, outbox, school_keys, stick

    totals, parts = [], []
    for i in range(runs):
        db = work / f"export-{i}.sqlite3"
        shutil.copyfile(source, db)
        ws = _open_school(db)
        try:
            folder = work / f"stick-{i}"
            marks = {}
            real_unlock, real_dicts = outbox.unlock_school_key, outbox.event_dicts
            real_seal, real_write = batch_format.seal, stick.write_batch

            def timed(name, fn):
                def wrapper(*a, **k):
                    t = time.perf_counter()
                    try:
                        return fn(*a, **k)
                    finally:
                        marks[name] = marks.get(name, 0.0) + time.perf_counter() - t
                return wrapper

            outbox.unlock_school_key = timed("unlock", real_unlock)
            outbox.event_dicts = timed("event_dicts", real_dicts)
            batch_format.seal = timed("seal", real_seal)
            stick.write_batch = timed("write", real_write)
            try:
                t0 = time.perf_counter()
                result = outbox.export_to(ws, PASSWORD, folder)
                total = time.perf_counter() - t0
            finally:
                outbox.unlock_school_key, outbox.event_dicts = real_unlock, real_dicts
                batch_format.seal, stick.write_batch = real_seal, real_write
            assert result.failed is None and result.sealed is not None, result.message
            written = result.written[0]
            totals.append(total)
            parts.append({"total": total, **marks, "events": result.sealed.event_count, "bytes": written.size,
                          "pupils": _count("Student"), "cases": _count("Case")})
            school_keys  # noqa: B018 - imported for the unlock being timed
        finally:
            ws.close()
    median = sorted(parts, key=lambda p: p["total"])[len(parts) // 2]
    return {"runs_s": totals, "median": median}


def _count(model: str) -> int:
    from xueji_desktop.store import models

    return getattr(models, model).select().count()


# --- a county's batches -----------------------------------------------------------------------------------

def source_chunks(source: Path, work: Path, events: int, batches: int) -> list[list[dict]]:
    """The school's first `events` events in `batches` batches, each as event_dicts makes it (records and
    case states attached to each pupil's and case's last event in the batch)."""
    from xueji_desktop.core.exchange import outbox
    from xueji_desktop.store.models import Event

    db = work / "source.sqlite3"
    shutil.copyfile(source, db)
    ws = _open_school(db)
    try:
        rows = list(Event.select().order_by(Event.seq).limit(events).dicts())
        size = -(-len(rows) // batches)
        return [outbox.event_dicts(rows[i:i + size]) for i in range(0, len(rows), size)]
    finally:
        ws.close()


def _rekey(chunks: list[list[dict]], code: str) -> list[list[dict]]:
    """The same events as another school's: fresh event and case uuids (consistent within the school)."""
    fresh: dict[str, str] = {}

    def new(old):
        if old is None:
            return None
        if old not in fresh:
            fresh[old] = str(uuidlib.uuid4())
        return fresh[old]

    out = []
    for chunk in chunks:
        batch = []
        for e in chunk:
            e = dict(e, uuid=new(e["uuid"]), case_uuid=new(e.get("case_uuid")))
            if "case_state" in e:
                e["case_state"] = dict(e["case_state"], uuid=new(e["case_state"]["uuid"]))
            if isinstance(e.get("payload"), dict) and isinstance(e["payload"].get("case"), str):
                e["payload"] = dict(e["payload"], case=new(e["payload"]["case"]))
            batch.append(e)
        out.append(batch)
    return out


def county_batches(chunks, folder: Path, bureau_public: bytes, schools: int) -> list[tuple[str, str, bytes]]:
    """Seals every school's batches into `folder`; returns (code, name, 学籍公钥文件 bytes) per school."""
    from .renaming import renamed

    return seal_schools(((f"2108{i + 20000:06d}", f"测试县第{i + 1}学校") for i in range(schools)),
                        lambda i, code: renamed(_rekey(chunks, code), i), folder, bureau_public,
                        dt.datetime.combine(DAY, dt.time(17)))


def seal_schools(schools, batches_of, folder: Path, bureau_public: bytes, created_at: dt.datetime,
                 each_school=lambda done: None) -> list[tuple[str, str, bytes]]:
    """Each (code, name) of `schools` gets its own keys and its batches `batches_of(i, code)` sealed in order
    into `folder`; returns (code, name, 学籍公钥文件 bytes) per school."""
    from xueji_desktop.core.exchange import batch_format, keys

    folder.mkdir(parents=True, exist_ok=True)
    registered = []
    for i, (code, name) in enumerate(schools):
        pair = keys.SchoolKeys.generate()
        prev = None
        for n, events in enumerate(batches_of(i, code), 1):
            data = batch_format.seal(events, school_code=code, batch_no=n, prev_hash=prev, created_at=created_at,
                                     sender_key=pair, recipient_public=bureau_public,
                                     chain_prev=events[0].get("prev_hash") if events else None)
            (folder / f"{code}-{n:05d}.xjb").write_bytes(data)
            prev = batch_format.batch_hash(data)
        registered.append((code, name, keys.public_key_file_bytes(keys.school_public_key_file(pair, code=code,
                                                                                              name=name))))
        each_school(i + 1)
    return registered


# --- PostgreSQL -----------------------------------------------------------------------------------------

class Postgres:
    """A throwaway server from scripts/postgres_server.sh (as tests/conftest.py starts it), or the one named
    by XUEJI_TEST_POSTGRES_URL; `None` with the reason when neither is there."""

    def __init__(self):
        self.url, self.dir, self.reason = None, None, ""

    def start(self) -> bool:
        try:
            import psycopg2  # noqa: F401
        except ImportError as e:
            self.reason = f"the psycopg2 driver is not installed ({e})"
            return False
        given = os.environ.get("XUEJI_TEST_POSTGRES_URL")
        if given:
            self.url = given
            return True
        script = ROOT / "scripts" / "postgres_server.sh"
        try:
            run = subprocess.run([str(script), "start", str(os.getpid())], capture_output=True, text=True,
                                 timeout=180)
        except (OSError, subprocess.TimeoutExpired) as e:
            self.reason = f"{script.name} start: {e}"
            return False
        info = dict(line.split("=", 1) for line in run.stdout.splitlines() if "=" in line)
        if run.returncode != 0 or "url" not in info:
            self.reason = f"{script.name} start failed: {(run.stderr or run.stdout).strip()[-300:]}"
            return False
        self.url, self.dir = info["url"], info["dir"]
        return True

    @classmethod
    def started_for(cls, out: dict, log) -> Postgres | None:
        """A started server, or None with the reason noted as the PostgreSQL backend's row of `out` and logged."""
        pg = cls()
        if pg.start():
            return pg
        out["backends"]["PostgreSQL"] = {"skipped": pg.reason}
        log(f"PostgreSQL: not measured — {pg.reason}")
        return None

    def new_database(self, name: str) -> str:
        from urllib.parse import urlsplit

        import psycopg2

        conn = psycopg2.connect(self.url)
        try:
            conn.autocommit = True
            conn.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.cursor().execute(f'CREATE DATABASE "{name}"')
        finally:
            conn.close()
        return urlsplit(self.url)._replace(path=f"/{name}").geturl()

    def settings(self) -> str:
        import psycopg2

        conn = psycopg2.connect(self.url)
        try:
            cur = conn.cursor()
            out = []
            for name in ("server_version", "fsync", "synchronous_commit"):
                cur.execute(f"SHOW {name}")
                out.append(f"{name}={cur.fetchone()[0]}")
            return ", ".join(out)
        finally:
            conn.close()

    def stop(self) -> None:
        if self.dir:
            subprocess.run([str(ROOT / "scripts" / "postgres_server.sh"), "stop", self.dir], capture_output=True,
                           timeout=120)


# --- the bureau's import ------------------------------------------------------------------------------------

def _bureau(target: str, identity_from: dict | None):
    """A bureau store at `target` with the identity `identity_from` (the same keys on every backend, so the
    sealed folder serves both), or a fresh one."""
    from xueji_desktop.bureau import accounts, importer
    from xueji_desktop.bureau.store import BureauIdentity, open_store

    now = lambda: dt.datetime.combine(DAY, dt.time(18))
    if identity_from is None:
        importer.init_bureau(target, "测试县教育局", "210811", BUREAU_PW,
                             key_file=Path(target).with_suffix(".xjkey") if "://" not in target else None, now=now)
        store = open_store(target, now)
        accounts.sign_in(store, "admin", BUREAU_PW)  # the first account: 管理员, 科长, 科员
    else:
        store = open_store(target, now)
        with store.db.atomic():
            BureauIdentity.create(**identity_from)
        accounts.create_first_account(store, "admin", "管理员", BUREAU_PW, key_password=BUREAU_PW)
    return store


def measure_import(target: str, folder: Path, registered, identity_from: dict | None, profile: bool = False):
    """Registers the schools and times `import_batches` over `folder`; returns the result and the identity."""
    from xueji_desktop.bureau import importer
    from xueji_desktop.bureau.case_models import BureauCase, BureauPupil
    from xueji_desktop.bureau.store import BureauEvent, BureauIdentity

    store = _bureau(target, identity_from)
    try:
        me = BureauIdentity.select().get()
        identity = {k: v for k, v in me.__data__.items() if k != "id"}
        identity = {k: bytes(v) if isinstance(v, memoryview) else v for k, v in identity.items()}
        pair = importer.unlock(store, BUREAU_PW)
        keydir = folder.parent / "school-keys"
        keydir.mkdir(exist_ok=True)
        for code, name, key_bytes in registered:
            key_file = keydir / f"{code}.xjkey"
            key_file.write_bytes(key_bytes)
            importer.register_school(store, code, name, key_file)
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        from xueji_desktop.bureau import duplicates

        checking = {"s": 0.0, "found": 0}
        check_batch = duplicates.check_batch

        def timed_check(*a, **k):  # the duplicate check's share of the import (issue: at most 20 %)
            t = time.perf_counter()
            try:
                found = check_batch(*a, **k)
                checking["found"] += found
                return found
            finally:
                checking["s"] += time.perf_counter() - t

        duplicates.check_batch = timed_check
        t0 = time.perf_counter()
        try:
            plans = importer.import_batches(store, pair, [folder])
        finally:
            duplicates.check_batch = check_batch
        seconds = time.perf_counter() - t0
        if profiler is not None:
            profiler.disable()
        refused = [p.line for p in plans if p.status != "imported"]
        events = sum(p.new for p in plans)
        result = {"seconds": seconds, "files": len(plans), "refused": refused[:3], "events": events,
                  "duplicate_check_s": checking["s"], "duplicates_found": checking["found"],
                  "events_per_s": events / seconds, "stored": BureauEvent.select().count(),
                  "pupils": BureauPupil.select().count(), "cases": BureauCase.select().count()}
        if profiler is not None:
            import io
            import pstats

            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
            result["profile"] = out.getvalue()
        return result, identity
    finally:
        store.close()


def measure_raw_insert(target: str, chunks_of_all: list[list[dict]], identity: dict) -> dict:
    """The same number of rows with the same payloads into bureau_event, insert_many in one transaction."""
    from xueji_desktop.bureau.store import BureauEvent, ImportedBatch, RegisteredSchool
    from xueji_desktop.core.exchange import batch_format

    store = _bureau(target, identity)
    try:
        school = RegisteredSchool.create(code="2108119999", name="x", county="210811", signing_public=b"\0" * 32,
                                         fingerprint="x", registered_at=dt.datetime(2026, 9, 1))
        batch = ImportedBatch.create(school=school, batch_no=1, hash="0" * 64, event_count=0, created_at="",
                                     imported_at=dt.datetime(2026, 9, 1), receipt="")
        rows = []
        for events in chunks_of_all:
            for e in events:
                payload = batch_format.canonical_json(e).decode("utf-8")
                rows.append({"uuid": str(uuidlib.uuid4()), "school": school.id, "seq": e["seq"], "kind": e["kind"],
                             "payload": payload, "content_hash": hashlib.sha256(payload.encode()).hexdigest(),
                             "batch": batch.id})
        t0 = time.perf_counter()
        with store.db.atomic():
            for i in range(0, len(rows), 1000):
                BureauEvent.insert_many(rows[i:i + 1000]).execute()
        seconds = time.perf_counter() - t0
        return {"rows": len(rows), "seconds": seconds, "rows_per_s": len(rows) / seconds,
                "payload_mb": sum(len(r["payload"].encode()) for r in rows) / 1e6}
    finally:
        store.close()


def measure_county(source: Path, work: Path, schools: int = 100, events: int = 2500, batches: int = 5,
                   log=print, profile: bool = False) -> dict:
    from xueji_desktop.core.exchange import keys

    chunks = source_chunks(source, work, events, batches)
    per_school = sum(len(c) for c in chunks)
    out = {"schools": schools, "events_per_school": per_school, "batches_per_school": len(chunks),
           "backends": {}}
    # SQLite first: it makes the bureau identity the PostgreSQL store then shares
    sqlite_target = str(work / "bureau.sqlite3")
    store = _bureau(sqlite_target, None)
    from xueji_desktop.bureau import importer

    pair = importer.unlock(store, BUREAU_PW)
    store.close()
    for p in Path(sqlite_target).parent.glob("bureau.sqlite3*"):
        p.unlink()
    identity_keys = keys.BureauKeys.from_private_bytes(pair.private_bytes())
    folder = work / "county"
    log(f"sealing {schools} schools × {per_school:,} events in {len(chunks)} batches …")
    t0 = time.perf_counter()
    registered = county_batches(chunks, folder, identity_keys.encryption_public, schools)
    out["seal_s"] = time.perf_counter() - t0
    out["folder_mb"] = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    identity = _identity_of(identity_keys)
    all_chunks = [c for _ in range(schools) for c in chunks]

    log("bureau import on SQLite …")
    res, _ = measure_import(sqlite_target, folder, registered, identity, profile=profile)
    raw = measure_raw_insert(str(work / "raw.sqlite3"), all_chunks, identity)
    out["backends"]["SQLite"] = {"import": res, "raw": raw, "settings": "journal_mode=wal, synchronous=full"}
    log(f"  {res['seconds']:.1f} s, {res['events_per_s']:,.0f} events/s; raw insert {raw['rows_per_s']:,.0f} rows/s")

    pg = Postgres.started_for(out, log)
    if pg is None:
        return out
    try:
        log("bureau import on PostgreSQL …")
        res, _ = measure_import(pg.new_database("xueji_bench_import"), folder, registered, identity, profile=profile)
        raw = measure_raw_insert(pg.new_database("xueji_bench_raw"), all_chunks, identity)
        out["backends"]["PostgreSQL"] = {"import": res, "raw": raw, "settings": pg.settings()}
        log(f"  {res['seconds']:.1f} s, {res['events_per_s']:,.0f} events/s; raw insert {raw['rows_per_s']:,.0f} rows/s")
    finally:
        pg.stop()
    return out


def _identity_of(pair) -> dict:
    from xueji_desktop.core.exchange import keys

    return {"name": "测试县教育局", "county_code": "210811", "encryption_public": pair.encryption_public,
            "signing_public": pair.signing_public, "private_protected": keys.protect(pair.private_bytes(), BUREAU_PW),
            "fingerprint": pair.fingerprint, "created_at": dt.datetime.combine(DAY, dt.time(8))}


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.exchange")
    parser.add_argument("--schools", type=int, default=100)
    parser.add_argument("--events", type=int, default=2500)
    parser.add_argument("--profile", action="store_true", help="cProfile the bureau import (printed)")
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args(argv)
    log = lambda m: print(m, file=sys.stderr, flush=True)
    source = school_db(log=log)
    work = CACHE_DIR / f"exchange-run-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    try:
        result = {}
        if not args.skip_export:
            result["export"] = measure_export(source, work)
        result["county"] = measure_county(source, work, args.schools, args.events, log=log, profile=args.profile)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for backend in result["county"]["backends"].values():
        text = backend.get("import", {}).pop("profile", None)
        if text:
            print(text, file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
