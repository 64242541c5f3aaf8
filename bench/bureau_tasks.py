"""Three of the bureau's tasks on the 100,000-pupil county (bench.bureau_county), on SQLite and on PostgreSQL:
the table `xueji bureau county` prints, `xueji bureau export-national` of every pupil on the roll, and one more
school's import with its duplicate 学籍 check.

* The new school: the first 2,500 events of bench/exchange.py's school in 5 batches (records and case states as
  `outbox.event_dicts` makes them), re-keyed and renamed as the county's 35th school (its own code, keys, uuids
  and pupils: bench.renaming.renamed). Then 50 of its pupils (enrolled in these events and still by their
  record, a 居民身份证 number, no transfer case) are given the name, ID number, sex and birth date of 50 pupils on the
  roll of the county's schools (an ID number no other pupil holds, no transfer case either; drawn from the cached
  store by a seeded generator), keeping their own 学籍号: 50 pairs for the check to find. Sealed once; the same
  folder is imported on both backends.
* `python -m bench.bureau_tasks TARGET FOLDER OUT.xlsx` is the measured process, one per backend, on a copy of the
  cached SQLite store or a PostgreSQL database the county was just imported into (and analysed), signed in as its
  administrator:
  1. `county.overview_lines(store)` — all that `xueji bureau county` prints — 3 times; the median;
  2. `county.export_national(store, OUT.xlsx, purpose=…)` once: the pupils on the roll listed for the access log,
     its row and one row per pupil written, every pupil's national row to the .xlsx (apart: the time inside
     `write_national_xlsx` — the rows read from the store, made and written — and inside it
     `BureauPupil.national_row`, the row made); the resident set before it and the process's peak (VmHWM) after;
  3. the new school registered, `importer.import_batches` over its folder timed whole, `duplicates.check_batch`
     wrapped to time its share (as bench/exchange.py does), and inside it `duplicates.ask_both` (recording a pair
     found: the case's steps, a question in each school's next reply).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from ._process_stats import vm_hwm_kb
from .child import report

TWINS = 50
EVENTS, BATCHES = 2500, 5
CODE, NAME = "2123030034", "方正县第35中心学校"  # after bench.bureau_county's 34 schools
NOW = dt.datetime(2026, 12, 2, 9)
PURPOSE = "上报全国学籍系统"
TRANSFERS = ("transfer_in", "transfer_out")


def _twins(store: Path, n: int = TWINS) -> list[tuple[str, str]]:
    """(name, ID number) of `n` pupils on the roll of the county's schools with a 居民身份证 number held by no other
    pupil of the store, and no transfer case (one would link the pair and excuse it)."""
    from xueji_desktop.bureau.duplicates import ON_ROLL, RESIDENT_SHAPE

    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        rows = db.execute(
            f"SELECT name, id_number FROM bureau_pupil p WHERE status IN ({', '.join('?' * len(ON_ROLL))}) AND NOT "
            "EXISTS (SELECT 1 FROM bureau_case c WHERE c.school_id = p.school_id AND c.student_number = "
            "p.student_number AND c.kind IN (?, ?)) AND id_number NOT IN (SELECT id_number FROM bureau_pupil "
            "GROUP BY id_number HAVING COUNT(*) > 1) ORDER BY id", (*ON_ROLL, *TRANSFERS)).fetchall()
    finally:
        db.close()
    return random.Random(2026).sample([r for r in rows if RESIDENT_SHAPE.match(r[1])], n)


def _set_identity(obj, id_number: str, sex: str, birth: str) -> None:
    """Sex and birth date beside every `id_number` of the twin's (the record's fields, the enrolment's student)."""
    if isinstance(obj, dict):
        if obj.get("id_number") == id_number:
            obj.update({k: v for k, v in (("sex", sex), ("birth_date", birth)) if k in obj})
        for v in obj.values():
            _set_identity(v, id_number, sex, birth)
    elif isinstance(obj, list):
        for v in obj:
            _set_identity(v, id_number, sex, birth)


