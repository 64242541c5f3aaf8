"""The bureau's window on a county of 100,000 pupils (bench.bureau_county), offscreen at 1366×768:
opening it, then 查找学生 typed one key at a time.

`python -m bench.bureau_window TARGET` (a SQLite path or a postgresql:// URL; QT_QPA_PLATFORM from bench.qtenv).

* Open: `open_store` (schema check) → sign-in (Argon2id, reported apart: it costs the same for any county) →
  `BureauWindow(store)` (every tab built and filled) → `show()` → the first paint of the 全县概况 table.
  The resident memory before and after, and each tab's `reload()` timed once more after the first paint.
* Typing: about 40 queries drawn from the store's pupils (initials, full pinyin, a Chinese name committed
  whole as an IME does, a surname, ID number and 学籍号 digits, no match), one keystroke at a time through
  `box.setText(prefix)`; a keystroke counts until the hits table's viewport has been repainted. The process's own
  CPU time per keystroke is kept beside the wall time (the machine may be shared; PostgreSQL's work is in the
  server's process and counts only in the wall time).
"""

from __future__ import annotations

import random
import resource
import sys
import time

from .child import report
from .stats import summary

FIXED = ["zs", "wxm", "zhangyuxuan", "230124", "G2301"]


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def queries(db) -> list[tuple[str, list[str]]]:
    from pypinyin import lazy_pinyin

    rng = random.Random(2026)
    top = db.execute_sql("SELECT MAX(id) FROM bureau_pupil").fetchone()[0]
    ids = rng.sample(range(1, top + 1), 80)
    marks = ", ".join([db.param] * len(ids))
    rows = db.execute_sql(f"SELECT name, id_number, student_number FROM bureau_pupil WHERE id IN ({marks}) "
                          "ORDER BY id", ids).fetchall()
    rows = [r for r in rows if r[1] and "·" not in r[0]]
    rng.shuffle(rows)
    pick = iter(rows)

    def typed(text):
        return [text[:i] for i in range(1, len(text) + 1)]

    out = [("the brief's examples", typed(q)) for q in FIXED]
    out += [("initials", typed("".join(w[0] for w in lazy_pinyin(next(pick)[0])))) for _ in range(8)]
    out += [("full pinyin", typed("".join(lazy_pinyin(next(pick)[0])))) for _ in range(7)]
    out += [("Chinese name", [next(pick)[0]]) for _ in range(7)]
    out += [("Chinese surname", [s]) for s in ("王", "张", "曾")]
    out += [("ID number", typed(next(pick)[1][:n])) for n in (18, 14, 12, 10)]
    out += [("学籍号", typed(next(pick)[2][:n])) for n in (19, 15, 13, 11)]
    out += [("no match", typed(q)) for q in ("zzzq", "9999")]
    return out


def main(argv: list[str]) -> None:
    target = argv[0]

    from xueji_desktop.bureau import accounts
    from xueji_desktop.bureau.store import open_store
    from xueji_desktop.gui.bureau.window import BureauWindow
    from xueji_desktop.gui.qt_setup import make_app

    from .exchange import BUREAU_PW
    from .paint_loop import PaintLoop, PaintSpy

    app = make_app([sys.argv[0]])  # noqa: F841 — the application must live while the window does
    painted = []
    waiter = PaintLoop(painted, limit=2.0)
    until_painted = waiter.until_painted
    settle = waiter.settle

    rss0 = _rss_mb()
    t0 = time.perf_counter()
    store = open_store(target)
    t_store = time.perf_counter()
    accounts.sign_in(store, "admin", BUREAU_PW)
    t_signed = time.perf_counter()
    window = BureauWindow(store, password=BUREAU_PW)
    t_built = time.perf_counter()
    spy = PaintSpy(painted, window)
    window.county_tab.table.viewport().installEventFilter(spy)
    painted.clear()
    window.show()
    first_paint = until_painted(10.0)
    t_paint = time.perf_counter()
    rss1 = _rss_mb()
    pupils = store.db.execute_sql("SELECT COUNT(*) FROM bureau_pupil").fetchone()[0]
    keys = store.db.execute_sql("SELECT COUNT(*) FROM bureau_pupil_key").fetchone()[0]
    settle(0.5)
    reloads = {}
    for name in ("county_tab", "review_tab", "replies_tab", "schools_tab", "conflicts_tab", "graduates_tab",
                 "pupils_tab"):
        tab = getattr(window, name, None)
        if tab is not None:
            t = time.perf_counter()
            tab.reload()
            reloads[name] = (time.perf_counter() - t) * 1000

    tab = window.pupils_tab
    window.tabs.setCurrentWidget(tab)
    settle(0.3)
    tab.view.viewport().installEventFilter(spy)
    plan = queries(store.db)
    wall, cpu, per_kind, timeouts, hits = [], [], {}, 0, []
    for kind, texts in plan:
        for text in texts:
            painted.clear()
            c0, w0 = time.process_time(), time.perf_counter()
            tab.box.setText(text)
            ok = until_painted()
            w1, c1 = time.perf_counter(), time.process_time()
            timeouts += not ok
            wall.append((w1 - w0) * 1000)
            cpu.append((c1 - c0) * 1000)
            per_kind.setdefault(kind, []).append((w1 - w0) * 1000)
        hits.append((kind, texts[-1], tab.found.total, len(tab.found.hits)))
        painted.clear()
        tab.box.clear()
        until_painted()
        settle(0.02)
    finds = []  # the query alone, without Qt: pupil_search.find
    from xueji_desktop.bureau import pupil_search

    for _kind, texts in plan:
        for text in texts:
            t = time.perf_counter()
            pupil_search.find(text)
            finds.append((time.perf_counter() - t) * 1000)
    slowest = sorted(zip(wall, [t for _, ts in plan for t in ts]), reverse=True)[:5]
    report({
        "backend": "PostgreSQL" if "://" in target else "SQLite", "pupils": pupils, "keys": keys,
        "open_ms": (t_paint - t0 - (t_signed - t_store)) * 1000, "store_ms": (t_store - t0) * 1000,
        "sign_in_ms": (t_signed - t_store) * 1000, "build_ms": (t_built - t_signed) * 1000,
        "paint_ms": (t_paint - t_built) * 1000, "first_paint_seen": first_paint,
        "rss_before_mb": rss0, "rss_after_mb": rss1, "reload_ms": reloads,
        "queries": len(plan), "keystrokes": len(wall), "paint_timeouts": timeouts,
        "keystroke_ms": summary(wall), "keystroke_cpu_ms": summary(cpu), "find_ms": summary(finds),
        "per_kind_p95_ms": {k: summary(v)["p95"] for k, v in per_kind.items()},
        "slowest": [[round(ms, 1), text] for ms, text in slowest], "final_hits": hits,
    })
    window.close()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
