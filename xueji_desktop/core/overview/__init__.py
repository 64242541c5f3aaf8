"""Overviews over every subject: the registrar's to-do list (待办), the region's rules at a glance and
the school's numbers (统计).

May import: admission, casework, changes, dates, discipline, dropout_control, duplicate_checks, pupils, region_profiles, school, school_year, store.
"""
