"""Code lists and value variants (fields.md §4), the defaults a province's auditor.toml can extend.

`VARIANTS[field]` maps a known variant (after norm) to the canonical value; a known variant is not
an error. Unknown values are kept as they are, so the rule that owns the field reports them.
`CODE_LISTS` are the legal values the rules check against; the suites read them as parameters
(`codes_<field>`), so a province can extend a list without touching a rule.
"""

from __future__ import annotations

ETHNIC_GROUPS = ["汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族"]

RELATIONS = ["户主", "配偶", "之子", "之女", "之儿媳", "之女婿", "之孙子", "之孙女", "之外孙子", "之外孙女", "之父", "之母", "之岳父", "之岳母", "之公公", "之婆婆", "之祖父", "之祖母", "之外祖父", "之外祖母", "之兄弟姐妹", "之曾孙子", "之曾孙女", "之侄儿", "之侄女", "之兄弟媳妇", "之叔伯", "其他"]
MALE_RELATIONS = ["之子", "之女婿", "之孙子", "之外孙子", "之父", "之岳父", "之公公", "之祖父", "之外祖父", "之曾孙子", "之侄儿", "之叔伯"]
FEMALE_RELATIONS = ["之女", "之儿媳", "之孙女", "之外孙女", "之母", "之岳母", "之婆婆", "之祖母", "之外祖母", "之曾孙女", "之侄女", "之兄弟媳妇"]

GRADES_STUDYING = (
    "学前教育", "小学", "七年级", "八年级", "九年级",
    "普通高中一年级", "普通高中二年级", "普通高中三年级",
    "中职一年级", "中职二年级", "中职三年级",
    "高职高专一年级", "高职高专二年级", "高职高专三年级",
    "技师学院一年级", "技师学院二年级", "技师学院三年级", "技师学院四年级",
    "本科一年级", "本科二年级", "本科三年级", "本科四年级", "本科五年级",
    "硕士研究生及以上",
    "大专及以上",  # old value: studying, no age check
)
YULU_GRADES = (
    "中职一年级", "中职二年级", "中职三年级", "高职高专一年级", "高职高专二年级", "高职高专三年级",
    "技师学院一年级", "技师学院二年级", "技师学院三年级", "技师学院四年级",
)

_CN_NUM = "一二三四五六"

CODE_LISTS: dict[str, tuple[str, ...]] = {
    "性别": ("男", "女"),
    "与户主关系": tuple(RELATIONS),
    "文化程度": ("文盲或半文盲", "小学", "初中", "高中", "大专", "本科及以上"),
    # 学龄前儿童 is current but not studying; 非在校生 is an accepted old value meaning blank.
    "在校生状况": (*GRADES_STUDYING, "学龄前儿童", "非在校生"),
    "健康状况": ("健康", "长期慢性病", "患有大病", "残疾"),
    "劳动技能": ("普通劳动力", "技能劳动力", "弱劳动力或半劳动力", "丧失劳动力", "无劳动力"),
    "政治面貌": ("中共党员", "中共预备党员", "共青团员", "群众"),
    "是否": ("是", "否"),
    "监测对象类别": ("脱贫不稳定户", "边缘易致贫户", "突发严重困难户"),
    "风险消除方式": ("帮扶消除", "自然消除"),
    "实施开发式帮扶措施情况": ("已实施", "尚未实施"),
    "享受低保政策情况": ("城市低保", "农村低保", "不享受"),
    "享受特困供养政策情况": ("城市特困", "农村特困", "不享受"),
    "残疾类别": ("视力", "听力", "言语", "肢体", "智力", "精神", "多重"),
}

# 致贫/返贫风险 items known from exports (fields.md §4.5). Not a code list: the list is incomplete, so
# no rule checks against it; statistics (附表) count these items and put any other item apart.
RISK_TYPES = ("因病", "因学", "因残", "因自然灾害", "因意外事故", "因产业项目失败", "因务工就业不稳", "缺劳动力",
              "因安全住房", "因安全饮水", "其他")

_RISK_VARIANTS = {"务工就业不稳": "因务工就业不稳", "因缺劳动力": "缺劳动力", "因产业失败": "因产业项目失败"}

VARIANTS: dict[str, dict[str, str]] = {
    "性别": {"1": "男", "2": "女", "男性": "男", "女性": "女"},
    "证件类型": {"居民身份证": "身份证", "残疾证": "残疾人证"},
    "劳动技能": {"普通劳动": "普通劳动力", "无劳动能力": "无劳动力"},
    "政治面貌": {"党员": "中共党员", "预备党员": "中共预备党员", "团员": "共青团员"},
    "民族": {g[:-1]: g for g in ETHNIC_GROUPS},
    "在校生状况": {
        **{f"高中{c}年级": f"普通高中{c}年级" for c in "一二三"},
        **{f"高职{c}年级": f"高职高专{c}年级" for c in "一二三"},
        **{f"小学{c}年级": "小学" for c in _CN_NUM},
    },
    "风险消除方式": {"自然消失": "自然消除"},
    **{f"致贫/返贫风险{i}": _RISK_VARIANTS for i in range(1, 6)},
}

# Values of 务工所在地 that mean "did not work away" (fields.md §4.6).
NOT_WORKING_PLACES = ("未外出务工", "无", "否")
