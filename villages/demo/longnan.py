"""Demo geography of 陇南市 (docs/domain.md "Longnan").

County codes are the real 统计用区划代码. 宕昌县阿坞镇 (621223106) and its eight villages,
武都区蒲池乡坪儿上村, 徽县银杏树镇马庄村 and 宕昌县新城子藏族乡 are real places named in the seed
material; other township and village codes and most village names are invented for the demo and
documented as such.
People are invented and named 张某某-style.
"""

CITY = {"code": "621200", "name": "陇南市", "name_en": "Longnan", "population": 2340000}

# county code, name, English name, kind, townships: (code suffix, name, kind, villages or None)
COUNTIES = [
    (
        "621202",
        "武都区",
        "Wudu District",
        "district",
        [
            ("100", "城关镇", "town", None),
            ("101", "东江镇", "town", None),
            ("102", "汉王镇", "town", None),
            ("201", "蒲池乡", "township", ["坪儿上村", "蒲池村", "大坪村", "石门村", "杨家湾村"]),
        ],
    ),
    (
        "621221",
        "成县",
        "Cheng County",
        "county",
        [
            ("100", "城关镇", "town", None),
            ("101", "黄渚镇", "town", None),
            ("102", "红川镇", "town", None),
            ("103", "抛沙镇", "town", None),
        ],
    ),
    (
        "621222",
        "文县",
        "Wen County",
        "county",
        [
            ("100", "城关镇", "town", None),
            ("101", "碧口镇", "town", None),
            ("102", "临江镇", "town", None),
            ("103", "尚德镇", "town", None),
        ],
    ),
    (
        "621223",
        "宕昌县",
        "Tanchang County",
        "county",
        [
            ("100", "城关镇", "town", None),
            ("101", "哈达铺镇", "town", None),
            ("102", "理川镇", "town", None),
            (
                "106",
                "阿坞镇",
                "town",
                ["西固村", "各竜村", "别竜沟村", "别竜村", "阿坞村", "哈达村", "麻界村", "叶扎村"],
            ),
            ("201", "新城子藏族乡", "ethnic_township", None),
        ],
    ),
    (
        "621224",
        "康县",
        "Kang County",
        "county",
        [
            ("100", "城关镇", "town", None),
            ("101", "平洛镇", "town", None),
            ("102", "阳坝镇", "town", None),
            ("103", "长坝镇", "town", None),
        ],
    ),
    (
        "621225",
        "西和县",
        "Xihe County",
        "county",
        [
            ("100", "汉源镇", "town", None),
            ("101", "长道镇", "town", None),
            ("102", "何坝镇", "town", None),
            ("103", "姜席镇", "town", None),
        ],
    ),
    (
        "621226",
        "礼县",
        "Li County",
        "county",
        [
            ("100", "城关镇", "town", None),
            ("101", "盐官镇", "town", None),
            ("102", "石桥镇", "town", None),
            ("103", "永兴镇", "town", None),
        ],
    ),
    (
        "621227",
        "徽县",
        "Hui County",
        "county",
        [
            ("100", "城关镇", "town", None),
            ("101", "伏家镇", "town", None),
            ("102", "江洛镇", "town", None),
            ("106", "银杏树镇", "town", ["马庄村", "银杏村", "田河村", "观音村", "水阳村"]),
        ],
    ),
    (
        "621228",
        "两当县",
        "Liangdang County",
        "county",
        [
            ("100", "城关镇", "town", None),
            ("101", "站儿巷镇", "town", None),
            ("102", "西坡镇", "town", None),
            ("103", "杨店镇", "town", None),
        ],
    ),
]

# Invented village names for townships whose villages the seed material does not list.
VILLAGE_NAME_STEMS = [
    "新庄",
    "柳林",
    "石门",
    "杨坝",
    "核桃坪",
    "红土坡",
    "瓦房",
    "张家湾",
    "李家沟",
    "王家庄",
    "中坝",
    "上坪",
    "下寨",
    "庙坪",
    "油坊",
    "花园",
    "马家河",
    "黄坪",
    "白杨",
    "青岗",
]
VILLAGES_PER_TOWNSHIP = 5

TOWNSHIP_SUFFIX_EN = {
    "town": "Town",
    "township": "Township",
    "ethnic_township": "Tibetan Ethnic Township",
    "subdistrict": "Subdistrict",
}
