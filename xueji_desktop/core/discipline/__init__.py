"""Rewards (奖励) and punishments (处分) of a pupil, and the appeal against a punishment (处分申诉).

What goes in the archive, which punishments a region has, the guardians' notice, revocation, the appeal's
steps and deadlines: each from the region's profile (``rewards.*``, ``punishment.*``, ``appeal.*``) with its
article (黑龙江 第三十四条至第三十八条, 长治 第二十条、第三十九条、第四十条). Every write is one transaction
through the change log.

May import: accounts, casework, dates, pupils, region_profiles, rules, school, store.
"""
