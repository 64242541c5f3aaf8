"""Duplicate 学籍 across the county (黑龙江 第二十条: 利用电子学籍系统对学生学籍进行查重; 凉山 三(三) 重复招生): a child
on the roll of two schools. Offline schools cannot see each other; the bureau, which imports every school's
batches, can.

`check_batch` runs inside a batch's import transaction, after its pupils are projected: each pupil of the
batch on the roll here whose ID number (or, without one, name + sex + birth date) is on the roll of another
school is recorded once per pair (`BureauDuplicate`, bureau 0009) — a pupil whose document is not a 居民身份证 (a
passport, a 港澳台 permit …) is matched by name, sex and birth date as well, since two schools may have typed
different documents — unless a transfer case links the two
schools for that child (a 转出 at one and a 转入 at the other: the sending school's batch may simply not have
arrived yet). Each new case is put to both schools at once: a `duplicate_query` item in each one's next reply
(bureau 0010 keeps the case's steps; `duplicate_settling` follows the answers and closes it). `duplicates` lists
the cases for the bureau (`xueji bureau duplicates`)."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid as uuid_lib
from dataclasses import dataclass

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField, fn

from ..core.exchange import batch_format
from ..core.pupils.status import Status
from . import projection
from .case_models import BureauCase, BureauPupil, ReplyItem
from .store import BaseModel, BureauEvent, ImportedBatch, RegisteredSchool, bulk_insert

# A child holds a place at the school in these statuses (core.pupils.status.ON_ROLL, by value)
ON_ROLL = ("enrolled", "suspended", "suspected_dropout", "dropped_out", "borrowed_out", "missing")
TRANSFERS = ("transfer_in", "transfer_out")
BY_ID, BY_NAME = "id_number", "name_sex_birth"
RESIDENT_ID = "1"  # 居民身份证: the one document both schools type alike; any other is matched by name too
RESIDENT_SHAPE = re.compile(r"^\d{17}[\dXx]$")  # what a 居民身份证 number looks like
MATCH_LABELS = {BY_ID: "身份证件号相同", BY_NAME: "姓名、性别、出生日期相同（非居民身份证）"}
STATUS_LABELS = {"open": "待处理", "closed": "已结案"}
QUERY = "duplicate_query"  # the reply item that asks a school about its record


class BureauDuplicate(BaseModel):
    """A child on the roll of two schools, as an import found it (bureau 0009): school a held the record first."""

    school_a = ForeignKeyField(RegisteredSchool, backref="+", on_delete="RESTRICT")
    student_number_a = CharField(max_length=32)
    school_b = ForeignKeyField(RegisteredSchool, backref="+", on_delete="RESTRICT")
    student_number_b = CharField(max_length=32)
    matched_by = CharField(max_length=16)  # BY_ID | BY_NAME
    key = CharField(max_length=200)  # the ID number, or 姓名|性别|出生日期
    found_at = DateTimeField()
    found_batch = ForeignKeyField(ImportedBatch, backref="+", on_delete="RESTRICT")
    status = CharField(max_length=16, default="open")
    closed_at = DateTimeField(null=True)
    closed_by = CharField(max_length=100, default="")
    note = TextField(default="")
    uuid = CharField(max_length=64, unique=True, default=lambda: str(uuid_lib.uuid4()))  # 0010: named in replies
    outcome = CharField(max_length=16, default="")  # 0010: duplicate_settling.SETTLED | NOT_DUPLICATE

    class Meta:
        table_name = "bureau_duplicate"
        indexes = ((("school_a", "student_number_a", "school_b", "student_number_b"), True),)


class BureauDuplicateStep(BaseModel):
    """One step of a case, as the bureau saw it (bureau 0010): found, asked, a school's answer (its event), the
    removal asked of the other school, the close."""

    duplicate = ForeignKeyField(BureauDuplicate, backref="steps", on_delete="CASCADE")
    seq = IntegerField()
    at = DateTimeField()
    kind = CharField(max_length=32)
    school = ForeignKeyField(RegisteredSchool, backref="+", null=True, on_delete="RESTRICT")
    person = CharField(max_length=100, default="")
    detail = TextField(default="")
    event_uuid = CharField(max_length=64, null=True)  # the school's event that carried it

    class Meta:
        table_name = "bureau_duplicate_step"
        indexes = ((("duplicate", "seq"), True),)


MODELS = [BureauDuplicate, BureauDuplicateStep]
FOUND, ASKED = "found", "asked"


def add_step(duplicate: BureauDuplicate, kind: str, at: dt.datetime, detail: str, *, school=None, person: str = "",
             event_uuid: str | None = None) -> BureauDuplicateStep:
    """One more step of a case, numbered after its last."""
    seq = (BureauDuplicateStep.select(fn.MAX(BureauDuplicateStep.seq))
           .where(BureauDuplicateStep.duplicate == duplicate).scalar() or 0) + 1
    return BureauDuplicateStep.create(duplicate=duplicate, seq=seq, at=at, kind=kind, school=school, person=person,
                                      detail=detail[:2000], event_uuid=event_uuid)


def _fields(record: str) -> dict:
    try:
        return (json.loads(record) or {}).get("fields") or {}
    except ValueError:
        return {}


def _name_key(name: str, fields: dict) -> str:
    return f"{name}|{fields.get('sex', '')}|{str(fields.get('birth_date', ''))[:10]}"


def check_batch(school: RegisteredSchool, batch: ImportedBatch, numbers: list[str], now: dt.datetime) -> int:
    """Records the duplicates this batch reveals; returns how many new ones."""
    if not numbers:
        return 0
    mine = []
    for i in range(0, len(numbers), 500):  # the record (kilobytes) only for the few without a 居民身份证 number
        mine += list(BureauPupil.select(BureauPupil.student_number, BureauPupil.id_number, BureauPupil.name)
                     .where((BureauPupil.school == school) & BureauPupil.student_number.in_(numbers[i:i + 500])
                            & BureauPupil.status.in_(ON_ROLL)).tuples())
    by_id = {id_number.strip().upper(): number for number, id_number, _n in mine if id_number.strip()}
    others = [number for number, id_number, name in mine if name and not RESIDENT_SHAPE.match(id_number.strip())]
    by_name = {}
    for i in range(0, len(others), 500):
        for number, name, record in (BureauPupil.select(BureauPupil.student_number, BureauPupil.name,
                                                        BureauPupil.record)
                                     .where((BureauPupil.school == school)
                                            & BureauPupil.student_number.in_(others[i:i + 500])).tuples()):
            fields = _fields(record)
            if fields.get("id_type") != RESIDENT_ID:
                by_name[_name_key(name, fields)] = number
    found: list[tuple[int, str, str, str, str]] = []  # (other school id, its number, my number, how, key)
    ids = list(by_id)
    for i in range(0, len(ids), 500):  # by the ID number's index alone; school and status sorted out here
        for other, number, id_number, status in (BureauPupil.select(BureauPupil.school, BureauPupil.student_number,
                                                                    BureauPupil.id_number, BureauPupil.status)
                                                 .where(BureauPupil.id_number.in_(ids[i:i + 500])).tuples()):
            if other != school.id and status in ON_ROLL:
                found.append((other, number, by_id[id_number.strip().upper()], BY_ID, id_number.strip().upper()))
    for other, number, name, record in _same_names(sorted({k.split("|")[0] for k in by_name}), school.id):
            key = _name_key(name, _fields(record))
            if key in by_name and not any(f[:3] == (other, number, by_name[key]) for f in found):
                found.append((other, number, by_name[key], BY_NAME, key))
    fresh = _unsettled(school, found)
    if not fresh:
        return 0
    schools = {s.id: s for s in RegisteredSchool.select().where(RegisteredSchool.id.in_(sorted({f[0] for f in fresh})))}
    schools[school.id] = school
    wanted: dict[int, set[str]] = {school.id: {f[2] for f in fresh}}
    for other, number, *_rest in fresh:
        wanted.setdefault(other, set()).add(number)
    sides = _sides(schools, wanted)
    item_seqs = {sid: projection.next_item_seq(sid) for sid in wanted}  # one MAX a school, then counted here
    steps: list[dict] = []
    items: list[dict] = []
    for other, number, mine_number, how, key in fresh:
        case = BureauDuplicate.create(school_a=schools[other], student_number_a=number, school_b=school,
                                      student_number_b=mine_number, matched_by=how, key=key[:200], found_at=now,
                                      found_batch=batch)
        ask_both(case, now, sides[(other, number)], sides[(school.id, mine_number)], item_seqs, steps, items)
    bulk_insert(BureauDuplicateStep, steps)  # the batch's steps and questions in two statements
    bulk_insert(ReplyItem, items)
    return len(fresh)


def _unsettled(school: RegisteredSchool, found: list[tuple]) -> list[tuple]:
    """The pairs found that are neither recorded yet nor linked by a transfer case of the child at either school
    (a 转入 or 转出, under way or done) — read in a few queries for the whole batch, not per pair."""
    mine = sorted({f[2] for f in found})
    known: set[tuple] = set()
    moved: set[tuple[int, str]] = set()
    for i in range(0, len(mine), 500):
        chunk = mine[i:i + 500]
        for a, na, b, nb in (BureauDuplicate.select(BureauDuplicate.school_a, BureauDuplicate.student_number_a,
                                                    BureauDuplicate.school_b, BureauDuplicate.student_number_b)
                             .where(((BureauDuplicate.school_a == school) & BureauDuplicate.student_number_a.in_(chunk))
                                    | ((BureauDuplicate.school_b == school)
                                       & BureauDuplicate.student_number_b.in_(chunk))).tuples()):
            known |= {(a, na, b, nb), (b, nb, a, na)}
        moved |= set(BureauCase.select(BureauCase.school, BureauCase.student_number)
                     .where(BureauCase.kind.in_(TRANSFERS) & (BureauCase.school == school)
                            & BureauCase.student_number.in_(chunk)).tuples())
    theirs: dict[int, set[str]] = {}
    for other, number, *_rest in found:
        theirs.setdefault(other, set()).add(number)
    for other, numbers in theirs.items():  # by the school's index: a school holds a few hundred cases
        listed = sorted(numbers)
        for i in range(0, len(listed), 500):
            moved |= set(BureauCase.select(BureauCase.school, BureauCase.student_number)
                         .where((BureauCase.school == other) & BureauCase.kind.in_(TRANSFERS)
                                & BureauCase.student_number.in_(listed[i:i + 500])).tuples())
    out, seen = [], set()
    for f in found:
        other, number, mine_number = f[:3]
        pair = (other, number, school.id, mine_number)
        if pair in known or pair in seen or (school.id, mine_number) in moved or (other, number) in moved:
            continue
        seen.add(pair)
        out.append(f)
    return out


def _sides(schools: dict[int, RegisteredSchool], wanted: dict[int, set[str]]) -> dict[tuple[int, str], Side]:
    """The records of the pupils named, one query a school."""
    out = {}
    for school_id, numbers in wanted.items():
        school, listed = schools[school_id], sorted(numbers)
        for i in range(0, len(listed), 500):
            for p in (BureauPupil.select(BureauPupil.student_number, BureauPupil.name, BureauPupil.status,
                                         BureauPupil.grade, BureauPupil.class_name, BureauPupil.last_change_on)
                      .where((BureauPupil.school == school_id)
                             & BureauPupil.student_number.in_(listed[i:i + 500]))):
                out[(school_id, p.student_number)] = Side(school.code, school.name, p.student_number, p.name,
                                                          p.status, p.grade, p.class_name, p.last_change_on)
        for number in numbers:
            out.setdefault((school_id, number), Side(school.code, school.name, number, "", "", None, "", ""))
    return out


def query_payload(case: BureauDuplicate, mine: Side, other: Side) -> dict:
    """What a school is told of a case: its own record, the other school's, how they matched."""
    return {"duplicate": case.uuid, "student_number": mine.student_number, "name": mine.name,
            "matched_by": MATCH_LABELS.get(case.matched_by, case.matched_by),
            "found_at": case.found_at.isoformat(timespec="seconds"),
            "other": {"school_code": other.school_code, "school_name": other.school_name,
                      "student_number": other.student_number, "name": other.name, "grade": other.grade,
                      "class_name": other.class_name, "status": other.status}}


