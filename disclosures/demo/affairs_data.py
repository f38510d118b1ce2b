"""Invented material for the demo's village affairs disclosures (affairs.py): names, subsidy
items, ledger entries, assets and projects as a county's exports and a village's books would
give them. Every person is invented; ID numbers, bank cards and phones are made up (valid in
form, so masking has something real to catch)."""

from __future__ import annotations

from decimal import Decimal

# Common family names of Longnan, and two compound ones (a masked 欧阳*明 must still read right).
SURNAMES = "王张李赵刘陈杨何马苟冯任罗邓蒲包杜姚朱黄胡周吴郭" + "赵杨王李张"
COMPOUND_SURNAMES = ("欧阳", "司马")
GIVEN_CHARS = "建国志军红梅海平春兰秀英金福德文明华永强玉花桂芳宝成万喜天林生安世荣贵全"

# 惠民补贴“一卡通”: item, unit standard (元), quantity range, per quarter in which it is paid.
SUBSIDY_ITEMS = [
    # item, standard, (min quantity, max quantity), quarters paid (1-4)
    ("耕地地力保护补贴", Decimal("105.17"), (2, 12), (2, 3)),
    ("城乡居民基本养老保险基础养老金", Decimal("143.00"), (3, 3), (1, 2, 3, 4)),
    ("高龄老人生活补贴", Decimal("100.00"), (3, 3), (1, 2, 3, 4)),
    ("残疾人生活补贴", Decimal("90.00"), (3, 3), (1, 2, 3, 4)),
    ("重度残疾人护理补贴", Decimal("100.00"), (3, 3), (1, 3)),
    ("退耕还林补助", Decimal("90.00"), (1, 8), (4,)),
    ("生态护林员补助", Decimal("2500.00"), (1, 1), (2, 4)),
    ("草原生态保护补助奖励", Decimal("7.50"), (20, 120), (3,)),
    ("农机购置补贴", Decimal("1800.00"), (1, 2), (2, 3)),
    ("独生子女父母奖励扶助金", Decimal("200.00"), (1, 2), (1,)),
]

# 低保初步名单: item, monthly standard per person (元).
RELIEF_ITEMS = [
    ("农村最低生活保障（一类）", Decimal("518.00")),
    ("农村最低生活保障（二类）", Decimal("410.00")),
]

# 财务收支: summary, income or expense, amount range (元). Books name work, not people.
INCOME_ENTRIES = [
    ("收到一事一议财政奖补资金", 30000, 150000),
    ("收到村级组织运转经费", 8000, 25000),
    ("收到集体林地承包费", 2000, 12000),
    ("收到光伏电站收益分配款", 5000, 30000),
    ("收到耕地流转租金", 3000, 20000),
    ("收到村办公用房出租收入", 1200, 4800),
    ("收到乡村振兴衔接资金（产业项目）", 20000, 120000),
    ("收到存款利息", 20, 300),
    ("收到护林防火经费", 1000, 6000),
]
EXPENSE_ENTRIES = [
    ("支付村道维修款", 1500, 36000),
    ("支付村干部误工补贴", 2000, 9000),
    ("支付办公用品费", 80, 1500),
    ("支付村委会电费", 120, 900),
    ("支付饮水工程管护费", 500, 4000),
    ("支付环境卫生保洁员劳务费", 800, 3600),
    ("支付村民代表会议误餐费", 200, 800),
    ("支付文化广场路灯维修费", 300, 2500),
    ("支付护林员巡山补助", 600, 3000),
    ("支付水泥、砂石材料款", 2000, 28000),
    ("支付党员活动室取暖费", 400, 2600),
    ("支付防汛物资购置款", 500, 6000),
    ("支付银行手续费", 5, 60),
    ("支付农田灌溉渠清淤务工费", 1200, 9600),
]

# 三资: name, category, size, value (元), counterparty (a person is masked, a company is not),
# term. "{village}" is the village's name.
ASSETS = [
    ("{village}村委会办公楼", "资产", "460平方米", Decimal("680000.00"), "", "自用"),
    ("{village}村卫生室", "资产", "120平方米", Decimal("156000.00"), "", "自用"),
    ("{village}文化广场", "资产", "1500平方米", Decimal("210000.00"), "", "自用"),
    (
        "村级光伏帮扶电站",
        "资产",
        "100千瓦",
        Decimal("720000.00"),
        "国网宕昌县供电公司",
        "收益按月结算",
    ),
    ("集体林地承包", "资源", "1200亩", Decimal("36000.00"), "杨建军", "2019-2039年"),
    ("集体荒山承包（花椒种植）", "资源", "380亩", Decimal("11400.00"), "包志强", "2021-2036年"),
    (
        "集体耕地流转（中药材）",
        "合同",
        "260亩",
        Decimal("78000.00"),
        "宕昌县阿坞镇中药材种植专业合作社",
        "2023-2028年",
    ),
    ("村办公用房出租", "合同", "2间", Decimal("4800.00"), "宕昌县宏达农资门市", "2025-2027年"),
    ("小型农机具（微耕机）", "资产", "6台", Decimal("27000.00"), "", "村民轮流使用"),
    ("人饮工程蓄水池", "资产", "2座", Decimal("95000.00"), "", "自用"),
]

# 工程项目 (one-off, 5 万元以上): name, budget, contractor, progress stages.
PROJECTS = [
    ("{village}村道硬化工程", Decimal("386000.00"), "甘肃陇通路桥工程有限公司"),
    ("{village}人饮工程提升改造", Decimal("128500.00"), "宕昌县水利水电工程公司"),
    ("{village}产业路修建", Decimal("264000.00"), "陇南市恒信建筑工程有限公司"),
    ("{village}文化广场亮化工程", Decimal("58600.00"), "宕昌县光明电器安装经营部"),
]
PROJECT_PARTS = [
    ("路基土石方", Decimal("0.35")),
    ("混凝土路面", Decimal("0.50")),
    ("排水边沟及附属", Decimal("0.15")),
]

PARTY_TOPICS = [
    "党费收缴情况：本季度应缴党员{n}名，实缴{n}名，共收缴党费{fee}元，已全额上交镇党委。",
    "“三会一课”：召开支部党员大会{m}次、支委会{k}次，党小组会{k}次，书记讲党课1次。",
    "主题党日：组织党员开展环境整治、走访慰问困难群众等活动{m}次。",
    "发展党员：本季度确定入党积极分子1名，无预备党员转正。",
    "党组织书记联系群众：走访农户{v}户，收集意见建议{s}条，已办结{s}条。",
]
AFFAIRS_TOPICS = [
    "村民代表会议：本季度召开{m}次，审议通过{k}项事项，决议已在公开栏张贴。",
    "“四议两公开”事项：{item}，经村党组织提议、村“两委”会议商议、党员大会审议、村民代表会议决议。",
    "宅基地审批：本季度受理申请{k}户，经村民代表会议评议后报镇政府审批。",
    "低保动态管理：本季度新增{k}户、退出{m}户，评议结果已按规定公示。",
    "护林员、保洁员等公益性岗位人员{v}名，考勤和补助发放情况见财务公开。",
]
AFFAIRS_ITEMS = [
    "村道硬化工程建设方案",
    "光伏电站收益分配方案",
    "集体耕地流转合同续签",
    "人饮工程管护制度",
    "村规民约修订",
]
