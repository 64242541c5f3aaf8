"""Region policy profiles: every file loads, holds its region's numbers, and bad files are refused by name."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from xueji_desktop import paths
from xueji_desktop.core.region_profiles.profiles import ProfileError, Rule, available_profiles, load_profile

REGIONS = ["yingkou", "liangshan", "heilongjiang", "anyang_beiguan", "changzhi"]
SEEDS_DIR = paths.ROOT.parent / "shared" / "seeds"
SEED_FILE = {"yingkou": "000", "liangshan": "001", "heilongjiang": "002", "anyang_beiguan": "003", "changzhi": "004"}


# ───────────────────────────── the shipped profiles ─────────────────────────────

def test_available_profiles_lists_national_first_then_regions_in_order():
    ids = [pid for pid, _ in available_profiles()]
    assert ids == ["national"] + REGIONS
    names = dict(available_profiles())
    assert names["heilongjiang"] == "黑龙江省"
    assert names["changzhi"] == "山西省长治市"


@pytest.mark.parametrize("pid", ["national"] + REGIONS)
def test_every_profile_loads_and_every_rule_says_where_it_comes_from(pid):
    p = load_profile(pid)
    assert p.id == pid and p.name and p.full_title
    assert re.fullmatch(r"《[^《》]+》", p.document)
    for rule in p.rules():
        assert isinstance(rule, Rule)
        assert rule.force in (None, "block", "warn", "info"), rule.key
        if rule.applies:
            assert rule.article.startswith("《"), rule.key
        else:
            assert rule.article or rule.note, rule.key


@pytest.mark.parametrize("pid", REGIONS)
def test_regions_have_exactly_the_national_keys(pid):
    assert load_profile(pid).keys() == load_profile("national").keys()


@pytest.mark.parametrize("pid", REGIONS)
def test_what_a_region_changes_cites_the_region_itself(pid):
    """A rule applies only where the region's text states it; where silent the national rule stays."""
    p, n = load_profile(pid), load_profile("national")
    changed = [r for r in p.rules() if r != n.rule(r.key)]
    assert len(changed) > 30
    for rule in changed:
        if rule.applies:
            assert rule.article.startswith(p.document), (rule.key, rule.article)


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="the regulation texts (../shared/seeds) are not here")
@pytest.mark.parametrize("pid", REGIONS)
def test_every_quote_is_verbatim_in_the_regulation(pid):
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 (the seeds break lines inside sentences)
    text = squash(next(SEEDS_DIR.glob(SEED_FILE[pid] + "_*.txt")).read_text(encoding="utf-8"))
    p = load_profile(pid)
    checked = 0
    for rule in p.rules():
        if not rule.article.startswith(p.document):
            continue
        quotes = [rule.quote] + [i.get("quote") for i in rule.value if isinstance(i, dict)] \
            if isinstance(rule.value, list) else [rule.quote]
        for quote in filter(None, quotes):
            assert squash(quote) in text, (rule.key, quote)
            checked += 1
    assert checked > 30


def test_changzhi_class_sizes_and_archive_deadline():
    p = load_profile("changzhi")
    standard, maximum = p.rule("class_size.primary_standard"), p.rule("class_size.primary_max")
    assert (standard.value, standard.force) == (45, "warn")
    assert (maximum.value, maximum.force) == (50, "block")
    assert maximum.article == "《长治市实施细则》第十三条"
    assert (p.value("class_size.middle_standard"), p.value("class_size.middle_max")) == (50, 55)
    assert p.rule("class_size.middle_standard").force == "warn"
    assert p.rule("class_size.middle_max").force == "block"
    assert p.value("enrolment.archive_deadline") == "P15D"
    assert p.value("enrolment.report_all_by") == "09-10"


@pytest.mark.parametrize("pid", ["yingkou", "heilongjiang"])
def test_yingkou_and_heilongjiang_block_at_45_and_50(pid):
    p = load_profile(pid)
    for stage, size in (("primary", 45), ("middle", 50)):
        for kind in ("standard", "max"):
            rule = p.rule(f"class_size.{stage}_{kind}")
            assert (rule.value, rule.force) == (size, "block")


