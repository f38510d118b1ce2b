"""Demo catalogue for a village's published power lists (村级小微权力清单).

Invented but realistic content for a village in 陇南市, modelled on the standard county lists
(Gansu 2020 guidance): the power list (权力清单) with steps for the flowcharts (运行流程图), the
responsibility list (责任清单) per office, and the risk-prevention list (风险防控清单) per item.
Plain data only; a loader turns it into database rows. No person is named.

Schema
- CATEGORIES: (code, name, description)
- OFFICES: (code, name); step "office" is one of these codes, or "" for non-village actors
- OFFICE_DUTIES: office code -> {"duties": [...], "accountability": [...]}
- ITEMS: numbered "1".."N", ordered by category; each with steps (key, actor, office, action,
  time_limit (int or None), unit ("days" | "working_days"), document, branch (None or
  {"condition", "target": another step key or "end"})) and risks (level "high" | "medium" | "low").
"""

from __future__ import annotations

CATEGORIES = [
    ("decision", "重大事项决策", "“三重一大”事项，按“四议两公开”程序决策，村民会议召集与村务公开"),
    ("finance", "村级财务管理", "财务报账、预决算、村干部报酬和集体收益分配，实行“村财乡代管”"),
    ("project", "工程项目", "招投标与村级采购，小型工程项目建设管理"),
    ("assets", "集体资产资源", "“三资”发包、租赁、处置，集体资源承包和土地经营权流转"),
    ("welfare", "惠民政策", "低保、特困、临时救助、危房改造、农业补贴，防返贫动态监测帮扶"),
    ("land_comp", "征地拆迁补偿分配", "征地补偿款分配，地上附着物和青苗补偿兑付"),
    ("homestead", "宅基地审批", "农村宅基地和建房申请审批，农村建房巡查"),
    ("certificates", "证明开具与印章使用", "村级证明开具、印章使用管理和户籍证明协助"),
    ("services", "其他便民服务", "矛盾纠纷调解、生育登记、移风易俗、社会保险参保代办"),
    ("party", "党务管理", "发展党员、党费收缴等党内事务"),
]

OFFICES = [
    ("secretary", "村党组织书记（村委会主任）"),
    ("deputy", "村委会副主任"),
    ("clerk", "村文书"),
    ("accountant", "村会计（报账员）"),
    ("supervisor", "村务监督委员会主任"),
    ("first_secretary", "驻村第一书记"),
    ("group_leader", "村民小组长"),
]

OFFICE_DUTIES = {
    "secretary": {
        "duties": [
            "主持村党组织和村民委员会全面工作，对村级小微权力规范运行负第一责任",
            "提出村级重大事项提议，召集村“两委”联席会议，落实“四议两公开”",
            "审签村级财务支出凭证，落实“村财乡代管”，不得一人决定大额开支",
            "领导党务、村务、财务公开和民主管理工作，审批村级印章使用",
            "组织低保、特困、临时救助等惠民政策的民主评议和政策落实",
        ],
        "accountability": [
            "未按“四议两公开”程序擅自决定重大事项，或以个人意见代替集体决策的",
            "违规审批财务支出，拆分项目规避招标或插手工程项目、物资采购的",
            "在低保评议、补贴发放、宅基地审查中优亲厚友、弄虚作假的",
            "擅自处置集体资产资源，造成集体经济损失的",
        ],
    },
    "deputy": {
        "duties": [
            "协助书记（主任）开展村民委员会工作，分管公益事业、工程项目和人民调解",
            "组织小型工程项目现场管理，参与工程质量监督、验收和村级采购询价",
            "兼任村人民调解委员会主任，负责矛盾纠纷排查调处",
            "协助开展社会救助对象入户调查、防返贫动态监测和建房巡查",
        ],
        "accountability": [
            "在工程项目管理、验收中虚报工程量、降低质量标准或收受施工方财物的",
            "入户调查不实，致使不符合条件人员享受政策的",
            "对矛盾纠纷推诿不办，致使矛盾激化或引发越级上访的",
        ],
    },
    "clerk": {
        "duties": [
            "负责村级会议记录和档案整理归档，做好“四议两公开”全过程纪实",
            "经办证明开具登记，保管村级印章，建立用印登记台账",
            "更新村务公开栏内容，对身份证号、银行卡号等个人信息作去标识化处理",
            "协助办理户籍、生育登记、社会保险参保等便民代办服务",
        ],
        "accountability": [
            "未经审批擅自用印、出借印章或在空白文书上用印的",
            "出具与事实不符的证明材料的",
            "公开信息泄露村民个人隐私，或伪造、篡改、遗失会议记录和档案的",
        ],
    },
    "accountant": {
        "duties": [
            "审核原始凭证的真实性、合法性和完整性，按时到乡镇三资代理服务中心报账",
            "管理村级备用金，不得坐收坐支、公款私存，不得设立账外账和“小金库”",
            "编制村级财务预决算草案，每月整理财务收支明细供村务公开",
            "协助核对惠民惠农补贴“一卡通”发放信息，核算集体收益分配",
        ],
        "accountability": [
            "审核把关不严，以不合规票据报账或虚列支出的",
            "坐收坐支、挪用集体资金或超限额保管现金的",
            "未按时报账、公开财务，或隐匿、销毁会计资料的",
        ],
    },
    "supervisor": {
        "duties": [
            "主持村务监督委员会工作，列席村“两委”会议，对重大事项决策全过程监督",
            "审核村级财务支出凭证并签署意见，组织民主理财小组开展民主理财",
            "监督村务公开的内容、时间和程序，督促整改公开不及时、不真实的问题",
            "受理村民对村务管理的意见建议，发现问题及时向乡镇党委、乡镇纪委报告",
        ],
        "accountability": [
            "对应当监督的事项不监督，或未经审核即在凭证上签字的",
            "发现违纪违规问题隐瞒不报、包庇纵容的",
            "利用监督职权谋取私利或干预村务正常运行的",
        ],
    },
    "first_secretary": {
        "duties": [
            "指导村党组织落实“四议两公开”和村级小微权力清单制度",
            "参与低保评议、防返贫动态监测、惠民政策落实等重点工作的全程监督",
            "推动村集体经济项目谋划实施，帮助规范集体“三资”管理",
            "收集反映群众诉求，协助化解矛盾纠纷，定期向派出单位和乡镇党委报告",
        ],
        "accountability": [
            "对村级权力违规运行发现不报告、不纠正的",
            "在驻村帮扶、项目推进中弄虚作假、搞形式主义的",
            "擅自决定村级事务或代替村级组织作出决策的",
        ],
    },
    "group_leader": {
        "duties": [
            "召集村民小组会议，组织讨论本组集体资源发包、收益分配等事项",
            "负责本组宅基地申请的讨论和公示，如实反映低保等申请人情况",
            "协助开展土地经营权流转、征地面积丈量和地上附着物清点",
            "及时向村民委员会报告本组矛盾纠纷、返贫致贫风险和群众诉求",
        ],
        "accountability": [
            "在宅基地、低保等事项中隐瞒真实情况、优亲厚友的",
            "擅自发包、处置本组集体资源或截留本组集体收益的",
            "在征地补偿登记、附着物清点中虚报冒领或协助他人虚报的",
        ],
    },
}

