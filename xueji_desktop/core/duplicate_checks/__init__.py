"""重复学籍核查 at the school: the county bureau's questions about a child it found on the roll of this school and
another (`queries`), and the registrar's answers — the child studies here (with the 学生实际在校就读证明表 where the
region asks for it), not the same child, or the record removed with its history kept (`answers`).

May import: casework, pupils, school, store.
"""
