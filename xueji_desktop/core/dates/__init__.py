"""Dates: the school year's terms and transfer windows, ages and ISO-8601 durations, working days with
法定节假日 and 调休, the holidays the registrar enters, and reading a day from a column or a file.

May import: region_profiles, rules, school, store, clock, xueji_desktop.
"""
