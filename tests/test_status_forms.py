"""The status-change forms (休学, 复学, 出国（出境）, 退学, 借读, 关键信息变更): every profile id is
registered with its title, every annex label and value prints, a decision lands in its box whatever
the case calls the party, pending boxes stay blank, blank forms render, 营口's 一式三份 prints."""

from __future__ import annotations

import io
import re
from datetime import date

import pypdf
import pytest

from xueji_desktop.core.forms.fonts import MissingGlyphError
from xueji_desktop.core.forms.status_forms import (
    CASE_KEYS,
    FORM_KINDS,
    STATUS_FORMS,
    build_status_form,
    layout_labels,
    render_status_form,
)
from xueji_desktop.core.region_profiles.profiles import available_profiles, load_profile

SCHOOL = {"学校名称": "营口市站前区建设小学", "学校标识码": "2121080123"}
PRINTED = date(2026, 10, 23)

CASE: dict[str, object] = {
    "案件编号": "XX-2026-0003", "学生姓名": "𠮷祥", "性别": "男", "出生日期": "2015-03-08", "民族": "彝族",
    "身份证件号": "513401201503080031", "学籍号": "G513401201503080031", "年级": "四年级", "班级": "（2）班",
    "家庭住址": "四川省凉山彝族自治州西昌市长安街道马道社区幸福小区12号楼3单元502室",
    "户籍所在地": "四川省凉山彝族自治州西昌市", "联系电话": "0834-3221234",
    "监护人": [
        {"称谓": "父亲", "姓名": "王喆", "工作单位": "西昌市建设有限公司", "联系电话": "13904171234"},
        {"称谓": "母亲", "姓名": "李㛃", "工作单位": "西昌市人民医院", "联系电话": "13804175678"},
    ],
    "申请类别": "休学",
    "申请理由": "父母双方出国工作一年以上，学生因病住院治疗，医院建议休息治疗六个月。",
    "证明材料": ["县级以上医院诊断证明", "住院收费收据"],
    "休学起止": "2026-11-01 至 2027-10-31", "复学年级": "五年级", "复学时间": "2027-11-01",
    "前往国家（地区）": "新加坡", "借读学校": "太原市迎泽区新建路小学", "借读起止": "2026-09-01 至 2027-07-15",
    "退学原因": "出国出境定居",
    "变更事项": [{"项目": "姓名", "原内容": "王吉祥", "变更后内容": "𠮷祥"},
              {"项目": "出生日期", "原内容": "2015-03-18", "变更后内容": "2015-03-08"}],
    "申请日期": "2026-10-20",
    "审批": [{"环节": "学校", "意见": "同意", "经办人": "张校长", "日期": "2026-10-22"}],
}
CATEGORY = {  # the 申请类别 each form is filled for (the two-part forms are tried with both halves)
    "yk_abroad": "出国（出境）", "generic_abroad": "出国（出境）", "cz_withdrawal": "退学",
    "cz_borrowed_study": "借读", "generic_key_change": "关键信息变更", "generic_resumption": "复学",
}
TWO_PART = ("yk_suspension_resumption", "ls_suspension_resumption", "cz_suspension_resumption")
FILLED = [(fid, CATEGORY.get(fid, "休学")) for fid in STATUS_FORMS] + [(fid, "复学") for fid in TWO_PART]

# The labels each annex (or, for the designed forms, its articles) gives, written out by hand so a
# label dropped from a layout fails here as well as in the check against the layout itself.
PUPIL = ["学生姓名", "性别", "出生日期", "身份证件号", "民族", "学籍号", "家庭住址", "父母或其他法定监护人情况",
         "称谓", "姓名", "工作单位", "联系电话"]
