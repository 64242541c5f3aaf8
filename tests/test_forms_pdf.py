"""PDF forms: rare name characters print, nothing is dropped, fonts are embedded, tables page."""

from __future__ import annotations

import io
import re
from datetime import date

import pypdf
import pytest

from xueji_desktop.core.forms import fonts
from xueji_desktop.core.forms.engine import (
    Column, Form, Grid, Label, MissingGlyphError, Paragraph, SignatureBox, SignatureRow, Table,
    Value, render, render_bytes,
)
from xueji_desktop.core.forms.student_info import (
    MEMBER_FIELDS, SECTIONS, build_student_info, render_student_info,
)

SCHOOL = {"学校名称": "哈尔滨市南岗区学府路小学", "学校标识码": "2123010123"}
PRINTED = date(2025, 9, 1)

FULL_RECORD: dict[str, object] = {
    "姓名": "王𠮷堃", "性别": "男", "出生日期": "2018-05-17", "出生地": "黑龙江省哈尔滨市南岗区",
    "籍贯": "山东省青岛市", "民族": "汉族", "国籍/地区": "中国", "身份证件类型": "居民身份证",
    "身份证件号": "230103201805170034", "身份证件有效期": "2030-06-01", "港澳台侨外": "否",
    "政治面貌": "群众", "健康状况": "健康或良好", "姓名拼音": "WANG JIKUN", "曾用名": "王小淼",
    "户口所在地": "黑龙江省哈尔滨市南岗区学府路街道", "户口性质": "非农业", "特长": "书法、围棋",
    "学籍号": "G230103201805170034", "学籍辅号": "XF2025001", "班内学号": "07", "年级": "一年级",
    "班级": "一年级（3）班", "入学年月": "2024年9月", "入学方式": "就近入学", "就读方式": "走读",
    "学生来源": "正常入学", "学籍状态": "在校", "学籍档案建立期限": "2024年10月1日前",
    "现住址": "黑龙江省哈尔滨市南岗区学府路52号3单元502室", "通信地址": "哈尔滨市南岗区学府路52号",
    "家庭地址": "哈尔滨市南岗区学府路52号3单元502室", "联系电话": "13904510000",
    "邮政编码": "150080", "电子信箱": "wangjia@example.cn", "主页地址": "无",
    "是否独生子女": "是", "是否受过学前教育": "是", "是否留守儿童": "非留守儿童",
    "是否进城务工人员随迁子女": "否", "是否孤儿": "不是孤儿", "是否烈士或优抚子女": "不是烈士子女",
    "随班就读": "非随班就读", "残疾人类型": "无残疾", "是否由政府购买学位": "非购买学位",
    "是否需要申请资助": "不需要", "是否享受一补": "未享受", "上下学距离": "1.5公里",
    "上下学方式": "步行", "是否需要乘坐校车": "不乘坐",
    "家庭成员": [
        {"姓名": "王喆", "关系": "父亲", "关系说明": "生父", "民族": "汉族",
         "工作单位": "哈尔滨工业大学", "职务": "讲师", "现住址": "哈尔滨市南岗区学府路52号",
         "户口所在地": "黑龙江省哈尔滨市", "联系电话": "13904510000", "是否监护人": "是",
         "身份证件类型": "居民身份证", "身份证件号": "23010319850312001X"},
        {"姓名": "李㛃", "关系": "母亲", "关系说明": "生母", "民族": "满族",
         "工作单位": "南岗区人民医院", "职务": "护士长", "现住址": "哈尔滨市南岗区学府路52号",
         "户口所在地": "黑龙江省哈尔滨市", "联系电话": "13804510001", "是否监护人": "是",
         "身份证件类型": "居民身份证", "身份证件号": "230103198707080024"},
    ],
}


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


def _fonts_of(pdf: bytes) -> list[dict]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            found[font["/BaseFont"]] = font
    return list(found.values())


def test_full_record_prints_every_label_and_value(tmp_path):
    path = tmp_path / "info.pdf"
    assert render_student_info(FULL_RECORD, SCHOOL, path, printed_on=PRINTED) == 1
    text = _text(path.read_bytes())
    labels = {f.label for _, fields in SECTIONS for f in fields} | {l for l, _ in MEMBER_FIELDS}
    labels |= {"学生基本信息表", "学校名称", "学校标识码", "学籍号", "照片", "家庭成员信息",
               "监护人签字", "班主任签字", "学籍管理员签字", "学校（盖章）", "以上信息经本人核对无误"}
    for label in sorted(labels):
        assert re.sub(r"\s+", "", label) in text, label
    values = [v for k, v in FULL_RECORD.items() if k != "家庭成员"]
    values += [v for m in FULL_RECORD["家庭成员"] for v in m.values()]
    values += SCHOOL.values()
    for value in values:
        assert re.sub(r"\s+", "", value) in text, value
    for rare in ("王𠮷堃", "王喆", "李㛃"):
        assert rare in text
    assert "2025年9月1日" in text


def test_rare_characters_come_from_the_fallback_fonts():
    assert fonts.font_for("堃") == fonts.BODY_FONT
    assert fonts.font_for("𠮷") != fonts.BODY_FONT
    assert fonts.missing_chars("王𠮷堃喆赟昇珺淼犇垚鑫玥婧彧翀昶㛃䶮") == []
    runs = fonts.split_runs("王𠮷堃")
    assert "".join(t for _, t in runs) == "王𠮷堃" and len(runs) == 3


