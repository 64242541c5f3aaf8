"""Changes of status and information: 休学 and 复学, 退学, 死亡, 出国 and 回国, 借读, 关键信息变更, and the rest,
one `ChangeKind` each (status_change), their rules by subject (status_*), and suspensions running out.

May import: admission, casework, dates, dropout_control, pupils, region_profiles, rules, school, transfers, store.
"""