def with_twins(chunks: list[list[dict]], twins: list[tuple[str, str]]) -> list[list[dict]]:
    """The chunks with len(twins) of their pupils given a twin's name, ID number, sex and birth date in every event
    of theirs, their own 学籍号 kept: pupils enrolled in these events, still enrolled by their record (a record is
    the pupil's as at the export: it may already say transferred_out), with a 居民身份证 number, no transfer case."""
    who: dict[str, tuple[str, str]] = {}  # 学籍号 → name, ID number; ("", "") when not a candidate
    transferred = set()
    for event in (e for chunk in chunks for e in chunk):
        number, record = event.get("student_number"), event.get("record")
        if event.get("case_kind") in TRANSFERS:
            transferred.add(number)
        if event["kind"] == "student_enrolled":
            who.setdefault(number, ("", ""))
        if number in who and isinstance(record, dict):
            fields = record.get("fields") or {}
            usable = (record.get("status") == "enrolled" and fields.get("id_type") == "1"
                      and len(str(fields.get("id_number"))) == 18)
            who[number] = (str(fields.get("name") or ""), fields["id_number"]) if usable else ("", "")
    candidates = sorted(n for n, (name, _) in who.items() if name and n not in transferred)
    chosen = dict(zip(random.Random(2027).sample(candidates, len(twins)), twins))
    out = []
    for chunk in chunks:
        batch = []
        for event in chunk:
            number = event.get("student_number")
            if number in chosen:
                (old_name, old_id), (name, id_number) = who[number], chosen[number]
                text = json.dumps(event, ensure_ascii=False).replace(number, "\x00number")
                text = text.replace(old_id, id_number).replace(old_name, name).replace("\x00number", number)
                event = json.loads(text)
                _set_identity(event, id_number, "1" if int(id_number[16]) % 2 else "2",
                              f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}")
            batch.append(event)
        out.append(batch)
    return out


def new_school(cache: Path, work: Path, log) -> Path:
    """The sealed folder of the county's next school: batches/ and its 学籍公钥文件 school.xjkey."""
    from .exchange import _rekey, school_db, seal_schools, source_chunks
    from .renaming import renamed

    folder = work / "new-school"
    folder.mkdir(parents=True, exist_ok=True)
    chunks = source_chunks(school_db(log=log), folder, EVENTS, BATCHES)
    (folder / "source.sqlite3").unlink()
    chunks = with_twins(renamed(_rekey(chunks, CODE), 34), _twins(cache / "bureau.sqlite3"))
    identity = json.loads((cache / "county.json").read_text())["identity"]
    [(_, _, key)] = seal_schools([(CODE, NAME)], lambda i, code: chunks, folder / "batches",
                                 bytes.fromhex(identity["encryption_public"][4:]), dt.datetime(2026, 12, 1, 17))
    (folder / "school.xjkey").write_bytes(key)
    return folder


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def _timed(module, name: str, spent: dict):
    """Wraps module.name to add its time (and its int results) into `spent`; returns the undo."""
    real = getattr(module, name)

    def wrapper(*a, **k):
        t = time.perf_counter()
        try:
            result = real(*a, **k)
            spent["n"] = spent.get("n", 0) + (result if isinstance(result, int) else 0)
            return result
        finally:
            spent["s"] = spent.get("s", 0.0) + time.perf_counter() - t

    setattr(module, name, wrapper)
    return lambda: setattr(module, name, real)


