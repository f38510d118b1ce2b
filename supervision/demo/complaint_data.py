"""The demo complaints: every channel, every category, each kind; real-name and anonymous; some
with attachments. Everything here is invented: the people are 张某某-style, the phones run
13800000001, 13800000002... and the matters are typical of what village stations receive, not
real cases.

Dates are relative to the day the demo is first loaded (`days_ago`), spread over three months.
Who logs a case follows the intake rules (supervision/services/access.py): the station operator
logs for 阿坞村 only, the county petition office for any village of 宕昌县, the township
discipline committee for 阿坞镇; villagers submit online; the 12345 hotline through Open311.
"""

from __future__ import annotations

from dataclasses import dataclass

# Demo villages by division code (villages/demo/longnan.py). Not 西固村 (621223106201): the
# seed's own tests delete it to check that `--reset` rebuilds the tree.
AWU = "621223106205"  # 阿坞镇阿坞村, where the demo station operator works
GELONG = "621223106202"  # 阿坞镇各竜村
BIELONGGOU = "621223106203"  # 阿坞镇别竜沟村
BIELONG = "621223106204"  # 阿坞镇别竜村
HADA = "621223106206"  # 阿坞镇哈达村
MAJIE = "621223106207"  # 阿坞镇麻界村
YEZHA = "621223106208"  # 阿坞镇叶扎村
TANCHANG_CHENGGUAN = "621223100204"  # 宕昌县城关镇, a village
HADAPU = "621223101202"  # 宕昌县哈达铺镇, a village
LICHUAN = "621223102203"  # 宕昌县理川镇, a village
XINCHENGZI = "621223201203"  # 宕昌县新城子藏族乡, a village
PINGERSHANG = "621202201201"  # 武都区蒲池乡坪儿上村
PUCHI = "621202201202"  # 武都区蒲池乡蒲池村
CHENG_HUANGZHU = "621221101203"  # 成县黄渚镇, a village
MAZHUANG = "621227106201"  # 徽县银杏树镇马庄村
YINXING = "621227106202"  # 徽县银杏树镇银杏村

STATION = "station_awu"
PETITION = "petition_tanchang"
TOWNSHIP = "jiwei_awu"

# The one case whose receipt code and PIN are published in the README ("试一试进度查询"). The
# code uses only the receipt alphabet (supervision/services/receipts.py: no 0/O, no 1/I, hence
# DEMA rather than DEMO).
TRACK_CASE_KEY = "online-notice-board"
TRACK_CODE = "DEMACASE2468"  # shown as DEMA-CASE-2468
TRACK_PIN = "246810"


@dataclass(frozen=True)
class DemoCase:
    key: str  # stable: the case's submission key is "demo:<key>", so a second seed skips it
    village: str
    channel: str
    category: str
    kind: str
    description: str
    days_ago: int  # received this many days before the demo was first loaded
    logged_after: int = 0  # working days between receipt and logging (letters wait in the post)
    time: str = "10:30"  # local time it was logged
    actor: str = ""  # demo login that logged it; "" for villagers online and the hotline
    actor_label: str = ""
    intake_mode: str = ""
    reporter: tuple[str, str] | None = None  # (name, phone) for a real-name report
    reporter_address: str = ""
    accused_office: str = ""  # disclosures Office code
    power_item: str = ""  # number in the village's power list
    place: str = ""
    files: tuple[tuple[str, str], ...] = ()  # (kind from demo.files, original name)
    partner_reference: str = ""


STATION_LABEL = "阿坞村联络站 赵某某"
PETITION_LABEL = "宕昌县纪委监委信访室"

