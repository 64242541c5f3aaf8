"""Peewee models of the school's database. Only the domain's workflows write through them.

The schema itself is created and changed by the numbered scripts in `db/` (store.migrate); these
classes map the current schema.
"""

from __future__ import annotations

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from .. import clock
from ..core.pupils.fields import GUARDIAN_FIELDS, STUDENT_FIELDS, Kind

database = DatabaseProxy()


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class School(BaseModel):
    """The one school this database belongs to (bureau mode will hold many)."""

    code = CharField(unique=True)  # 学校标识码, 10 digits
    name = CharField()
    kind = CharField()  # core.school.school.SchoolKind value
    system = CharField()  # "63" 六三 or "54" 五四
    profile_id = CharField()
    area_code = CharField()  # GB/T 2260 county of the school
    phone = CharField(default="")  # printed on the transfer forms (0003)
    private = BooleanField(default=False)  # 民办 (0004)
    key_high_school = BooleanField(default=False)  # 省级示范高中 (0014)
    uuid = CharField(unique=True)
    created_at = DateTimeField(default=clock.now)


class User(BaseModel):
    username = CharField(unique=True)
    display_name = CharField()
    password_hash = CharField()
    role = CharField(default="registrar")  # comma-separated core.accounts.roles.Role values (0011)
    active = BooleanField(default=True)  # disabled, never deleted: the log names its author
    created_at = DateTimeField(default=clock.now)
    must_change_password = BooleanField(default=False)  # after an administrator's reset (0011)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    last_login_at = DateTimeField(null=True)
    password_changed_at = DateTimeField(null=True)


class SchoolClass(BaseModel):
    grade = IntegerField()  # 1–9, compulsory grades mapped by years of schooling
    number = IntegerField()  # 班级号 within the grade
    name = CharField()  # 一年级(1)班
    capacity = IntegerField()  # places the school plans; the profile's limits still apply
    # The school year whose end graduated its pupils (0013): the class stays, named in their records, and
    # frees its grade and number; (grade, number) is unique among classes in use only.
    retired_year = IntegerField(null=True)

    @classmethod
    def in_use(cls):
        """The classes pupils can be in now (not retired by a graduation)."""
        return cls.select().where(cls.retired_year.is_null())


def _column(field):
    if field.kind is Kind.DATE:
        return DateField(null=True)
    return CharField(default="", max_length=max(field.max_len, 255))


class Student(BaseModel):
    student_number = CharField(unique=True)  # 学籍号, G or L
    school_class = ForeignKeyField(SchoolClass, backref="students", null=True, on_delete="RESTRICT")
    grade = IntegerField()
    status = CharField(index=True)  # core.pupils.status.Status value
    entry_date = DateField()
    entry_route = CharField()  # new | non_new
    identity_verified = BooleanField(default=False)
    archive_deadline = DateField()
    search_keys = TextField(default="")  # name, pinyin variants, numbers (core.pupils.search)
    created_at = DateTimeField(default=clock.now)
    updated_at = DateTimeField(default=clock.now)


for _field in STUDENT_FIELDS:  # one column per field of core.pupils.fields, named by its key
    if _field.key not in Student._meta.fields:
        Student._meta.add_field(_field.key, _column(_field))
Student._meta.fields["id_number"].index = True
Student._meta.fields["name"].index = True


class Guardian(BaseModel):
    student = ForeignKeyField(Student, backref="guardians", on_delete="CASCADE")
    position_no = IntegerField()  # 成员1 / 成员2


for _field in GUARDIAN_FIELDS:
    Guardian._meta.add_field(_field.key, _column(_field))


class Event(BaseModel):
    """An immutable change: the audit trail and the unit of exchange with the bureau."""

    uuid = CharField(unique=True)
    seq = IntegerField(unique=True)  # per-school sequence number, no gaps
    kind = CharField(index=True)  # core.school.events.EventKind value
    student = ForeignKeyField(Student, backref="events", null=True, on_delete="RESTRICT")
    case_id = IntegerField(null=True, index=True)  # the case the change belongs to (0002)
    payload = TextField()  # JSON
    summary = CharField()  # Chinese, one line, for the history list
    articles = TextField(default="[]")  # JSON list of cited articles
    reasons = TextField(default="{}")  # JSON {rule id: reason} for warnings passed
    author = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=clock.now, index=True)  # the program's clock
    batch_no = IntegerField(null=True, index=True)  # None until exported
    entered_on = DateField(null=True)  # the day the registrar entered for the change (0009)
    pc_time = DateTimeField(null=True)  # the PC's own clock at the write (0009)
    prev_hash = CharField(null=True)  # the previous event's `hash` (0012); None for the first event
    hash = CharField(null=True)  # core.school.event_chain.event_hash of this event's content and prev_hash (0012)