def test_national_class_size_is_only_a_norm():
    p = load_profile("national")
    assert {p.rule(f"class_size.{k}").force for k in ("primary_standard", "primary_max", "middle_standard",
                                                      "middle_max")} == {"warn"}
    assert (p.value("class_size.primary_standard"), p.value("class_size.middle_standard")) == (45, 50)


def test_heilongjiang_enrolment_rules():
    p = load_profile("heilongjiang")
    period = p.rule("enrolment.period")
    assert period.force == "block"
    assert period.article == "《黑龙江省实施细则》第四条"
    assert set(period.value) == {"start", "end"}
    assert p.rule("enrolment.min_age").force == "block"
    assert p.rule("enrolment.min_age").article == "《黑龙江省实施细则》第二十条"
    assert p.applies("enrolment.disabled_max_age") and p.value("enrolment.disabled_max_age") == 20
    assert p.rule("enrolment.grade_age_tolerance").force == "block"
    assert (p.value("student_number.formal_prefix"), p.value("student_number.temporary_prefix")) == ("G", "L")
    assert p.value("enrolment.archive_deadline") == "P1M"


def test_enrolment_age_rules_elsewhere():
    national, anyang = load_profile("national"), load_profile("anyang_beiguan")
    assert national.rule("enrolment.min_age").force == "warn"
    assert anyang.rule("enrolment.min_age").force == "block"
    assert anyang.rule("enrolment.min_age").article == "《安阳市北关区办法》第三条"
    for pid in ("national", "yingkou", "liangshan", "anyang_beiguan", "changzhi"):
        assert not load_profile(pid).applies("enrolment.disabled_max_age")
        assert load_profile(pid).rule("enrolment.grade_age_tolerance").force == "warn"
    yingkou = load_profile("yingkou")
    assert yingkou.value("enrolment.age_cutoff") == "08-31" and "县" in yingkou.rule("enrolment.age_cutoff").note
    assert national.rule("enrolment.period").force == "warn"


@pytest.mark.parametrize("pid", REGIONS)
def test_archive_deadline_per_region(pid):
    expected = "P15D" if pid == "changzhi" else "P1M"
    rule = load_profile(pid).rule("enrolment.archive_deadline")
    assert (rule.value, rule.force) == (expected, "info")
    assert rule.article.startswith(load_profile(pid).document)


def test_yingkou_has_no_leave_based_suspension_ground():
    grounds = {g["id"] for g in load_profile("yingkou").value("suspension.grounds")}
    assert grounds == {"illness", "force_majeure"}
    for pid in ("anyang_beiguan", "changzhi"):
        assert "leave" in {g["id"] for g in load_profile(pid).value("suspension.grounds")}


def test_borrowed_study_forbidden_in_heilongjiang_allowed_in_changzhi():
    hlj, cz = load_profile("heilongjiang"), load_profile("changzhi")
    assert hlj.value("borrowed_study.allowed") is False
    assert hlj.rule("borrowed_study.allowed").force == "block"
    assert hlj.value("workflows.borrowed_study") is False
    assert cz.value("borrowed_study.allowed") is True and cz.value("workflows.borrowed_study") is True
    assert len(cz.value("borrowed_study.grounds")) == 8
    assert not load_profile("yingkou").applies("borrowed_study.allowed")


def test_transfer_rules_per_region():
    yk, hlj, ay, cz, ls = (load_profile(p) for p in ("yingkou", "heilongjiang", "anyang_beiguan", "changzhi",
                                                       "liangshan"))
    refusals = {r["id"]: r for r in yk.value("transfer.refusals")}
    assert refusals["exam_period_grades_8_9"]["force"] == "block"
    assert refusals["grade9_second_term"]["force"] == "warn"
    assert {r["id"]: r["force"] for r in cz.value("transfer.refusals")} == {
        "mid_term": "warn", "graduating_grade": "block", "while_suspended": "block", "while_punished": "block",
        "ordinary_to_key_high": "block", "private_to_public_high": "block", "within_city_high": "block",
        "from_vocational": "block"}
    assert {r["id"] for r in ls.value("transfer.refusals") if r["force"] == "block"} == {"ethnic_stream_from_other"}
    private = hlj.value("transfer.private_school")
    assert 1 / (6 * private["ratio_multiplier"] - private["ratio_subtract"]) == pytest.approx(1 / 9)
    assert ay.value("transfer.weekly_filing") == 2 and ay.value("transfer.deadline_scope") == "overall"
    assert ls.value("transfer.deadline_scope") == "sending_side"
    assert all(load_profile(p).value("transfer.deadline_working_days") == 10 for p in REGIONS)
    assert yk.value("transfer.window")["after_term_start"] == "P1M"
    assert hlj.value("transfer.window")["scope"] == "inter_county_same_city"
    assert not ay.applies("transfer.same_grade")  # 安阳 is silent: the national (non-)rule stays


