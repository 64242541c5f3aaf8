"""The open school: its kind, 学制 and grades, setting it up, the workspace (database, signed-in user,
profile), the change log with its one door for writes (`events.changing`), and the check of the PC's
day.

May import: accounts, dates, exchange, pupils, region_profiles, rules, store, clock, xueji_desktop.
"""