def ask_both(case: BureauDuplicate, now: dt.datetime, a: Side, b: Side, item_seqs: dict[int, int],
             steps: list[dict], items: list[dict]) -> None:
    """Found → both schools asked in their next replies: the new case's three steps (numbered 1–3) and the two
    reply items, as rows for the caller to insert; `item_seqs`: each school's next reply item number, advanced."""
    school_a, school_b = case.school_a, case.school_b  # the objects the case was made with: no query

    def step(seq: int, kind: str, detail: str, school=None, person: str = "") -> None:
        steps.append({"duplicate": case.id, "seq": seq, "at": now, "kind": kind, "school": school, "person": person,
                      "detail": detail[:2000], "event_uuid": None})

    step(1, FOUND, f"导入{school_b.name}第 {case.found_batch.batch_no} 批时发现："
                   f"{MATCH_LABELS.get(case.matched_by, case.matched_by)}", person="导入时查重")
    for seq, (school, mine, other) in enumerate(((school_a, a, b), (school_b, b, a)), start=2):
        items.append({"school": school.id, "seq": item_seqs[school.id], "kind": QUERY, "case_uuid": None,
                      "party": None, "payload": batch_format.canonical_json(query_payload(case, mine, other))
                      .decode("utf-8"), "created_at": now, "source_batch": None})
        item_seqs[school.id] += 1
        step(seq, ASKED, f"已列入给{school.name}的下一份回执：请核实{mine.name}（{mine.student_number}）是否在该校就读",
             school.id)


