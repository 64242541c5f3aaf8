"""Accounts: passwords (Argon2id) and their policy, roles and permissions, lock-out and idle-lock rules, the
access log (查询登记).

May import: store, clock.
"""
