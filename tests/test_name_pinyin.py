"""姓名拼音 as GB/T 28039-2011 writes it, surnames read as surnames."""

import pytest

from xueji_desktop.core.pupils.name_pinyin import name_pinyin, split_surname


@pytest.mark.parametrize("name, expected", [
    ("张三", "Zhang San"), ("曾小明", "Zeng Xiaoming"), ("单田芳", "Shan Tianfang"), ("仇英", "Qiu Ying"),
    ("解晓东", "Xie Xiaodong"), ("朴智", "Piao Zhi"), ("翟天临", "Zhai Tianlin"), ("欧阳文", "Ouyang Wen"),
    ("司马相南", "Sima Xiangnan"), ("李西安", "Li Xi'an"), ("吕航", "Lü Hang"), ("张𠮷祥", "Zhang Jixiang"),
    ("阿依古丽·买买提", "Ayiguli Maimaiti"), ("王", "Wang"), ("", ""), ("Zhang", ""),
])
def test_name_pinyin(name, expected):
    assert name_pinyin(name) == expected


def test_compound_surname_split():
    assert split_surname("欧阳文") == ("欧阳", "文")
    assert split_surname("曾小明") == ("曾", "小明")
