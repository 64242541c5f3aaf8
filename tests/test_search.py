from xueji_desktop.core.pupils.search import build_keys, matches, normalise, search


def find(name, query, **numbers):
    return matches(build_keys(name, **numbers), normalise(query))


def test_full_pinyin_initials_and_mixed():
    for query in ("zs", "zhangsan", "zhangs", "zsan", "ZhangSan", "zhang san", "张", "三", "张三"):
        assert find("张三", query), query
    for query in ("ls", "zhangsi", "李", "zhs"):
        assert not find("张三", query), query


def test_polyphonic_character_matches_every_reading():
    assert find("曾小贤", "zxx") and find("曾小贤", "cxx")
    assert find("曾小贤", "zengxiaoxian") and find("曾小贤", "cengxiaoxian")
    assert find("单田芳", "shan") and find("单田芳", "dan")


def test_rare_characters_are_searchable():
    assert find("𠮷祥", "𠮷") and find("𠮷祥", "jx") and find("𠮷祥", "jixiang")
    assert find("王堃", "wk") and find("王堃", "wangkun")


def test_numbers_match_from_the_start():
    keys = dict(id_number="21081120190307447X", student_number="G21081120190307447X")
    assert find("张三", "210811", **keys)
    assert find("张三", "g2108", **keys)
    assert find("张三", "21081120190307447x", **keys)
    assert not find("张三", "0307", **keys)


def test_search_filters_rows():
    class Row:
        def __init__(self, name):
            self.name, self.search_keys = name, build_keys(name)

    rows = [Row(n) for n in ("张三", "赵四", "曾志伟", "李明")]
    assert [r.name for r in search(rows, "z")] == ["张三", "赵四", "曾志伟"]
    assert [r.name for r in search(rows, "c")] == ["曾志伟"]
    assert [r.name for r in search(rows, "")] == ["张三", "赵四", "曾志伟", "李明"]


def test_refines_only_when_typing_on():
    from xueji_desktop.core.pupils.search import refines

    assert refines("z", "zs") and refines("张", "张三")
    assert not refines("", "z") and not refines("zs", "z") and not refines("z", "z张")
