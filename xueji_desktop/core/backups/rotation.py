"""Which backups to keep: 7 daily, 5 weekly, 12 monthly, and the "before …" ones for 30 days.

The regular backups (the daily one at the first start of a day, and those taken by hand) are kept as
restic's `--keep-daily 7 --keep-weekly 5 --keep-monthly 12` keeps snapshots: going from the newest back,
the newest backup of each of the last 7 days that have one, of each of the last 5 ISO weeks that have one,
and of each of the last 12 months that have one (one file may count for all three). A backup taken before
an irreversible operation (a schema upgrade, a restore, the year-end promotion) is kept for 30 days, and
the newest of each kind is kept however old it is, so the state before the last upgrade or restore is
always there. Nothing else of the folder is touched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .files import BackupFile

DAILY, WEEKLY, MONTHLY = 7, 5, 12
BEFORE_DAYS = 30
REGULAR = ("daily", "manual")


def to_keep(backups: Iterable[BackupFile], now: dt.datetime) -> set[BackupFile]:
    backups = sorted(backups, key=lambda b: (b.taken_at, b.path.name), reverse=True)
    keep: set[BackupFile] = set()
    regular = [b for b in backups if b.reason in REGULAR]
    for count, bucket in ((DAILY, lambda d: d.date()), (WEEKLY, lambda d: d.isocalendar()[:2]),
                          (MONTHLY, lambda d: (d.year, d.month))):
        last = None
        for b in regular:
            if count == 0:
                break
            key = bucket(b.taken_at)
            if key != last:
                keep.add(b)
                last = key
                count -= 1
    newest_of_kind: set[str] = set()
    for b in backups:
        if b.reason in REGULAR:
            continue
        kind = re.sub(r"_\d+$", "", b.reason)  # before_upgrade_0012 and _0013 are one kind
        if kind not in newest_of_kind or now - b.taken_at <= dt.timedelta(days=BEFORE_DAYS):
            keep.add(b)
        newest_of_kind.add(kind)
    return keep