CZ_SIGNS = ["学校意见", "学校负责人签字：", "学校（盖章）", "审批人：", "（盖章）", "年月日"]
GENERIC_SIGNS = ["学校意见", "主管教育行政部门意见", "核办人：", "盖章：", "学生家长（监护人）签名：", "年月日"]
ANNEX_LABELS: dict[str, list[str]] = {
    "yk_suspension_resumption": [  # 《营口市规定》附件2
        "营口市义务教育阶段学生休学复学申请表", "学校", "姓名", "性别", "年级班级", "出生日期", "全国学籍号",
        "身份证号", "监护人姓名", "联系电话", "申请休学理由", "家长签名：", "学生签名：", "年月日", "学校意见",
        "校长签名：", "（盖章）", "学籍管理部门意见", "签名：", "申请复学理由", "休学时间", "复学时间",
        "新编入班级", "备注", "本表由学生监护人负责填写，学校审核上报。",
        "本表一式三份，学生、学校、学籍管理部门各一份。",
    ],
    "yk_abroad": [  # 《营口市规定》附件3
        "营口市义务教育阶段学生出国（出境）申请表", "学校", "姓名", "性别", "年级班级", "出生日期", "全国学籍号",
        "身份证号", "监护人姓名", "联系电话", "申请理由", "家长签名：", "学生姓名：", "年月日", "班主任意见",
        "签名：", "学校意见", "核办人：", "盖章：", "主管教育行政部门意见", "复学时间", "复学编入班级", "备注",
        "说明：本表由学生父母或其他法定监护人填写，须附相关证明材料，学校同意后在全国学籍系统中办理。",
    ],
    "ls_suspension_resumption": [  # 《凉山州规定》附表2 (its 学校(章) and 休(复) in full-width brackets)
        "义务教育阶段学生休（复）学申请表", "姓名", "性别", "照片", "出生日期", "民族", "学籍号", "居民身份证号",
        "户籍所在地", "家庭地址", "监护人情况", "称谓", "工作单位", "联系电话", "休学年级班级", "拟休学时间",
        "复学年级班级", "复学时间", "申请休（复）学理由【休（复）学证明材料附后】", "休学", "复学",
        "监护人签名：", "年月日", "学校意见", "学校（章）：", "主管教育局意见", "教育局（章）", "说明：",
        "1.本申请表可作为休学信息和休学电子证明材料使用。",
        "2.使用本申请表时，家长还需同时向学校提交学生的休（复）学的相关证明，学校签署意见和盖章后，"
        "主管教育局审核所上交的材料并签署意见并盖章，由学校存档。",
        "3.休（复）学时间请严格按《管理细则》的规定时限执行。",
    ],
    "cz_suspension_resumption": [  # 《长治市实施细则》第二十三条、第二十四条
        "山西省中小学生休学、复学申请表", *PUPIL, "就读学校", "年级", "班级", "申请类别", "休学", "延长休学",
        "复学", "证明材料", "县级以上医疗单位检查并出具的证明及相关材料", "县级以上公安或民政、劳动等有关部门的证明",
        "县级以上医院诊断证明或其他相关证明", "其他：", "休学起止", "复学年级", "申请休学（延长休学）理由",
        "申请复学理由", "监护人签名：", "学籍主管部门意见", *CZ_SIGNS, "医院等出具的有关证明作为本表的附件保存备查",
        "至多可休学两年", "也可以到下一年级就读",
    ],
    "cz_borrowed_study": [  # 第二十五条至第二十七条
        "山西省中小学生借读申请表", *PUPIL, "原就读学校", "年级", "班级", "借读学校", "借读年级", "借读起止",
        "借读情形", "父母双方出国工作一年以上", "父母双方长期从事野外工作或流动性工作",
        "父母双方支援边疆建设且在当地就读有困难", "解放军边防指战员的子女", "烈士的子女", "华侨、归侨的子女",
        "港澳同胞、台湾同胞的子女", "在我省工作的外籍专家的子女", "证明材料", "所在单位和原校证明",
        "借读所在地亲属户籍证明", "原校学籍基础信息表复印件", "申请借读理由", "监护人签名：", "原就读学校意见",
        "借读学校意见", "借读学校主管教育行政部门意见", *CZ_SIGNS[1:], "盖章：", "与原校相同的年级",
        "学籍保留在原学校",
    ],
    "cz_withdrawal": [  # 第二十八条至第三十条
        "山西省中小学生退学申请表", *PUPIL, "就读学校", "年级", "班级", "退学原因", "因病因故丧失学习能力",
        "出国出境定居", "（普通高中）因患不能治愈的重症或患严重的传染疾病已休学两年",
        "（普通高中）因意外伤害性事故导致严重的智力障碍或生活不能自理",
        "（普通高中）经司法部门判刑或被采取强制性教育措施", "证明材料", "县级以上医疗单位证明",
        "学生本人护照复印件", "《居民户口簿》复印件", "前往国家（地区）", "申请退学理由", "学生本人或监护人签名：",
        "乡镇（街道）人民政府意见（义务教育阶段填写）", "县级教育行政部门（学籍主管部门）意见", *CZ_SIGNS,
        "盖章：", "按学校隶属关系报所在乡镇（街道）人民政府批准",
    ],
    "generic_suspension": [
        "学生休学申请表", *PUPIL, "就读学校", "年级", "班级", "申请类别", "休学", "延长休学", "休学起止",
        "证明材料", "申请休学理由", *GENERIC_SIGNS,
    ],
    "generic_resumption": [
        "学生复学申请表", *PUPIL, "就读学校", "年级", "班级", "休学起止", "复学年级", "证明材料", "申请复学理由",
        *GENERIC_SIGNS,
    ],
    "generic_abroad": [
        "学生出国（出境）申请表", *PUPIL, "就读学校", "年级", "班级", "前往国家（地区）", "证明材料", "申请理由",
        *GENERIC_SIGNS, "回国（入境）复学时间", "复学年级",
    ],
    "generic_key_change": [
        "学生学籍关键信息变更申请表", *PUPIL, "就读学校", "年级", "班级", "变更事项", "项目", "原内容", "变更后内容",
        "证明材料", "《居民户口簿》", "居民身份证", "公安部门出具的户籍证明", "其他：", "申请变更理由",
        *GENERIC_SIGNS,
    ],
}

