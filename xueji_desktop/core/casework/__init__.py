"""Casework: what every case (申请) shares — numbering, the order of approval steps, deadlines, the scans
attached — and the plain rows the window reads about cases and changes.

May import: pupils, rules, school, store.
"""