CASES = [
    # --- 联络站代录: the station logs for residents of its own village, with their consent ---
    DemoCase(
        key="station-subsidy-card",
        village=AWU,
        channel="station",
        category="subsidy",
        kind="petition",
        description=(
            "本人今年的耕地地力保护补贴至今没有打到“一卡通”账户上，同组其他农户都已收到。"
            "村上说已经报上去了，请帮助查询原因。"
        ),
        days_ago=62,
        time="09:40",
        actor=STATION,
        actor_label=STATION_LABEL,
        intake_mode="visit",
        reporter=("张某某", "13800000001"),
        power_item="23",
        files=(("pdf", "一卡通存折流水复印件.pdf"),),
    ),
    DemoCase(
        key="station-minimum-living",
        village=AWU,
        channel="station",
        category="minimum-living",
        kind="petition",
        description=(
            "反映本村今年低保评定时，有家庭条件较好的农户被评上，组里两户困难家庭没有评上；"
            "评议结果也没有在村务公开栏公示。"
        ),
        days_ago=50,
        time="15:10",
        actor=STATION,
        actor_label=STATION_LABEL,
        intake_mode="visit",
        power_item="19",
    ),
    DemoCase(
        key="station-homestead",
        village=AWU,
        channel="station",
        category="homestead",
        kind="petition",
        description="申请宅基地建房三个多月没有答复，不知道卡在哪个环节，希望告知办理进度。",
        days_ago=35,
        time="11:05",
        actor=STATION,
        actor_label=STATION_LABEL,
        intake_mode="phone",
        reporter=("王某某", "13800000002"),
        power_item="28",
    ),
    DemoCase(
        key="station-solar-income",
        village=AWU,
        channel="station",
        category="collective-assets",
        kind="suggestion",
        description=(
            "建议把村光伏电站每年的收益和分配明细在村务公开栏和村民微信群同时公布，"
            "外出务工的村民也能看到。"
        ),
        days_ago=12,
        logged_after=2,
        time="16:20",
        actor=STATION,
        actor_label=STATION_LABEL,
        intake_mode="letter",
        power_item="村1",
    ),
    # --- 网上: villagers through the village page's 我要监督 form ---
    DemoCase(
        key=TRACK_CASE_KEY,
        village=AWU,
        channel="online",
        category="village-finance",
        kind="petition",
        description=(
            "村务公开栏上一季度的财务收支到现在还没有公布，栏里贴的还是去年的内容。"
            "附公开栏照片一张。"
        ),
        days_ago=3,
        time="20:15",
        power_item="4",
        place="阿坞村村委会门口公开栏",
        files=(("png", "村务公开栏照片.png"),),
    ),
    DemoCase(
        key="online-road-cracks",
        village=HADA,
        channel="online",
        category="projects",
        kind="accusation",
        description=(
            "村里去年硬化的通组道路不到一年就多处开裂。听说施工队和村干部有亲戚关系，"
            "验收时也没有村民代表参加。"
        ),
        days_ago=47,
        time="21:32",
        accused_office="secretary",
        power_item="14",
        place="哈达村三组通组道路",
        files=(("png", "路面开裂.png"),),
    ),
    DemoCase(
        key="online-minimum-living-refused",
        village=MAJIE,
        channel="online",
        category="minimum-living",
        kind="petition",
        description=(
            "我家两口人都有残疾，今年申请低保被村里退回，说材料不全，但没有告诉缺什么材料。"
        ),
        days_ago=70,
        time="19:02",
        reporter=("孙某某", "13800000003"),
        power_item="19",
    ),
    DemoCase(
        key="online-certificate-fee",
        village=PINGERSHANG,
        channel="online",
        category="conduct",
        kind="accusation",
        description="村委会副主任开具证明时要收“辛苦费”，到农户家办事还多次让农户请吃饭。",
        days_ago=26,
        time="22:48",
        accused_office="deputy",
        power_item="30",
    ),
    DemoCase(
        key="online-suggestion-box",
        village=MAZHUANG,
        channel="online",
        category="other",
        kind="suggestion",
        description="建议在村委会门口装一个意见箱，并公布乡镇纪委的监督电话，老年人不会用手机。",
        days_ago=9,
        time="12:26",
    ),
    DemoCase(
        key="online-solar-plan",
        village=AWU,
        channel="online",
        category="collective-assets",
        kind="accusation",
        description=(
            "村光伏电站收益分配方案没有经过村民代表会议，村务监督委员会也没有提出意见，"
            "分配名单至今没有公示。"
        ),
        days_ago=17,
        time="07:55",
        # The office the demo's station operator holds: the case is withheld from them (回避).
        accused_office="supervisor",
        power_item="村1",
    ),
    # --- 县纪委监委信访室: calls, letters, visits, leaders' reception days, transfers ---
    DemoCase(
        key="phone-grain-subsidy",
        village=GELONG,
        channel="phone",
        category="subsidy",
        kind="petition",
        description="来电反映：家里的退耕还林补助今年少发了一年，问过村文书两次都说不清楚。",
        days_ago=54,
        time="10:12",
        actor=PETITION,
        actor_label=PETITION_LABEL,
        reporter=("刘某某", "13800000004"),
        power_item="23",
        files=(("amr", "来电录音.amr"),),
    ),
    DemoCase(
        # The same person about the same matter as "online-minimum-living-refused": a repeat
        # (重复件) for Part 6's repeat matching. The phone is written the way it was said.
        key="phone-minimum-living-again",
        village=MAJIE,
        channel="phone",
        category="minimum-living",
        kind="petition",
        description="来电再次反映：今年申请低保被退回、没有告知缺少哪些材料的问题，至今没有人答复。",
        days_ago=20,
        time="14:45",
        actor=PETITION,
        actor_label=PETITION_LABEL,
        reporter=("孙某某", "138 0000 0003"),
        power_item="19",
    ),
    DemoCase(
        key="letter-reimbursements",
        village=BIELONG,
        channel="letter",
        category="village-finance",
        kind="accusation",
        description=(
            "来信反映：村会计报销的误工补贴和招待费票据不全，部分支出没有经过村务监督委员会"
            "审核签字。"
        ),
        days_ago=40,
        logged_after=3,
        time="09:20",
        actor=PETITION,
        actor_label=PETITION_LABEL,
        reporter=("黄某某", "13800000005"),
        reporter_address="宕昌县阿坞镇别竜村三组",
        accused_office="accountant",
        power_item="5",
        files=(("pdf", "举报信扫描件.pdf"),),
    ),
    DemoCase(
        key="letter-farmland-building",
        village=XINCHENGZI,
        channel="letter",
        category="homestead",
        kind="accusation",
        description="来信反映：村里有人未经审批在耕地上建房，村干部知道后没有制止，也没有上报。",
        days_ago=83,
        logged_after=4,
        time="10:00",
        actor=PETITION,
        actor_label=PETITION_LABEL,
        accused_office="secretary",
        power_item="29",
    ),
    DemoCase(
        key="visit-water-pipes",
        village=YEZHA,
        channel="visit",
        category="projects",
        kind="petition",
        description=(
            "来访反映：村里修建的饮水工程入户管道没有接到二组，施工方说预算不够。"
            "希望查看工程预算和验收资料。"
        ),
        days_ago=31,
        time="15:30",
        actor=PETITION,
        actor_label=PETITION_LABEL,
        reporter=("马某某", "13800000006"),
        power_item="14",
        place="叶扎村二组",
    ),
    DemoCase(
        key="visit-shop-rent",
        village=HADAPU,
        channel="visit",
        category="collective-assets",
        kind="accusation",
        description=(
            "来访反映：村集体的两间门面房出租多年，租金收入从来没有公开过，不知道租给了谁、"
            "租金多少。"
        ),
        days_ago=76,
        time="11:15",
        actor=PETITION,
        actor_label=PETITION_LABEL,
        accused_office="secretary",
        power_item="15",
    ),
    DemoCase(
        key="leader-training-list",
        village=LICHUAN,
        channel="leader_reception",
        category="conduct",
        kind="petition",
        description=(
            "县级领导接访日反映：镇上组织的产业技能培训，村里报名名单都是村干部的亲属，"
            "其他村民不知道有培训。"
        ),
        days_ago=58,
        time="09:05",
        actor=PETITION,
        actor_label="宕昌县领导接访日（信访室登记）",
        reporter=("吴某某", "13800000007"),
    ),
    DemoCase(
        key="transfer-relief-kickback",
        village=TANCHANG_CHENGGUAN,
        channel="transfer",
        category="minimum-living",
        kind="accusation",
        description="市纪委监委信访室转来：反映村文书在办理临时救助申请时收取好处费。",
        days_ago=66,
        logged_after=2,
        time="14:00",
        actor=PETITION,
        actor_label=PETITION_LABEL,
        accused_office="clerk",
        power_item="21",
    ),
    DemoCase(
        key="transfer-banquets",
        village=HADA,
        channel="transfer",
        category="other",
        kind="petition",
        description="上级转来：反映村里红白事大操大办，村规民约规定的标准没有人执行。",
        days_ago=5,
        logged_after=1,
        time="16:40",
        actor=PETITION,
        actor_label=PETITION_LABEL,
        reporter=("郭某某", "13800000008"),
        power_item="35",
    ),
    # --- 乡镇纪委: a visit to 阿坞镇's discipline committee ---
    DemoCase(
        key="township-visit-levy",
        village=BIELONGGOU,
        channel="visit",
        category="village-finance",
        kind="petition",
        description="到镇纪委来访反映：村里去年“一事一议”收的筹资款，没有公布用在了哪里。",
        days_ago=88,
        time="10:50",
        actor=TOWNSHIP,
        actor_label="阿坞镇纪委",
        reporter=("林某某", "13800000010"),
        power_item="3",
    ),
    # --- 开放接口: the 12345 hotline's system hands cases over through Open311 ---
    DemoCase(
        key="open311-disability-subsidy",
        village=CHENG_HUANGZHU,
        channel="open311",
        category="subsidy",
        kind="petition",
        description="12345热线转来：来电人反映家中残疾人两项补贴本季度没有发放。",
        days_ago=44,
        time="13:18",
        reporter=("何某某", "13800000009"),
        power_item="24",
        partner_reference="12345-DEMO-0001",
    ),
    DemoCase(
        key="open311-road-blocked",
        village=PUCHI,
        channel="open311",
        category="homestead",
        kind="petition",
        description="12345热线转来：来电人反映邻居建房占用了村道，村委会调解后一直没有结果。",
        days_ago=15,
        time="17:06",
        partner_reference="12345-DEMO-0002",
    ),
    DemoCase(
        key="open311-street-lights",
        village=YINXING,
        channel="open311",
        category="projects",
        kind="suggestion",
        description="12345热线转来：建议村里的路灯工程完工后，公布维修责任人和联系电话。",
        days_ago=22,
        time="09:48",
        partner_reference="12345-DEMO-0003",
    ),
]
