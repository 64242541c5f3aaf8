"""Bureau 0009: duplicate 学籍 (重复学籍) the county's imports catch — a child on the roll of two schools, matched by
ID number or, without one, by name, sex and birth date — each kept once per pair of records with how it
matched, the batch that revealed it, and its settling (open → closed, by whom, with a note).

Frozen like 0001. Portable types only.
"""

from peewee import CharField, DateTimeField, ForeignKeyField, Model, TextField


def migrate(database):
    class Base(Model):
        pass

    class RegisteredSchool(Base):
        code = CharField(max_length=64, unique=True)

        class Meta:
            table_name = "registered_school"

    class ImportedBatch(Base):
        batch_no = CharField()

        class Meta:
            table_name = "imported_batch"

    class BureauDuplicate(Base):
        school_a = ForeignKeyField(RegisteredSchool, backref="+", on_delete="RESTRICT")
        student_number_a = CharField(max_length=32)
        school_b = ForeignKeyField(RegisteredSchool, backref="+", on_delete="RESTRICT")
        student_number_b = CharField(max_length=32)
        matched_by = CharField(max_length=16)
        key = CharField(max_length=200)
        found_at = DateTimeField()
        found_batch = ForeignKeyField(ImportedBatch, backref="+", on_delete="RESTRICT")
        status = CharField(max_length=16, default="open")
        closed_at = DateTimeField(null=True)
        closed_by = CharField(max_length=100, default="")
        note = TextField(default="")

        class Meta:
            table_name = "bureau_duplicate"
            indexes = ((("school_a", "student_number_a", "school_b", "student_number_b"), True),)

    with database.bind_ctx([BureauDuplicate]):
        database.create_tables([BureauDuplicate])