# The case keys whose values each form prints (the layouts do not all ask for the same facts).
BASE_KEYS = ("学生姓名", "性别", "出生日期", "身份证件号", "学籍号", "申请理由", "申请日期", "案件编号")
FULL_KEYS = (*BASE_KEYS, "民族", "年级", "班级", "家庭住址")
PRINTED_KEYS: dict[str, tuple[str, ...]] = {
    "yk_suspension_resumption": (*BASE_KEYS, "联系电话", "休学起止", "复学时间", "复学年级"),
    "yk_abroad": (*BASE_KEYS, "联系电话", "前往国家（地区）", "复学时间", "复学年级"),
    "ls_suspension_resumption": (*FULL_KEYS, "户籍所在地", "休学起止", "复学年级", "复学时间"),
    "cz_suspension_resumption": (*FULL_KEYS, "休学起止", "复学年级"),
    "cz_borrowed_study": (*FULL_KEYS, "借读学校", "借读起止"),
    "cz_withdrawal": (*FULL_KEYS, "退学原因", "前往国家（地区）"),
    "generic_suspension": (*FULL_KEYS, "联系电话", "休学起止"),
    "generic_resumption": (*FULL_KEYS, "联系电话", "休学起止", "复学年级"),
    "generic_abroad": (*FULL_KEYS, "联系电话", "前往国家（地区）", "复学时间", "复学年级"),
    "generic_key_change": (*FULL_KEYS, "联系电话"),
}


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _render(form_id: str, case, school=SCHOOL) -> tuple[int, str]:
    out = io.BytesIO()
    pages = render_status_form(form_id, case, school, out, printed_on=PRINTED)
    texts = [_flat(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(out.getvalue())).pages]
    assert len(texts) == pages
    return pages, "".join(texts)


def _case(form_id: str, kind: str | None = None, **changes) -> dict:
    return dict(CASE, 申请类别=kind or CATEGORY.get(form_id, "休学"), **changes)


