"""What the bureau knows beyond the raw events: the county's pupils and cases as the schools last
reported them (a projection of the imported batches), the bureau's own decisions, and the replies
waiting for each school, numbered like a school's outbox.

Tables made by `db/bureau/0002_cases_and_replies.py`.
"""

from __future__ import annotations

import json

from peewee import BlobField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from .store import BaseModel, ImportedBatch, RegisteredSchool


class BureauPupil(BaseModel):
    """A pupil as the school's latest batch showed the record (fields, family, status, place)."""

    school = ForeignKeyField(RegisteredSchool, backref="pupils", on_delete="RESTRICT")
    student_number = CharField(max_length=32)
    id_number = CharField(max_length=64, index=True)
    name = CharField(max_length=100)
    status = CharField(max_length=32)
    grade = IntegerField(null=True)
    class_name = CharField(max_length=100, default="")
    record = TextField()  # {"fields": {...}, "guardians": [...]} in the school's field keys
    national = TextField()  # the national import template row (column → text)
    updated_seq = IntegerField()
    last_change_on = CharField(max_length=10, default="")  # the day of the event that carried the record (0008)
    last_change = TextField(default="")  # its summary, as the school wrote it

    class Meta:
        table_name = "bureau_pupil"
        indexes = ((("school", "student_number"), True),
                   (("school", "grade", "status"), False))  # the county's counts without reading records (0008)

    def record_dict(self) -> dict:
        return json.loads(self.record)

    def national_row(self) -> dict:
        """The national template row: as sent by older batches, else made from the record now."""
        from ..core.national.national_row import national_row_from_record

        sent = json.loads(self.national or "{}")
        return sent or national_row_from_record(self.record_dict())


class BureauCase(BaseModel):
    """A school's case (申请) as its latest batch showed it, steps and deadlines included."""

    uuid = CharField(max_length=64, unique=True)
    school = ForeignKeyField(RegisteredSchool, backref="cases", on_delete="RESTRICT")
    number = CharField(max_length=32)
    kind = CharField(max_length=32)
    status = CharField(max_length=16)
    student_number = CharField(max_length=32, default="")
    id_number = CharField(max_length=64, default="")
    pupil_name = CharField(max_length=100, default="")
    opened_on = DateField()
    data = TextField()  # the case data as the school wrote it
    steps = TextField()  # [{"seq", "party", "outcome", "done_on", "person", "note", "due_on"}]
    pending_party = CharField(max_length=64, null=True)
    pending_due = DateField(null=True)
    updated_seq = IntegerField()

    class Meta:
        table_name = "bureau_case"

    def data_dict(self) -> dict:
        return json.loads(self.data)

    def step_list(self) -> list[dict]:
        return json.loads(self.steps)


class BureauDecision(BaseModel):
    """The bureau's own decision on one step of a case (one per case and party)."""

    case = ForeignKeyField(BureauCase, backref="decisions", on_delete="RESTRICT")
    party = CharField(max_length=64)
    outcome = CharField(max_length=16)  # approved | rejected
    note = TextField(default="")
    person = CharField(max_length=100)
    decided_on = DateField()
    decided_at = DateTimeField()
    account_id = IntegerField(null=True)  # the signed-in BureauAccount (bureau 0005)

    class Meta:
        table_name = "bureau_decision"
        indexes = ((("case", "party"), True),)


class ReplyBatch(BaseModel):
    """A sealed reply to one school, kept byte for byte and written to a stick as often as wanted,
    until the school's own batch reports it imported."""

    school = ForeignKeyField(RegisteredSchool, backref="replies", on_delete="RESTRICT")
    batch_no = IntegerField()
    hash = CharField(max_length=64, unique=True)
    prev_hash = CharField(max_length=64, null=True)
    data = BlobField()
    item_count = IntegerField()
    first_seq = IntegerField()
    last_seq = IntegerField()
    created_at = DateTimeField()
    written_to = TextField(default="")
    delivered_at = DateTimeField(null=True)  # the school's batch said it imported this reply

    class Meta:
        table_name = "reply_batch"
        indexes = ((("school", "batch_no"), True),)


class ReplyItem(BaseModel):
    """One thing to tell a school: a receipt, a decision, a transfer request or a pupil's archive.
    `reply` is NULL until the item is sealed into a reply batch."""

    school = ForeignKeyField(RegisteredSchool, backref="reply_items", on_delete="RESTRICT")
    seq = IntegerField()
    kind = CharField(max_length=32)  # receipt | decision | transfer_request | transfer_archive
    case_uuid = CharField(max_length=64, null=True, index=True)
    party = CharField(max_length=64, null=True)
    payload = TextField()
    created_at = DateTimeField()
    reply = ForeignKeyField(ReplyBatch, null=True, backref="items", on_delete="RESTRICT")
    source_batch = ForeignKeyField(ImportedBatch, null=True, on_delete="RESTRICT")  # receipts

    class Meta:
        table_name = "reply_item"
        indexes = ((("school", "seq"), True),)

    def payload_dict(self) -> dict:
        return json.loads(self.payload)


MODELS = [BureauPupil, BureauCase, BureauDecision, ReplyBatch, ReplyItem]