class Case(BaseModel):
    """An application (申请) that changes a pupil's 学籍 through steps: a transfer, a suspension …"""

    uuid = CharField(unique=True)
    number = CharField(unique=True)  # shown and printed: ZR-2026-0001
    kind = CharField(index=True)  # core.casework.cases.CaseKind value
    student = ForeignKeyField(Student, backref="cases", null=True, on_delete="RESTRICT")
    status = CharField(index=True)  # open | completed | rejected | withdrawn
    data = TextField()  # JSON: the workflow's own fields (pupil, schools, reason, evidence …)
    opened_on = DateField()
    opened_by = ForeignKeyField(User, on_delete="RESTRICT")
    closed_on = DateField(null=True)


class CaseStep(BaseModel):
    """One party's decision on a case, in the order the region's procedure gives."""

    case = ForeignKeyField(Case, backref="steps", on_delete="CASCADE")
    seq = IntegerField()
    party = CharField()  # receiving_school | receiving_bureau | sending_school | sending_bureau | …
    due_on = DateField(null=True)  # working-day deadline, set when the previous step is done
    done_on = DateField(null=True)
    person = CharField(default="")
    outcome = CharField(default="")  # approved | rejected | "" while pending
    note = TextField(default="")
    recorded_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")

    class Meta:
        indexes = ((("case", "seq"), True),)


class Attachment(BaseModel):
    """A scan or photo kept with a case (the file itself in the attachment folder, by hash)."""

    case = ForeignKeyField(Case, backref="attachments", on_delete="CASCADE")
    label = CharField()  # what it proves: 户口簿 …
    filename = CharField()  # as the registrar chose it
    sha256 = CharField(index=True)
    size = IntegerField()
    added_by = ForeignKeyField(User, on_delete="RESTRICT")
    added_at = DateTimeField(default=clock.now)


class Holiday(BaseModel):
    """A day the registrar entered from the State Council's notice: a holiday, or a 调休 working day."""

    day = DateField(primary_key=True)
    working = BooleanField()  # True: a weekend made a working day (调休)
    name = CharField(default="")


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()


ALL_MODELS = (School, User, SchoolClass, Student, Guardian, Event, Case, CaseStep, Attachment, Holiday, Setting)


class SchoolKey(BaseModel):
    """The school's Ed25519 signing key pair (0005); the private key protected by the registrar's
    password (core.exchange.keys.protect). A replaced pair stays, inactive."""

    public_key = BlobField()  # raw 32 bytes
    encryption_public = BlobField(null=True)  # X25519, for the bureau's replies (0006); None: an old pair
    private_protected = BlobField()
    fingerprint = CharField()  # digit groups, as the 密钥登记表 prints it
    active = BooleanField(default=True)
    created_at = DateTimeField(default=clock.now)
    created_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")


class BureauKey(BaseModel):
    """A county bureau's public key file, trusted once the registrar typed the matching fingerprint
    from the bureau's stamped letter. A replaced key stays, inactive."""

    key_file = BlobField()  # the public key file as loaded from the stick
    fingerprint = CharField(index=True)
    name = CharField(default="")
    active = BooleanField(default=True)
    confirmed_fingerprint = CharField()  # as the registrar typed it
    confirmed_at = DateTimeField(default=clock.now)
    confirmed_by = ForeignKeyField(User, on_delete="RESTRICT")


class Absence(BaseModel):
    """A pupil absent on a school day (0007): 病假 sick, 事假 personal, 无故缺席 unexcused. Present days
    have no row."""

    student = ForeignKeyField(Student, backref="absences", on_delete="CASCADE")
    day = DateField(index=True)
    kind = CharField()  # core.dropout_control.attendance.Kind value
    note = TextField(default="")
    recorded_by = ForeignKeyField(User, on_delete="RESTRICT")
    recorded_at = DateTimeField(default=clock.now)

    class Meta:
        indexes = ((("student", "day"), True),)


class InboxBatch(BaseModel):
    """A reply batch of the bureau imported (0006): numbered and hash-chained like the outbox, kept
    byte for byte; importing the same file again changes nothing."""

    batch_no = IntegerField(unique=True)
    hash = CharField(unique=True)
    prev_hash = CharField(null=True)
    item_count = IntegerField()
    data = BlobField()
    imported_at = DateTimeField(default=clock.now)
    imported_by = ForeignKeyField(User, on_delete="RESTRICT")
    summary = TextField(default="")


