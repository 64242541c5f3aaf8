"""Overviews over every subject: the registrar's to-do list (待办) and the region's rules at a glance.
Room for the school's numbers.

May import: casework, changes, dates, dropout_control, pupils, region_profiles, school_year, store.
"""
