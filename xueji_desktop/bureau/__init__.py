"""The county bureau's side of the exchange (bureau mode): its own database, never mixed with a school's.

- `store`: the bureau's peewee models and `open_store` (SQLite by default).
- `importer`: `init_bureau`, `register_school`, `revoke`, `dry_run`, `import_batches`.
"""
