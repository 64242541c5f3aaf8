"""The school year: the term review (每学期复核), the year end (学年结转: promotion, graduation) and its graduates.

May import: accounts, admission, backups, casework, changes, dates, pupils, region_profiles, rules, school, transfers, store.
"""
