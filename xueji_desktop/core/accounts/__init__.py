"""Accounts: the registrars' passwords (Argon2id). Room for roles, sign-in rules and the access log.

May import: nothing of the project.
"""