def test_suspension_terms():
    yk, hlj, cz = load_profile("yingkou"), load_profile("heilongjiang"), load_profile("changzhi")
    assert (yk.value("suspension.max_total"), yk.rule("suspension.max_total").force) == ("P24M", "warn")
    assert (cz.value("suspension.max_total"), cz.rule("suspension.max_total").force) == ("P24M", "block")
    assert (hlj.value("suspension.max_times"), hlj.rule("suspension.max_times").force) == (2, "block")
    assert hlj.value("resumption.apply_window") == "P15D"
    assert cz.value("resumption.grade") == ["original", "next"]


def test_punishments_and_appeals():
    hlj, cz = load_profile("heilongjiang"), load_profile("changzhi")
    assert hlj.value("punishment.kinds") == ["警告", "记过", "留校察看"]
    assert cz.value("punishment.kinds") == ["警告", "严重警告", "记过"]
    assert hlj.value("appeal.bureau_appeal_working_days") == 7
    assert hlj.value("appeal.bureau_answer_working_days") == 15
    assert not cz.applies("appeal.available")


def test_forms_have_the_exact_titles_of_the_regulations():
    def titles(pid, workflow):
        return [f["title"] for f in load_profile(pid).value(f"forms.{workflow}")]

    assert titles("yingkou", "transfer") == ["营口市义务教育阶段学生转学联系表"]
    assert titles("yingkou", "suspension") == ["营口市义务教育阶段学生休学复学申请表"]
    assert titles("yingkou", "abroad") == ["营口市义务教育阶段学生出国（出境）申请表"]
    assert titles("liangshan", "transfer") == ["义务教育阶段学生转学申请登记表"]
    assert titles("liangshan", "duplicate_resolution") == ["学生实际在校就读证明表"]
    assert titles("anyang_beiguan", "transfer") == ["转学备案汇总表"]
    assert titles("changzhi", "withdrawal") == ["山西省中小学生退学申请表"]
    assert titles("changzhi", "borrowed_study") == ["山西省中小学生借读申请表"]
    assert load_profile("yingkou").value("forms.transfer")[0]["copies"] == 2
    assert len(titles("changzhi", "registers")) == 8


@pytest.mark.parametrize("pid", ["national"] + REGIONS)
def test_forms_items_are_complete(pid):
    for rule in load_profile(pid).rules("forms."):
        for form in rule.value:
            assert set(form) == {"id", "title", "annex", "copies", "note"}, (rule.key, form)


CONTRADICTIONS = {  # RULES.md §9: each an explicit choice with a note the UI can show
    "changzhi": {"class_size_citation", "withdrawal_approvers", "resumption_grade", "borrowed_study",
                 "punishment_kinds"},
    "anyang_beiguan": {"in_district_transfer"},
    "heilongjiang": {"borrowed_study", "punishment_kinds", "mixed_modality"},
    "liangshan": {"mixed_modality"},
    "yingkou": set(),
}


@pytest.mark.parametrize("pid", REGIONS)
def test_contradictions_are_explicit_choices(pid):
    p = load_profile(pid)
    chosen = {r.key.removeprefix("contradictions.") for r in p.rules("contradictions.") if r.applies}
    assert chosen == CONTRADICTIONS[pid]
    for name in chosen:
        rule = p.rule(f"contradictions.{name}")
        assert rule.value["choice"] and rule.note and rule.article.startswith(p.document)
        target = p.rule(rule.value["rule"])  # the choice points at a real rule of this region
        assert target.applies and target.article.startswith(p.document)
    assert p.value("withdrawal.approvers") == (["school", "township_government", "bureau"]
                                               if pid == "changzhi" else ["school", "bureau"])