class OutboxBatch(BaseModel):
    """A sealed batch of events (core.exchange.outbox), kept until the bureau's receipt; written to
    a stick as often as wanted, always the same bytes."""

    batch_no = IntegerField(unique=True)
    school_code = CharField()
    data = BlobField()  # the sealed file, byte for byte
    hash = CharField(unique=True)  # batch_format.batch_hash(data)
    prev_hash = CharField(null=True)  # hash of batch_no - 1; None for batch 1
    first_seq = IntegerField()
    last_seq = IntegerField()
    event_count = IntegerField()
    bureau_key = ForeignKeyField(BureauKey, null=True, on_delete="RESTRICT")
    created_at = DateTimeField(default=clock.now)
    created_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    written_to = TextField(default="")  # the last verified copy's path
    written_at = DateTimeField(null=True)
    acknowledged_at = DateTimeField(null=True)  # the bureau's receipt covers this batch
    receipt = TextField(default="")


ALL_MODELS = ALL_MODELS + (SchoolKey, BureauKey, OutboxBatch, InboxBatch, Absence)


class TermReview(BaseModel):
    """The term review (每学期复核) marked done (0008): which term, by whom, and what the checklist counted."""

    school_year = IntegerField()  # the year the school year began (autumn)
    term = CharField()  # 上学期 | 下学期
    term_start = DateField()
    term_end = DateField()
    done_on = DateField()
    done_by = ForeignKeyField(User, on_delete="RESTRICT")
    pupils = IntegerField()  # pupils on roll checked
    counts = TextField(default="{}")  # JSON {problem kind: count} at the moment of marking
    note = TextField(default="")
    created_at = DateTimeField(default=clock.now)

    class Meta:
        indexes = ((("school_year", "term"), True),)


ALL_MODELS = ALL_MODELS + (TermReview,)


class SchoolInfo(BaseModel):
    """Values of the school's archive forms its set-up data lacks, kept (0010): one row per form
    (core.forms.archive_forms id) and campus (0: the school or its main campus; 1, 2 …: branch campuses in
    the order added). Written only through core.forms.school_info."""

    form = CharField()
    campus = IntegerField(default=0)
    data = TextField(default="{}")  # JSON {printed label: value}
    updated_at = DateTimeField(default=clock.now)
    updated_by = ForeignKeyField(User, on_delete="RESTRICT")

    class Meta:
        indexes = ((("form", "campus"), True),)


ALL_MODELS = ALL_MODELS + (SchoolInfo,)


class UserClass(BaseModel):
    """A class a 班主任 reads and takes attendance for (0011)."""

    user = ForeignKeyField(User, backref="classes", on_delete="CASCADE")
    school_class = ForeignKeyField(SchoolClass, on_delete="CASCADE")

    class Meta:
        indexes = ((("user", "school_class"), True),)


class AccessLog(BaseModel):
    """One look at pupils' records (0011): opened, printed, exported, or the log itself read."""

    at = DateTimeField(default=clock.now, index=True)  # the program's clock
    pc_time = DateTimeField(null=True)
    user = ForeignKeyField(User, on_delete="RESTRICT")
    action = CharField(index=True)  # core.accounts.access_log.Action value
    subject = CharField()  # the form, register, file or view
    target = TextField(default="")  # the file written, if any
    purpose = TextField(default="")
    pupil_count = IntegerField(default=0)


class AccessPupil(BaseModel):
    access = ForeignKeyField(AccessLog, backref="pupils", on_delete="CASCADE")
    student = ForeignKeyField(Student, on_delete="RESTRICT", index=True)

    class Meta:
        indexes = ((("access", "student"), True),)


class KeyWrap(BaseModel):
    """The school's private key protected by one account's password (0011): every account entitled to
    export has its own wrap; an administrator wraps it for a new registrar without exporting it."""

    school_key = ForeignKeyField(SchoolKey, backref="wraps", on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="RESTRICT")
    protected = BlobField()
    wrapped_at = DateTimeField(default=clock.now)
    wrapped_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")

    class Meta:
        indexes = ((("school_key", "user"), True),)


ALL_MODELS = ALL_MODELS + (UserClass, AccessLog, AccessPupil, KeyWrap)


class YearEnd(BaseModel):
    """A school year turned (学年结转, 0013): promotion and graduation of the whole school in one transaction."""

    from_year = IntegerField(unique=True)  # the school year that ended (the year its autumn term began)
    done_on = DateField()
    done_at = DateTimeField()
    done_by = ForeignKeyField(User, on_delete="RESTRICT")
    backup_file = TextField(default="")  # the backup taken just before
    counts = TextField(default="{}")  # JSON: what moved where


