"""Pupils: the field list of the 学生基本信息表, code tables, ID numbers and 学籍号, field checks, statuses,
the search key, the record as the registrar reads it, and the plain rows the window shows.

May import: admission, rules, school, store, clock, xueji_desktop.
"""
