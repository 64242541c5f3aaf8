"""The transfer (转学) forms: every annex label prints, values and recorded decisions print, the
pending boxes stay blank, blank forms render, the 转学备案汇总表 pages with its header repeated."""

from __future__ import annotations

import io
import re
from datetime import date

import pypdf
import pytest

from xueji_desktop.core.forms.fonts import MissingGlyphError
from xueji_desktop.core.forms.transfer_forms import (
    TRANSFER_FORMS,
    build_transfer_form,
    layout_labels,
    render_transfer_form,
)
from xueji_desktop.core.region_profiles.profiles import available_profiles, load_profile

SCHOOL = {"学校名称": "营口市站前区建设小学", "学校标识码": "2121080123"}
PRINTED = date(2025, 3, 4)

CASE: dict[str, object] = {
    "学生姓名": "𠮷祥", "性别": "男", "出生日期": "2015-03-08", "民族": "满族",
    "身份证件号": "210802201503080031", "学籍号": "G210802201503080031",
    "现家庭住址": "辽宁省营口市站前区建设街道红旗社区幸福小区12号楼3单元502室",
    "户籍所在地": "辽宁省营口市站前区", "现就读学校": "大连市甘井子区红旗小学", "现读年级": "四年级",
    "转出学校联系电话": "0411-86651234", "拟转入学校": "营口市站前区建设小学", "拟读年级": "五年级",
    "转入学校联系电话": "0417-2856789",
    "转学原因": "父母工作调动至营口市，全家户籍已迁入营口市站前区。",
    "转学类型": "返市生", "省内或跨省": "省内",
    "监护人": [
        {"称谓": "父亲", "姓名": "王喆", "工作单位": "营口港务集团有限公司", "联系电话": "13904171234"},
        {"称谓": "母亲", "姓名": "李㛃", "工作单位": "营口市中心医院", "联系电话": "13804175678"},
    ],
    "申请日期": "2025年3月3日", "案件编号": "ZX-2025-0007",
    "审批": [{"环节": "转入学校", "意见": "同意接收", "经办人": "张校长", "日期": "2025年3月4日"}],
}

# The labels each annex (or, for the designed forms, its article) gives, written out by hand so a
# label dropped from a layout fails here as well as in the check against the layout itself.
ANNEX_LABELS: dict[str, list[str]] = {
    "yk_transfer_contact": [  # 《营口市规定》附件1
        "营口市义务教育阶段学生转学联系表", "学生姓名", "性别", "学籍号", "现家庭住址", "户籍所在地",
        "现就读学校", "现读年级", "联系电话", "拟转入学校", "拟读年级", "父母或其他法定监护人情况",
        "称谓", "姓名", "工作单位", "申请转学理由", "学生家长（监护人）签名：", "转入学校意见",
        "转入学校主管教育行政部门意见", "核办人：", "盖章：", "年月日", "说明：",
        "1.本表适用于外省学生转入本省及省内学生转学申请。", "2.本表1式2份，由转入学校和教育局分别留存。",
    ],
    "ls_transfer_application": [  # 《凉山州规定》附表1
        "义务教育阶段学生转学申请登记表", "姓名", "性别", "照片", "出生日期", "民族", "学籍号",
        "居民身份证号", "户籍所在地", "家庭地址", "父母或监护人情况", "称谓", "工作单位", "联系电话",
        "原就读学校名称", "原就读学校联系电话", "申请转学理由", "家长或监护人签名：", "拟转入学校意见",
        "学校（章）", "年月日", "说明：", "1.本申请表可作为转学联系信息和转学电子证明材料使用。",
        "2.全国学籍系统使用本申请表作为转学电子证明材料时，只需拟转入学校签署意见和盖章。",
        "3.用于其他用途时，由当地教育主管部门确定需要签署意见和盖章的各方单位。",
    ],
    "generic_transfer": [  # 营口 style, the four parties of 《黑龙江省实施细则》第二十四条（五）
        "学生转学申请表", "学生姓名", "性别", "出生日期", "身份证件号", "民族", "学籍号", "现家庭住址",
        "户籍所在地", "现就读学校", "现读年级", "联系电话", "拟转入学校", "拟读年级",
        "父母或其他法定监护人情况", "称谓", "姓名", "工作单位", "申请转学理由", "学生家长（监护人）签名：",
        "转入学校意见", "转入学校主管教育行政部门意见", "转出学校意见", "转出学校主管教育行政部门意见",
        "核办人：", "盖章：", "年月日",
    ],
    "cz_transfer": [  # 《长治市实施细则》第十八条
        "山西省中小学生转学申请表", "学生姓名", "性别", "出生日期", "身份证件号", "民族", "学籍号",
        "现家庭住址", "户籍所在地", "现就读学校", "现读年级", "联系电话", "拟转入学校", "拟读年级",
        "父母或其他法定监护人情况", "称谓", "姓名", "工作单位", "转学相关证明材料", "户籍迁移证明",
        "家长工作调动证明", "省级学业水平考试证明", "申请转学理由", "学生家长（监护人）签名：",
        "转出学校意见", "转入学校意见", "学校负责人签字：", "学校（盖章）", "转出学校学籍主管部门意见",
        "转入学校学籍主管部门意见", "审批人：", "市教育行政部门意见（普通高中转学填写）", "年月日",
    ],
    "ay_transfer_summary": [  # 《安阳市北关区办法》第十条（二）、（三）
        "转学备案汇总表", "学校名称", "学校标识码", "报送日期", "序号", "学生姓名", "性别",
        "身份证件号/学籍号", "转出学校", "转入学校", "年级", "转学类型", "省内/跨省", "转学原因", "佐证材料",
        "备注", "填表人（学籍员）签字：", "学校负责人签字：", "学校（盖章）", "区教育局教育股核查意见：",
        "返市生", "进城务工子女", "其他", "每周二", "河南省学籍管理服务平台",
    ],
}

