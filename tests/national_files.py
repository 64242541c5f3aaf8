"""Workbooks as the national system writes them, for the Excel import's tests: rows of invented pupils under
the template's column names (with 学籍号 in front, as its export has it), written with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from xueji_desktop.core.national.national_row import NATIONAL_COLUMNS
from xueji_desktop.core.pupils import ids

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏"
REGION = "210811"
HEADER = ["学籍号", *NATIONAL_COLUMNS]


def pupil_row(i: int, grade: int = 1, klass: int = 1, *, number: str | None = None) -> dict[str, str]:
    """The i-th invented pupil (unique name and ID number), values as the national system writes them
    (Chinese labels, dates YYYYMMDD, 入学年月 YYYYMM)."""
    year = 2020 - (grade - 1)
    birth = dt.date(year, 1 + i % 12, 1 + i % 28)
    seq = (i % 900) + 100
    id_number = ids.make_id_number(REGION, birth, seq)
    name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)] + GIVEN[(i // 7) % len(GIVEN)]
    row = dict.fromkeys(HEADER, "")
    row.update({
        "学籍号": number if number is not None else "G" + id_number,
        "编号": str(i + 1), "区县": "老边区", "就读学校": "测试县第一中心学校", "学校标识码": "2108110001",
        "姓名": name, "性别": "男" if seq % 2 else "女", "出生日期": f"{birth:%Y%m%d}", "证件类型": "居民身份证",
        "身份证号": id_number, "出生地行政区划代码": REGION + "000000", "民族": "汉族", "国籍/地区": "中国",
        "港澳台侨外": "否", "户口性质": "农业", "户口所在地行政区划": REGION + "000000", "现住址": "柳树镇柳树村3组",
        "是否独生子女": "否", "是否留守儿童": "否", "是否进城务工人员随迁子女": "否", "是否孤儿": "否", "籍贯": REGION,
        "健康状况": "健康或良好", "政治面貌": "群众", "年级": f"{'一二三四五六七八九'[grade - 1]}年级",
        "班级号": str(klass), "入学年月": f"{year + 6}09", "入学方式": "就近入学", "就读方式": "走读",
        "通信地址": "柳树镇柳树村3组", "家庭地址": "柳树镇柳树村3组", "联系电话": "13904171234",
        "邮政编码": "115005", "是否受过学前教育": "是",
        "成员1姓名": SURNAMES[i % len(SURNAMES)] + "建国", "成员1关系": "父亲", "成员1联系电话": "13904171234",
        "成员1是否监护人": "是",
    })
    return row


def school_rows(count: int, grades=range(1, 10), classes: int = 2, start: int = 0) -> list[dict[str, str]]:
    """`count` pupils spread over the grades and classes."""
    grades = list(grades)
    return [pupil_row(start + i, grades[i % len(grades)], 1 + (i // len(grades)) % classes) for i in range(count)]


def write_book(path: Path, sheets: dict[str, list[dict]], *, header: list[str] | None = None,
               title: str | None = None, stars: bool = False) -> Path:
    """One sheet per entry, each with the header row (`header`, default 学籍号 + the template's columns;
    required columns marked ★ when `stars`) and a row per dict; cells are text unless the dict holds
    another type (a number, a date) to play what Excel does. `title`: a merged title row above the header."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    columns = header or HEADER
    required = {"姓名", "性别", "出生日期", "证件类型", "身份证号", "民族", "年级", "班级号", "成员1姓名"}
    for sheet_title, rows in sheets.items():
        ws = book.create_sheet(sheet_title)
        if title:
            ws.append([title])
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8)
        ws.append([f"★{c}" if stars and c in required else c for c in columns])
        for row in rows:
            ws.append([row.get(c, "") if row.get(c, "") != "" else None for c in columns])
    book.save(path)
    return path


def read_book(path: Path) -> dict[str, list[list]]:
    book = openpyxl.load_workbook(path)
    try:
        return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    finally:
        book.close()
