"""0001: the school's first schema: school, users, classes, pupils, family members, events.

Frozen: these classes are a snapshot, independent of xueji_desktop.store.models, so this script
creates the same tables however the live models change later.
"""

from peewee import (
    BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model,
    TextField,
)


def migrate(database):
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class School(Base):
        code = CharField(unique=True)
        name = CharField()
        kind = CharField()
        system = CharField()
        profile_id = CharField()
        area_code = CharField()
        uuid = CharField(unique=True)
        created_at = DateTimeField()

    class User(Base):
        username = CharField(unique=True)
        display_name = CharField()
        password_hash = CharField()
        role = CharField(default='registrar')
        active = BooleanField(default=True)
        created_at = DateTimeField()

    class SchoolClass(Base):
        grade = IntegerField()
        number = IntegerField()
        name = CharField()
        capacity = IntegerField()
        class Meta:
            indexes = [(('grade', 'number'), True)]

    class Student(Base):
        student_number = CharField(unique=True)
        school_class = ForeignKeyField(SchoolClass, null=True, on_delete='RESTRICT')
        grade = IntegerField()
        status = CharField(index=True)
        entry_date = DateField()
        entry_route = CharField()
        identity_verified = BooleanField(default=False)
        archive_deadline = DateField()
        search_keys = TextField(default='')
        created_at = DateTimeField()
        updated_at = DateTimeField()
        name = CharField(index=True, default='')
        sex = CharField(default='')
        birth_date = DateField(null=True)
        birthplace = CharField(default='')
        native_place = CharField(default='')
        ethnicity = CharField(default='')
        nationality = CharField(default='')
        id_type = CharField(default='')
        id_number = CharField(index=True, default='')
        hmt = CharField(default='')
        political_status = CharField(default='')
        health = CharField(default='')
        name_pinyin = CharField(default='')
        former_name = CharField(default='')
        id_valid_until = CharField(default='')
        hukou_place = CharField(default='')
        hukou_nature = CharField(default='')
        speciality = CharField(default='')
        aux_number = CharField(default='')
        class_seq = CharField(default='')
        entry_month = CharField(default='')
        entry_mode = CharField(default='')
        study_mode = CharField(default='')
        source = CharField(default='')
        address = CharField(default='')
        mail_address = CharField(default='')
        home_address = CharField(default='')
        phone = CharField(default='')
        postcode = CharField(default='')
        email = CharField(default='')
        homepage = CharField(default='')
        only_child = CharField(default='')
        preschool = CharField(default='')
        left_behind = CharField(default='')
        migrant_child = CharField(default='')
        orphan = CharField(default='')
        martyr_child = CharField(default='')
        inclusive = CharField(default='')
        disability_type = CharField(default='')
        govt_paid_place = CharField(default='')
        needs_aid = CharField(default='')
        one_subsidy = CharField(default='')
        distance_km = CharField(default='')
        commute = CharField(default='')
        school_bus = CharField(default='')

    class Guardian(Base):
        student = ForeignKeyField(Student, on_delete='CASCADE')
        position_no = IntegerField()
        name = CharField(default='')
        relation = CharField(default='')
        relation_note = CharField(default='')
        ethnicity = CharField(default='')
        employer = CharField(default='')
        position = CharField(default='')
        address = CharField(default='')
        hukou_place = CharField(default='')
        phone = CharField(default='')
        is_guardian = CharField(default='')
        id_type = CharField(default='')
        id_number = CharField(default='')

    class Event(Base):
        uuid = CharField(unique=True)
        seq = IntegerField(unique=True)
        kind = CharField(index=True)
        student = ForeignKeyField(Student, null=True, on_delete='RESTRICT')
        payload = TextField()
        summary = CharField()
        articles = TextField(default='[]')
        reasons = TextField(default='{}')
        author = ForeignKeyField(User, on_delete='RESTRICT')
        created_at = DateTimeField(index=True)
        batch_no = IntegerField(index=True, null=True)

    class Setting(Base):
        key = CharField(primary_key=True)
        value = TextField()

    models = [School, User, SchoolClass, Student, Guardian, Event, Setting]
    with database.bind_ctx(models):
        database.create_tables(models)