def test_rule_lookup_prefix_and_copies():
    p = load_profile("changzhi")
    transfer = p.rules("transfer.")
    assert transfer and all(r.key.startswith("transfer.") for r in transfer)
    assert p.rules("transfer.")[0].key == "transfer.reasons"  # in the order of national.toml
    p.value("punishment.kinds").append("开除")
    assert p.value("punishment.kinds") == ["警告", "严重警告", "记过"]
    with pytest.raises(ProfileError, match=r"changzhi: class_size\.primary_maxx: .*class_size\.primary_max"):
        p.rule("class_size.primary_maxx")
    assert load_profile("changzhi") is p  # cached


# ───────────────────────────── the validator, on bad files ─────────────────────────────

HEADER = '[meta]\nid = "{id}"\nname = "测试地区"\ndocument = "《测试规定》"\nfull_title = "测试规定"\n' \
         'extends = "national"\nformat = 1\n\n'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(paths.PROFILES_DIR / "national.toml", tmp_path / "national.toml")
    return tmp_path


def write(folder: Path, body: str, pid: str = "testregion", header: str | None = None) -> str:
    (folder / f"{pid}.toml").write_text((HEADER.format(id=pid) if header is None else header) + body,
                                        encoding="utf-8")
    return pid


def refused(folder: Path, pid: str = "testregion") -> str:
    with pytest.raises(ProfileError) as caught:
        load_profile(pid, directory=folder)
    return str(caught.value)


def test_a_good_region_file_overrides_leaf_by_leaf(folder):
    write(folder, '[class_size.primary_max]\nvalue = 48\narticle = "《测试规定》第一条"\nforce = "block"\n\n'
                  '[enrolment.report_all_by]\napplies = false\nnote = "本地区规定未作要求"\n')
    p = load_profile("testregion", directory=folder)
    assert p.rule("class_size.primary_max") == Rule("class_size.primary_max", 48, "《测试规定》第一条", "block")
    assert p.value("enrolment.report_all_by") == "09-30" and not p.applies("enrolment.report_all_by")
    assert p.rule("class_size.primary_standard") == load_profile("national", directory=folder).rule(
        "class_size.primary_standard")
    assert [pid for pid, _ in available_profiles(folder)] == ["national", "testregion"]


def test_unknown_key_is_refused_with_did_you_mean(folder):
    write(folder, '[enrolment.min_agee]\nvalue = 6\narticle = "《测试规定》第一条"\n')
    assert refused(folder) == "testregion.toml: enrolment.min_agee: 未知的键（是否想写 enrolment.min_age？）"


def test_unknown_section_and_leaf_attribute_are_refused(folder):
    write(folder, '[enrolmant.min_age]\nvalue = 6\narticle = "《测试规定》第一条"\n', "a")
    assert refused(folder, "a") == "a.toml: enrolmant: 未知的键（是否想写 enrolment？）"
    write(folder, '[enrolment.min_age]\nvalue = 6\nartcle = "《测试规定》第一条"\n', "b")
    assert refused(folder, "b").startswith("b.toml: enrolment.min_age.artcle: 未知的键（是否想写 enrolment.min_age.article？）")
    write(folder, '[enrolment.no_such_rule_at_all_here]\nvalue = 6\narticle = "《测试规定》第一条"\n', "c")
    assert "c.toml: enrolment.no_such_rule_at_all_here: 未知的键" in refused(folder, "c")


def test_wrong_type_is_refused(folder):
    write(folder, '[enrolment.min_age]\nvalue = "6"\narticle = "《测试规定》第一条"\n')
    assert refused(folder) == ("testregion.toml: enrolment.min_age.value: 类型应为整数（与 national.toml 一致），"
                               "实际为字符串")


