"""A day from what a database column or a file gives back: a date, a datetime, or ISO text."""

from __future__ import annotations

import datetime as dt


def as_day(value) -> dt.date | None:
    """The day of `value`, or None for nothing or for text that is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.fromisoformat(str(value)[:19]).date()
    except ValueError:
        return None
