"""`create(Model, **values)`: one row inserted as `Model.create` inserts it, for the paths that write thousands
of rows in one transaction (an import of a whole school).

Peewee builds every INSERT from its query tree, which costs more than SQLite's execution of it (about two
thirds of a 3,000-pupil import). Here the statement is built once per model and set of columns and then only
executed: the instance is made as peewee makes it (defaults filled), each value converted by its field's
`db_value` as peewee converts it, the new id read from the cursor. Another database than SQLite goes
through `Model.create`.
"""

from __future__ import annotations

from peewee import Model, SqliteDatabase

_STATEMENTS: dict[tuple[type, tuple[str, ...]], str] = {}


def create(model: type[Model], **values) -> Model:
    db = model._meta.database
    if not isinstance(db.obj if hasattr(db, "obj") else db, SqliteDatabase):
        return model.create(**values)
    row = model(**values)
    data, fields, pk = row.__data__, model._meta.fields, model._meta.primary_key
    names = tuple(n for n in data if n in fields and not (n == pk.name and data[n] is None))
    sql = _STATEMENTS.get((model, names))
    if sql is None:
        columns = ", ".join(f'"{fields[n].column_name}"' for n in names)
        sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join("?" * len(names))})'
        _STATEMENTS[(model, names)] = sql
    cursor = db.execute_sql(sql, [fields[n].db_value(data[n]) for n in names])
    if data.get(pk.name) is None:
        setattr(row, pk.name, cursor.lastrowid)
    row._dirty.clear()
    return row