def test_every_profile_form_id_is_registered_with_its_title():
    seen = set()
    for profile_id, _ in available_profiles():
        profile = load_profile(profile_id)
        for kind in FORM_KINDS:
            for item in profile.value(f"forms.{kind}") or []:
                spec = STATUS_FORMS[item["id"]]
                assert spec.title == item["title"], item["id"]
                assert spec.annex == item["annex"], item["id"]
                seen.add(item["id"])
    assert seen == set(STATUS_FORMS)
    assert set(ANNEX_LABELS) == set(PRINTED_KEYS) == set(STATUS_FORMS)
    assert load_profile("national").value("forms.info_change")[0]["id"] == "generic_key_change"
    assert set(CASE) <= set(CASE_KEYS)


@pytest.mark.parametrize(("form_id", "kind"), FILLED)
def test_filled_form_prints_every_label_and_value(form_id, kind):
    case = _case(form_id, kind)
    form = build_status_form(form_id, case, SCHOOL, PRINTED)
    pages, text = _render(form_id, case)
    assert pages == 1
    layout = [_flat(label) for label in layout_labels(form)]
    assert len(layout) > 15
    for label in layout + ANNEX_LABELS[form_id]:
        assert _flat(label) in text, label
    for key in PRINTED_KEYS[form_id]:
        assert _flat(str(case[key])) in text, key
    for proof in case["证明材料"]:
        assert proof in text, proof
    assert "𠮷祥" in text and "王喆" in text
    assert "同意" in text and "张校长" in text and "2026-10-22" in text  # the school's decision
    assert "编号：XX-2026-0003" in text and "打印日期：2026年10月23日" in text
    assert form.title == STATUS_FORMS[form_id].title


@pytest.mark.parametrize("form_id", [f for f in STATUS_FORMS if not f.startswith("yk_")])
def test_guardians_print_in_full(form_id):
    _, text = _render(form_id, _case(form_id))
    for g in CASE["监护人"]:
        assert "".join(g.values()) in text, g
    assert "李㛃" in text


@pytest.mark.parametrize("form_id", ["yk_suspension_resumption", "yk_abroad"])
def test_yingkou_prints_the_guardians_names_and_the_family_phone(form_id):
    _, text = _render(form_id, _case(form_id))
    assert "监护人姓名王喆、李㛃联系电话0834-3221234" in text
    assert "年级班级四年级（2）班" in text and "学校营口市站前区建设小学" in text
    _, text = _render(form_id, _case(form_id, 联系电话=""))
    assert "联系电话13904171234" in text  # the first guardian's phone when the case has none


def test_two_part_forms_fill_only_the_half_of_the_case():
    _, text = _render("yk_suspension_resumption", _case("yk_suspension_resumption"))
    assert ("申请休学理由父母双方出国工作一年以上，学生因病住院治疗，医院建议休息治疗六个月。"
            "附：县级以上医院诊断证明、住院收费收据家长签名：学生签名：2026-10-20"
            "学校意见同意校长签名：张校长（盖章）2026-10-22学籍管理部门意见签名：（盖章）年月日"
            "申请复学理由家长签名：学生签名：年月日学校意见校长签名：（盖章）年月日学籍管理部门意见签名：（盖章）年月日"
            ) in text
    _, text = _render("yk_suspension_resumption", _case("yk_suspension_resumption", "复学"))
    assert ("申请休学理由家长签名：学生签名：年月日学校意见校长签名：（盖章）年月日学籍管理部门意见签名：（盖章）年月日"
            "申请复学理由父母双方") in text
    assert "学校意见同意校长签名：张校长（盖章）2026-10-22学籍管理部门意见签名：（盖章）年月日休学时间" in text
    _, text = _render("yk_suspension_resumption", _case("yk_suspension_resumption", "延长休学"))
    assert "申请休学理由申请延长休学：父母双方" in text

    _, text = _render("ls_suspension_resumption", _case("ls_suspension_resumption"))
    assert "监护人签名：2026-10-20监护人签名：年月日" in text  # 休学 | 复学 side by side
    assert "学校意见同意（经办人：张校长）学校（章）：2026-10-22学校（章）：年月日" in text
    _, text = _render("ls_suspension_resumption", _case("ls_suspension_resumption", "复学"))
    assert "休学复学监护人签名：年月日父母双方" in text
    assert "学校意见学校（章）：年月日同意（经办人：张校长）学校（章）：2026-10-22" in text

    _, text = _render("cz_suspension_resumption", _case("cz_suspension_resumption", "复学"))
    assert "申请休学（延长休学）理由监护人签名：年月日学校意见学校负责人签字：学校（盖章）年月日" in text
    assert "申请复学理由父母双方" in text and "申请类别□休学□延长休学☑复学" in text


