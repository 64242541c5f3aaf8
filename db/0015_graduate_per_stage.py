"""0015: a pupil may graduate twice from one school — 初中 and then 高中 at a 完全中学 or 一贯制 school — so
`graduate` is unique by (student, school year), no longer by student alone."""

from playhouse.migrate import SchemaMigrator
from playhouse.migrate import migrate as run


def migrate(database):
    migrator = SchemaMigrator.from_database(database)
    run(migrator.drop_index("graduate", "graduate_student_id"),
        migrator.add_index("graduate", ("student_id",), False),
        migrator.add_index("graduate", ("student_id", "school_year"), True))