def test_wrong_shapes_inside_values_are_refused(folder):
    write(folder, '[enrolment.period]\nvalue = { start = "08-01", ende = "09-30" }\narticle = "《测试规定》第一条"\n', "a")
    assert refused(folder, "a").startswith(
        "a.toml: enrolment.period.value.ende: 未知的键（是否想写 enrolment.period.value.end？）")
    write(folder, '[enrolment.age_cutoff]\nvalue = "8-31"\narticle = "《测试规定》第一条"\n', "b")
    assert "b.toml: enrolment.age_cutoff.value: “8-31”应为 MM-DD" in refused(folder, "b")
    write(folder, '[enrolment.archive_deadline]\nvalue = "一个月"\narticle = "《测试规定》第一条"\n', "c")
    assert "c.toml: enrolment.archive_deadline.value: “一个月”应为 ISO-8601 期限" in refused(folder, "c")
    write(folder, '[transfer.reasons]\nvalue = [{ id = "move", label = "迁居", evidense = [] }]\n'
                  'article = "《测试规定》第一条"\n', "d")
    assert refused(folder, "d") == ("d.toml: transfer.reasons.value[0].evidense: "
                                    "未知的键（是否想写 transfer.reasons.value[0].evidence？）")
    write(folder, '[info_change.key_fields]\nvalue = ["姓名", 2]\narticle = "《测试规定》第一条"\n', "e")
    assert "e.toml: info_change.key_fields.value[1]: 类型应为字符串" in refused(folder, "e")
    write(folder, '[enrolment]\nmin_age = 6\n', "f")
    assert refused(folder, "f") == "f.toml: enrolment.min_age: 应为表 [enrolment.min_age]（规则），不能直接赋值"


def test_missing_article_is_refused(folder):
    write(folder, '[enrolment.min_age]\nvalue = 6\nforce = "block"\n')
    assert refused(folder).startswith("testregion.toml: enrolment.min_age: 缺少 article")
    write(folder, '[enrolment.min_age]\nvalue = 6\narticle = "第三条"\n', "a")
    assert refused(folder, "a").startswith("a.toml: enrolment.min_age.article: 条文出处“第三条”应以书名号中的简称开头")
    write(folder, '[enrolment.min_age]\napplies = false\n', "b")
    assert "b.toml: enrolment.min_age: applies = false 时须写 article" in refused(folder, "b")


def test_bad_force_is_refused(folder):
    write(folder, '[enrolment.min_age]\nvalue = 6\narticle = "《测试规定》第一条"\nforce = "must"\n')
    assert refused(folder) == "testregion.toml: enrolment.min_age.force: 无效的 force 值“must”（应为 block、warn 或 info）"
    write(folder, '[transfer.refusals]\nvalue = [{ id = "x", label = "x", force = "stop" }]\n'
                  'article = "《测试规定》第一条"\n', "a")
    assert refused(folder, "a").startswith("a.toml: transfer.refusals.value[0].force: 无效的 force 值“stop”")


def test_meta_problems_are_refused(folder):
    header = HEADER.format(id="testregion").replace('extends = "national"', 'extends = "nationl"')
    write(folder, "", header=header)
    assert refused(folder) == "testregion.toml: meta.extends: 未知的基础配置“nationl”（是否想写 national？）"
    write(folder, "", "a", header=HEADER.format(id="b"))
    assert refused(folder, "a") == "a.toml: meta.id: “b”与文件名不一致（应为 a）"
    write(folder, "", "c", header=HEADER.format(id="c").replace("format = 1", "format = 2"))
    assert refused(folder, "c") == "c.toml: meta.format: 格式版本 2 高于本程序支持的 1，请升级学籍桌面"
    write(folder, "", "d", header=HEADER.format(id="d").replace("name =", "nmae ="))
    assert refused(folder, "d") == "d.toml: meta.nmae: 未知的键（是否想写 meta.name？）"
    write(folder, "", "e", header=HEADER.format(id="e").replace('extends = "national"\n', ""))
    assert refused(folder, "e").startswith("e.toml: meta.extends: 缺少必填项")
    with pytest.raises(ProfileError, match="nowhere.toml: 找不到地区配置文件"):
        load_profile("nowhere", directory=folder)


def test_toml_syntax_error_names_the_line(folder):
    write(folder, '[enrolment.min_age]\nvalue = 6\narticle = "《测试规定》第一条\n')
    message = refused(folder)
    assert message.startswith("testregion.toml: 第 11 行第 21 列: TOML 语法错误")


def test_a_broken_baseline_is_refused(tmp_path):
    (tmp_path / "national.toml").write_text(
        '[meta]\nid = "national"\nname = "国家"\ndocument = "《办法》"\nfull_title = "办法"\nformat = 1\n\n'
        '[enrolment.min_age]\narticle = "《办法》第一条"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"^national\.toml: enrolment\.min_age: 缺少 value$"):
        load_profile("national", directory=tmp_path)