def test_tick_boxes_follow_the_case():
    extension = ["县级以上医院诊断证明或其他相关证明", "住院收费收据"]  # as 长治's profile names it
    _, text = _render("cz_suspension_resumption", _case("cz_suspension_resumption", "延长休学", 证明材料=extension))
    assert "申请类别□休学☑延长休学□复学" in text
    assert "☑县级以上医院诊断证明或其他相关证明（延长休学）" in text and "☑其他：住院收费收据" in text
    _, text = _render("generic_suspension", _case("generic_suspension", "延长休学"))
    assert "申请类别□休学☑延长休学" in text
    _, text = _render("cz_withdrawal", _case("cz_withdrawal"))
    assert "□因病因故丧失学习能力☑出国出境定居" in text
    _, text = _render("cz_borrowed_study", _case("cz_borrowed_study", 证明材料=["所在单位和原校证明"]))
    assert "☑父母双方出国工作一年以上□父母双方长期" in text  # named in the 申请理由
    assert "☑所在单位和原校证明□借读所在地亲属户籍证明" in text and "□其他：" in text
    _, text = _render("generic_key_change", _case("generic_key_change", 证明材料=["《居民户口簿》或其他证明文件"]))
    assert "☑《居民户口簿》□居民身份证" in text
    assert "变更事项项目原内容变更后内容姓名王吉祥𠮷祥出生日期2015-03-182015-03-08" in text


def test_decisions_land_in_their_boxes_whatever_the_party_is_called():
    steps = [{"环节": "class_teacher", "意见": "同意", "经办人": "李老师", "日期": "2026-10-21"},
             {"环节": "县级教育行政部门", "意见": "准予出国", "经办人": "赵科长", "日期": "2026-10-25"},
             {"环节": "市教育局", "意见": "另有意见", "经办人": "钱处长", "日期": "2026-10-26"}]
    _, text = _render("yk_abroad", _case("yk_abroad", 审批=steps))
    assert "班主任意见同意签名：李老师2026-10-21" in text
    assert "学校意见核办人：盖章：年月日" in text  # the school has not decided yet
    assert "主管教育行政部门意见准予出国核办人：赵科长盖章：2026-10-25" in text
    assert "钱处长" not in text  # a party the form has no box for

    steps = [{"环节": "school", "意见": "同意", "经办人": "张校长", "日期": "2026-10-22"},
             {"环节": "乡镇人民政府", "意见": "同意", "经办人": "刘乡长", "日期": "2026-10-24"}]
    _, text = _render("cz_withdrawal", _case("cz_withdrawal", 审批=steps))
    assert "乡镇（街道）人民政府意见（义务教育阶段填写）同意审批人：刘乡长（盖章）2026-10-24" in text
    assert "县级教育行政部门（学籍主管部门）意见审批人：盖章：年月日" in text

    steps = [{"环节": "转入学校", "意见": "同意接收", "经办人": "孙校长", "日期": "2026-08-20"},
             {"环节": "转入地教育行政部门", "意见": "准予借读", "经办人": "周科长", "日期": "2026-08-25"}]
    _, text = _render("cz_borrowed_study", _case("cz_borrowed_study", 审批=steps))
    assert "原就读学校意见学校负责人签字：学校（盖章）年月日" in text
    assert "借读学校意见同意接收学校负责人签字：孙校长学校（盖章）2026-08-20" in text
    assert "借读学校主管教育行政部门意见准予借读审批人：周科长盖章：2026-08-25" in text


