"""The 3,000-pupil demo database: built once into bench/.cache/, copied for each run."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import time
from pathlib import Path

PUPILS = 3000
CACHE_DIR = Path(__file__).resolve().parent / ".cache"
ROOT = Path(__file__).resolve().parent.parent


def _fingerprint() -> str:
    """Changes when the demo builder, the stored search keys, the passwords' hashing or the schema change, so a
    stale cache is rebuilt."""
    h = hashlib.sha1()
    sources = [ROOT / "xueji_desktop/core/demo_school/demo.py", ROOT / "xueji_desktop/core/demo_school/demo_names.py",
               ROOT / "xueji_desktop/core/demo_school/demo_cases.py",
               ROOT / "xueji_desktop/core/pupils/search.py", ROOT / "xueji_desktop/store/models.py",
               ROOT / "xueji_desktop/core/accounts/passwords.py",
               *sorted((ROOT / "db").glob("*.py"))]
    for p in sources:
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:10]


def demo_db(pupils: int = PUPILS, rebuild: bool = False, log=print, profile: str | None = None) -> Path:
    """The cached demo database (the demo's own region, or `profile`); built (about 15 s) when missing or out
    of date."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    stem = f"demo-{pupils}" if profile is None else f"roster-{profile}-{pupils}"
    path = CACHE_DIR / f"{stem}-{_fingerprint()}.sqlite3"
    if path.exists() and not rebuild:
        return path
    for old in CACHE_DIR.glob(f"{stem}-*"):
        old.unlink()
    from xueji_desktop.core.demo_school.demo import build_demo

    tmp = CACHE_DIR / f"building-{os.getpid()}.sqlite3"
    for p in CACHE_DIR.glob(tmp.name + "*"):
        p.unlink()
    log(f"building the {pupils}-pupil {profile or ''} demo school in {path} (once) …")
    t0 = time.perf_counter()
    build_demo(tmp, pupils=pupils, **({} if profile is None else {"profile_id": profile}))
    _checkpoint(tmp)
    os.replace(tmp, path)
    log(f"  built in {time.perf_counter() - t0:.1f} s")
    return path


def _checkpoint(path: Path) -> None:
    """Folds the WAL into the main file, so one file is the whole database."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for side in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        side.unlink(missing_ok=True)


def working_copy(source: Path, folder: Path, name: str) -> Path:
    """A private copy: the app writes to its database (WAL files, enrolments), the cache stays clean."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.sqlite3"
    shutil.copyfile(source, target)
    return target
