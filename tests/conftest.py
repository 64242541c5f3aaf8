"""Fixtures: a real school database file, built only through the services; the bureau store on SQLite and
on a throwaway PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

# Passwords hashed with argon2id at small costs in this process and every `xueji` it starts (set before the
# program is imported: core.accounts.passwords reads it once); test_password_costs checks the program's own.
os.environ.setdefault("XUEJI_FAST_PASSWORD_HASH", "1")

import pytest
import time_machine

from xueji_desktop import clock as program_clock
from xueji_desktop.core.admission.enrolment import EnrolmentDraft
from xueji_desktop.core.pupils import ids
from xueji_desktop.core.region_profiles.profiles import load_profile
from xueji_desktop.core.school.school import SchoolKind, SchoolSystem
from xueji_desktop.core.school.setup import ClassPlan, SchoolSetup, create_school
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import SchoolClass


def _wait_until_on_the_running_clock() -> None:
    """pytest-qt's waitUntil times its limit with time.time(), which a pinned clock stops, so a wait that fails
    would never end; the limit is also kept here on the monotonic clock, which time-machine leaves running."""
    import time

    try:
        from pytestqt.qtbot import QtBot
    except ImportError:  # no pytest-qt: nothing waits
        return
    original = QtBot.waitUntil

    def wait_until(self, callback, *, timeout=5000):
        deadline = time.perf_counter() + timeout / 1000

        def within_the_limit():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"waitUntil timed out in {timeout} milliseconds")
            return callback()

        return original(self, within_the_limit, timeout=timeout)

    QtBot.waitUntil = QtBot.wait_until = wait_until


_wait_until_on_the_running_clock()

PASSWORD = "secret-123"


# --- the clock ------------------------------------------------------------------------------------------
# Every test that depends on the day pins it with time-machine, which moves the PC's clock for the whole
# program (school, bureau, forms, window). `./test.sh --clock 2027-07-20` runs the suite with the PC's clock
# moved to that day (ticking); a test that passes only at the real date fails there.


def pytest_addoption(parser):
    parser.addoption("--clock", metavar="YYYY-MM-DD[THH:MM]", default=os.environ.get("XUEJI_TEST_CLOCK") or None,
                     help="run the whole suite with the PC's clock moved to this moment (default: the real clock)")


def pytest_configure(config):
    os.environ.pop(program_clock.STATED_DAY_VARIABLE, None)  # the tests' clock, never the caller's stated day
    moved = config.getoption("--clock")
    if moved:
        config._moved_clock = time_machine.travel(local(dt.datetime.fromisoformat(moved)), tick=True)
        config._moved_clock.start()


def pytest_unconfigure(config):
    moved = getattr(config, "_moved_clock", None)
    if moved is not None:
        moved.stop()


def pytest_report_header(config):
    moved = config.getoption("--clock")
    return f"clock: moved to {moved}" if moved else f"clock: real ({dt.date.today()})"


def local(moment: dt.datetime) -> dt.datetime:
    """A naive moment read as this machine's local time (time-machine reads naive ones as UTC)."""
    return moment.astimezone() if moment.tzinfo is None else moment


class Clock:
    """The test's hold on the PC's clock: `clock.now = moment` stops it there (time-machine, undone at the end
    of the test); `clock.set(moment, tick=True)` lets it run on from there."""

    def __init__(self):
        self._travel = None
        self._coordinates = None

    def set(self, moment: dt.datetime, tick: bool = False) -> None:
        if self._travel is None:
            self._travel = time_machine.travel(local(moment), tick=tick)
            self._coordinates = self._travel.start()
        else:
            self._coordinates.move_to(local(moment), tick=tick)

    @property
    def now(self) -> dt.datetime:
        return program_clock.now()

    @now.setter
    def now(self, moment: dt.datetime) -> None:
        self.set(moment)

    def day(self, day: dt.date, hour: int = 9) -> None:
        self.set(dt.datetime.combine(day, dt.time(hour, 0)))

    def stop(self) -> None:
        if self._travel is not None:
            self._travel.stop()
            self._travel = self._coordinates = None


_current_clock: Clock | None = None


@pytest.fixture(autouse=True)
def clock():
    """Each test's clock, at first untouched (the real one, or the suite's moved one)."""
    global _current_clock
    _current_clock = Clock()
    yield _current_clock
    _current_clock.stop()
    _current_clock = None