ITEMS = [
    {
        "number": "1",
        "category": "decision",
        "name": "村级重大事项决策（四议两公开）",
        "legal_basis": (
            "《中华人民共和国村民委员会组织法》第二十四条；《中国共产党农村基层组织工作条例》；"
            "《关于建立健全村务监督委员会的指导意见》"
        ),
        "responsible_body": "村党组织、村民委员会",
        "boundaries": (
            "适用于村级发展规划、年度预算、集体经济项目立项、集体资产资源处置、"
            "5万元以上资金使用等“三重一大”事项。"
        ),
        "disclosure": (
            "决议在作出后2日内于村务公开栏和“监督一点通”平台公开，实施结果在事项完成后及时公开，"
            "公开期不少于7日。"
        ),
        "supervision": (
            "村务监督委员会列席各环节会议全程监督，乡镇党委对决议进行备案审查，"
            "乡镇纪委开展专项监督检查。"
        ),
        "accountability": (
            "未履行“四议两公开”程序擅自决策，或伪造会议记录、签名的，"
            "依规依纪追究村党组织书记及相关人员责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "村党组织",
                "office": "secretary",
                "action": "党支部提议：广泛征求党员群众意见，提出初步方案",
                "time_limit": 5,
                "unit": "working_days",
                "document": "提议书",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村“两委”",
                "office": "secretary",
                "action": "村“两委”联席会议商议，形成书面意见",
                "time_limit": 3,
                "unit": "working_days",
                "document": "会议记录",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "党员大会",
                "office": "",
                "action": "党员大会审议（应到党员三分之二以上到会，过半数同意）",
                "time_limit": 7,
                "unit": "days",
                "document": "审议意见",
                "branch": {"condition": "未获通过", "target": "end"},
            },
            {
                "key": "4",
                "actor": "村民会议或村民代表会议",
                "office": "",
                "action": "村民会议或村民代表会议决议（法定人数到会，过半数同意）",
                "time_limit": 7,
                "unit": "days",
                "document": "会议决议",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村文书",
                "office": "clerk",
                "action": "决议公开：在村务公开栏和平台公开决议事项",
                "time_limit": 2,
                "unit": "days",
                "document": "决议公告",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "组织实施并公开实施结果，接受村民监督",
                "time_limit": None,
                "unit": "days",
                "document": "实施结果公告",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "规避民主决策程序",
                "manifestation": "以会代议、先定后议，或个人拍板后补写会议记录",
                "level": "high",
                "measures": "会议全程记录留痕，村务监督委员会列席签字，乡镇党委对决议备案审查",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "村务监督委员会、乡镇纪委",
            },
            {
                "description": "参会人数不足或代签表决",
                "manifestation": "到会人数未达法定比例即表决，或代签、冒签表决意见",
                "level": "medium",
                "measures": "实行会议签到和影像留存，表决票当场清点并由村务监督委员会核验",
                "responsible_office": "村文书",
                "supervising_body": "村务监督委员会、乡镇党委",
            },
        ],
    },
    {
        "number": "2",
        "category": "decision",
        "name": "村民会议和村民代表会议召集",
        "legal_basis": (
            "《中华人民共和国村民委员会组织法》第二十一条、第二十二条、第二十五条、第二十六条"
        ),
        "responsible_body": "村民委员会",
        "boundaries": (
            "村民代表会议每季度召开一次；十分之一以上村民或三分之一以上村民代表提议召集村民会议的，"
            "村民委员会应当召集。"
        ),
        "disclosure": "会议召开前3日公告议题、时间和地点，会议决定在会后2日内于村务公开栏公开。",
        "supervision": "村务监督委员会列席会议并监督表决程序，乡镇人民政府对会议召开进行指导。",
        "accountability": (
            "应召集而不召集、擅自改变会议决定或伪造表决结果的，由乡镇人民政府责令改正，"
            "情节严重的依规依纪追责。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "根据工作需要或村民、村民代表联名提议确定会议议题",
                "time_limit": 5,
                "unit": "working_days",
                "document": "议题清单",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村“两委”",
                "office": "secretary",
                "action": "召开联席会议研究会议方案，确定时间、地点",
                "time_limit": 2,
                "unit": "working_days",
                "document": "会议方案",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村文书",
                "office": "clerk",
                "action": "提前3日张贴会议通知，告知议题并通知村民代表",
                "time_limit": 3,
                "unit": "days",
                "document": "会议通知",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村民代表会议",
                "office": "",
                "action": "召开会议（三分之二以上组成人员参加），到会人员过半数同意形成决定",
                "time_limit": 1,
                "unit": "days",
                "document": "会议记录、表决票",
                "branch": {"condition": "到会人数不足", "target": "3"},
            },
            {
                "key": "5",
                "actor": "村文书",
                "office": "clerk",
                "action": "整理会议记录归档，公开会议决定",
                "time_limit": 2,
                "unit": "working_days",
                "document": "会议决定公告",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "会议程序不规范",
                "manifestation": "代表未到会由他人代为表决，会议记录事后补写",
                "level": "medium",
                "measures": "实行会议签到和影像留存，表决结果由村务监督委员会当场核验签字",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "村务监督委员会、乡镇人民政府",
            },
            {
                "description": "应召集而不召集",
                "manifestation": "对村民联名提议事项拖延不议，回避群众关注的问题",
                "level": "low",
                "measures": "建立提议登记台账，乡镇定期督查会议召开情况",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇党委",
            },
        ],
    },
    {
        "number": "3",
        "category": "decision",
        "name": "村级公益事业建设一事一议",
        "legal_basis": (
            "《村民一事一议筹资筹劳管理办法》（国办发〔2007〕4号）；"
            "《中华人民共和国村民委员会组织法》第二十四条"
        ),
        "responsible_body": "村民委员会",
        "boundaries": (
            "适用于村内小型水利、村内道路、环境卫生、植树造林等公益事业；"
            "筹资筹劳不得超过省级规定的限额标准，不得强行摊派。"
        ),
        "disclosure": (
            "筹资筹劳方案和议事结果在议事后5日内公开，资金使用和项目实施情况在项目完成后公开。"
        ),
        "supervision": (
            "乡镇人民政府审核方案并报县级农业农村部门备案，"
            "村务监督委员会和民主理财小组监督资金使用。"
        ),
        "accountability": (
            "超标准筹资、强行以资代劳或挪用一事一议资金的，退还所筹资金并追究相关人员责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "征求村民意见，拟定项目及筹资筹劳方案",
                "time_limit": 10,
                "unit": "working_days",
                "document": "方案草案",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村“两委”",
                "office": "secretary",
                "action": "召开联席会议审查方案，提交村民会议或村民代表会议",
                "time_limit": 3,
                "unit": "working_days",
                "document": "会议记录",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村民会议或村民代表会议",
                "office": "",
                "action": "对方案进行表决，到会人员过半数同意",
                "time_limit": 7,
                "unit": "days",
                "document": "表决结果",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "审核筹资筹劳方案，报县级农业农村部门备案",
                "time_limit": 10,
                "unit": "working_days",
                "document": "审核意见",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "组织实施项目，筹集资金纳入村级财务统一管理",
                "time_limit": None,
                "unit": "days",
                "document": "收款凭证",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村务监督委员会",
                "office": "supervisor",
                "action": "监督项目实施和资金使用，竣工后公开结果",
                "time_limit": None,
                "unit": "days",
                "document": "公开清单",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "超标准筹资或强行摊派",
                "manifestation": "超出限额标准收取筹资款，或对不愿出资出劳的农户强行摊派",
                "level": "high",
                "measures": "筹资标准报乡镇审核，收款开具统一票据并张榜公布",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇人民政府、乡镇纪委",
            },
            {
                "description": "筹资款挪作他用",
                "manifestation": "一事一议资金未专款专用，用于非议定项目支出",
                "level": "medium",
                "measures": "资金纳入乡镇三资代理服务中心专户管理，民主理财小组逐笔审核",
                "responsible_office": "村会计（报账员）",
                "supervising_body": "村务监督委员会",
            },
        ],
    },
    {
        "number": "4",
        "category": "decision",
        "name": "村务公开",
        "legal_basis": (
            "《中华人民共和国村民委员会组织法》第三十条；"
            "《关于健全和完善村务公开和民主管理制度的意见》（中办发〔2004〕17号）"
        ),
        "responsible_body": "村民委员会、村务监督委员会",
        "boundaries": (
            "公开党务、村务、财务、“三资”、惠民补贴、工程项目等事项；一般事项至少每季度公开一次，"
            "财务收支每月公开一次，重大事项随时公开。"
        ),
        "disclosure": (
            "通过村务公开栏、“监督一点通”平台和村民微信群公开；身份证号、银行卡号、"
            "手机号须去标识化，姓名部分隐去。"
        ),
        "supervision": (
            "村务监督委员会审核公开内容并签字，乡镇人民政府定期检查公开情况，"
            "村民可通过平台反映公开不实问题。"
        ),
        "accountability": (
            "不按时公开、公开内容不真实或泄露村民个人隐私的，责令限期整改，并追究公开责任人责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "村文书",
                "office": "clerk",
                "action": "按照公开目录收集整理拟公开事项和资料",
                "time_limit": 5,
                "unit": "working_days",
                "document": "公开底稿",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "审查公开内容，对个人信息进行去标识化处理",
                "time_limit": 2,
                "unit": "working_days",
                "document": "审查意见",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村务监督委员会",
                "office": "supervisor",
                "action": "审核公开内容的真实性、完整性并签字",
                "time_limit": 2,
                "unit": "working_days",
                "document": "审核签字单",
                "branch": {"condition": "内容不实", "target": "1"},
            },
            {
                "key": "4",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "审核财务、“三资”等重点内容后在平台发布",
                "time_limit": 3,
                "unit": "working_days",
                "document": "发布记录",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村文书",
                "office": "clerk",
                "action": "在村务公开栏张贴，拍照留存并归档",
                "time_limit": 2,
                "unit": "days",
                "document": "公开影像资料",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "收集村民意见，对疑问事项在10日内答复解释",
                "time_limit": 10,
                "unit": "days",
                "document": "答复记录",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "公开不及时、不全面",
                "manifestation": "选择性公开、避重就轻，重大事项和财务收支不按期公开",
                "level": "medium",
                "measures": "实行公开目录化管理，平台自动提醒公开期限，乡镇按季度检查",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "村务监督委员会、乡镇人民政府",
            },
            {
                "description": "泄露村民个人信息",
                "manifestation": "公示名单显示完整身份证号、银行卡号或手机号",
                "level": "medium",
                "measures": "发布前逐项去标识化处理，姓名采用部分隐去方式公示",
                "responsible_office": "村文书",
                "supervising_body": "乡镇人民政府",
            },
        ],
    },
    {
        "number": "5",
        "category": "finance",
        "name": "村级财务报账",
        "legal_basis": (
            "《农村集体经济组织财务制度》（财农〔2021〕121号）；《中华人民共和国会计法》；"
            "县级“村财乡代管”相关规定"
        ),
        "responsible_body": "村民委员会、村集体经济组织",
        "boundaries": (
            "村级一切收支均须取得合法票据，通过乡镇三资代理服务中心统一核算；严禁坐收坐支、"
            "白条入账和公款私存。"
        ),
        "disclosure": (
            "财务收支明细每月公开一次，于次月10日前在村务公开栏和平台公开，公开期不少于15日。"
        ),
        "supervision": (
            "民主理财小组每月审核，村务监督委员会监督，乡镇三资代理服务中心审核记账，"
            "乡镇纪委开展专项检查。"
        ),
        "accountability": (
            "以虚假票据报账、虚列支出、坐收坐支或挪用集体资金的，追回资金并依规依纪依法追究责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "经办人",
                "office": "",
                "action": "取得合法票据，注明事由，经办人与证明人签字",
                "time_limit": 5,
                "unit": "working_days",
                "document": "原始票据",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村党组织书记（村委会主任）",
                "office": "secretary",
                "action": "审核支出事项并签字审批",
                "time_limit": 2,
                "unit": "working_days",
                "document": "审批签字",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "民主理财小组",
                "office": "supervisor",
                "action": "集体审核票据的真实性、合规性并签章",
                "time_limit": 5,
                "unit": "working_days",
                "document": "民主理财审核意见",
                "branch": {"condition": "票据不合规", "target": "1"},
            },
            {
                "key": "4",
                "actor": "村会计（报账员）",
                "office": "accountant",
                "action": "汇总票据，按时到乡镇三资代理服务中心报账",
                "time_limit": 5,
                "unit": "working_days",
                "document": "报账单",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "乡镇三资代理服务中心",
                "office": "",
                "action": "审核原始凭证，合规后记账，不合规的退回",
                "time_limit": 5,
                "unit": "working_days",
                "document": "记账凭证",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村文书",
                "office": "clerk",
                "action": "按月公开财务收支明细",
                "time_limit": 5,
                "unit": "working_days",
                "document": "财务公开表",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "虚开票据、虚列支出",
                "manifestation": "以虚假发票、白条或重复票据报销，套取集体资金",
                "level": "high",
                "measures": "票据须经办人、证明人双签，民主理财小组逐笔审核，三资代理服务中心复核",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "村务监督委员会、乡镇纪委",
            },
            {
                "description": "坐收坐支、公款私存",
                "manifestation": "收入未及时入账而直接用于支出，或将集体资金存入个人账户",
                "level": "high",
                "measures": "收入按时缴存专户，备用金实行限额管理",
                "responsible_office": "村会计（报账员）",
                "supervising_body": "乡镇三资代理服务中心",
            },
            {
                "description": "民主理财流于形式",
                "manifestation": "民主理财小组成员未见凭证即签字",
                "level": "medium",
                "measures": "审核须逐笔填写意见并留存记录，乡镇不定期抽查",
                "responsible_office": "村务监督委员会主任",
                "supervising_body": "乡镇纪委",
            },
        ],
    },
    {
        "number": "6",
        "category": "finance",
        "name": "村级财务预决算",
        "legal_basis": (
            "《农村集体经济组织财务制度》（财农〔2021〕121号）；"
            "《中华人民共和国村民委员会组织法》第二十三条、第二十四条"
        ),
        "responsible_body": "村民委员会、村集体经济组织",
        "boundaries": (
            "年度预算须经村民代表会议通过后执行；调整超过原预算10%或新增5万元以上支出的，"
            "须重新履行审议程序。"
        ),
        "disclosure": "预算方案在通过后5日内公开，年度决算在次年1月底前公开，公开期不少于15日。",
        "supervision": (
            "乡镇三资代理服务中心审核预决算，村务监督委员会监督预算执行，乡镇人民政府组织年度审计。"
        ),
        "accountability": (
            "无预算或超预算开支、擅自调整预算的，责令纠正并追究主要负责人和经办人责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "村会计（报账员）",
                "office": "accountant",
                "action": "依据上年收支和本年计划编制预算草案",
                "time_limit": 10,
                "unit": "working_days",
                "document": "预算草案",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村“两委”",
                "office": "secretary",
                "action": "召开联席会议审议预算草案",
                "time_limit": 3,
                "unit": "working_days",
                "document": "会议记录",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "乡镇三资代理服务中心",
                "office": "",
                "action": "审核预算草案的合规性和收支平衡情况",
                "time_limit": 7,
                "unit": "working_days",
                "document": "审核意见",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村民代表会议",
                "office": "",
                "action": "审议表决年度预算方案，到会人员过半数同意",
                "time_limit": 7,
                "unit": "days",
                "document": "预算决议",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "执行预算并公开，年终编制决算提交审议",
                "time_limit": None,
                "unit": "days",
                "document": "决算报告",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "预算编制随意",
                "manifestation": "预算收支不实，大量支出未列入预算或在预算外随意开支",
                "level": "medium",
                "measures": "预算须经乡镇审核，无预算事项一律不予报账",
                "responsible_office": "村会计（报账员）",
                "supervising_body": "乡镇三资代理服务中心",
            },
            {
                "description": "擅自调整预算",
                "manifestation": "未经民主程序追加招待费等非生产性开支",
                "level": "medium",
                "measures": "预算调整重新履行村民代表会议审议程序",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "村务监督委员会",
            },
        ],
    },
    {
        "number": "7",
        "category": "finance",
        "name": "村干部报酬及补贴发放",
        "legal_basis": (
            "《中华人民共和国村民委员会组织法》第二十四条；县级村干部报酬管理和绩效考核相关规定"
        ),
        "responsible_body": "乡镇人民政府、村民委员会",
        "boundaries": (
            "村干部基本报酬和绩效报酬按县级标准由财政保障；"
            "误工补贴人员和标准须经村民会议或村民代表会议讨论决定，不得自定自发。"
        ),
        "disclosure": (
            "报酬和补贴的发放标准、人员、金额每季度公开一次，绩效考核结果在考核结束后公开。"
        ),
        "supervision": (
            "乡镇人民政府组织考核并核定发放，村务监督委员会监督误工补贴发放，乡镇纪委开展抽查。"
        ),
        "accountability": "虚报误工、重复领取或擅自提高补贴标准的，追回违规款项并依规依纪处理。",
        "steps": [
            {
                "key": "1",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "统计村干部出勤和误工情况，据实提出补贴名单",
                "time_limit": 5,
                "unit": "working_days",
                "document": "出勤和误工统计表",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村务监督委员会",
                "office": "supervisor",
                "action": "审核误工事由和天数，签署审核意见",
                "time_limit": 3,
                "unit": "working_days",
                "document": "审核意见",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "组织绩效考核，核定基本报酬和绩效报酬",
                "time_limit": 15,
                "unit": "working_days",
                "document": "考核结果",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "乡镇财政所",
                "office": "",
                "action": "通过银行代发直接发放至个人账户",
                "time_limit": 5,
                "unit": "working_days",
                "document": "发放清册",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村文书",
                "office": "clerk",
                "action": "公开报酬、补贴发放标准和金额",
                "time_limit": 5,
                "unit": "working_days",
                "document": "公开表",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "虚报误工补贴",
                "manifestation": "虚报误工天数，或将不属误工的事项计入补贴",
                "level": "medium",
                "measures": "误工实行当日登记、村务监督委员会审核",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "村务监督委员会",
            },
            {
                "description": "自定标准、自行发放",
                "manifestation": "未经民主决策擅自提高补贴标准或增设补贴项目",
                "level": "high",
                "measures": "补贴标准须经村民代表会议通过并报乡镇备案",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委",
            },
        ],
    },
    {
        "number": "8",
        "category": "finance",
        "name": "村集体经济组织收益分配",
        "legal_basis": (
            "《中华人民共和国农村集体经济组织法》；"
            "《农村集体经济组织财务制度》（财农〔2021〕121号）；"
            "《中华人民共和国村民委员会组织法》第二十四条"
        ),
        "responsible_body": "村集体经济组织（村股份经济合作社）",
        "boundaries": (
            "年度可分配收益按规定提取公积公益金后按成员份额分配；"
            "分配方案须经成员大会或成员代表大会讨论通过。"
        ),
        "disclosure": "分配方案在表决前公示不少于7日，分配结果在兑付后5日内公开。",
        "supervision": "乡镇农村经营管理部门审核分配方案，村务监督委员会监督分配全过程。",
        "accountability": (
            "未经民主程序分配、截留挪用分红资金或违规向非成员分配的，依法追回并追究相关人员责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "村集体经济组织理事会",
                "office": "secretary",
                "action": "核算年度收益，拟定收益分配方案",
                "time_limit": 10,
                "unit": "working_days",
                "document": "收益分配方案",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村“两委”",
                "office": "secretary",
                "action": "召开联席会议研究分配方案",
                "time_limit": 3,
                "unit": "working_days",
                "document": "会议记录",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "乡镇农村经营管理部门",
                "office": "",
                "action": "审核分配方案的合规性",
                "time_limit": 7,
                "unit": "working_days",
                "document": "审核意见",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村文书",
                "office": "clerk",
                "action": "在村务公开栏公示分配方案",
                "time_limit": 7,
                "unit": "days",
                "document": "公示材料",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "成员大会或成员代表大会",
                "office": "",
                "action": "讨论表决分配方案，到会人员过半数同意",
                "time_limit": 7,
                "unit": "days",
                "document": "表决记录",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村会计（报账员）",
                "office": "accountant",
                "action": "按方案将收益兑付至成员账户并公开结果",
                "time_limit": 10,
                "unit": "working_days",
                "document": "分配清册",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "分配对象不准",
                "manifestation": "违规将非成员纳入分配，或遗漏外嫁女等合法成员",
                "level": "high",
                "measures": "依据成员名册分配，名册变动须经成员大会确认",
                "responsible_office": "村集体经济组织理事长",
                "supervising_body": "村务监督委员会、乡镇农村经营管理部门",
            },
            {
                "description": "截留挪用收益",
                "manifestation": "收益未全额纳入分配，或在分配前擅自列支",
                "level": "medium",
                "measures": "收益分配全部通过三资代理服务中心账户核算",
                "responsible_office": "村会计（报账员）",
                "supervising_body": "乡镇三资代理服务中心",
            },
        ],
    },
    {
        "number": "9",
        "category": "project",
        "name": "村级小额采购（2,000元以下）",
        "legal_basis": (
            "《农村集体经济组织财务制度》（财农〔2021〕121号）；县级村级采购管理相关规定"
        ),
        "responsible_body": "村民委员会",
        "boundaries": (
            "单次采购2,000元以下的办公用品、维修材料等，由经办人按“货比三家”原则直接采购；"
            "严禁将同批次采购拆分为多次小额采购。"
        ),
        "disclosure": "采购明细随村级财务收支每月公开。",
        "supervision": "民主理财小组在报账时审核采购凭证，村务监督委员会不定期抽查采购价格。",
        "accountability": "拆分采购、虚高报价或以次充好的，追回损失并追究经办人和审批人责任。",
        "steps": [
            {
                "key": "1",
                "actor": "经办人",
                "office": "",
                "action": "提出采购需求，说明用途和预估金额",
                "time_limit": None,
                "unit": "days",
                "document": "采购申请单",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村党组织书记（村委会主任）",
                "office": "secretary",
                "action": "审批采购事项",
                "time_limit": 2,
                "unit": "working_days",
                "document": "审批签字",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "经办人",
                "office": "",
                "action": "询价比价后采购，取得正规发票",
                "time_limit": 5,
                "unit": "working_days",
                "document": "发票、询价记录",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村务监督委员会",
                "office": "supervisor",
                "action": "验收物品，在发票上签署验收意见",
                "time_limit": 2,
                "unit": "working_days",
                "document": "验收签字",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村会计（报账员）",
                "office": "accountant",
                "action": "按村级财务报账程序报账",
                "time_limit": 5,
                "unit": "working_days",
                "document": "报账单",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "拆分采购规避程序",
                "manifestation": "将同一采购事项拆分为多笔2,000元以下的支出",
                "level": "medium",
                "measures": "三资代理服务中心对同类、同期支出合并审查",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇三资代理服务中心",
            },
            {
                "description": "采购价格虚高",
                "manifestation": "采购价格明显高于市场价，或发票数量与实物不符",
                "level": "low",
                "measures": "实行询价记录和验收签字，按月公开采购明细",
                "responsible_office": "经办村干部",
                "supervising_body": "民主理财小组",
            },
        ],
    },
    {
        "number": "10",
        "category": "project",
        "name": "村级采购（2,000元至5万元）",
        "legal_basis": (
            "《农村集体经济组织财务制度》（财农〔2021〕121号）；县级村级采购管理相关规定"
        ),
        "responsible_body": "村民委员会",
        "boundaries": (
            "单次采购2,000元（含）至5万元的，经村“两委”会议研究，向3家以上供应商询价，"
            "按质优价低原则确定供应商。"
        ),
        "disclosure": "采购事项、供应商和成交价格在确定后5日内公开。",
        "supervision": "村务监督委员会全程参与询价和验收，乡镇三资代理服务中心报账审核。",
        "accountability": "未经集体研究擅自采购、串通报价或拆分采购规避程序的，依规依纪追究责任。",
        "steps": [
            {
                "key": "1",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "提出采购需求和预算",
                "time_limit": 3,
                "unit": "working_days",
                "document": "采购需求表",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村“两委”",
                "office": "secretary",
                "action": "召开会议研究确定采购事项和方式",
                "time_limit": 3,
                "unit": "working_days",
                "document": "会议记录",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "询价小组",
                "office": "deputy",
                "action": "由村干部和监督委员会成员组成询价小组，向3家以上供应商询价",
                "time_limit": 5,
                "unit": "working_days",
                "document": "询价记录",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村“两委”",
                "office": "secretary",
                "action": "按质优价低原则确定供应商，签订采购合同",
                "time_limit": 3,
                "unit": "working_days",
                "document": "采购合同",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村务监督委员会",
                "office": "supervisor",
                "action": "参与验收，核对数量和质量",
                "time_limit": 3,
                "unit": "working_days",
                "document": "验收单",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村会计（报账员）",
                "office": "accountant",
                "action": "报账并在村务公开栏公开采购结果",
                "time_limit": 5,
                "unit": "working_days",
                "document": "报账单、公开表",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "虚假询价、陪标",
                "manifestation": "询价对象为关联方或陪标单位，询价记录事后补写",
                "level": "medium",
                "measures": "询价结果由询价小组全体成员签字，村务监督委员会现场监督",
                "responsible_office": "村委会副主任",
                "supervising_body": "村务监督委员会",
            },
            {
                "description": "拆分采购规避上级程序",
                "manifestation": "将5万元以上采购拆分为多笔，规避两委联席会议和代表会议程序",
                "level": "high",
                "measures": "编制年度采购计划统筹采购，乡镇合并审查同类支出",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委",
            },
        ],
    },
    {
        "number": "11",
        "category": "project",
        "name": "村级采购（5万元至20万元）",
        "legal_basis": (
            "《农村集体经济组织财务制度》（财农〔2021〕121号）；县级村级采购管理相关规定"
        ),
        "responsible_body": "村民委员会",
        "boundaries": (
            "单次采购5万元（含）至20万元的，须经村“两委”联席会议集体研究，"
            "报乡镇审核后采取竞争性比选方式确定供应商。"
        ),
        "disclosure": "采购方案、比选结果和合同金额分别在确定后3日内公开。",
        "supervision": "乡镇人民政府审核采购方案，村务监督委员会监督比选全过程。",
        "accountability": (
            "未经联席会议研究、内定供应商或验收弄虚作假的，依规依纪追究相关人员责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "编制采购方案，明确需求、预算和比选方式",
                "time_limit": 5,
                "unit": "working_days",
                "document": "采购方案",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村“两委”联席会议",
                "office": "secretary",
                "action": "集体研究采购方案，形成会议纪要",
                "time_limit": 3,
                "unit": "working_days",
                "document": "会议纪要",
                "branch": {"condition": "未获通过", "target": "end"},
            },
            {
                "key": "3",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "审核采购方案及资金来源",
                "time_limit": 5,
                "unit": "working_days",
                "document": "审核意见",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "比选小组",
                "office": "deputy",
                "action": "发布比选公告，组织3家以上供应商竞争性比选",
                "time_limit": 10,
                "unit": "days",
                "document": "比选记录",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "公示比选结果并签订合同",
                "time_limit": 3,
                "unit": "days",
                "document": "成交公示、采购合同",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村务监督委员会",
                "office": "supervisor",
                "action": "组织验收，监督报账和结果公开",
                "time_limit": 5,
                "unit": "working_days",
                "document": "验收报告",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "内定供应商",
                "manifestation": "比选条件量身定制，排斥潜在供应商",
                "level": "high",
                "measures": "比选公告报乡镇审核，比选文件公开",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委",
            },
            {
                "description": "验收走过场",
                "manifestation": "合同履行中擅自变更数量、质量标准，验收不严",
                "level": "medium",
                "measures": "验收邀请村民代表参加，验收结果公开",
                "responsible_office": "村委会副主任",
                "supervising_body": "村务监督委员会",
            },
        ],
    },
    {
        "number": "12",
        "category": "project",
        "name": "村级采购（20万元以上）",
        "legal_basis": (
            "《农村集体经济组织财务制度》（财农〔2021〕121号）；"
            "《中华人民共和国村民委员会组织法》第二十四条；县级村级采购管理相关规定"
        ),
        "responsible_body": "村民委员会",
        "boundaries": (
            "单次采购20万元（含）以上的，须经“四议两公开”程序由村民代表会议决议，"
            "委托公共资源交易平台组织采购。"
        ),
        "disclosure": "决议、采购公告、成交结果和合同履行情况全程公开。",
        "supervision": (
            "乡镇人民政府全程指导，县级行业主管部门和公共资源交易监管部门监管，乡镇纪委专项监督。"
        ),
        "accountability": "规避公开采购、指定供应商或干预采购的，依规依纪依法严肃追究责任。",
        "steps": [
            {
                "key": "1",
                "actor": "村党组织",
                "office": "secretary",
                "action": "提议采购事项，经村“两委”会议商议",
                "time_limit": 5,
                "unit": "working_days",
                "document": "提议书、会议记录",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "党员大会",
                "office": "",
                "action": "审议采购事项",
                "time_limit": 7,
                "unit": "days",
                "document": "审议意见",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村民代表会议",
                "office": "",
                "action": "表决采购事项和预算，到会人员过半数同意",
                "time_limit": 7,
                "unit": "days",
                "document": "会议决议",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "审核后委托公共资源交易平台组织采购",
                "time_limit": 10,
                "unit": "working_days",
                "document": "委托书",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "公共资源交易平台",
                "office": "",
                "action": "依法组织采购，确定成交供应商",
                "time_limit": None,
                "unit": "days",
                "document": "成交通知书",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "签订合同，组织验收并公开结果",
                "time_limit": 10,
                "unit": "working_days",
                "document": "合同、验收报告",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "规避公开采购",
                "manifestation": "拆分项目，或以紧急采购为由直接指定供应商",
                "level": "high",
                "measures": "20万元以上采购一律进入交易平台，乡镇对拆分行为专项检查",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委",
            },
            {
                "description": "村干部干预采购",
                "manifestation": "村干部插手评审或向供应商打招呼",
                "level": "medium",
                "measures": "村干部不参与评审，实行插手干预事项记录报告",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委",
            },
        ],
    },
    {
        "number": "13",
        "category": "project",
        "name": "村级工程项目招投标",
        "legal_basis": (
            "《中华人民共和国招标投标法》；《必须招标的工程项目规定》（国家发展改革委令第16号）；"
            "《中华人民共和国村民委员会组织法》第二十四条"
        ),
        "responsible_body": "村民委员会（项目业主）、乡镇人民政府",
        "boundaries": (
            "施工单项合同估算价400万元以上等依法必须招标的项目进入公共资源交易平台公开招标；"
            "限额以下项目由乡镇指导采取竞争性比选等方式确定施工单位。"
        ),
        "disclosure": (
            "招标公告、中标候选人、中标结果和合同主要内容依法公开，"
            "项目预算和中标单位在村务公开栏同步公开。"
        ),
        "supervision": (
            "县级行业主管部门监管招投标活动，乡镇人民政府指导，村务监督委员会监督开标和合同签订。"
        ),
        "accountability": (
            "规避招标、串通投标、泄露标底或收受贿赂的，依法依规严肃追责；涉嫌犯罪的移送司法机关。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "按“四议两公开”程序确定项目及建设方案",
                "time_limit": None,
                "unit": "days",
                "document": "会议决议",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "审核项目立项、预算和招标方式",
                "time_limit": 10,
                "unit": "working_days",
                "document": "审核意见",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "招标代理机构",
                "office": "",
                "action": "发布招标公告，自招标文件发出至投标截止不少于20日",
                "time_limit": 20,
                "unit": "days",
                "document": "招标公告、招标文件",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "评标委员会",
                "office": "",
                "action": "依法开标、评标，推荐中标候选人",
                "time_limit": 3,
                "unit": "days",
                "document": "评标报告",
                "branch": {"condition": "有效投标不足三家", "target": "3"},
            },
            {
                "key": "5",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "公示中标候选人不少于3日，确定中标人",
                "time_limit": 3,
                "unit": "days",
                "document": "中标通知书",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "中标通知书发出之日起30日内签订合同并公开",
                "time_limit": 30,
                "unit": "days",
                "document": "施工合同",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "规避招标",
                "manifestation": "将依法必须招标的项目化整为零，或以“应急工程”为由直接发包",
                "level": "high",
                "measures": "乡镇严格审核项目立项和分标，县级主管部门备案审查",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委、县级行业主管部门",
            },
            {
                "description": "围标串标",
                "manifestation": "投标人相互串通，或村干部亲属借用资质参与投标",
                "level": "high",
                "measures": "村干部亲属参与投标实行回避申报，电子化招标全程留痕",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "县级公共资源交易监管部门",
            },
            {
                "description": "泄露招标信息",
                "manifestation": "向特定投标人泄露标底或其他投标人信息",
                "level": "medium",
                "measures": "标底由代理机构密封管理，知情人签订保密承诺",
                "responsible_office": "村委会副主任",
                "supervising_body": "乡镇纪委",
            },
        ],
    },
    {
        "number": "14",
        "category": "project",
        "name": "小型工程项目建设管理",
        "legal_basis": (
            "《建设工程质量管理条例》；《中华人民共和国村民委员会组织法》第二十四条；"
            "县级村级小型工程项目管理相关规定"
        ),
        "responsible_body": "村民委员会、乡镇人民政府",
        "boundaries": (
            "适用于村内道路、小型水利、人居环境整治等小型工程；实行项目公示、"
            "质量监督和竣工验收制度，工程变更须履行审批程序。"
        ),
        "disclosure": (
            "项目名称、资金来源、预算、施工单位和工期在开工前公示，"
            "竣工结算和验收结果在验收后7日内公开。"
        ),
        "supervision": (
            "村务监督委员会推选村民义务监督员全程跟踪，乡镇人民政府组织验收，"
            "县级主管部门抽查工程质量。"
        ),
        "accountability": (
            "虚报工程量、偷工减料、擅自变更设计或验收弄虚作假的，追回资金并追究相关人员责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "开工前公示项目概况，设立项目公示牌",
                "time_limit": 5,
                "unit": "days",
                "document": "项目公示牌",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村委会副主任",
                "office": "deputy",
                "action": "组织施工现场管理，督促施工单位记录施工日志",
                "time_limit": None,
                "unit": "days",
                "document": "施工日志",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村务监督委员会",
                "office": "supervisor",
                "action": "选派义务监督员监督材料进场和隐蔽工程",
                "time_limit": None,
                "unit": "days",
                "document": "监督记录",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村“两委”",
                "office": "secretary",
                "action": "工程变更经村“两委”会议研究后报乡镇审批",
                "time_limit": 5,
                "unit": "working_days",
                "document": "变更审批表",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "组织竣工验收，村民代表参加",
                "time_limit": 15,
                "unit": "working_days",
                "document": "验收报告",
                "branch": {"condition": "验收不合格", "target": "2"},
            },
            {
                "key": "6",
                "actor": "村会计（报账员）",
                "office": "accountant",
                "action": "按验收结果和合同拨付工程款，公开结算",
                "time_limit": 10,
                "unit": "working_days",
                "document": "工程结算单",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "虚报工程量",
                "manifestation": "多计工程量、虚增签证，套取项目资金",
                "level": "high",
                "measures": "工程量由监理和义务监督员共同核实，结算经乡镇审核",
                "responsible_office": "村委会副主任",
                "supervising_body": "乡镇人民政府、乡镇纪委",
            },
            {
                "description": "质量监督缺位",
                "manifestation": "隐蔽工程未经检查即覆盖，使用不合格材料",
                "level": "medium",
                "measures": "实行隐蔽工程验收签字和影像留存制度",
                "responsible_office": "村务监督委员会主任",
                "supervising_body": "县级行业主管部门",
            },
        ],
    },
    {
        "number": "15",
        "category": "assets",
        "name": "集体资产发包、租赁",
        "legal_basis": (
            "《中华人民共和国民法典》第二百六十一条；《中华人民共和国农村集体经济组织法》；"
            "《中华人民共和国村民委员会组织法》第二十四条"
        ),
        "responsible_body": "村集体经济组织、村民委员会",
        "boundaries": (
            "村集体房屋、设施设备等经营性资产发包、租赁原则上采取公开竞价方式；租期一般不超过5年，"
            "不得预收超过本届任期的租金。"
        ),
        "disclosure": (
            "发包方案、竞价公告、成交结果和合同主要条款在村务公开栏和平台公开，"
            "租金收入纳入财务公开。"
        ),
        "supervision": "乡镇三资代理服务中心审核合同并备案，村务监督委员会监督竞价过程。",
        "accountability": (
            "暗箱操作、低价发包或超期预收租金的，合同依法处理，相关人员依规依纪追责。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "村集体经济组织",
                "office": "secretary",
                "action": "拟定发包、租赁方案，明确底价和期限",
                "time_limit": 10,
                "unit": "working_days",
                "document": "发包方案",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村“两委”",
                "office": "secretary",
                "action": "按“四议两公开”程序审议决定发包方案",
                "time_limit": None,
                "unit": "days",
                "document": "会议决议",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "乡镇三资代理服务中心",
                "office": "",
                "action": "审核方案，发布竞价公告，公告期不少于7日",
                "time_limit": 7,
                "unit": "days",
                "document": "竞价公告",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村集体经济组织",
                "office": "secretary",
                "action": "组织公开竞价，现场确定承租人",
                "time_limit": 1,
                "unit": "days",
                "document": "竞价记录",
                "branch": {"condition": "报名不足两人", "target": "3"},
            },
            {
                "key": "5",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "公示结果后签订合同，报乡镇备案",
                "time_limit": 5,
                "unit": "working_days",
                "document": "租赁合同",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村会计（报账员）",
                "office": "accountant",
                "action": "按合同收取租金并入账",
                "time_limit": None,
                "unit": "days",
                "document": "收款凭证",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "低价发包、暗箱操作",
                "manifestation": "未经评估定价，私下协议发包给关系人",
                "level": "high",
                "measures": "底价经评估并集体确定，竞价现场由村务监督委员会监督",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "村务监督委员会、乡镇纪委",
            },
            {
                "description": "合同管理混乱",
                "manifestation": "合同期限过长、租金约定不清或长期拖欠不收",
                "level": "medium",
                "measures": "使用统一合同范本，三资监管平台到期预警和催收",
                "responsible_office": "村会计（报账员）",
                "supervising_body": "乡镇三资代理服务中心",
            },
        ],
    },
    {
        "number": "16",
        "category": "assets",
        "name": "集体资产处置",
        "legal_basis": (
            "《中华人民共和国民法典》第二百六十一条；《中华人民共和国农村集体经济组织法》；"
            "《中华人民共和国村民委员会组织法》第二十四条"
        ),
        "responsible_body": "村集体经济组织",
        "boundaries": (
            "集体资产出售、报废、转让、抵押等处置，须经资产评估并经成员大会或成员代表大会同意；"
            "公益性资产不得用于抵押担保。"
        ),
        "disclosure": "处置方案、评估结果、处置方式和成交价格在处置前后分别公开，公开期不少于7日。",
        "supervision": (
            "乡镇三资代理服务中心审核评估和处置程序，乡镇人民政府审批，村务监督委员会全程监督。"
        ),
        "accountability": "低价处置、隐瞒处置或私分处置收入的，依法追回并追究相关人员责任。",
        "steps": [
            {
                "key": "1",
                "actor": "村集体经济组织",
                "office": "secretary",
                "action": "提出处置事项，委托评估机构评估",
                "time_limit": 15,
                "unit": "working_days",
                "document": "资产评估报告",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村“两委”",
                "office": "secretary",
                "action": "召开联席会议研究处置方案",
                "time_limit": 3,
                "unit": "working_days",
                "document": "会议记录",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "成员大会或成员代表大会",
                "office": "",
                "action": "按章程规定审议表决处置方案",
                "time_limit": 7,
                "unit": "days",
                "document": "表决记录",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "审核处置程序和评估结果",
                "time_limit": 10,
                "unit": "working_days",
                "document": "审批意见",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "乡镇三资代理服务中心",
                "office": "",
                "action": "组织公开拍卖或竞价",
                "time_limit": None,
                "unit": "days",
                "document": "成交确认书",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村会计（报账员）",
                "office": "accountant",
                "action": "处置收入全额入账，公开处置结果",
                "time_limit": 5,
                "unit": "working_days",
                "document": "收款凭证、公开表",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "低价处置",
                "manifestation": "未经评估或压低评估价，向特定对象低价出售",
                "level": "high",
                "measures": "处置一律评估并公开竞价，成交价不得低于评估价",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇三资代理服务中心、乡镇纪委",
            },
            {
                "description": "隐瞒处置",
                "manifestation": "私自变卖集体资产，处置收入不入账",
                "level": "high",
                "measures": "资产台账定期清查核对，处置前后公开",
                "responsible_office": "村会计（报账员）",
                "supervising_body": "村务监督委员会",
            },
        ],
    },
    {
        "number": "17",
        "category": "assets",
        "name": "集体资源承包",
        "legal_basis": (
            "《中华人民共和国农村土地承包法》第四十八条至第五十四条；"
            "《中华人民共和国村民委员会组织法》第二十四条"
        ),
        "responsible_body": "村民委员会、村民小组",
        "boundaries": (
            "“四荒”资源及集体机动地通过招标、拍卖、公开协商等方式承包；"
            "发包给本集体以外单位或个人的，须经三分之二以上村民或村民代表同意并报乡镇批准。"
        ),
        "disclosure": "承包方案、竞价结果和合同主要条款公开，承包费收取情况纳入财务公开。",
        "supervision": (
            "乡镇人民政府审批对外发包事项，乡镇农村经营管理部门对合同鉴证备案，"
            "村务监督委员会全程监督。"
        ),
        "accountability": "擅自发包、低价发包或超期预收承包费的，合同依法处理并追究相关人员责任。",
        "steps": [
            {
                "key": "1",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "清查集体资源，拟定承包方案",
                "time_limit": 10,
                "unit": "working_days",
                "document": "承包方案",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村民会议或村民代表会议",
                "office": "",
                "action": "讨论决定承包方案",
                "time_limit": 7,
                "unit": "days",
                "document": "会议决议",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "对向本集体以外发包的事项进行审批",
                "time_limit": 10,
                "unit": "working_days",
                "document": "批复",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "公开招标、拍卖或公开协商，确定承包方",
                "time_limit": 15,
                "unit": "days",
                "document": "成交记录",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "乡镇农村经营管理部门",
                "office": "",
                "action": "对承包合同进行鉴证备案",
                "time_limit": 5,
                "unit": "working_days",
                "document": "承包合同",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "优亲厚友",
                "manifestation": "以协商为名将资源低价发包给亲友",
                "level": "high",
                "measures": "一律采取公开方式发包，承包方与村干部关系实行回避申报",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委",
            },
            {
                "description": "超期预收承包费",
                "manifestation": "一次性预收多年承包费，损害集体长远利益",
                "level": "medium",
                "measures": "承包费按年收取，预收不得超过规定年限",
                "responsible_office": "村会计（报账员）",
                "supervising_body": "乡镇三资代理服务中心",
            },
        ],
    },
    {
        "number": "18",
        "category": "assets",
        "name": "农村土地经营权流转",
        "legal_basis": (
            "《中华人民共和国农村土地承包法》第三十六条至第四十七条；"
            "《农村土地经营权流转管理办法》（农业农村部令2021年第1号）"
        ),
        "responsible_body": "承包农户、村民委员会",
        "boundaries": (
            "流转遵循依法、自愿、有偿原则，任何组织和个人不得强迫或阻碍；"
            "流转期限不得超过承包期剩余期限，不得改变土地农业用途。"
        ),
        "disclosure": (
            "流转信息在村务公开栏和平台发布，受农户委托统一流转的，流转价格、"
            "面积和受让方在签约前公示。"
        ),
        "supervision": (
            "乡镇农村土地承包管理部门指导合同签订和备案，村务监督委员会监督集体统一组织的流转。"
        ),
        "accountability": "强迫农户流转、截留扣缴流转收益或违规改变土地用途的，依法依规追究责任。",
        "steps": [
            {
                "key": "1",
                "actor": "承包农户",
                "office": "",
                "action": "自愿提出流转意向，委托流转的出具书面委托书",
                "time_limit": None,
                "unit": "days",
                "document": "流转意向书",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "登记流转信息，在村内和平台发布",
                "time_limit": 5,
                "unit": "working_days",
                "document": "流转信息登记表",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "流转双方",
                "office": "",
                "action": "协商流转价格、期限和方式",
                "time_limit": None,
                "unit": "days",
                "document": "协商记录",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "指导签订书面流转合同，向发包方备案",
                "time_limit": 5,
                "unit": "working_days",
                "document": "流转合同",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "乡镇农村土地承包管理部门",
                "office": "",
                "action": "审查合同并备案，建立流转台账",
                "time_limit": 10,
                "unit": "working_days",
                "document": "备案登记",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "强迫流转",
                "manifestation": "以集体名义强迫或变相强迫农户流转土地",
                "level": "high",
                "measures": "流转须有农户书面委托，乡镇核查委托真实性",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇人民政府",
            },
            {
                "description": "截留流转收益",
                "manifestation": "村组代收流转费后截留、拖欠或扣缴",
                "level": "medium",
                "measures": "流转费直接支付到农户账户，确需代收的公开明细",
                "responsible_office": "村会计（报账员）",
                "supervising_body": "村务监督委员会",
            },
        ],
    },
    {
        "number": "19",
        "category": "welfare",
        "name": "最低生活保障申请",
        "legal_basis": (
            "《社会救助暂行办法》第九条至第十七条；《最低生活保障审核确认办法》（民发〔2021〕57号）"
        ),
        "responsible_body": "乡镇人民政府（受理、审核），村民委员会（协助）",
        "boundaries": (
            "共同生活家庭成员人均收入低于当地低保标准且财产状况符合规定的，以家庭为单位申请；"
            "村干部及其近亲属申请的须单独登记备案。"
        ),
        "disclosure": (
            "初审名单在10个工作日内于村务公开栏公示，公示期7个工作日；审批结果长期公示，"
            "个人信息去标识化处理。"
        ),
        "supervision": (
            "乡镇人民政府组织民主评议并全程监督，县级民政部门抽查核实，"
            "村务监督委员会和驻村第一书记参与评议监督。"
        ),
        "accountability": (
            "搞人情保、关系保，或为不符合条件人员出具虚假证明的，依规依纪依法严肃追责。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "申请人",
                "office": "",
                "action": "向乡镇人民政府提出申请，签署家庭经济状况核对授权书",
                "time_limit": None,
                "unit": "days",
                "document": "申请书、授权书",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "受理申请，对材料不全的一次性告知需补齐的材料",
                "time_limit": 3,
                "unit": "working_days",
                "document": "受理通知书",
                "branch": {"condition": "材料不全", "target": "1"},
            },
            {
                "key": "3",
                "actor": "乡镇人民政府、村民委员会",
                "office": "deputy",
                "action": "入户调查，开展家庭经济状况信息核对",
                "time_limit": 10,
                "unit": "working_days",
                "document": "入户调查表",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "民主评议小组",
                "office": "first_secretary",
                "action": "召开民主评议会，对调查结果的真实性进行评议",
                "time_limit": 5,
                "unit": "working_days",
                "document": "评议记录",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "在村务公开栏公示初审名单，公示期7个工作日",
                "time_limit": 7,
                "unit": "working_days",
                "document": "公示材料",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "县级民政部门",
                "office": "",
                "action": "审批确认，不予批准的书面告知理由",
                "time_limit": 10,
                "unit": "working_days",
                "document": "审批决定书",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "人情保、关系保",
                "manifestation": "将不符合条件的亲友、村干部近亲属纳入低保",
                "level": "high",
                "measures": "村干部近亲属备案，民主评议实名表决，县级民政部门入户抽查",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委、县级民政部门",
            },
            {
                "description": "入户调查不实",
                "manifestation": "调查走过场，未如实核查收入、财产和车辆信息",
                "level": "medium",
                "measures": "调查人员不少于2人，结合信息系统比对核查",
                "responsible_office": "村委会副主任",
                "supervising_body": "乡镇人民政府",
            },
            {
                "description": "应保未保",
                "manifestation": "对符合条件的困难群众不告知、不协助申请",
                "level": "medium",
                "measures": "村级主动排查，政策告知到户，平台受理群众反映",
                "responsible_office": "驻村第一书记",
                "supervising_body": "村务监督委员会",
            },
        ],
    },
    {
        "number": "20",
        "category": "welfare",
        "name": "特困人员救助供养申请",
        "legal_basis": (
            "《社会救助暂行办法》第十四条至第二十条；《特困人员认定办法》（民发〔2021〕43号）"
        ),
        "responsible_body": "乡镇人民政府（审核），县级民政部门（确认）",
        "boundaries": (
            "无劳动能力、无生活来源且无法定赡养、抚养、扶养义务人或其义务人无履行能力的老年人、"
            "残疾人和未成年人，可申请特困供养。"
        ),
        "disclosure": "乡镇审核意见在申请人所在村公示7日，认定结果公开，个人信息去标识化处理。",
        "supervision": "县级民政部门审批并定期抽查，乡镇人民政府负责审核，村务监督委员会监督。",
        "accountability": "将不符合条件人员纳入特困供养，或截留、挪用供养金的，依法依规追究责任。",
        "steps": [
            {
                "key": "1",
                "actor": "申请人或其代理人",
                "office": "",
                "action": "向乡镇人民政府提出申请，本人无能力的可委托村民委员会代为申请",
                "time_limit": None,
                "unit": "days",
                "document": "申请书",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "协助收集证明材料，如实反映申请人情况",
                "time_limit": 5,
                "unit": "working_days",
                "document": "情况说明",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "入户调查并在20个工作日内提出审核意见",
                "time_limit": 20,
                "unit": "working_days",
                "document": "审核意见",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "在申请人所在村公示审核意见",
                "time_limit": 7,
                "unit": "days",
                "document": "公示材料",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "县级民政部门",
                "office": "",
                "action": "20个工作日内作出确认决定，不予确认的书面说明理由",
                "time_limit": 20,
                "unit": "working_days",
                "document": "确认决定书",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "确定分散或集中供养方式，按月发放供养金",
                "time_limit": None,
                "unit": "days",
                "document": "供养协议",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "违规认定",
                "manifestation": "隐瞒法定义务人情况，将有赡养能力家庭的老人纳入特困",
                "level": "high",
                "measures": "核实法定义务人履行能力，开展信息化比对核查",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "县级民政部门",
            },
            {
                "description": "照料服务不落实",
                "manifestation": "分散供养人员照料服务协议签而不履",
                "level": "medium",
                "measures": "村级定期探访，照料服务落实情况纳入考核",
                "responsible_office": "村委会副主任",
                "supervising_body": "乡镇人民政府",
            },
        ],
    },
    {
        "number": "21",
        "category": "welfare",
        "name": "临时救助申请",
        "legal_basis": (
            "《社会救助暂行办法》第四十七条至第五十条；"
            "《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）"
        ),
        "responsible_body": "乡镇人民政府、县级民政部门",
        "boundaries": (
            "因火灾、交通事故、突发重大疾病等导致基本生活暂时出现严重困难的家庭或个人；"
            "情况紧急的先行救助，事后补办手续。"
        ),
        "disclosure": "救助对象、救助事由和金额按季度在村务公开栏公开，个人信息去标识化处理。",
        "supervision": (
            "乡镇人民政府按权限审核审批，县级民政部门监督检查，村务监督委员会监督村级核实环节。"
        ),
        "accountability": "虚构事由骗取救助金或优亲厚友的，追回资金并依规依纪追究责任。",
        "steps": [
            {
                "key": "1",
                "actor": "申请人",
                "office": "",
                "action": "向乡镇人民政府提出申请，或由村民委员会代为申请",
                "time_limit": None,
                "unit": "days",
                "document": "申请书",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村民委员会",
                "office": "deputy",
                "action": "核实困难情况并出具意见",
                "time_limit": 3,
                "unit": "working_days",
                "document": "核实意见",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "入户调查审核，情况紧急的先行救助",
                "time_limit": 5,
                "unit": "working_days",
                "document": "调查审核表",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "乡镇人民政府或县级民政部门",
                "office": "",
                "action": "按权限审批并发放救助金",
                "time_limit": 5,
                "unit": "working_days",
                "document": "审批表",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "按季度公开救助对象和救助金额",
                "time_limit": None,
                "unit": "days",
                "document": "公开表",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "虚构事由骗取救助",
                "manifestation": "编造事故、病情等困难事由，或重复申请救助",
                "level": "medium",
                "measures": "困难事由须附医疗票据等佐证材料，系统比对重复申请",
                "responsible_office": "村委会副主任",
                "supervising_body": "乡镇人民政府",
            },
            {
                "description": "平均分配、照顾关系户",
                "manifestation": "将临时救助作为“福利”平均分配或照顾关系户",
                "level": "medium",
                "measures": "救助结果按季度公开，村务监督委员会审核",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "村务监督委员会",
            },
        ],
    },
    {
        "number": "22",
        "category": "welfare",
        "name": "农村危房改造申请",
        "legal_basis": (
            "《住房和城乡建设部 财政部 民政部 国家乡村振兴局关于做好农村低收入群体等重点对象住房安"
            "全保障工作的实施意见》（建村〔2021〕35号）"
        ),
        "responsible_body": "乡镇人民政府、村民委员会",
        "boundaries": (
            "保障对象为农村低保户、特困人员、低保边缘家庭、"
            "防返贫监测对象等低收入群体中住房经鉴定为C级、D级危房的家庭。"
        ),
        "disclosure": (
            "申请对象、房屋鉴定等级和补助标准在村内公示不少于7日，竣工验收和补助发放结果公开。"
        ),
        "supervision": (
            "县级住房城乡建设部门组织鉴定和验收，乡镇人民政府审核，"
            "村务监督委员会监督评议和补助发放。"
        ),
        "accountability": (
            "虚报危房等级、重复享受补助或截留挪用补助资金的，追回资金并追究相关人员责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "农户",
                "office": "",
                "action": "向村民委员会提出书面申请",
                "time_limit": None,
                "unit": "days",
                "document": "申请书",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "召开村民代表会议评议，在村内公示",
                "time_limit": 7,
                "unit": "days",
                "document": "评议记录、公示材料",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "审核申请对象身份和住房情况",
                "time_limit": 10,
                "unit": "working_days",
                "document": "审核意见",
                "branch": {"condition": "不符合条件", "target": "end"},
            },
            {
                "key": "4",
                "actor": "县级住房城乡建设部门",
                "office": "",
                "action": "组织房屋安全鉴定，确定改造对象",
                "time_limit": 15,
                "unit": "working_days",
                "document": "房屋安全鉴定报告",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "农户",
                "office": "",
                "action": "按改造方案自建或委托有资质的工匠施工",
                "time_limit": None,
                "unit": "days",
                "document": "施工协议",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "县乡两级验收组",
                "office": "",
                "action": "竣工验收合格后，补助资金通过“一卡通”发放",
                "time_limit": 20,
                "unit": "working_days",
                "document": "竣工验收表",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "虚报冒领",
                "manifestation": "虚报住房危险等级，或非保障对象冒名申请补助",
                "level": "high",
                "measures": "鉴定由专业人员实施，验收拍照留存，补助直达农户",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "县级住房城乡建设部门、乡镇纪委",
            },
            {
                "description": "吃拿卡要",
                "manifestation": "在申报、验收环节向农户索要好处费",
                "level": "medium",
                "measures": "公开举报渠道，县乡两级回访改造户",
                "responsible_office": "村委会副主任",
                "supervising_body": "乡镇纪委",
            },
        ],
    },
    {
        "number": "23",
        "category": "welfare",
        "name": "惠民惠农财政补贴资金“一卡通”发放",
        "legal_basis": (
            "《关于进一步加强惠民惠农财政补贴资金“一卡通”管理的指导意见》；"
            "《中华人民共和国村民委员会组织法》第三十条"
        ),
        "responsible_body": "乡镇人民政府、村民委员会（协助）",
        "boundaries": (
            "耕地地力保护补贴、生态护林员补助、高龄补贴等直补到人到户的资金，"
            "统一通过社会保障卡或“一卡通”发放，村级不得代领、代管。"
        ),
        "disclosure": (
            "补贴项目、标准、发放对象和金额在村务公开栏公示不少于7日，身份证号、卡号去标识化处理。"
        ),
        "supervision": (
            "县级主管部门和财政部门审核发放，乡镇人民政府核实，县纪委监委通过监督平台比对数据。"
        ),
        "accountability": "虚报冒领、截留挪用补贴资金或代管群众“一卡通”的，依规依纪依法严肃处理。",
        "steps": [
            {
                "key": "1",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "摸底登记补贴对象和面积、人数等基础数据",
                "time_limit": 10,
                "unit": "working_days",
                "document": "基础数据登记表",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村民小组长",
                "office": "group_leader",
                "action": "逐户核实基础数据，由农户签字确认",
                "time_limit": 5,
                "unit": "working_days",
                "document": "核实签字表",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "在村内公示补贴对象和拟发放金额",
                "time_limit": 7,
                "unit": "days",
                "document": "公示材料",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "审核汇总后报县级主管部门",
                "time_limit": 10,
                "unit": "working_days",
                "document": "审核汇总表",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "县级财政部门",
                "office": "",
                "action": "通过“一卡通”系统直接发放至个人账户",
                "time_limit": None,
                "unit": "days",
                "document": "发放清册",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "公开发放结果，受理群众查询",
                "time_limit": 5,
                "unit": "working_days",
                "document": "发放结果公开表",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "虚报冒领",
                "manifestation": "虚报种植面积、人口数量，或将已故人员纳入补贴",
                "level": "high",
                "measures": "数据与承包地确权、户籍等信息比对，逐户签字确认",
                "responsible_office": "村民小组长",
                "supervising_body": "乡镇人民政府、县纪委监委",
            },
            {
                "description": "代管“一卡通”",
                "manifestation": "村干部以统一办理为由代管群众银行卡、存折",
                "level": "high",
                "measures": "严禁代管卡折，定期开展“一卡通”专项清理",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委",
            },
            {
                "description": "公示信息泄露",
                "manifestation": "公示材料显示完整身份证号、银行卡号",
                "level": "low",
                "measures": "公示前逐项去标识化处理",
                "responsible_office": "村文书",
                "supervising_body": "乡镇人民政府",
            },
        ],
    },
    {
        "number": "24",
        "category": "welfare",
        "name": "困难残疾人生活补贴和重度残疾人护理补贴申请",
        "legal_basis": (
            "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52"
            "号）"
        ),
        "responsible_body": "乡镇人民政府（受理、初审），县级民政部门（审定）",
        "boundaries": (
            "生活补贴对象为低保家庭中的残疾人；护理补贴对象为残疾等级被评定为一级、"
            "二级且需长期照护的重度残疾人。"
        ),
        "disclosure": "补贴对象名单和补贴标准在村内公示，身份证号、残疾人证号去标识化处理。",
        "supervision": "县级民政部门会同残联审核，乡镇人民政府初审，村务监督委员会监督。",
        "accountability": (
            "虚报冒领补贴，或对死亡、不再符合条件人员不及时报告退出的，追回资金并追究责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "申请人",
                "office": "",
                "action": "向乡镇人民政府提出申请，可委托村民委员会代办",
                "time_limit": None,
                "unit": "days",
                "document": "补贴申请表",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "协助核实残疾和家庭经济情况",
                "time_limit": 3,
                "unit": "working_days",
                "document": "核实意见",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "初审后报县级民政部门",
                "time_limit": 10,
                "unit": "working_days",
                "document": "初审意见",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "县级民政部门",
                "office": "",
                "action": "会同残联审定，符合条件的自次月起发放补贴",
                "time_limit": 15,
                "unit": "working_days",
                "document": "审定表",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "动态跟踪，发现死亡等情形及时报告退出",
                "time_limit": None,
                "unit": "days",
                "document": "动态管理台账",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "死亡或不符合条件后继续领取",
                "manifestation": "领取人死亡或不再符合条件后未及时退出，继续领取补贴",
                "level": "medium",
                "measures": "按季度与殡葬、户籍数据比对，村级每月报告变动情况",
                "responsible_office": "村文书",
                "supervising_body": "县级民政部门",
            },
        ],
    },
    {
        "number": "25",
        "category": "welfare",
        "name": "防止返贫动态监测和帮扶",
        "legal_basis": (
            "《关于健全防止返贫动态监测和帮扶机制的指导意见》；《中华人民共和国乡村振兴促进法》"
        ),
        "responsible_body": "乡镇人民政府、村民委员会",
        "boundaries": (
            "对家庭收入低于监测范围，或因病、因灾、因意外事故等刚性支出较大、收入大幅缩减的农户，"
            "及时纳入监测并落实帮扶措施。"
        ),
        "disclosure": (
            "监测对象识别和风险消除结果经民主评议后在村内公示不少于5日，个人信息去标识化处理。"
        ),
        "supervision": "乡镇人民政府审核，县级农业农村部门确认，驻村第一书记和帮扶责任人全程跟踪。",
        "accountability": "应纳未纳、体外循环或虚假“消除风险”的，依规依纪追究相关人员责任。",
        "steps": [
            {
                "key": "1",
                "actor": "农户、网格员",
                "office": "",
                "action": "农户自主申报，或网格员、帮扶责任人排查发现风险",
                "time_limit": None,
                "unit": "days",
                "document": "申报表、排查记录",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村民委员会、驻村工作队",
                "office": "first_secretary",
                "action": "入户核实收入支出和风险情况",
                "time_limit": 5,
                "unit": "working_days",
                "document": "入户核查表",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村民代表会议",
                "office": "",
                "action": "民主评议，在村内公示评议结果",
                "time_limit": 5,
                "unit": "days",
                "document": "评议记录、公示材料",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "审核后报县级部门比对确认",
                "time_limit": 10,
                "unit": "working_days",
                "document": "审核表",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "驻村第一书记",
                "office": "first_secretary",
                "action": "制定“一户一策”帮扶措施并跟踪落实",
                "time_limit": None,
                "unit": "days",
                "document": "帮扶台账",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "风险稳定消除的，经评议公示后标注风险消除",
                "time_limit": None,
                "unit": "days",
                "document": "风险消除评议记录",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "应纳未纳",
                "manifestation": "人为控制纳入规模，对风险户漏监漏帮",
                "level": "high",
                "measures": "部门数据预警推送，逐户核查反馈",
                "responsible_office": "驻村第一书记",
                "supervising_body": "乡镇人民政府、乡镇纪委",
            },
            {
                "description": "“数字”消除风险",
                "manifestation": "帮扶措施未落实即标注风险消除，收入数据虚高",
                "level": "medium",
                "measures": "风险消除须经入户核实、民主评议和公示",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "县级农业农村部门",
            },
        ],
    },
    {
        "number": "26",
        "category": "land_comp",
        "name": "征地补偿款分配",
        "legal_basis": (
            "《中华人民共和国土地管理法》第四十七条、第四十八条；"
            "《中华人民共和国民法典》第二百六十一条；《中华人民共和国村民委员会组织法》第二十四条"
        ),
        "responsible_body": "村集体经济组织、村民委员会",
        "boundaries": (
            "土地补偿费归村集体经济组织所有，分配使用方案须经村民会议讨论决定；"
            "不得以多数决剥夺外嫁女等合法成员的分配权益。"
        ),
        "disclosure": (
            "征收土地面积、补偿标准、分配方案和分户分配结果在村内公示不少于7日，"
            "补偿款收支单独公开。"
        ),
        "supervision": (
            "乡镇人民政府审核分配方案，县级自然资源部门监督补偿款拨付，村务监督委员会全程监督。"
        ),
        "accountability": (
            "截留、挪用、私分征地补偿款或违规分配的，依法追回并严肃追责；涉嫌犯罪的移送司法机关。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "村民小组、村民委员会",
                "office": "group_leader",
                "action": "核实被征收土地面积、权属和地上附着物",
                "time_limit": 10,
                "unit": "working_days",
                "document": "清点登记表",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村“两委”",
                "office": "secretary",
                "action": "拟定补偿款分配方案",
                "time_limit": 10,
                "unit": "working_days",
                "document": "分配方案",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村民会议",
                "office": "",
                "action": "讨论决定分配方案，到会人员过半数同意",
                "time_limit": 7,
                "unit": "days",
                "document": "会议决议",
                "branch": {"condition": "未获通过", "target": "2"},
            },
            {
                "key": "4",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "审核分配方案的合法性",
                "time_limit": 10,
                "unit": "working_days",
                "document": "审核意见",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "公示分配方案和分户分配金额",
                "time_limit": 7,
                "unit": "days",
                "document": "公示材料",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "村会计（报账员）",
                "office": "accountant",
                "action": "将补偿款通过银行直接拨付至农户账户，公开结果",
                "time_limit": 10,
                "unit": "working_days",
                "document": "拨付清册",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "截留挪用补偿款",
                "manifestation": "补偿款到村后滞留集体账户或挪作他用",
                "level": "high",
                "measures": "补偿款专户管理，分配方案通过后及时足额兑付",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委、乡镇三资代理服务中心",
            },
            {
                "description": "虚报冒领",
                "manifestation": "虚报征收面积、附着物数量，或虚增分配人口",
                "level": "high",
                "measures": "丈量清点多方现场签字确认，数据公示核对",
                "responsible_office": "村民小组长",
                "supervising_body": "村务监督委员会",
            },
            {
                "description": "侵害特殊群体权益",
                "manifestation": "以村规民约剥夺外嫁女、入赘婿等合法成员分配权",
                "level": "medium",
                "measures": "分配方案报乡镇进行合法性审查",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇人民政府",
            },
        ],
    },
    {
        "number": "27",
        "category": "land_comp",
        "name": "地上附着物和青苗补偿兑付",
        "legal_basis": (
            "《中华人民共和国土地管理法》第四十八条；《中华人民共和国土地管理法实施条例》"
        ),
        "responsible_body": "乡镇人民政府、村民委员会（协助）",
        "boundaries": (
            "地上附着物和青苗补偿费归其所有权人所有，按省级公布的标准据实清点核算，直接兑付到户，"
            "村组不得截留。"
        ),
        "disclosure": "清点结果和补偿金额在村民小组范围内公示不少于7日。",
        "supervision": "乡镇人民政府组织清点，县级自然资源部门审核，村务监督委员会参与现场清点。",
        "accountability": "抢栽抢建骗取补偿、虚报清点数量或截留补偿款的，追回资金并依法依规处理。",
        "steps": [
            {
                "key": "1",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "发布征收土地预公告，明确抢栽抢建部分不予补偿",
                "time_limit": None,
                "unit": "days",
                "document": "征收土地预公告",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "清点小组",
                "office": "group_leader",
                "action": "会同权利人现场清点登记，拍照留存",
                "time_limit": 5,
                "unit": "working_days",
                "document": "清点登记表",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "权利人",
                "office": "",
                "action": "核对清点结果并签字确认",
                "time_limit": 3,
                "unit": "working_days",
                "document": "清点确认书",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "在村民小组范围内公示清点结果和补偿金额",
                "time_limit": 7,
                "unit": "days",
                "document": "公示材料",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "县级自然资源部门",
                "office": "",
                "action": "审核后将补偿款直接兑付至权利人账户",
                "time_limit": 15,
                "unit": "working_days",
                "document": "兑付清册",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "抢栽抢建骗取补偿",
                "manifestation": "预公告后突击栽种、搭建，村组干部知情不报",
                "level": "medium",
                "measures": "预公告后冻结现状并进行影像固定",
                "responsible_office": "村民小组长",
                "supervising_body": "乡镇人民政府",
            },
            {
                "description": "清点数据造假",
                "manifestation": "清点时多报数量，与权利人串通分享补偿款",
                "level": "high",
                "measures": "多方共同清点签字，县级随机复核",
                "responsible_office": "村委会副主任",
                "supervising_body": "乡镇纪委",
            },
        ],
    },
    {
        "number": "28",
        "category": "homestead",
        "name": "农村宅基地和建房申请审批",
        "legal_basis": (
            "《中华人民共和国土地管理法》第六十二条；"
            "《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》（农经发〔2019〕6号）"
        ),
        "responsible_body": "乡镇人民政府（审批），村民委员会、村民小组（审查）",
        "boundaries": (
            "农村村民一户只能拥有一处宅基地，面积不得超过省级规定标准；出卖、出租、"
            "赠与住宅后再申请宅基地的不予批准。"
        ),
        "disclosure": (
            "申请人、拟用地位置和面积、拟建房层高和面积在村民小组范围内公示，"
            "审批结果在村务公开栏公开。"
        ),
        "supervision": (
            "乡镇人民政府实行“三到场”，村务监督委员会监督，县级农业农村和自然资源部门开展抽查。"
        ),
        "accountability": (
            "为不符合条件的申请人出具同意意见、吃拿卡要或对违法占地不制止、不报告的，"
            "依规依纪追究责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "申请人",
                "office": "",
                "action": "以户为单位向村民小组提出书面申请",
                "time_limit": None,
                "unit": "days",
                "document": "宅基地和建房申请表",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村民小组",
                "office": "group_leader",
                "action": "召开小组会议讨论，在本组范围内公示",
                "time_limit": 7,
                "unit": "days",
                "document": "会议记录、公示材料",
                "branch": {"condition": "不符合条件", "target": "end"},
            },
            {
                "key": "3",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "审查申请材料和公示情况，签署意见报乡镇",
                "time_limit": 5,
                "unit": "working_days",
                "document": "审查意见",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "组织联审并现场踏勘，作出审批决定",
                "time_limit": 20,
                "unit": "working_days",
                "document": "农村宅基地批准书",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "乡镇人民政府、村民委员会",
                "office": "deputy",
                "action": "开工前丈量批放，确定建房位置",
                "time_limit": 5,
                "unit": "working_days",
                "document": "放线记录",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "竣工后到场核查，出具验收意见",
                "time_limit": None,
                "unit": "days",
                "document": "验收意见表",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "违规出具审查意见",
                "manifestation": "为一户多宅、超面积或非本集体成员违规出具同意意见",
                "level": "high",
                "measures": "村组审查意见实名签字，乡镇联审比对已有宅基地信息",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委",
            },
            {
                "description": "吃拿卡要",
                "manifestation": "借审查、放线之机向申请人索要财物",
                "level": "medium",
                "measures": "公开办理流程和举报电话，乡镇对申请人回访",
                "responsible_office": "村民小组长",
                "supervising_body": "乡镇人民政府",
            },
            {
                "description": "未批先建监管不力",
                "manifestation": "对未批先建、少批多占不制止、不报告",
                "level": "medium",
                "measures": "落实村级建房巡查，发现问题及时报告乡镇",
                "responsible_office": "村委会副主任",
                "supervising_body": "乡镇人民政府",
            },
        ],
    },
    {
        "number": "29",
        "category": "homestead",
        "name": "农村建房巡查及违法用地报告",
        "legal_basis": (
            "《中华人民共和国土地管理法》；"
            "《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》（农经发〔2019〕6号）"
        ),
        "responsible_body": "村民委员会、村民小组",
        "boundaries": (
            "村级组织对本村建房、占用耕地情况开展日常巡查，发现未批先建、少批多占、"
            "乱占耕地等行为及时劝阻并报告乡镇；村级无行政处罚权。"
        ),
        "disclosure": "巡查发现的问题及处置结果按季度在村务公开栏公开。",
        "supervision": (
            "乡镇人民政府督促整改，县级农业农村、自然资源部门依法查处，村务监督委员会监督。"
        ),
        "accountability": (
            "对违法占地建房发现不报、隐瞒包庇或参与违法占地的，依规依纪追究村干部责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "村民小组长",
                "office": "group_leader",
                "action": "开展日常巡查，记录本组建房和用地情况",
                "time_limit": None,
                "unit": "days",
                "document": "巡查记录",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村民委员会",
                "office": "deputy",
                "action": "对发现的违法建房行为现场劝阻，告知法律后果",
                "time_limit": 1,
                "unit": "days",
                "document": "劝阻记录",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村民委员会",
                "office": "secretary",
                "action": "在2日内书面报告乡镇人民政府",
                "time_limit": 2,
                "unit": "days",
                "document": "情况报告",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "核查并依法处置，需查处的移交县级主管部门",
                "time_limit": None,
                "unit": "days",
                "document": "处置意见",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "跟踪整改落实，公开处置结果",
                "time_limit": None,
                "unit": "days",
                "document": "整改台账",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "发现不报",
                "manifestation": "对亲友违法建房视而不见，隐瞒不报",
                "level": "medium",
                "measures": "巡查记录定期上报，结合卫星遥感图斑比对核查",
                "responsible_office": "村民小组长",
                "supervising_body": "乡镇人民政府",
            },
            {
                "description": "参与违法用地",
                "manifestation": "村干部本人或默许他人违法占用耕地建房",
                "level": "high",
                "measures": "村干部建房情况备案，纳入乡镇专项检查",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委",
            },
        ],
    },
    {
        "number": "30",
        "category": "certificates",
        "name": "村级证明开具",
        "legal_basis": (
            "《村级组织工作事务、机制牌子和证明事项参考目录》；"
            "《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔20"
            "20〕42号）"
        ),
        "responsible_body": "村民委员会",
        "boundaries": (
            "仅对本村村民且属村级组织掌握情况的事项出具证明，范围以参考目录为准；"
            "目录外事项和无法核实的事项不予出具。"
        ),
        "disclosure": "可出具的证明事项目录、所需材料和办理时限在村便民服务站和平台公开。",
        "supervision": "村务监督委员会定期检查证明开具登记台账，乡镇人民政府抽查证明内容的真实性。",
        "accountability": "出具虚假证明或超范围出具证明造成不良后果的，追究开具人和审批人责任。",
        "steps": [
            {
                "key": "1",
                "actor": "申请人",
                "office": "",
                "action": "到村便民服务站提出申请，提交相关材料",
                "time_limit": None,
                "unit": "days",
                "document": "申请登记表",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村文书",
                "office": "clerk",
                "action": "审核材料，核实相关情况",
                "time_limit": 2,
                "unit": "working_days",
                "document": "核实记录",
                "branch": {"condition": "不属出具范围", "target": "end"},
            },
            {
                "key": "3",
                "actor": "村党组织书记（村委会主任）",
                "office": "secretary",
                "action": "审核签批",
                "time_limit": 1,
                "unit": "working_days",
                "document": "签批单",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村文书",
                "office": "clerk",
                "action": "开具证明、加盖印章并登记台账",
                "time_limit": 1,
                "unit": "working_days",
                "document": "证明存根",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "虚开证明",
                "manifestation": "为他人出具与事实不符的收入、居住、亲属关系证明",
                "level": "high",
                "measures": "证明实行核实、签批、登记三道程序，存根留档备查",
                "responsible_office": "村文书",
                "supervising_body": "村务监督委员会",
            },
            {
                "description": "超范围开具证明",
                "manifestation": "超出参考目录开具证明，增加群众负担或被他人滥用",
                "level": "low",
                "measures": "严格执行证明事项目录，目录外事项告知依法依规办理",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇人民政府",
            },
        ],
    },
    {
        "number": "31",
        "category": "certificates",
        "name": "村级印章使用管理",
        "legal_basis": (
            "《国务院关于国家行政机关和企业事业单位社会团体印章管理的规定》（国发〔1999〕25号）；"
            "县级村级印章管理相关规定"
        ),
        "responsible_body": "村党组织、村民委员会",
        "boundaries": (
            "村党组织、村民委员会、村集体经济组织印章由专人保管，用印须经审批登记；"
            "严禁在空白文书上用印，严禁将印章带离办公场所。"
        ),
        "disclosure": (
            "印章保管人和用印审批程序在村便民服务站公开，用印登记台账接受村务监督委员会查阅。"
        ),
        "supervision": (
            "村务监督委员会每月检查用印登记，乡镇人民政府不定期抽查，重大事项用印报乡镇备案。"
        ),
        "accountability": (
            "私自用印、出借印章、在空白文书上用印或印章遗失不报告的，追究保管人和审批人责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "用印申请人",
                "office": "",
                "action": "填写用印申请单，说明用印事由和份数",
                "time_limit": None,
                "unit": "days",
                "document": "用印申请单",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村党组织书记（村委会主任）",
                "office": "secretary",
                "action": "审核用印事由和文件内容并签批",
                "time_limit": 1,
                "unit": "working_days",
                "document": "签批意见",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "印章保管人",
                "office": "clerk",
                "action": "核对签批后用印，登记用印台账",
                "time_limit": 1,
                "unit": "working_days",
                "document": "用印登记簿",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村务监督委员会",
                "office": "supervisor",
                "action": "每月检查用印登记台账",
                "time_limit": None,
                "unit": "days",
                "document": "检查记录",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "公章私用",
                "manifestation": "印章保管人或村干部私自用印谋利",
                "level": "high",
                "measures": "印章专柜加锁，一事一登记，每月核查",
                "responsible_office": "村文书",
                "supervising_body": "村务监督委员会",
            },
            {
                "description": "空白用印",
                "manifestation": "在空白纸张、空白合同上预先用印",
                "level": "medium",
                "measures": "严禁空白用印，发现即收回并追责",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇人民政府",
            },
        ],
    },
    {
        "number": "32",
        "category": "certificates",
        "name": "户籍及入户证明协助办理",
        "legal_basis": (
            "《中华人民共和国户口登记条例》；《村级组织工作事务、机制牌子和证明事项参考目录》"
        ),
        "responsible_body": "村民委员会（协助），公安派出所（办理）",
        "boundaries": (
            "村级组织仅协助核实本村居住、亲属关系等情况，户口登记、迁移由公安机关依法办理；"
            "不得为非本村常住人员出具入户证明。"
        ),
        "disclosure": "协助办理事项和所需材料在村便民服务站公开。",
        "supervision": "公安派出所审核把关，村务监督委员会检查协助办理登记台账。",
        "accountability": "出具虚假证明协助他人违规落户的，追究相关人员责任。",
        "steps": [
            {
                "key": "1",
                "actor": "申请人",
                "office": "",
                "action": "提出协助办理申请，说明落户类型和事由",
                "time_limit": None,
                "unit": "days",
                "document": "申请登记表",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村文书",
                "office": "clerk",
                "action": "核实申请人居住、亲属关系等情况",
                "time_limit": 3,
                "unit": "working_days",
                "document": "核实记录",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村党组织书记（村委会主任）",
                "office": "secretary",
                "action": "审核签批",
                "time_limit": 1,
                "unit": "working_days",
                "document": "签批单",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村文书",
                "office": "clerk",
                "action": "出具情况说明并登记，告知到派出所办理",
                "time_limit": 1,
                "unit": "working_days",
                "document": "情况说明存根",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "公安派出所",
                "office": "",
                "action": "依法审核办理户口登记",
                "time_limit": None,
                "unit": "days",
                "document": "户口登记",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "协助虚假落户",
                "manifestation": "为获取征地补偿、集体收益分配等利益协助非本村人员落户",
                "level": "medium",
                "measures": "情况须二人以上核实，涉及集体利益的落户报乡镇备案",
                "responsible_office": "村文书",
                "supervising_body": "公安派出所、乡镇人民政府",
            },
        ],
    },
    {
        "number": "33",
        "category": "services",
        "name": "矛盾纠纷调解",
        "legal_basis": "《中华人民共和国人民调解法》第八条、第十七条、第二十八条",
        "responsible_body": "村人民调解委员会",
        "boundaries": (
            "调解遵循自愿、平等、合法原则，不收取任何费用；已由法院、"
            "公安机关受理或处理的纠纷不予调解，调解不成的告知当事人依法维权。"
        ),
        "disclosure": (
            "调解委员会组成人员、调解程序和联系方式在村便民服务站公开，调解协议不公开当事人隐私。"
        ),
        "supervision": "乡镇司法所业务指导和检查，村务监督委员会监督。",
        "accountability": (
            "调解中偏袒一方、泄露当事人隐私或收受财物的，给予批评教育、责令改正，"
            "情节严重的依法罢免或解聘。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "当事人",
                "office": "",
                "action": "申请调解，或由调解委员会主动调解",
                "time_limit": None,
                "unit": "days",
                "document": "调解申请登记表",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村人民调解委员会",
                "office": "deputy",
                "action": "受理登记，指定调解员",
                "time_limit": 2,
                "unit": "working_days",
                "document": "受理登记",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "调解员",
                "office": "deputy",
                "action": "调查了解情况，组织当事人调解",
                "time_limit": 15,
                "unit": "days",
                "document": "调解笔录",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村人民调解委员会",
                "office": "deputy",
                "action": "达成协议的制作调解协议书，调解不成的告知依法维权",
                "time_limit": 3,
                "unit": "working_days",
                "document": "调解协议书",
                "branch": None,
            },
            {
                "key": "5",
                "actor": "调解员",
                "office": "deputy",
                "action": "回访协议履行情况",
                "time_limit": 30,
                "unit": "days",
                "document": "回访记录",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "调解不公",
                "manifestation": "调解员与当事人有利害关系未回避，偏袒一方",
                "level": "medium",
                "measures": "实行调解员回避制度，当事人可申请更换调解员",
                "responsible_office": "村委会副主任",
                "supervising_body": "乡镇司法所",
            },
            {
                "description": "推诿矛盾",
                "manifestation": "对纠纷推诿不调，致使矛盾激化",
                "level": "low",
                "measures": "每月开展矛盾纠纷排查，重大纠纷及时报告乡镇",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇综治中心",
            },
        ],
    },
    {
        "number": "34",
        "category": "services",
        "name": "生育登记服务",
        "legal_basis": "《中华人民共和国人口与计划生育法》；《甘肃省人口与计划生育条例》",
        "responsible_body": "乡镇人民政府（办理），村民委员会（协助）",
        "boundaries": (
            "生育登记实行网上办理和就近办理，村级组织协助宣传和代办，不得设置前置条件或收取费用。"
        ),
        "disclosure": "登记所需材料和办理渠道在村便民服务站公开。",
        "supervision": "乡镇人民政府检查代办服务情况，群众可通过平台反映问题。",
        "accountability": "违规设置条件、索要费用或泄露个人信息的，责令改正并追究相关人员责任。",
        "steps": [
            {
                "key": "1",
                "actor": "申请人",
                "office": "",
                "action": "通过网上平台自行登记，或到村便民服务站申请代办",
                "time_limit": None,
                "unit": "days",
                "document": "登记信息",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村文书",
                "office": "clerk",
                "action": "协助核对信息，代为提交登记",
                "time_limit": 1,
                "unit": "working_days",
                "document": "代办登记簿",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "审核登记信息，办理生育登记",
                "time_limit": None,
                "unit": "days",
                "document": "生育登记信息",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村文书",
                "office": "clerk",
                "action": "告知登记结果和孕产期保健等服务政策",
                "time_limit": None,
                "unit": "days",
                "document": "告知记录",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "泄露个人信息",
                "manifestation": "代办过程中留存、泄露群众个人信息",
                "level": "low",
                "measures": "代办资料用后归还，不得留存复印件",
                "responsible_office": "村文书",
                "supervising_body": "乡镇人民政府",
            },
        ],
    },
    {
        "number": "35",
        "category": "services",
        "name": "移风易俗与红白事办理",
        "legal_basis": "《殡葬管理条例》；《中华人民共和国村民委员会组织法》第二十七条",
        "responsible_body": "村民委员会、村红白理事会",
        "boundaries": (
            "依据村规民约对婚丧嫁娶规模、宴席标准进行引导约束，倡导节地生态安葬；"
            "不得采取罚款等侵犯村民权益的措施。"
        ),
        "disclosure": "红白事办理标准和报备情况按季度公开，村规民约在村务公开栏长期公开。",
        "supervision": "村务监督委员会监督，乡镇人民政府对村规民约进行备案审查。",
        "accountability": "村干部违规大操大办或借红白事收受礼金的，依规依纪处理。",
        "steps": [
            {
                "key": "1",
                "actor": "办事户主",
                "office": "",
                "action": "红白事办理前向村红白理事会报备",
                "time_limit": None,
                "unit": "days",
                "document": "报备表",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村红白理事会",
                "office": "deputy",
                "action": "告知村规民约标准，指导简办",
                "time_limit": 1,
                "unit": "days",
                "document": "告知书",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村红白理事会",
                "office": "deputy",
                "action": "现场监督规模、宴席标准等执行情况",
                "time_limit": None,
                "unit": "days",
                "document": "办理记录",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村民委员会",
                "office": "clerk",
                "action": "按季度公开报备和办理情况",
                "time_limit": None,
                "unit": "days",
                "document": "公开记录",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "村干部大操大办",
                "manifestation": "村干部、党员借婚丧事宜大操大办、收受礼金",
                "level": "medium",
                "measures": "村干部婚丧事宜事前向乡镇报告，红白理事会监督",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇纪委",
            },
            {
                "description": "借村规民约侵权",
                "manifestation": "以罚款、停发补贴等方式强制执行村规民约",
                "level": "low",
                "measures": "村规民约报乡镇备案审查",
                "responsible_office": "村党组织书记（村委会主任）",
                "supervising_body": "乡镇人民政府",
            },
        ],
    },
    {
        "number": "36",
        "category": "services",
        "name": "城乡居民养老保险和医疗保险参保代办",
        "legal_basis": (
            "《中华人民共和国社会保险法》；"
            "《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）"
        ),
        "responsible_body": "乡镇人民政府、村民委员会（协办）",
        "boundaries": (
            "村级协办员协助宣传参保政策、办理参保登记和待遇资格认证；"
            "参保缴费由个人通过线上或银行渠道缴纳，村级原则上不代收现金。"
        ),
        "disclosure": "年度缴费档次、政府补贴标准和待遇领取人员名单在村务公开栏公开。",
        "supervision": "县级社会保险经办机构和医疗保障部门审核，乡镇人民政府检查。",
        "accountability": (
            "代收保费不入账，或对已死亡人员冒领养老金隐瞒不报的，追回资金并依法追责。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "参保人",
                "office": "",
                "action": "选择缴费档次，通过线上渠道缴费或到村便民服务站申请代办",
                "time_limit": None,
                "unit": "days",
                "document": "参保登记表",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村协办员",
                "office": "clerk",
                "action": "核对身份信息，协助完成参保登记",
                "time_limit": 3,
                "unit": "working_days",
                "document": "代办台账",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "乡镇人民政府",
                "office": "",
                "action": "审核参保信息，报县级经办机构",
                "time_limit": 5,
                "unit": "working_days",
                "document": "审核汇总表",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村协办员",
                "office": "clerk",
                "action": "每年协助开展待遇领取资格认证，及时报告死亡人员",
                "time_limit": None,
                "unit": "days",
                "document": "资格认证记录",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "代收保费截留",
                "manifestation": "以代缴为名收取现金后不及时缴纳或挪用",
                "level": "medium",
                "measures": "推行个人线上缴费，确需代收的当日开票缴存",
                "responsible_office": "村文书",
                "supervising_body": "乡镇人民政府",
            },
            {
                "description": "冒领养老金",
                "manifestation": "领取人员死亡后家属继续冒领，村级知情不报",
                "level": "medium",
                "measures": "死亡信息与公安、卫生健康数据比对，协办员按月报告",
                "responsible_office": "村文书",
                "supervising_body": "县级社会保险经办机构",
            },
        ],
    },
    {
        "number": "37",
        "category": "party",
        "name": "发展党员",
        "legal_basis": "《中国共产党章程》；《中国共产党发展党员工作细则》",
        "responsible_body": "村党组织",
        "boundaries": (
            "坚持标准、保证质量，严格履行入党申请、积极分子培养、发展对象确定、"
            "预备党员接收和转正程序；严禁突击发展和违规发展。"
        ),
        "disclosure": "发展对象和拟接收预备党员在党内公示，公示期不少于5个工作日。",
        "supervision": "乡镇党委审查审批，乡镇纪委监督，党员群众可对公示对象提出意见。",
        "accountability": (
            "违反程序发展党员、弄虚作假或优亲厚友的，对违规发展的党员按规定处理并追究相关人员责任。"
        ),
        "steps": [
            {
                "key": "1",
                "actor": "入党申请人",
                "office": "",
                "action": "向村党组织提出书面入党申请",
                "time_limit": None,
                "unit": "days",
                "document": "入党申请书",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村党组织",
                "office": "secretary",
                "action": "一个月内派人谈话，经推荐确定入党积极分子",
                "time_limit": 30,
                "unit": "days",
                "document": "谈话记录",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村党组织",
                "office": "secretary",
                "action": "经一年以上培养考察，确定发展对象并报乡镇党委备案",
                "time_limit": None,
                "unit": "days",
                "document": "培养考察材料",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "乡镇党委",
                "office": "",
                "action": "开展政治审查和集中培训，对发展对象进行预审",
                "time_limit": None,
                "unit": "days",
                "document": "预审意见",
                "branch": {"condition": "预审未通过", "target": "3"},
            },
            {
                "key": "5",
                "actor": "党员大会",
                "office": "",
                "action": "讨论接收预备党员，报乡镇党委审批",
                "time_limit": None,
                "unit": "days",
                "document": "支部大会决议",
                "branch": None,
            },
            {
                "key": "6",
                "actor": "乡镇党委",
                "office": "",
                "action": "3个月内审批；预备期满后按程序讨论转正",
                "time_limit": 90,
                "unit": "days",
                "document": "审批意见",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "优亲厚友、违规发展",
                "manifestation": "优先发展村干部亲属，培养考察期不足即确定发展对象",
                "level": "medium",
                "measures": "发展党员全程纪实，公示接受监督，乡镇党委严格预审",
                "responsible_office": "村党组织书记",
                "supervising_body": "乡镇党委",
            },
            {
                "description": "入党材料造假",
                "manifestation": "补写、伪造入党材料",
                "level": "low",
                "measures": "材料随时形成随时归档，乡镇党委定期检查",
                "responsible_office": "村党组织书记",
                "supervising_body": "乡镇纪委",
            },
        ],
    },
    {
        "number": "38",
        "category": "party",
        "name": "党费收缴管理",
        "legal_basis": (
            "《中国共产党章程》；《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）"
        ),
        "responsible_body": "村党组织",
        "boundaries": (
            "党员按月交纳党费，农民党员每月交纳0.2元至1元；党费由党支部逐笔登记并及时足额上缴，"
            "不得截留挪用或以集体资金代交。"
        ),
        "disclosure": "党费收缴情况每年至少在党内公布一次。",
        "supervision": "乡镇党委定期检查党费收缴和上缴情况，党员可查询本人交纳记录。",
        "accountability": "截留、挪用党费或以集体资金代交党费的，依规依纪追究相关人员责任。",
        "steps": [
            {
                "key": "1",
                "actor": "党员",
                "office": "",
                "action": "按月向党小组或党支部交纳党费",
                "time_limit": None,
                "unit": "days",
                "document": "党费交纳记录",
                "branch": None,
            },
            {
                "key": "2",
                "actor": "村党组织",
                "office": "secretary",
                "action": "逐笔登记收缴党费，开具收据",
                "time_limit": None,
                "unit": "days",
                "document": "党费收缴登记簿",
                "branch": None,
            },
            {
                "key": "3",
                "actor": "村党组织",
                "office": "secretary",
                "action": "按规定时限足额上缴乡镇党委",
                "time_limit": None,
                "unit": "days",
                "document": "党费上缴凭证",
                "branch": None,
            },
            {
                "key": "4",
                "actor": "村党组织",
                "office": "secretary",
                "action": "每年向党员公布党费收缴情况",
                "time_limit": None,
                "unit": "days",
                "document": "公布记录",
                "branch": None,
            },
        ],
        "risks": [
            {
                "description": "截留挪用或代交党费",
                "manifestation": "党费收缴后未及时上缴，或以集体资金代交党费",
                "level": "medium",
                "measures": "实行专人登记、定期上缴和党内公开",
                "responsible_office": "村党组织书记",
                "supervising_body": "乡镇党委",
            },
        ],
    },
]
