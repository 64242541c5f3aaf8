"""Certificates of study issued from the record (《营口市规定》四(三)3, 《黑龙江省实施细则》第三十一条至第三十三条,
《长治市实施细则》第三十八条): the 学历证明 (学历证明书) for a graduate whose diploma is lost or damaged — never a
reissued diploma — and the 学习经历证明 for a pupil who did not complete the compulsory years or left the school;
each numbered per year and kind, written with its event, logged, printed with its stub; the stub registers, and
the 结业证书存根 (《长治市实施细则》第六条（七）、第三十七条, 附件11) from the graduates who completed (结业).

May import: accounts, forms, pupils, region_profiles, rules, school, store, clock.
"""
