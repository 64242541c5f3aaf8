"""What a school's batch shows of its PC's clock: each change carries the PC's own time (`pc_time`). A clock
that jumps back between changes, or runs ahead of the bureau's, is named on the import line so the bureau
can ask the school; the batch is imported all the same (its dates are the school's facts)."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

SLACK = dt.timedelta(days=1)  # time zones and a few hours' drift are not worth a remark


def _moment(text) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def clock_note(events: Iterable[dict], bureau_now: dt.datetime) -> str:
    """A Chinese remark about the school PC's clock in these events, or ""."""
    previous: tuple[int, dt.datetime] | None = None
    for event in events:
        moment = _moment(event.get("pc_time"))
        if moment is None:
            continue
        moment = moment.replace(tzinfo=None)
        if moment > bureau_now + SLACK:
            return (f"学校电脑时钟可能不准：第 {event.get('seq')} 项变更的电脑时间 {moment:%Y-%m-%d %H:%M} "
                    f"晚于本局现在的时间 {bureau_now:%Y-%m-%d %H:%M}")
        if previous is not None and moment < previous[1] - SLACK:
            return (f"学校电脑时钟可能不准：第 {event.get('seq')} 项变更的电脑时间 {moment:%Y-%m-%d %H:%M} "
                    f"早于前一项（第 {previous[0]} 项，{previous[1]:%Y-%m-%d %H:%M}）")
        previous = (event.get("seq"), moment)
    return ""
