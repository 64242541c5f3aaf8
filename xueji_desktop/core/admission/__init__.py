"""Admission: enrolling a pupil (the draft, its field checks and rules, the one write) and the enrolment
rules of each region (age, 划片, class size), each citing its article.

May import: dates, pupils, region_profiles, rules, school, store.
"""
