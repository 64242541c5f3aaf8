"""Code tables of the national student-status standard (REFERENCE.md), one place each.

A table maps the code stored in the database to the Chinese label the registrar sees and the
national import template wants ("填汉字，不可填 1-男").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CodeTable:
    name: str
    entries: tuple[tuple[str, str], ...]  # (code, label)

    def label(self, code: str | None) -> str:
        return dict(self.entries).get(code or "", "")

    def code(self, label_or_code: str) -> str | None:
        """Accepts what a registrar types: the label ("男", "汉族") or the code ("1", "01")."""
        text = (label_or_code or "").strip()
        for code, label in self.entries:
            if text in (label, code):
                return code
        # 民族 typed without 族 ("汉"), 关系 with a trailing space, …
        for code, label in self.entries:
            if label.rstrip("族") == text:
                return code
        return None

    @property
    def labels(self) -> list[str]:
        return [label for _, label in self.entries]

    @property
    def codes(self) -> list[str]:
        return [code for code, _ in self.entries]


def _table(name: str, text: str) -> CodeTable:
    pairs = []
    for item in text.split():
        code, _, label = item.partition(":")
        pairs.append((code, label))
    return CodeTable(name, tuple(pairs))


SEX = _table("性别", "1:男 2:女")  # GB/T 2261.1

ETHNICITY = _table(  # GB 3304; 97/98 are extensions, see REFERENCE.md
    "民族",
    "01:汉族 02:蒙古族 03:回族 04:藏族 05:维吾尔族 06:苗族 07:彝族 08:壮族 09:布依族 10:朝鲜族 "
    "11:满族 12:侗族 13:瑶族 14:白族 15:土家族 16:哈尼族 17:哈萨克族 18:傣族 19:黎族 20:傈僳族 "
    "21:佤族 22:畲族 23:高山族 24:拉祜族 25:水族 26:东乡族 27:纳西族 28:景颇族 29:柯尔克孜族 "
    "30:土族 31:达斡尔族 32:仫佬族 33:羌族 34:布朗族 35:撒拉族 36:毛南族 37:仡佬族 38:锡伯族 "
    "39:阿昌族 40:普米族 41:塔吉克族 42:怒族 43:乌孜别克族 44:俄罗斯族 45:鄂温克族 46:德昂族 "
    "47:保安族 48:裕固族 49:京族 50:塔塔尔族 51:独龙族 52:鄂伦春族 53:赫哲族 54:门巴族 55:珞巴族 "
    "56:基诺族 97:其他 98:外国血统中国籍人士",
)

NATIONALITY = _table("国籍/地区", "CHN:中国 HKG:中国香港 MAC:中国澳门 TWN:中国台湾 OTH:其他")  # GB/T 2659

ID_TYPE = _table(
    "身份证件类型",
    "1:居民身份证 6:香港特区护照/身份证明 7:澳门特区护照/身份证明 8:台湾居民来往大陆通行证 "
    "9:境外永久居住证 A:护照 Z:其他",
)
RESIDENT_ID = "1"

HMT = _table(
    "港澳台侨外",
    "00:否 01:香港同胞 02:香港同胞亲属 03:澳门同胞 04:澳门同胞亲属 05:台湾同胞 06:台湾同胞亲属 "
    "11:华侨 12:侨眷 13:归侨 14:归侨子女 21:归国留学人员 31:非华裔中国人 41:外籍华裔人 51:外国人 99:其他",
)

POLITICAL = _table("政治面貌", "01:中共党员 02:中共预备党员 03:共青团员 13:群众")  # GB/T 4762

HEALTH = _table("健康状况", "10:健康或良好 20:一般或较弱 30:有慢性病 40:有生理缺陷 50:残疾")

HUKOU_NATURE = _table("户口性质", "1:农业 2:非农业")

ENTRY_MODE = _table("入学方式", "11:就近入学 12:其他")  # compulsory education codes

STUDY_MODE = _table("就读方式", "1:走读 2:住校")

LEFT_BEHIND = _table("是否留守儿童", "0:否 1:单亲留守 2:双亲留守")

YES_NO = _table("是否", "0:否 1:是")

DISABILITY = _table("残疾人类型", "1:视力残疾 2:听力残疾 3:言语残疾 4:肢体残疾 5:智力残疾 6:精神残疾 7:多重残疾")

COMMUTE = _table("上下学方式", "1:步行 2:自行车 3:公共交通 4:家长接送 5:校车 9:其他")

SOURCE = _table("学生来源", "1:正常入学 2:借读 3:其他")

RELATION = _table(  # GB/T 4761-2008 家庭关系代码, the relations a pupil's family members have
    "关系",
    "51:父亲 52:母亲 57:继父或养父 58:继母或养母 61:祖父 62:祖母 63:外祖父 64:外祖母 "
    "71:兄 73:弟 75:姐姐 77:妹妹 81:伯父 82:伯母 83:叔父 84:婶母 85:舅父 86:舅母 87:姨父 88:姨母 "
    "89:姑父 90:姑母 97:其他亲属 99:非亲属",
)

TABLES: dict[str, CodeTable] = {
    t.name: t
    for t in (SEX, ETHNICITY, NATIONALITY, ID_TYPE, HMT, POLITICAL, HEALTH, HUKOU_NATURE, ENTRY_MODE,
              STUDY_MODE, LEFT_BEHIND, YES_NO, DISABILITY, COMMUTE, SOURCE, RELATION)
}