def pin(moment: dt.datetime) -> None:
    """Stops the running test's clock at `moment`, for helpers that are not fixtures. Outside a test (building
    a wider fixture) it does nothing: there the fixture holds the clock with `held_at`."""
    if _current_clock is not None:
        _current_clock.now = moment


def run_xueji(*args, cwd=None, env=None, at: dt.datetime | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Runs the real `xueji` command in a new process whose PC clock starts where this test's clock is now
    (or at `at`), through time-machine in the child (`tests/xueji_at.py`). Text mode, output captured. Every
    command signs in: the password is the test schools' (`PASSWORD`) unless `env` says otherwise."""
    moment = at or dt.datetime.now()
    kwargs.setdefault("timeout", 120)
    return subprocess.run([sys.executable, str(ROOT / "tests" / "xueji_at.py"), moment.isoformat(), *map(str, args)],
                          cwd=cwd, env={"XUEJI_PASSWORD": PASSWORD, **os.environ, **(env or {})}, capture_output=True,
                          text=True, **kwargs)


def held_at(moment: dt.datetime):
    """The PC's clock stopped at `moment` for a `with` block: for module- and session-wide fixtures."""
    return time_machine.travel(local(moment), tick=False)



def make_school(path, profile_id="national", kind=SchoolKind.NINE_YEAR, today=dt.date(2026, 9, 1),
                capacity=None, classes_per_grade=2, code="2108110001", name="测试县第一中心学校") -> Workspace:
    """A school set up on `today` at 09:00; the test's clock stays there until the test moves it. (Outside a
    test, in a wider fixture, the caller holds the clock.)"""
    pin(dt.datetime.combine(today, dt.time(9, 0)))
    ws = Workspace(path)
    setup = SchoolSetup(name=name, code=code, kind=kind, system=SchoolSystem.SIX_THREE,
                        profile_id=profile_id, area_code="210811", username="registrar",
                        display_name="王老师", password=PASSWORD, password_again=PASSWORD)
    setup.classes = [ClassPlan(p.grade, classes_per_grade, capacity or p.capacity)
                     for p in setup.default_classes(load_profile(profile_id))]
    create_school(ws, setup)
    ws.test_clock = _current_clock
    return ws


@pytest.fixture
def school(tmp_path):
    ws = make_school(tmp_path / "school.sqlite3")
    yield ws
    ws.close()


def first_class(grade: int) -> SchoolClass:
    return SchoolClass.get((SchoolClass.grade == grade) & (SchoolClass.number == 1))


def pupil_draft(name="张三", birth=dt.date(2020, 3, 7), seq=447, grade=1, new=True, region="210811",
                **student) -> EnrolmentDraft:
    number = ids.make_id_number(region, birth, seq)
    draft = EnrolmentDraft(new_pupil=new, grade=grade, identity_verified=True)
    draft.student = {
        "name": name, "sex": "1" if seq % 2 else "2", "birth_date": birth.isoformat(), "id_type": "1",
        "id_number": number, "ethnicity": "01", "birthplace": region, "native_place": region,
        "hukou_place": region, "hukou_nature": "1", "entry_month": "2026-09", "address": "柳树镇柳树村3组",
        "mail_address": "柳树镇柳树村3组", "home_address": "柳树镇柳树村3组", "phone": "13904171234",
        "postcode": "115005", **student,
    }
    draft.guardians = [{"name": "张建国", "relation": "51", "phone": "13904171234", "is_guardian": "1"}, {}]
    draft.class_id = first_class(grade).id
    return draft


# --- the bureau store on SQLite and on PostgreSQL ---------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
BUREAU_BACKENDS = ["sqlite", "postgresql"]


def _postgres_unavailable(reason: str):
    """Skips the PostgreSQL tests, or fails them where PostgreSQL is required (CI sets XUEJI_REQUIRE_POSTGRES=1)."""
    if os.environ.get("XUEJI_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required (XUEJI_REQUIRE_POSTGRES=1) but unavailable: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL unavailable: {reason}")


@pytest.fixture(scope="session")
def postgres_url():
    """The URL of the `postgres` database on a server the tests may create databases on: the one named by
    XUEJI_TEST_POSTGRES_URL, or a throwaway server started for this run (scripts/postgres_server.sh: a fresh
    cluster in a temp dir, on a unix socket only) and deleted at the end."""
    try:
        import psycopg2  # noqa: F401
    except ImportError as e:
        _postgres_unavailable(f"the psycopg2 driver is not installed ({e})")
    given = os.environ.get("XUEJI_TEST_POSTGRES_URL")
    if given:
        try:
            _admin(given, "SELECT 1")
        except Exception as e:  # noqa: BLE001 - any driver error means: no server to test on
            _postgres_unavailable(f"XUEJI_TEST_POSTGRES_URL: {e}")
        yield given
        return
    script = ROOT / "scripts" / "postgres_server.sh"
    try:
        run = subprocess.run([str(script), "start", str(os.getpid())], capture_output=True, text=True,
                             timeout=180, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        _postgres_unavailable(f"{script.name} start: {e}")
    info = dict(line.split("=", 1) for line in run.stdout.splitlines() if "=" in line)
    if run.returncode != 0 or "url" not in info:
        _postgres_unavailable(f"{script.name} start failed: {(run.stderr or run.stdout).strip()[-2000:]}")
    try:
        yield info["url"]
    finally:
        subprocess.run([str(script), "stop", info["dir"]], capture_output=True, timeout=120, check=False)


def _admin(server_url: str, sql: str) -> None:
    import psycopg2

    conn = psycopg2.connect(server_url)
    try:
        conn.autocommit = True
        conn.cursor().execute(sql)
    finally:
        conn.close()


class BureauDatabases:
    """Fresh, empty bureau databases on one backend: SQLite files, or databases created on the test server."""

    _numbers = itertools.count(1)

    def __init__(self, backend: str, server_url: str | None = None):
        self.backend, self.server_url = backend, server_url

    def __repr__(self):
        return self.backend

    def new(self, directory: Path) -> str:
        """A SQLite path inside `directory`, or the postgresql:// URL of a just-created database."""
        n = next(self._numbers)
        if self.backend == "sqlite":
            return str(Path(directory) / f"bureau-{n}.sqlite3")
        name = f"xueji_bureau_{os.getpid()}_{n}"
        _admin(self.server_url, f'CREATE DATABASE "{name}"')
        return urlsplit(self.server_url)._replace(path=f"/{name}").geturl()

    def drop(self, target: str) -> None:
        if self.backend == "postgresql":
            name = urlsplit(target).path.lstrip("/")
            _admin(self.server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=BUREAU_BACKENDS)
def bureau_backend(request) -> BureauDatabases:
    """Runs a bureau test module once on SQLite and once on PostgreSQL."""
    if request.param == "postgresql":
        return BureauDatabases("postgresql", request.getfixturevalue("postgres_url"))
    return BureauDatabases("sqlite")


@pytest.fixture
def bureau_target(bureau_backend, tmp_path):
    """A fresh, empty bureau database (SQLite path or postgresql:// URL) for one test, on each backend."""
    target = bureau_backend.new(tmp_path)
    yield target
    bureau_backend.drop(target)


def school_at_version(path, version: int, *, profile_id="national", name="测试县第一中心学校", code="2108110001",
                      created=dt.datetime(2026, 9, 1, 9, 0)) -> None:
    """A database file as the program of schema `version` left it: the frozen scripts up to that number, a
    school, its registrar (`registrar` / PASSWORD, role "registrar" as accounts were then) and one class per
    grade — for the tests of upgrading an existing school."""
    from peewee import SqliteDatabase

    from xueji_desktop.core.accounts.passwords import hash_password
    from xueji_desktop.store import migrate

    db = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    db.connect()
    scripts = migrate.available()
    migrate.current_version(db)  # creates schema_version
    with db.atomic():
        for script in scripts[:version]:
            script.run(db)
            migrate.mark_version(db, script.number)
        db.execute_sql("INSERT INTO school (code, name, kind, system, profile_id, area_code, phone, private, uuid, "
                       "created_at) VALUES (?, ?, 'nine_year', '63', ?, '210811', '', 0, ?, ?)",
                       (code, name, profile_id, "0f0e0d0c-0000-4000-8000-000000000001", created))
        db.execute_sql("INSERT INTO user (username, display_name, password_hash, role, active, created_at) "
                       "VALUES ('registrar', '王老师', ?, 'registrar', 1, ?)", (hash_password(PASSWORD), created))
        for grade in range(1, 10):
            db.execute_sql("INSERT INTO school_class (grade, number, name, capacity) VALUES (?, 1, ?, 45)",
                           (grade, f"{grade}年级(1)班"))
    db.close()
