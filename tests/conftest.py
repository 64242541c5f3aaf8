"""Fixtures: a real school database file, built only through the services; the bureau store on SQLite and
on a throwaway PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from xueji_desktop.core import ids
from xueji_desktop.core.profiles import load_profile
from xueji_desktop.core.school import SchoolKind, SchoolSystem
from xueji_desktop.core.workflows.enrolment import EnrolmentDraft
from xueji_desktop.core.workflows.setup import ClassPlan, SchoolSetup, create_school
from xueji_desktop.core.workspace import Workspace
from xueji_desktop.store.models import SchoolClass

PASSWORD = "secret-123"


class Clock:
    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def make_school(path, profile_id="national", kind=SchoolKind.NINE_YEAR, today=dt.date(2026, 9, 1),
                capacity=None, classes_per_grade=2, code="2108110001", name="测试县第一中心学校") -> Workspace:
    clock = Clock(dt.datetime.combine(today, dt.time(9, 0)))
    ws = Workspace(path, clock=clock)
    setup = SchoolSetup(name=name, code=code, kind=kind, system=SchoolSystem.SIX_THREE,
                        profile_id=profile_id, area_code="210811", username="registrar",
                        display_name="王老师", password=PASSWORD, password_again=PASSWORD)
    setup.classes = [ClassPlan(p.grade, classes_per_grade, capacity or p.capacity)
                     for p in setup.default_classes(load_profile(profile_id))]
    create_school(ws, setup)
    ws.test_clock = clock
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
