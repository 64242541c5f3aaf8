"""The vocabulary every rule speaks: a finding (block or warning, beside a field, citing an article)
and a profile rule turned into one. The rules themselves live with their subject.

May import: region_profiles.
"""