def _same_names(names: list[str], school_id: int):
    """Other schools' pupils on the roll with one of `names`, found through the search keys (a pupil's name is
    one of its keys: bureau 0008's primary key), not by scanning bureau_pupil."""
    db = BureauPupil._meta.database
    for i in range(0, len(names), 500):
        chunk = names[i:i + 500]
        marks = ", ".join([db.param] * len(chunk))
        ids = [pid for (pid,) in db.execute_sql(
            f"SELECT pupil_id FROM bureau_pupil_key WHERE key IN ({marks})", chunk).fetchall()]
        for j in range(0, len(ids), 500):
            yield from (BureauPupil.select(BureauPupil.school, BureauPupil.student_number, BureauPupil.name,
                                           BureauPupil.record)
                        .where(BureauPupil.id.in_(ids[j:j + 500]) & (BureauPupil.school != school_id)
                               & BureauPupil.status.in_(ON_ROLL)).tuples())


@dataclass(frozen=True)
class Side:
    school_code: str
    school_name: str
    student_number: str
    name: str
    status: str
    grade: int | None
    class_name: str
    arrived: str  # when the record reached the bureau (its last change there)
    entered: str = ""  # the day the school entered the pupil (入学日期 of its record), for the listings
    received: str = ""  # when the batch carrying the record as held now reached the bureau, and its number

    @property
    def status_label(self) -> str:
        try:
            return Status(self.status).label
        except ValueError:
            return self.status