class Graduate(BaseModel):
    """A pupil who left by 毕业 or 结业 (0013), with the certificate's number and the school gone on to (升学)."""

    student = ForeignKeyField(Student, backref="graduations", on_delete="RESTRICT")  # 初中, then 高中 (0015)
    school_year = IntegerField(index=True)  # the school year that ended
    outcome = CharField()  # core.school_year.graduation.Outcome value
    left_on = DateField()
    class_name = CharField(default="")  # the class at graduation, as printed on the roster
    certificate_no = CharField(default="")  # 毕业（结业）证书编号, entered from the bureau's numbering
    next_school_code = CharField(default="")  # 升入学校 (学校标识码), when known
    next_school_name = CharField(default="")
    note = TextField(default="")

    class Meta:
        indexes = ((("student", "school_year"), True),)


class Discipline(BaseModel):
    """A reward (奖励) or punishment (处分) of a pupil (0013): who decided, the guardians' notice, the archive
    flag, revocation (a revoked punishment leaves the archive, the row stays for the log)."""

    uuid = CharField(unique=True)
    student = ForeignKeyField(Student, backref="disciplines", on_delete="RESTRICT", index=True)
    kind = CharField()  # reward | punishment
    level = CharField()  # 校级/县级… for a reward; 警告/记过… for a punishment
    title = CharField(default="")
    reason = TextField(default="")
    decided_on = DateField()
    decided_by = CharField(default="")
    document_no = CharField(default="")
    in_archive = BooleanField(default=False)
    notified_on = DateField(null=True)
    ends_on = DateField(null=True)  # 留校察看's term
    revoked_on = DateField(null=True)
    revoke_reason = TextField(default="")
    data = TextField(default="{}")  # JSON: what else the workflow keeps
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=clock.now)


class Certificate(BaseModel):
    """A numbered certificate issued from the record (0013): 学历证明 for a lost or damaged diploma, 学习经历证明
    for incomplete schooling; the stub is the row."""

    uuid = CharField(unique=True)
    number = CharField(unique=True)
    kind = CharField(index=True)
    student = ForeignKeyField(Student, backref="certificates", on_delete="RESTRICT", index=True)
    issued_on = DateField()
    applicant = CharField(default="")
    reason = TextField(default="")
    data = TextField(default="{}")  # JSON: the certificate's content as printed
    issued_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=clock.now)


ALL_MODELS = ALL_MODELS + (YearEnd, Graduate, Discipline, Certificate)


class Repetition(BaseModel):
    """A 高中 pupil's 留级 (0016), where the region's text allows it (凉山 二(三)): kept in the grade at the end of
    `school_year`; counted against the cohort that entered 高一 in `cohort_year`."""

    uuid = CharField(unique=True)
    student = ForeignKeyField(Student, backref="repetitions", on_delete="RESTRICT", index=True)
    school_year = IntegerField(index=True)  # the school year whose end keeps the pupil in the grade
    grade = IntegerField()  # the grade repeated
    cohort_year = IntegerField(index=True)  # the autumn the pupil's cohort entered 高一
    applied_on = DateField()  # the pupil's and the guardians' application
    decided_on = DateField()  # the school's approval
    decided_by = CharField(default="")
    reason = TextField(default="")
    done_on = DateField(null=True)  # the year end that kept the pupil in the grade
    withdrawn_on = DateField(null=True)
    withdraw_reason = TextField(default="")
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=clock.now)


ALL_MODELS = ALL_MODELS + (Repetition,)


class HighRecord(BaseModel):
    """A 高中 pupil's graduation conditions as recorded (0017; 长治 第三十五条): credits by kind, 学业水平考试
    results by subject (JSON, re-sits included), 基础素养评价, fitness, labour and social practice. None or ""
    where not recorded yet."""

    student = ForeignKeyField(Student, unique=True, backref="high_record", on_delete="RESTRICT")
    credits_required = IntegerField(null=True)  # 必修学分
    credits_elective = IntegerField(null=True)  # 选修模块（学科课程标准所设）学分
    credits_school = IntegerField(null=True)  # 学校自主开设的选修模块学分
    evaluation = CharField(default="")  # 基础素养评价总评: 合格 / 不合格
    fitness = BooleanField(null=True)  # 达到体育锻炼合格标准
    practice = BooleanField(null=True)  # 按规定参加了劳动和社会实践活动
    exams = TextField(default="{}")  # {subject: "A".."E"}
    updated_by = ForeignKeyField(User, on_delete="RESTRICT")
    updated_at = DateTimeField(default=clock.now)


ALL_MODELS = ALL_MODELS + (HighRecord,)