def test_fonts_are_embedded_subsets():
    pdf = render_bytes(build_student_info(FULL_RECORD, SCHOOL, PRINTED))
    embedded = _fonts_of(pdf)
    assert len(embedded) >= 2  # the body font and the Ext-B fallback for 𠮷
    for font in embedded:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert re.match(r"^[A-Z]{6}\+", font["/BaseFont"][1:] if font["/BaseFont"].startswith("/")
                        else font["/BaseFont"])
    assert len(pdf) < 400_000  # subsets, not the 20–30 MB fonts


def test_output_is_deterministic():
    form = build_student_info(FULL_RECORD, SCHOOL, PRINTED)
    assert render_bytes(form) == render_bytes(form)


def test_unprintable_character_raises_and_writes_nothing(tmp_path):
    record = dict(FULL_RECORD, 姓名="张\ue000")
    path = tmp_path / "bad.pdf"
    with pytest.raises(MissingGlyphError) as err:
        render_student_info(record, SCHOOL, path, printed_on=PRINTED)
    assert "U+E000" in str(err.value) and "无法打印" in str(err.value)
    assert err.value.chars == ["\ue000"]
    assert list(tmp_path.iterdir()) == []


def test_blank_form_renders(tmp_path):
    path = tmp_path / "blank.pdf"
    assert render_student_info({}, SCHOOL, path, printed_on=PRINTED) == 1
    text = _text(path.read_bytes())
    assert "学生基本信息表" in text and "是否进城务工人员随迁子女" in text and "身份证件号" in text
    assert "王𠮷堃" not in text


def test_table_pages_with_repeated_header():
    columns = [Column("序号", 0.6), Column("姓名"), Column("性别", 0.6), Column("学籍号", 2.2),
               Column("备注", 1.5, "left")]
    rows = [[str(i), f"学生{i}", "女" if i % 2 else "男", f"G2301032018051700{i:02d}", ""]
            for i in range(1, 121)]
    form = Form("新生花名册", header_lines=[("学校：学府路小学", "2025年9月")],
                blocks=[Table(columns, rows)], copies_note="本表一式两份。")
    out = io.BytesIO()
    pages = render(form, out)
    assert pages >= 3
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) == pages
    for n, page in enumerate(reader.pages, start=1):
        text = re.sub(r"\s+", "", page.extract_text())
        assert "序号姓名性别学籍号备注" in text, n
        assert f"第{n}页共{pages}页" in text
    full = _text(out.getvalue())
    assert all(f"学生{i}" in full for i in range(1, 121))


def test_engine_blocks_render_together():
    form = Form(
        "休学申请表", subtitle="（附件2）", orientation="landscape",
        header_lines=["申请日期：2025年3月1日"],
        blocks=[
            Grid([[Label("学生姓名"), Value("赵翀"), Label("性别"), Value("男")],
                  [Label("休学原因"), Value("因病需长期治疗，" * 8, colspan=3)]],
                 widths=[1, 2, 1, 2]),
            Paragraph("本人申请休学一年，请予批准。", first_line_indent=2),
            SignatureRow([SignatureBox("监护人签字："), SignatureBox("学校意见：", text="同意。"),
                          SignatureBox("教育局（盖章）")]),
        ],
        notes=["第一条说明。", "第二条说明。"], copies_note="本表一式三份。",
    )
    text = _text(render_bytes(form))
    for s in ("休学申请表", "（附件2）", "赵翀", "休学原因", "本人申请休学一年", "学校意见", "同意。",
              "教育局（盖章）", "注：1．第一条说明。", "2．第二条说明。", "本表一式三份。", "年月日"):
        assert s in text, s


def test_grid_that_does_not_fill_its_columns_is_refused():
    with pytest.raises(ValueError):
        render_bytes(Form("表", blocks=[Grid([[Label("甲"), Value("乙")]], widths=[1, 1, 1])]))


def test_long_values_still_fit_one_page_and_unknown_fields_print():
    address = "新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路街道办事处红旗社区第三居民小组幸福巷178号院2号楼3单元1201室"
    father = dict(FULL_RECORD["家庭成员"][0], 工作单位="中国石油天然气集团有限公司新疆油田分公司采油二厂",
                  现住址=address)
    record = dict(FULL_RECORD, 现住址=address, 特长="钢琴十级、国际象棋、书法（楷书、隶书）、游泳",
                  家庭成员=[father], 身份核验="未核验（临时学籍号）")
    out = io.BytesIO()
    assert render_student_info(record, SCHOOL, out, printed_on=PRINTED) == 1
    text = _text(out.getvalue())
    assert address in text and "身份核验" in text and "未核验（临时学籍号）" in text


def test_more_than_two_family_members_is_refused():
    with pytest.raises(ValueError, match="最多"):
        build_student_info(dict(FULL_RECORD, 家庭成员=[{}, {}, {}]), SCHOOL, PRINTED)


def test_font_files_ship_with_the_program():
    files = fonts.font_files()
    assert [f.name for f in files] == ["XJ-UMingCN.ttf", "XJ-HanziA.ttf", "XJ-HanziB.ttf"]
    assert all(f.is_file() for f in files)
    assert (files[0].parent / "LICENSES.md").is_file()


def test_missing_glyph_message_names_the_character():
    err = MissingGlyphError(["\ue000"])
    assert str(err) == "无法打印：字体中没有“\ue000”(U+E000)，请联系技术支持"
    with pytest.raises(MissingGlyphError):
        fonts.font_for("\ue000")
    assert fonts.missing_chars("张\ue000三\ue000") == ["\ue000"]