@dataclass(frozen=True)
class Line:
    id: int
    uuid: str
    outcome: str
    matched_by: str
    key: str
    found_at: dt.datetime
    status: str
    a: Side
    b: Side

    @property
    def match_label(self) -> str:
        return MATCH_LABELS.get(self.matched_by, self.matched_by)

    @property
    def key_label(self) -> str:
        """The ID number, or 姓名、性别、出生日期 in words."""
        if self.matched_by != BY_NAME:
            return self.key
        name, _, rest = self.key.partition("|")
        sex, _, birth = rest.partition("|")
        return "、".join(x for x in (name, {"1": "男", "2": "女"}.get(sex, sex), birth) if x)


def side_of(school: RegisteredSchool, number: str) -> Side:
    p = BureauPupil.get_or_none((BureauPupil.school == school) & (BureauPupil.student_number == number))
    if p is None:
        return Side(school.code, school.name, number, "", "", None, "", "")
    try:
        entered = str((json.loads(p.record) or {}).get("entry_date") or "")[:10]
    except ValueError:
        entered = ""
    batch = (ImportedBatch.select(ImportedBatch.batch_no, ImportedBatch.imported_at)
             .join(BureauEvent, on=(BureauEvent.batch == ImportedBatch.id))
             .where((BureauEvent.school == school) & (BureauEvent.seq == p.updated_seq)).first())
    received = f"{batch.imported_at:%Y-%m-%d %H:%M}（第 {batch.batch_no} 批）" if batch is not None else ""
    return Side(school.code, school.name, number, p.name, p.status, p.grade, p.class_name, p.last_change_on,
                entered, received)


def duplicates(open_only: bool = False) -> list[Line]:
    query = BureauDuplicate.select().order_by(BureauDuplicate.found_at, BureauDuplicate.id)
    if open_only:
        query = query.where(BureauDuplicate.status == "open")
    return [line_of(d) for d in query]


def line_of(d: BureauDuplicate) -> Line:
    return Line(d.id, d.uuid, d.outcome, d.matched_by, d.key, d.found_at, d.status,
                side_of(d.school_a, d.student_number_a), side_of(d.school_b, d.student_number_b))
