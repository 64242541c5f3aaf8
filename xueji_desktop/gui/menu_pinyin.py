"""The pinyin of the main window's menu entries, worked out ahead of time: the window gives each entry its
mnemonic from these syllables (gui/keyboard.py), so the start does not load pypinyin and its dictionaries
(~0.4 s and 35 MB). Words not in the table — another user's menu, a dialog's buttons — are looked up with
pypinyin when met. tests/gui/test_menu_pinyin.py checks every syllable here against pypinyin and that the
school's window finds all its entries here (it prints the lines to add when one is missing).
"""

from __future__ import annotations

# the Chinese characters of an entry's words, joined → lazy_pinyin(…, style=Style.NORMAL), space-separated
SYLLABLES: dict[str, str] = {
    "交换": "jiao huan",
    "从全国学籍系统导入": "cong quan guo xue ji xi tong dao ru",
    "休学": "xiu xue",
    "使用说明": "shi yong shuo ming",
    "修改信息": "xiu gai xin xi",
    "修改密码": "xiu gai mi ma",
    "借读返回": "jie du fan hui",
    "入境复学": "ru jing fu xue",
    "关于学籍桌面": "guan yu xue ji zhuo mian",
    "其他离校休学期满未复学": "qi ta li xiao xiu xue qi man wei fu xue",
    "其他离校离校超过期限联系不上": "qi ta li xiao li xiao chao guo qi xian lian xi bu shang",
    "出具证明所选学生": "chu ju zheng ming suo xuan xue sheng",
    "出国出境": "chu guo chu jing",
    "刷新": "shua xin",
    "办理转入": "ban li zhuan ru",
    "办理转出所选学生": "ban li zhuan chu suo xuan xue sheng",
    "升学接续初一新生": "sheng xue jie xu chu yi xin sheng",
    "备份与恢复": "bei fen yu hui fu",
    "复学": "fu xue",
    "外出借读": "wai chu jie du",
    "大": "da",
    "失踪后复学": "shi zong hou fu xue",
    "失踪被羁押": "shi zong bei ji ya",
    "奖励与处分所选学生": "jiang li yu chu fen suo xuan xue sheng",
    "字号": "zi hao",
    "学习经历证明存根": "xue xi jing li zheng ming cun gen",
    "学历证明存根": "xue li zheng ming cun gen",
    "学年": "xue nian",
    "学年结转毕业升级": "xue nian jie zhuan bi ye sheng ji",
    "学生": "xue sheng",
    "学生名单": "xue sheng ming dan",
    "学生基本信息表另存为": "xue sheng ji ben xin xi biao ling cun wei",
    "学生基本信息表所选学生": "xue sheng ji ben xin xi biao suo xuan xue sheng",
    "学籍卡片所选学生": "xue ji ka pian suo xuan xue sheng",
    "学籍变动": "xue ji bian dong",
    "密钥与教育局公钥": "mi yao yu jiao yu ju gong yao",
    "导入教育局回执": "dao ru jiao yu ju hui zhi",
    "导出变更批次": "dao chu bian geng pi ci",
    "工作日与节假日": "gong zuo ri yu jie jia ri",
    "帮助": "bang zhu",
    "延长休学": "yan chang xiu xue",
    "待办": "dai ban",
    "打印": "da yin",
    "打印学生基本信息表": "da yin xue sheng ji ben xin xi biao",
    "打印辍学学生情况报告": "da yin chuo xue xue sheng qing kuang bao gao",
    "控辍保学": "kong chuo bao xue",
    "文件": "wen jian",
    "新生注册": "xin sheng zhu ce",
    "本地区规定": "ben di qu gui ding",
    "查找学生": "cha zhao xue sheng",
    "查看": "cha kan",
    "查阅登记": "cha yue deng ji",
    "标准": "biao zhun",
    "档案": "dang an",
    "死亡注销": "si wang zhu xiao",
    "每学期复核": "mei xue qi fu he",
    "毕业生与证书编号": "bi ye sheng yu zheng shu bian hao",
    "特大": "te da",
    "用户账号": "yong hu zhang hao",
    "申请": "shen qing",
    "疑似辍学登记": "yi si chuo xue deng ji",
    "疑似辍学辍学提示": "yi si chuo xue chuo xue ti shi",
    "登记升入学校升学": "deng ji sheng ru xue xiao sheng xue",
    "统计": "tong ji",
    "考勤登记": "kao qin deng ji",
    "规定": "gui ding",
    "设置": "she zhi",
    "账号查询登记与备份": "zhang hao cha xun deng ji yu bei fen",
    "跳级": "tiao ji",
    "转学": "zhuan xue",
    "转学申请列表": "zhuan xue shen qing lie biao",
    "辍学学生情况报告另存为": "chuo xue xue sheng qing kuang bao gao ling cun wei",
    "辍学登记": "chuo xue deng ji",
    "辍学返校": "chuo xue fan xiao",
    "退出": "tui chu",
    "退学": "tui xue",
    "锁定窗口": "suo ding chuang kou",
}


def syllables(chinese: str) -> list[str]:
    """The pinyin syllables of `chinese` (Chinese characters only), as pypinyin's lazy_pinyin gives them."""
    known = SYLLABLES.get(chinese)
    if known is not None:
        return known.split()
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(chinese, style=Style.NORMAL)
