"""Backups of the school's database and their restore: copies taken through SQLite's online backup API
and checked before they count (`files`), kept by rotation (`rotation`), sealed with a passphrase for a USB
stick (`sealed`), the backup folder, the daily and "before …" backups, the list and the restore
(`service`), and the checks every start makes of the database and where it lives (`health`).

`files`, `health` and `sealed` use nothing of the project: the store calls them while it opens a database
or upgrades its schema.

May import: accounts, school, exchange, store, clock, durable, paths, xueji_desktop.
"""
