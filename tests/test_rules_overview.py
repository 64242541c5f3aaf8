from xueji_desktop.core.region_profiles.profiles import available_profiles, load_profile
from xueji_desktop.core.overview.rules_overview import SECTION_TITLES, overview


def test_every_profile_section_has_a_chinese_title():
    for profile_id, _ in available_profiles():
        for title, rows in overview(load_profile(profile_id)):
            assert title in SECTION_TITLES.values(), title
            assert rows


def test_overview_shows_force_article_and_value_from_the_profile():
    sections = dict(overview(load_profile("changzhi")))
    [row] = [r for r in sections["班额"] if r.key == "class_size.primary_max"]
    assert (row.value, row.force, row.article) == ("50", "禁止", "《长治市实施细则》第十三条")
    [standard] = [r for r in sections["班额"] if r.key == "class_size.primary_standard"]
    assert standard.value == "45" and standard.force.startswith("原则上")


def test_values_read_as_chinese():
    sections = dict(overview(load_profile("heilongjiang")))
    rows = {r.key: r for r in sections["入学与建立学籍"]}
    assert rows["enrolment.period"].value == "8月1日至9月30日"
    assert rows["enrolment.archive_deadline"].value == "1 个月"
    assert rows["enrolment.age_cutoff"].value == "8月31日"
    assert all(r.value != "本地区未规定" for _, rs in sections.items() for r in rs)