# The case keys whose values each form prints (the annexes do not all ask for the same facts).
PRINTED_KEYS: dict[str, tuple[str, ...]] = {
    "yk_transfer_contact": ("学生姓名", "性别", "学籍号", "现家庭住址", "户籍所在地", "现就读学校", "现读年级",
                            "转出学校联系电话", "拟转入学校", "拟读年级", "转入学校联系电话", "转学原因",
                            "申请日期", "案件编号"),
    "ls_transfer_application": ("学生姓名", "性别", "出生日期", "民族", "学籍号", "身份证件号", "户籍所在地",
                                "现家庭住址", "现就读学校", "转出学校联系电话", "转学原因", "申请日期",
                                "案件编号"),
    "ay_transfer_summary": ("学生姓名", "性别", "身份证件号", "学籍号", "现就读学校", "拟转入学校", "拟读年级",
                            "转学类型", "省内或跨省", "转学原因"),
}
FULL_FORMS = ("generic_transfer", "cz_transfer")  # print every scalar key of the case
CASE_FORMS = [fid for fid, spec in TRANSFER_FORMS.items() if spec.kind == "case"]


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _pages(pdf: bytes) -> list[str]:
    return [_flat(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _render(form_id: str, cases: list, school=SCHOOL) -> tuple[int, list[str]]:
    out = io.BytesIO()
    pages = render_transfer_form(form_id, cases, school, out, printed_on=PRINTED)
    return pages, _pages(out.getvalue())


def _printed_values(form_id: str) -> list[str]:
    keys = PRINTED_KEYS.get(form_id) or [k for k, v in CASE.items() if isinstance(v, str)
                                         and k not in ("转学类型", "省内或跨省")]
    return [str(CASE[k]) for k in keys]


def test_every_profile_form_id_is_registered_with_its_title():
    seen = set()
    for profile_id, _ in available_profiles():
        for item in load_profile(profile_id).value("forms.transfer") or []:
            spec = TRANSFER_FORMS[item["id"]]
            assert spec.title == item["title"], item["id"]
            assert spec.annex == item["annex"], item["id"]
            seen.add(item["id"])
    assert seen == set(TRANSFER_FORMS)
    assert set(ANNEX_LABELS) == set(TRANSFER_FORMS)
    assert load_profile("heilongjiang").value("forms.transfer")[0]["id"] == "generic_transfer"


@pytest.mark.parametrize("form_id", list(TRANSFER_FORMS))
def test_filled_form_prints_every_label_and_value(form_id):
    form = build_transfer_form(form_id, [CASE], SCHOOL, PRINTED)
    pages, texts = _render(form_id, [CASE])
    assert pages == 1
    text = "".join(texts)
    layout = [_flat(label) for label in layout_labels(form)]
    assert len(layout) > 10
    for label in layout + ANNEX_LABELS[form_id]:
        if label != "年月日" or form_id != "ls_transfer_application":  # both its dates are recorded
            assert _flat(label) in text, label
    for v in _printed_values(form_id):
        assert _flat(v) in text, v
    assert "𠮷祥" in text
    assert form.title == TRANSFER_FORMS[form_id].title


@pytest.mark.parametrize("form_id", CASE_FORMS)
def test_case_form_prints_guardians_and_the_recorded_decision(form_id):
    _, texts = _render(form_id, [CASE])
    text = texts[0]
    for g in CASE["监护人"]:
        for v in g.values():
            assert v in text, v
    assert "王喆" in text and "李㛃" in text
    assert "同意接收" in text and "张校长" in text and "2025年3月4日" in text
    assert "编号：ZX-2025-0007" in text and "打印日期：2025年3月4日" in text


def test_pending_steps_leave_their_boxes_blank():
    case = dict(CASE, 审批=[
        {"环节": "转入学校", "意见": "同意", "经办人": "张校长", "日期": "2025年3月4日"},
        {"环节": "转出学校", "意见": "同意", "经办人": "赵主任", "日期": "2025年3月6日"},
    ])
    _, (text,) = _render("generic_transfer", [case])
    assert "转入学校意见同意核办人：张校长盖章：2025年3月4日" in text
    assert "转出学校意见同意核办人：赵主任盖章：2025年3月6日" in text
    assert text.count("核办人：盖章：年月日") == 2  # the two bureaus are still to sign and stamp
    # 营口's annex has no box for the sending side (it 核办 in the 学籍系统 only)
    _, (yk,) = _render("yk_transfer_contact", [case])
    assert "赵主任" not in yk
    assert "转入学校主管教育行政部门意见核办人：盖章：年月日" in yk


@pytest.mark.parametrize("form_id", list(TRANSFER_FORMS))
@pytest.mark.parametrize("cases", [[], [{}]])
def test_blank_form_renders_with_every_label(form_id, cases):
    form = build_transfer_form(form_id, cases, SCHOOL, PRINTED)
    pages, texts = _render(form_id, cases)
    assert pages == 1
    text = "".join(texts)
    for label in [*layout_labels(form), *ANNEX_LABELS[form_id]]:
        assert _flat(label) in text, label
    assert "𠮷祥" not in text and "ZX-2025-0007" not in text and "2025年3月4日" not in text


def test_copies_note_where_the_profile_asks_for_two():
    for profile_id, _ in available_profiles():
        for item in load_profile(profile_id).value("forms.transfer") or []:
            _, texts = _render(item["id"], [CASE])
            if item["copies"] == 2:
                assert "本表1式2份" in texts[0], item["id"]
    assert load_profile("yingkou").value("forms.transfer")[0]["copies"] == 2


def test_summary_of_thirty_transfers_pages_with_the_header_repeated():
    cases = [dict(CASE, 学生姓名=f"𠮷祥{i:02d}", 学籍号=f"G2108022015030800{i:02d}",
                  转学类型=("返市生", "进城务工子女", "其他")[i % 3], 省内或跨省="跨省" if i % 2 else "省内")
             for i in range(1, 31)]
    pages, texts = _render("ay_transfer_summary", cases)
    assert pages >= 2 and len(texts) == pages
    header = "序号学生姓名性别身份证件号/学籍号转出学校转入学校年级转学类型省内/跨省转学原因佐证材料备注"
    for n, text in enumerate(texts, start=1):
        assert header in text, n
        assert f"第{n}页共{pages}页" in text
    full = "".join(texts)
    for i in range(1, 31):
        assert f"𠮷祥{i:02d}" in full and f"G2108022015030800{i:02d}" in full
    assert "报送日期：2025年3月4日" in texts[0] and "学校名称：营口市站前区建设小学" in texts[0]
    assert "进城务工子女" in full and "跨省" in full
    assert "区教育局教育股核查意见" in texts[0]  # the signatures stay on the first page


def test_long_values_keep_a_case_form_on_one_sheet():
    long = dict(CASE, 转学原因="因父母双方工作调动，全家户籍已迁入新居住地，新居住地距原就读学校较远。" * 6,
                现家庭住址="新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路街道办事处红旗社区第三居民小组幸福巷178号")
    for form_id in CASE_FORMS:
        pages, texts = _render(form_id, [long])
        assert pages == 1, form_id
        assert "幸福巷178号" in texts[0]


def test_refusals():
    with pytest.raises(ValueError, match="一名学生"):
        build_transfer_form("yk_transfer_contact", [CASE, CASE], SCHOOL, PRINTED)
    with pytest.raises(ValueError, match="监护人"):
        build_transfer_form("generic_transfer", [dict(CASE, 监护人=[{}, {}, {}])], SCHOOL, PRINTED)
    with pytest.raises(KeyError):
        build_transfer_form("no_such_form", [], SCHOOL, PRINTED)


def test_unprintable_character_writes_nothing(tmp_path):
    path = tmp_path / "t.pdf"
    with pytest.raises(MissingGlyphError):
        render_transfer_form("ls_transfer_application", [dict(CASE, 学生姓名="张\ue000")], SCHOOL, path,
                             printed_on=PRINTED)
    assert list(tmp_path.iterdir()) == []
