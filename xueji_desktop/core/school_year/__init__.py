"""The school year: the term review (每学期复核) now; room for promotion, graduation and certificates.

May import: casework, changes, dates, pupils, region_profiles, rules, school, transfers, store.
"""
