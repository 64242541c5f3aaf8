"""Forms, registers and rosters on paper: reportlab PDFs with the bundled CJK TrueType fonts embedded,
from declarative layouts (blocks, model) filled from the domain's rows.

May import: accounts, casework, changes, discipline, dropout_control, duplicate_checks, exchange, overview, pupils, school, school_year, store, clock, paths, xueji_desktop.
"""
