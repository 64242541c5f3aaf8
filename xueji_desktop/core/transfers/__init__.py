"""Transfers (转学): transfer in and out as cases, the region's refusals, time windows, facts the
registrar declares and the rules over them, each citing its article.

May import: accounts, admission, casework, changes, dates, discipline, pupils, region_profiles, rules, school, store.
"""
