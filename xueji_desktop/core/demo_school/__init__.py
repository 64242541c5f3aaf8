"""The demo school: a whole school of invented pupils, families and cases built through the real
workflows, for trying the program and for the tests and the bench.

May import: admission, casework, changes, dates, pupils, region_profiles, rules, school, school_year, transfers,
store.
"""