def test_return_from_abroad_leaves_the_departure_boxes_alone():
    case = _case("yk_abroad", "入境复学", 申请理由="回国继续就读", 复学时间="2028-09-01", 复学年级="六年级",
                 复学班级="（1）班")
    _, text = _render("yk_abroad", case)
    assert "回国继续就读" not in text and "张校长" not in text
    assert "复学时间2028-09-01复学编入班级六年级（1）班" in text
    _, text = _render("generic_abroad", case)
    assert "张校长" not in text and "回国（入境）复学时间2028-09-01复学年级六年级" in text


@pytest.mark.parametrize("form_id", list(STATUS_FORMS))
@pytest.mark.parametrize("case", [None, {}])
def test_blank_form_renders_with_every_label(form_id, case):
    form = build_status_form(form_id, case, SCHOOL, PRINTED)
    pages, text = _render(form_id, case)
    assert pages == 1
    for label in [*layout_labels(form), *ANNEX_LABELS[form_id]]:
        assert _flat(label) in text, label
    for v in ("𠮷祥", "XX-2026-0003", "打印日期", "2026-10-20", "张校长", "☑"):
        assert v not in text, v
    assert text.count("年月日") >= 2  # the boxes to sign and stamp


def test_copies_note_where_the_profile_asks_for_three():
    checked = set()
    for profile_id, _ in available_profiles():
        profile = load_profile(profile_id)
        for kind in FORM_KINDS:
            for item in profile.value(f"forms.{kind}") or []:
                _, text = _render(item["id"], _case(item["id"]))
                if item["copies"] == 3:
                    assert "本表一式三份，学生、学校、学籍管理部门各一份。" in text, item["id"]
                    checked.add(item["id"])
                else:
                    assert "一式" not in text, item["id"]
    assert checked == {"yk_suspension_resumption"}
    assert load_profile("yingkou").value("forms.suspension")[0]["copies"] == 3


@pytest.mark.parametrize("form_id", list(STATUS_FORMS))
def test_long_values_keep_the_form_on_one_sheet(form_id):
    long = _case(form_id, 申请理由="学生因病住院治疗，出院后仍需卧床休养，医院建议休息治疗六个月以上，无法正常到校学习。" * 5,
                 家庭住址="新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路街道办事处红旗社区第三居民小组幸福巷178号",
                 证明材料=["县级以上医院诊断证明", "住院收费收据", "入（出）院证", "费用结算清单", "户口簿复印件"])
    pages, text = _render(form_id, long)
    assert pages == 1
    assert "无法正常到校学习。" in text


def test_refusals():
    with pytest.raises(ValueError, match="监护人"):
        build_status_form("generic_suspension", dict(CASE, 监护人=[{}, {}, {}]), SCHOOL, PRINTED)
    with pytest.raises(ValueError, match="变更"):
        build_status_form("generic_key_change", dict(CASE, 变更事项=[{"项目": "姓名"}] * 9), SCHOOL, PRINTED)
    with pytest.raises(ValueError, match="申请类别"):
        build_status_form("yk_suspension_resumption", dict(CASE, 申请类别="留级"), SCHOOL, PRINTED)
    with pytest.raises(KeyError):
        build_status_form("no_such_form", {}, SCHOOL, PRINTED)


def test_unprintable_character_writes_nothing(tmp_path):
    path = tmp_path / "t.pdf"
    with pytest.raises(MissingGlyphError):
        render_status_form("ls_suspension_resumption", dict(CASE, 学生姓名="张\ue000"), SCHOOL, path,
                           printed_on=PRINTED)
    assert list(tmp_path.iterdir()) == []
