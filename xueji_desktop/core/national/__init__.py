"""The national system (全国中小学生学籍信息管理系统): its import template's rows ↔ the program's drafts and
records. Room for the Excel import of a whole school.

May import: admission, pupils, rules, school, store.
"""