def main(argv: list[str]) -> None:
    target, folder, out = argv[0], Path(argv[1]), Path(argv[2])
    from xueji_desktop.bureau import accounts, county, duplicates, importer, national_export
    from xueji_desktop.bureau.case_models import BureauPupil
    from xueji_desktop.bureau.store import open_store

    from .exchange import BUREAU_PW

    store = open_store(target, lambda: NOW)
    try:
        accounts.sign_in(store, "admin", BUREAU_PW)
        county_s = []
        for _ in range(3):
            t0 = time.perf_counter()
            lines = county.overview_lines(store)
            county_s.append(time.perf_counter() - t0)

        rss_kb, writing, making = _rss_kb(), {}, {}
        undo = [_timed(national_export, "write_national_xlsx", writing), _timed(BureauPupil, "national_row", making)]
        try:
            t0 = time.perf_counter()
            rows = county.export_national(store, out, purpose=PURPOSE)
            export_s = time.perf_counter() - t0
        finally:
            for u in undo:
                u()
        peak_kb = vm_hwm_kb()

        importer.register_school(store, CODE, NAME, folder / "school.xjkey")
        pair = importer.unlock(store, BUREAU_PW)
        checking, asking = {}, {}
        undo = [_timed(duplicates, "check_batch", checking), _timed(duplicates, "ask_both", asking)]
        try:
            t0 = time.perf_counter()
            plans = importer.import_batches(store, pair, [folder / "batches"])
            import_s = time.perf_counter() - t0
        finally:
            for u in undo:
                u()
        report({"county_s": county_s, "county_median_s": statistics.median(county_s), "county_lines": len(lines),
                "export_s": export_s, "export_write_s": writing["s"], "national_row_s": making["s"],
                "export_rows": rows, "export_mb": out.stat().st_size / 1e6, "rss_before_export_mb": rss_kb / 1024,
                "peak_mb": peak_kb / 1024, "import_s": import_s, "check_s": checking["s"],
                "ask_s": asking.get("s", 0.0), "pairs": checking["n"], "files": len(plans),
                "events": sum(p.new for p in plans),
                "refused": [p.line for p in plans if p.status != "imported"][:3]})
    finally:
        store.close()


if __name__ == "__main__":
    main(sys.argv[1:])


# --- the bench section ----------------------------------------------------------------------------------------

def measure(work: Path, log=print) -> dict:
    """The new school sealed once; the three tasks on a copy of the cached SQLite store, then on a PostgreSQL
    database the county is imported into and analysed (a throwaway server, as bench.bureau_county's section
    starts it)."""
    import shutil

    from . import child
    from .bureau_county import county, import_county
    from .exchange import Postgres

    cache, _ = county(log=log)
    work.mkdir(parents=True, exist_ok=True)
    log(f"sealing a 35th school's {EVENTS:,} events with {TWINS} pupils already on the county's roll …")
    folder = new_school(cache, work, log)
    out = {"backends": {}}
    copy = work / "county.sqlite3"
    shutil.copyfile(cache / "bureau.sqlite3", copy)
    log("bureau county, export-national, a school's import on the 100,000-pupil county, SQLite …")
    out["backends"]["SQLite"] = child.run("bureau_tasks", str(copy), str(folder), str(work / "sqlite.xlsx"),
                                          timeout=1800)
    pg = Postgres.started_for(out, log)
    if pg is None:
        return out
    try:
        log("importing the county into PostgreSQL …")
        url = pg.new_database("xueji_bench_county_tasks")
        import_county(url, cache)
        _analyze(url)
        log("  the same, PostgreSQL …")
        result = child.run("bureau_tasks", url, str(folder), str(work / "postgres.xlsx"), timeout=1800)
        out["backends"]["PostgreSQL"] = {**result, "settings": pg.settings()}
    finally:
        pg.stop()
    return out


def _analyze(url: str) -> None:
    """ANALYZE, as autovacuum does within a minute of a bulk import on a running server: without it the measure
    would depend on whether autovacuum has run yet (until then the planner has no statistics for bureau_pupil and
    reads all of it for the duplicate check's ID numbers)."""
    import psycopg2

    conn = psycopg2.connect(url)
    try:
        conn.autocommit = True
        conn.cursor().execute("ANALYZE")
    finally:
        conn.close()


