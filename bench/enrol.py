"""One enrolment's commit: `enrolment.enrol(ws, draft)` on a copy of the 3,000-pupil school.

`python -m bench.enrol DB [N]`. N distinct, valid new pupils (grade 1 or 7, distinct ID numbers,
births and names), each placed in the starting-grade class with the most free places. Each draft
is checked first (untimed) and any warning given a reason, so none is refused; then only `enrol`
is timed: it re-runs every rule inside the write transaction, writes the pupil, the family
members and the event, and commits — with the app's pragmas (WAL, synchronous=FULL), so the fsync
of each commit counts. The clock is pinned to the demo school's first week.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections import Counter

from .child import report
from .stats import summary

REGION = "230124"  # 方正县, the demo school's county
GIVEN = ("子涵", "雨桐", "浩然", "梓萱", "俊杰", "欣怡", "宇轩", "诗琪", "博文", "佳怡", "一诺", "思源")
SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴")
REASON = "已核对户口簿及相关证明，情况属实（性能测试）"


def drafts(ws, n: int):
    from pypinyin import lazy_pinyin

    from xueji_desktop.core.admission.enrolment import EnrolmentDraft
    from xueji_desktop.core.pupils import ids
    from xueji_desktop.store.models import Student

    rng = random.Random(7)
    taken = {i for (i,) in Student.select(Student.id_number).tuples()}
    made = 0
    while made < n:
        grade = 1 if made % 4 else 7  # three in four are first-graders
        year = ws.today().year - (7 if grade == 1 else 13)  # 6 full years by 31 Aug (12 for grade 7)
        birth = dt.date(year, 9, 1) + dt.timedelta(days=rng.randrange(365))
        seq = rng.randrange(900, 1000)
        number = ids.make_id_number(REGION, birth, seq)
        if number in taken:
            continue
        taken.add(number)
        surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
        spelt = lazy_pinyin(surname + given)
        d = EnrolmentDraft(new_pupil=True, grade=grade, identity_verified=True)
        d.student = {
            "name": surname + given, "sex": "1" if seq % 2 else "2", "birth_date": birth.isoformat(),
            "id_type": "1", "id_number": number, "ethnicity": "01", "birthplace": REGION,
            "native_place": REGION, "hukou_place": REGION, "hukou_nature": "1",
            "name_pinyin": f"{spelt[0].capitalize()} {''.join(spelt[1:]).capitalize()}",
            "entry_month": f"{ws.today().year}-09", "address": "柳河镇柳河村3组", "mail_address": "方正县柳河镇柳河村3组",
            "home_address": "柳河镇柳河村3组", "phone": f"139{rng.randrange(10 ** 8):08d}", "postcode": "150800",
        }
        d.guardians = [{"name": surname + "建国", "relation": "51", "phone": d.student["phone"], "is_guardian": "1"},
                       {}]
        yield d
        made += 1


def place(ws, draft) -> bool:
    """Puts the draft in a class that takes it and explains its warnings; False if none does."""
    from xueji_desktop.core.admission import enrolment
    from xueji_desktop.core.rules.findings import blocks, warnings
    from xueji_desktop.store.models import SchoolClass

    classes = sorted(SchoolClass.select().where(SchoolClass.grade == draft.grade),
                     key=lambda k: enrolment.occupied(k) - k.capacity)
    for klass in classes:
        draft.class_id = klass.id
        found = enrolment.check(ws, draft)
        if not blocks(found):
            draft.reasons = {f.rule: REASON for f in warnings(found)}
            return True
    return False


def main(argv: list[str]) -> None:
    db, n = argv[0], int(argv[1]) if len(argv) > 1 else 50
    from xueji_desktop.core.admission import enrolment
    from xueji_desktop.core.demo_school.demo import BUILD_TIME, DEMO_PASSWORD, DEMO_USER
    from xueji_desktop.core.school.workspace import Workspace
    from xueji_desktop.store.models import Student

    now = BUILD_TIME + dt.timedelta(days=1, hours=1)
    ws = Workspace(db, clock=lambda: now)
    ws.login(DEMO_USER, DEMO_PASSWORD)
    pragmas = {k: ws.db.execute_sql(f"PRAGMA {k}").fetchone()[0] for k in ("journal_mode", "synchronous")}
    before = Student.select().count()
    times, warned, skipped, rules = [], 0, 0, Counter()
    for draft in drafts(ws, n):
        if not place(ws, draft):
            skipped += 1
            continue
        warned += bool(draft.reasons)
        rules.update(draft.reasons.keys())
        t0 = time.perf_counter()
        enrolment.enrol(ws, draft)
        times.append((time.perf_counter() - t0) * 1000)
    after = Student.select().count()
    ws.close()
    report({"commit_ms": summary(times), "times_ms": times, "enrolled": after - before, "skipped": skipped,
            "with_reasons": warned, "warning_rules": dict(rules), "pragmas": pragmas, "pupils_before": before})


if __name__ == "__main__":
    main(sys.argv[1:])
