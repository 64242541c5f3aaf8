"""Name data for the demo school (core.demo_school.demo): surnames by frequency, given names by generation.

Surname weights follow the 2020 census ranking, nudged towards the north-east (赵 孙 于 姜 高 曲 宫 隋
are commoner there, 黄 林 罗 梁 rarer). Children's given names are those fashionable for births of
2011–2020; parents' for 1980–1995; grandparents' for 1950–1965. The rare characters a registrar
meets (堃 喆 𠮷 赟 …) appear in fixed names so that every demo school shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

# (surname, weight ‰); compound and polyphonic surnames carry a small weight.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 71), ("李", 69), ("张", 66), ("刘", 55), ("赵", 30), ("杨", 30), ("陈", 28), ("孙", 24),
    ("于", 18), ("周", 17), ("吴", 16), ("徐", 15), ("高", 15), ("马", 14), ("姜", 13), ("郭", 12),
    ("朱", 11), ("胡", 10), ("韩", 10), ("黄", 10), ("宋", 9), ("曲", 8), ("田", 8), ("董", 8),
    ("郑", 8), ("冯", 8), ("许", 7), ("崔", 7), ("曹", 7), ("谢", 6), ("何", 6), ("林", 6), ("罗", 5),
    ("梁", 5), ("唐", 5), ("邓", 5), ("彭", 5), ("吕", 6), ("丁", 6), ("任", 6), ("魏", 6), ("沈", 5),
    ("姚", 5), ("卢", 5), ("袁", 5), ("苏", 5), ("程", 5), ("蔡", 4), ("杜", 5), ("贾", 5), ("范", 5),
    ("石", 5), ("付", 5), ("孟", 5), ("白", 5), ("秦", 4), ("尹", 4), ("薛", 4), ("闫", 5), ("侯", 5),
    ("史", 4), ("郝", 5), ("邵", 4), ("常", 4), ("武", 4), ("万", 3), ("钱", 3), ("严", 3), ("孔", 4),
    ("葛", 3), ("宫", 3), ("隋", 2), ("谷", 3), ("关", 3), ("邢", 3), ("牛", 3), ("毕", 2), ("初", 2),
    ("房", 2), ("齐", 3), ("陶", 2), ("尚", 2), ("鲁", 2), ("霍", 2), ("潘", 3), ("蒋", 3), ("肖", 4),
    ("曾", 2), ("单", 2), ("解", 2), ("仇", 1), ("查", 1), ("盖", 1), ("翟", 2), ("缪", 1), ("乐", 1),
    ("欧阳", 1), ("司马", 0.5), ("上官", 0.5), ("诸葛", 0.3), ("东方", 0.3),
)

# How a surname is read (the dictionary's first reading is wrong for these).
SURNAME_PINYIN: dict[str, str] = {
    "曾": "Zeng", "单": "Shan", "解": "Xie", "仇": "Qiu", "朴": "Piao", "查": "Zha", "盖": "Ge",
    "翟": "Zhai", "缪": "Miao", "乐": "Yue", "欧阳": "Ouyang", "司马": "Sima", "上官": "Shangguan",
    "诸葛": "Zhuge", "东方": "Dongfang", "尉迟": "Yuchi", "那": "Na",
}
# Characters the pinyin dictionary lacks or reads wrongly in names.
CHAR_PINYIN: dict[str, str] = {"𠮷": "ji", "长": "chang", "朝": "zhao"}

BOY_GIVEN: tuple[str, ...] = (
    "子轩", "浩然", "浩宇", "宇轩", "梓轩", "宇航", "俊熙", "皓轩", "奕辰", "宇泽", "浩轩", "子墨",
    "梓睿", "沐宸", "铭泽", "博文", "子豪", "天佑", "俊杰", "泽宇", "思远", "明轩", "晨阳", "家乐",
    "博涵", "宇辰", "鹏飞", "佳豪", "文博", "子健", "梓豪", "锦程", "俊宇", "昊天", "博宇", "鑫宇",
    "宏宇", "俊博", "嘉豪", "振宇", "一鸣", "志远", "天翊", "皓宇", "梓航", "睿泽", "铭轩", "宇豪",
    "子涵", "嘉懿", "景行", "瑞霖", "一航", "浩博", "恩泽", "承泽", "世杰", "宝华", "金宝", "福来",
    "睿", "煜", "宸", "航", "轩", "鹏", "磊", "硕", "旭", "哲", "博", "凯", "帅", "昊", "阳",
)
GIRL_GIVEN: tuple[str, ...] = (
    "欣怡", "梓涵", "雨桐", "一诺", "依诺", "梓萱", "紫涵", "诗涵", "语桐", "可馨", "欣妍", "雨萱",
    "思涵", "佳怡", "语汐", "梦瑶", "若汐", "芷若", "沐瑶", "安琪", "雅琪", "思彤", "雨涵", "梓琪",
    "佳琪", "静怡", "美琳", "欣悦", "诗琪", "佳欣", "心怡", "晓雪", "婉婷", "馨月", "欣雨", "梦琪",
    "子萱", "雨欣", "艺涵", "可欣", "雅馨", "语嫣", "思雨", "佳慧", "梓欣", "子怡", "一涵", "文静",
    "晨曦", "梦洁", "诗雨", "雪莹", "佳宁", "嘉怡", "春妮", "丽娜", "金凤", "悦", "萱", "琪", "彤",
    "涵", "婷", "瑶", "楠", "妍", "鑫", "玥",
)

# Fixed names carrying the rare characters; (given name, sex code).
RARE_GIVEN: tuple[tuple[str, str], ...] = (
    ("堃", "1"), ("一喆", "1"), ("𠮷祥", "1"), ("赟", "1"), ("昇", "1"), ("珺瑶", "2"), ("淼", "2"),
    ("垚", "1"), ("鑫磊", "1"), ("玥", "2"), ("婧琪", "2"), ("彧", "1"), ("翀", "1"), ("昶宇", "1"),
)
RARE_CHARS = "堃喆𠮷赟昇珺淼垚鑫玥婧彧翀昶"

FATHER_GIVEN: tuple[str, ...] = (
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "辉", "鹏", "飞", "鑫", "波",
    "宇", "浩", "凯", "健", "帅", "旭", "龙", "亮", "海涛", "海龙", "志强", "志刚", "建华", "晓东",
    "春雷", "国庆", "铁军", "立新", "永刚", "宝军", "德胜", "洪亮", "长春", "振东", "海波", "大伟",
    "成林", "庆春", "文龙", "立国", "红军", "宏伟", "晓峰", "福生",
)
MOTHER_GIVEN: tuple[str, ...] = (
    "丽", "静", "敏", "燕", "艳", "娟", "霞", "芳", "婷", "雪", "丹", "玲", "萍", "红", "娜", "颖",
    "慧", "琳", "晶", "秀梅", "春燕", "丽娜", "晓丽", "海燕", "艳华", "玉梅", "丽丽", "婷婷", "晶晶",
    "雪梅", "冬梅", "秀丽", "凤霞", "金凤", "艳秋", "丽华", "春梅", "晓红", "美玲", "小燕",
)
GRANDFATHER_GIVEN: tuple[str, ...] = (
    "建国", "卫国", "振华", "德明", "文学", "长福", "玉山", "宝山", "福林", "永贵", "树林", "凤山",
    "庆祥", "学文", "广才", "德福", "占山", "金山", "洪林", "国富",
)
GRANDMOTHER_GIVEN: tuple[str, ...] = (
    "桂兰", "秀英", "玉兰", "凤兰", "淑珍", "秀兰", "桂芝", "玉珍", "淑芬", "素珍", "桂荣", "秀云",
    "凤芝", "玉芬", "淑兰", "桂香", "秀珍", "玉荣",
)

# Minorities of the north-east: (ethnicity code, share, surnames, boy names, girl names).
# Empty name tuples mean the family uses the common Han given names.
MINORITIES: tuple[tuple[str, float, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("11", 0.030, ("关", "佟", "那", "富", "赫", "金", "王", "付", "赵", "郎"), (), ()),  # 满族
    ("10", 0.010, ("金", "朴", "李", "崔", "郑", "姜", "全", "许", "韩"),  # 朝鲜族
     ("敏俊", "俊浩", "成浩", "志勋", "昌浩", "宇哲", "哲洙"), ("智慧", "秀贤", "恩惠", "美兰", "善美", "贤珠", "英爱")),
    ("02", 0.007, ("包", "白", "宝", "韩", "吴", "云"),  # 蒙古族
     ("巴特尔", "那日苏", "额尔敦", "宝力德"), ("其其格", "苏日娜", "萨仁", "乌云")),
    ("03", 0.005, ("马", "丁", "白", "穆", "沙", "海"), (), ()),  # 回族
)

# One 维吾尔族 family that came north for work: a given name, "·", the father's given name.
UYGHUR_FAMILY = {
    "child": ("艾力", "1"), "father": ("买买提", "吐尔逊"), "mother": "古丽娜尔·阿不都",
}

SPECIALITIES: tuple[str, ...] = (
    "绘画", "书法", "跳绳", "篮球", "乒乓球", "朗诵", "唱歌", "舞蹈", "二胡", "葫芦丝", "速滑", "象棋",
    "田径", "剪纸", "足球", "口琴",
)

DISABILITY_WEIGHTS: tuple[tuple[str, int], ...] = (  # 随班就读: mostly 智力 and 肢体
    ("5", 5), ("4", 3), ("2", 2), ("1", 1), ("3", 1), ("7", 1),
)

STREETS: tuple[str, ...] = ("新华街", "民主街", "站前街", "兴隆街", "文化路", "中心街", "胜利路", "建设街")
VILLAGES_NORTH_EAST: tuple[str, ...] = (
    "永丰村", "胜利村", "红旗村", "东兴村", "西沟村", "靠山村", "太平村", "新立村", "长胜村", "双河村",
    "富强村", "前进村", "民乐村", "庆丰村",
)
EMPLOYERS_HOME: tuple[str, ...] = (
    "务农", "务农", "务农", "务农", "个体经营", "个体（小卖部）", "镇卫生院", "柳河林场", "粮库",
    "自由职业", "个体（农机修理）", "村委会", "养殖专业合作社", "物流快递点",
)
EMPLOYERS_MIGRANT: tuple[str, ...] = (
    "个体经营", "个体（饭店）", "个体（理发店）", "物流快递点", "镇建筑队", "粮库临时工", "个体（蔬菜摊）",
)
EMPLOYERS_AWAY: tuple[str, ...] = (
    "外出务工（建筑工地）", "外出务工（餐馆）", "外出务工（电子厂）", "外出务工（物流）", "外出务工（装修）",
)


@dataclass(frozen=True)
class Locale:
    """Where the demo school stands: its county, town and the places its families come from."""

    county: str  # GB/T 2260 code of the school's county
    town: str
    postcode: str
    villages: tuple[str, ...]
    neighbours: tuple[str, ...]  # counties of the province that 随迁 families come from
    far: tuple[str, ...]  # other provinces
    ancestral: tuple[str, ...]  # 籍贯 of families whose grandparents came north (闯关东)
    work_places: tuple[str, ...]  # where parents of 留守儿童 work
    uyghur_family: bool = False
    minorities: tuple = MINORITIES


YI = (("07", 0.82, ("吉克", "阿苦", "沙马", "曲比", "海来", "俄木", "马海", "阿的", "吉伍", "勒格", "阿西", "日火"),
       ("木呷", "日者", "拉且", "尔古", "伍各", "阿木", "石者", "克体", "拉哈", "子洛"),
       ("阿呷", "伍芝", "阿果", "阿依", "日嫫", "阿支", "金花", "依莫", "阿牛", "史古")),)  # 彝族


HEILONGJIANG = Locale(
    county="230124", town="柳河镇", postcode="150800", villages=VILLAGES_NORTH_EAST,
    neighbours=("230183", "230184", "230127", "230128", "230129", "230223", "231083", "230826", "230621"),
    far=("220183", "220281", "210381", "410526", "371326"),
    ancestral=("370283", "370786", "371326", "130283", "410526", "210381"),
    work_places=("辽宁省大连市甘井子区", "北京市大兴区", "黑龙江省哈尔滨市道里区", "天津市滨海新区",
                 "山东省青岛市黄岛区", "上海市嘉定区", "黑龙江省哈尔滨市香坊区"),
    uyghur_family=True,
)
LOCALES: dict[str, Locale] = {
    "heilongjiang": HEILONGJIANG,
    "national": HEILONGJIANG,
    "yingkou": Locale(
        county="210811", town="边城镇", postcode="115005", villages=VILLAGES_NORTH_EAST,
        neighbours=("210381", "210881", "210882", "210804", "211381"), far=("230184", "220183", "371326"),
        ancestral=("370283", "370786", "371326", "130283"),
        work_places=("辽宁省大连市甘井子区", "辽宁省沈阳市铁西区", "北京市大兴区", "天津市滨海新区")),
    "anyang_beiguan": Locale(
        county="410503", town="北岗镇", postcode="455000",
        villages=("东关村", "西街村", "南关村", "北关村", "柏庄村", "李家庄村", "王家庄村", "郭村"),
        neighbours=("410522", "410523", "410526", "410527", "410581"), far=("130423", "371326", "140428"),
        ancestral=("410522", "410526", "410581"),
        work_places=("北京市大兴区", "河南省郑州市金水区", "广东省东莞市", "天津市滨海新区")),
    "liangshan": Locale(
        county="513431", town="洛觉镇", postcode="616150",
        villages=("洛觉村", "阿并村", "洛古村", "解放村", "火普村", "三河村", "谷曲村", "补约村", "日哈村"),
        neighbours=("513432", "513428", "513430", "513434", "513436"), far=("510112", "511102"),
        ancestral=("513431",),
        work_places=("浙江省宁波市鄞州区", "广东省东莞市", "江苏省苏州市昆山市", "四川省成都市双流区"),
        minorities=YI),
    "changzhi": Locale(
        county="140428", town="丹河镇", postcode="046600",
        villages=("东庄村", "西王内村", "南漳村", "北高庙村", "石家庄村", "鲍店村", "常张村", "岳村"),
        neighbours=("140423", "140425", "140426", "140427", "140431"), far=("410526", "130423", "410522"),
        ancestral=("140428", "140425", "140426"),
        work_places=("山西省太原市小店区", "北京市大兴区", "河北省石家庄市长安区", "天津市滨海新区")),
}