def section(db: Path, work: Path, args, targets: dict, log):
    """Rows and notes for `python -m bench` (the school's demo database `db` is not used)."""
    from .bureau_county import PUPILS
    from .report import Row

    r = measure(work / "county-tasks", log=log)
    share, county_t, export_t = (targets[k] for k in ("duplicate_check_share", "bureau_county_s",
                                                      "national_export_s"))
    rows, notes = [], []
    for backend, m in r["backends"].items():
        if "skipped" in m:
            rows.append(Row(f"Bureau tasks on {PUPILS:,} pupils, {backend}", "—", f"not measured: {m['skipped']}",
                            None))
            continue
        lookup, rest = m["check_s"] - m["ask_s"], max(m["import_s"] - m["check_s"], 1e-9)
        ratio = m["check_s"] / rest
        ok = not m["refused"] and m["events"] == EVENTS
        rows += [
            Row(f"Duplicate 学籍 check while a {EVENTS:,}-event school is imported into the {PUPILS:,}-pupil county, "
                f"{backend} (check ÷ the rest of the import)", f"≤ {share * 100:.0f} %",
                f"+{ratio:.1%}: {m['check_s']:.2f} s of {m['import_s']:.2f} s ({m['pairs']} pairs found of "
                f"{TWINS} planted)", ok and ratio <= share),
            Row(f"`bureau county` (`county.overview_lines`) on {PUPILS:,} pupils, {backend} (median of 3)",
                f"< {county_t:.0f} s", f"{m['county_median_s']:.2f} s (runs "
                + " / ".join(f"{s:.2f}" for s in m["county_s"]) + ")", m["county_median_s"] < county_t),
            Row(f"`export-national` of every pupil on the roll to .xlsx, {backend}", f"< {export_t:.0f} s",
                f"{m['export_s']:.1f} s, {m['export_rows']:,} rows, {m['export_mb']:.1f} MB; peak "
                f"{m['peak_mb']:.0f} MB", m["export_s"] < export_t)]
        notes.append(
            f"- {backend}" + (f" ({m['settings']})" if "settings" in m else "") + f": the {EVENTS:,}-event school "
            f"({m['files']} batches, {m['events']:,} events new) imported in {m['import_s']:.2f} s, of which "
            f"`check_batch` {m['check_s']:.2f} s: the look-ups and each pair's checks (a transfer, a known pair) "
            f"and row {lookup:.2f} s (+{lookup / rest:.1%} alone), the {m['pairs']} pairs' steps and questions to "
            f"both schools (`ask_both`) {m['ask_s']:.2f} s"
            + (f"; refused: {m['refused']}" if m["refused"] else "") + f". `overview_lines`: "
            f"{m['county_lines']} lines. `export_national` {m['export_s']:.1f} s: `write_national_xlsx` "
            f"{m['export_write_s']:.1f} s (the rows read, made — `BureauPupil.national_row` "
            f"{m['national_row_s']:.1f} s — and written), the rest the pupils listed for the access log and its "
            f"{m['export_rows']:,} rows; "
            f"resident set {m['rss_before_export_mb']:.0f} MB before, peak {m['peak_mb']:.0f} MB.")
    return rows, [
        f"### Bureau tasks on the {PUPILS:,}-pupil county", "",
        ("- bench/bureau_tasks.py, on the county of bench/bureau_county.py (a copy of the SQLite store; on "
         "PostgreSQL the county imported afresh, then `ANALYZE` as autovacuum does within a minute on a running "
         "server: before it, the duplicate check's ID-number lookup reads all of bureau_pupil, measured once at "
         f"about 40 ms a batch instead of 1 ms). A 35th school: the first {EVENTS:,} events of "
         f"bench/exchange.py's school in {BATCHES} batches, re-keyed and renamed as its own; {TWINS} of its pupils "
         f"(enrolled, and still by their record) given the name, ID number, sex and birth date of {TWINS} pupils "
         "on the roll of the county's schools (no transfer case on either side, which would excuse the pair). "
         "`importer.import_batches` timed over its batches, `duplicates.check_batch` wrapped to time its share: "
         f"the issue's bound is that the check makes the import at most {share * 100:.0f} % slower."),
        ("- `bureau county`: `county.overview_lines(store)`, all the command prints (per school and grade the "
         "pupils on the roll, the last batch, the cases waiting and their deadlines), median of 3 in one "
         f"process. Target < {county_t:.0f} s: a command the bureau runs to glance at the county, whose "
         "`school_lines` also fill the window's first tab (全县概况) when it opens: it must answer as a command "
         "does, not as a report."),
        ("- `export-national`: `county.export_national(store, file, purpose=…)`, the Ministry's "
         "学生基本信息表 layout, every pupil on the roll, once, after the county table (same process); peak = "
         f"the process's VmHWM just after it. Target < {export_t:.0f} s: a file made a few times a year for the "
         "national system, where a minute's wait is acceptable."),
        *notes, ""]
