"""Each bench school's own children: the demo template's pupils renamed and renumbered per school, so that the
schools of a bench county never hold the same child (bench.exchange, bench.bureau_county, bench.bureau_tasks).

A pupil gets a surname drawn by the demo's own weights and a given name of the pupil's sex from the demo's lists
(a seeded generator per school), and a new ID number: the same region, birth date and sex, and a sequence that is
unique across schools — the n-th template pupil born that day of that sex (n < 5, as every school reads the
template in the same order) becomes sequence 2·((n·100 + school) mod 500) + the sex digit, distinct for schools
0–99. The 学籍号 is G + the ID number. A document other than the 居民身份证 (a passport …) keeps its letters and
ends in the school's number."""

from __future__ import annotations

import datetime as dt
import json
import random

MAX_SCHOOLS = 100


class Names:
    """New identities for one school's pupils, from the demo's own name lists."""

    def __init__(self, seed: int, school: int):
        from xueji_desktop.core.demo_school import demo_names

        if not 0 <= school < MAX_SCHOOLS:
            raise ValueError(f"school {school}: 0–{MAX_SCHOOLS - 1}")
        self.rng = random.Random(seed)
        self.school = school
        self.surnames = [s for s, _ in demo_names.SURNAMES]
        self.weights = [w for _, w in demo_names.SURNAMES]
        self.boys, self.girls = demo_names.BOY_GIVEN, demo_names.GIRL_GIVEN
        self.born: dict[tuple[str, int], int] = {}  # (birth date, sex digit) → template pupils seen so far

    def identity(self, record: dict) -> tuple[str, str, str]:
        from xueji_desktop.core.pupils import ids

        fields = record.get("fields") or {}
        old_id = str(fields.get("id_number") or "")
        male = fields.get("sex") == "1"
        surname = self.rng.choices(self.surnames, self.weights)[0]
        name = surname + self.rng.choice(self.boys if male else self.girls)
        if len(old_id) == 18 and old_id[:17].isdigit():
            birth = dt.date(int(old_id[6:10]), int(old_id[10:12]), int(old_id[12:14]))
            sex = int(old_id[14:17]) % 2
            n = self.born.get((old_id[6:14], sex), 0)
            self.born[(old_id[6:14], sex)] = n + 1
            new_id = ids.make_id_number(old_id[:6], birth, 2 * ((n * MAX_SCHOOLS + self.school) % 500) + sex)
        elif len(old_id) > 2:
            new_id = f"{old_id[:-2]}{self.school:02d}"
        else:
            new_id = old_id
        return name, new_id, "G" + new_id if new_id else ""


def renamed(chunks: list[list[dict]], school: int, seed: int = 2026) -> list[list[dict]]:
    """Every pupil of the chunks renamed and renumbered as school number `school`'s own children (a new name, ID
    number and 学籍号), written into each event of that pupil (record, case state, summary)."""
    names = Names(seed * 1000 + school, school)
    who: dict[str, tuple[str, str, str, str, str]] = {}  # old 学籍号 → old name, old id, new name, new id, new 学籍号
    out = []
    for chunk in chunks:
        batch = []
        for event in chunk:
            number = event.get("student_number")
            record = event.get("record")
            if number and number not in who and isinstance(record, dict):
                fields = record.get("fields") or {}
                who[number] = (str(fields.get("name") or ""), str(fields.get("id_number") or ""),
                               *names.identity(record))
            if number and number in who:
                old_name, old_id, name, new_id, new_number = who[number]
                text = json.dumps(event, ensure_ascii=False).replace(number, new_number)
                if old_id:
                    text = text.replace(old_id, new_id)
                if old_name:
                    text = text.replace(old_name, name)
                event = json.loads(text)
            batch.append(event)
        out.append(batch)
    return out
