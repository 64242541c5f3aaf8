"""Dropout control (控辍保学): daily attendance and the teachers' sheets, the thresholds of each region's
text, and the 疑似辍学 / 辍学 / 其他离校 / 返校 cases with their rules.

May import: accounts, admission, casework, changes, dates, pupils, region_profiles, rules, school, transfers, store.
"""
