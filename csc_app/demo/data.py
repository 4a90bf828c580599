"""Demo records: three halls of a home-furnishing market, their merchants, staff and guide carts."""

COMPANY = {
	"company_name": "星河家居建材广场",
	"company_abbr": "XHJC",
	"currency": "CNY",
	"country": "China",
	"timezone": "Asia/Shanghai",
}

DEPARTMENTS = ("客服部", "物流部", "技术部", "物业部", "招商部")

HALLS = (
	# hall_name, hall_code, address, description
	("一号馆·家具馆", "A", "星河大道88号 一号馆", "成品家具、定制家具、床垫寝具"),
	("二号馆·建材馆", "B", "星河大道88号 二号馆", "瓷砖、地板、卫浴、涂料、五金"),
	("三号馆·灯饰软装馆", "C", "星河大道88号 三号馆", "灯饰照明、家纺、软装饰品、厨电"),
)

# shop name, hall code, floor, unit, category, brands, contact person, phone
MERCHANTS = (
	("顾家家居旗舰店", "A", "1F", "A-101", "Furniture", "顾家家居", "张伟", "13816620101"),
	("芝华仕头等舱沙发", "A", "1F", "A-108", "Furniture", "芝华仕", "李娜", "13816620102"),
	("林氏家居体验馆", "A", "1F", "A-115", "Furniture", "林氏家居", "王磊", "13816620103"),
	("全友家居", "A", "2F", "A-201", "Furniture", "全友", "刘洋", "13816620104"),
	("红苹果家具", "A", "2F", "A-206", "Furniture", "红苹果", "陈静", "13816620105"),
	("美克美家", "A", "2F", "A-212", "Furniture", "美克美家, A.R.T.", "杨帆", "13816620106"),
	("曲美家居", "A", "3F", "A-301", "Furniture", "曲美", "赵敏", "13816620107"),
	("慕思寝具", "A", "3F", "A-305", "Furniture", "慕思, 3D床垫", "黄强", "13816620108"),
	("喜临门床垫", "A", "3F", "A-309", "Furniture", "喜临门", "周丽", "13816620109"),
	("索菲亚全屋定制", "A", "4F", "A-401", "Furniture", "索菲亚, 司米橱柜", "吴刚", "13816620110"),
	("欧派整体家居", "A", "4F", "A-405", "Kitchen", "欧派", "徐婷", "13816620111"),
	("马可波罗瓷砖", "B", "1F", "B-102", "Tiles", "马可波罗", "孙涛", "13816620201"),
	("东鹏瓷砖", "B", "1F", "B-110", "Tiles", "东鹏", "胡军", "13816620202"),
	("诺贝尔瓷砖", "B", "1F", "B-118", "Tiles", "诺贝尔", "朱琳", "13816620203"),
	("圣象地板", "B", "2F", "B-203", "Flooring", "圣象", "高飞", "13816620204"),
	("大自然地板", "B", "2F", "B-208", "Flooring", "大自然", "林峰", "13816620205"),
	("箭牌卫浴", "B", "2F", "B-215", "Sanitary Ware", "箭牌", "何静", "13816620206"),
	("九牧卫浴", "B", "3F", "B-302", "Sanitary Ware", "九牧", "郭亮", "13816620207"),
	("恒洁卫浴", "B", "3F", "B-306", "Sanitary Ware", "恒洁", "马超", "13816620208"),
	("立邦漆", "B", "3F", "B-311", "Building Materials", "立邦", "罗兰", "13816620209"),
	("多乐士涂料", "B", "3F", "B-315", "Building Materials", "多乐士", "梁宇", "13816620210"),
	("公牛开关插座", "B", "4F", "B-402", "Building Materials", "公牛", "宋佳", "13816620211"),
	("欧普照明", "C", "1F", "C-101", "Lighting", "欧普", "郑凯", "13816620301"),
	("雷士照明", "C", "1F", "C-107", "Lighting", "雷士", "谢芳", "13816620302"),
	("TCL照明", "C", "1F", "C-113", "Lighting", "TCL", "韩雪", "13816620303"),
	("罗莱家纺", "C", "2F", "C-201", "Home Textiles", "罗莱, LOVO", "唐宁", "13816620304"),
	("富安娜家纺", "C", "2F", "C-206", "Home Textiles", "富安娜", "冯涛", "13816620305"),
	("水星家纺", "C", "2F", "C-211", "Home Textiles", "水星", "于洋", "13816620306"),
	("方太厨电", "C", "3F", "C-301", "Home Appliances", "方太", "董明", "13816620307"),
	("老板电器", "C", "3F", "C-305", "Home Appliances", "老板", "萧红", "13816620308"),
	("华帝厨电", "C", "3F", "C-309", "Home Appliances", "华帝", "程远", "13816620309"),
	("尚品软装工作室", "C", "4F", "C-402", "Soft Furnishings", "尚品, 北欧风", "曹颖", "02162345601"),
)

# category, default department, default severity
COMPLAINT_CATEGORIES = (
	("商品质量", "客服部", "Normal"),
	("送货安装", "物流部", "Normal"),
	("售后维修", "技术部", "Normal"),
	("服务态度", "客服部", "Normal"),
	("价格纠纷", "客服部", "Normal"),
	("虚假宣传", "招商部", "Normal"),
	("环境设施", "物业部", "Normal"),
	("人身安全", "物业部", "Major"),
)

DEMO_PASSWORD = "Csc@demo2026"

# email, first name, roles, hall codes, language, department
USERS = (
	("manager@csc.example", "陈经理 (Manager)", ("CSC Manager",), (), "en", "客服部"),
	("supervisor@csc.example", "刘主管", ("CSC Supervisor",), ("A", "B"), "zh", "客服部"),
	("agent@csc.example", "王客服", ("CSC Agent",), ("A",), "zh", "客服部"),
	("agent.b@csc.example", "赵客服", ("CSC Agent",), ("B",), "zh", "客服部"),
	("archivist@csc.example", "孙档案", ("CSC Archivist",), ("A", "B", "C"), "zh", "客服部"),
	("handler@csc.example", "周物流", ("CSC Department Handler",), (), "zh", "物流部"),
	("tech@csc.example", "吴技术", ("CSC Department Handler",), (), "zh", "技术部"),
	("captain@csc.example", "郑队长", ("Guide Vehicle Captain",), (), "zh", "客服部"),
	("driver@csc.example", "钱导购", ("Guide Vehicle Driver",), (), "zh", "客服部"),
)

# employees linked to users: user, name, gender, department (handlers work for their department)
EMPLOYEES = (
	("captain@csc.example", "郑队长", "Male", "客服部"),
	("driver@csc.example", "钱导购", "Female", "客服部"),
	("handler@csc.example", "周物流", "Male", "物流部"),
	("tech@csc.example", "吴技术", "Male", "技术部"),
)

# complaints: hall code, shopper index, category, merchant unit (None = the mall), description, how far
COMPLAINTS = (
	("A", 0, "送货安装", "A-101", "沙发送货时外包装破损，扶手有明显划痕，要求更换。", "registered"),
	("A", 1, "商品质量", "A-305", "床垫使用两个月出现塌陷，商户称不在保修范围。", "in_progress"),
	("B", 2, "售后维修", "B-302", "马桶安装后漏水，维修师傅三次未到场。", "resolved"),
	("B", 3, "价格纠纷", "B-102", "瓷砖同款价格比活动宣传高出 15%。", "draft"),
	("C", 0, "人身安全", None, "三号馆扶梯突然停止，顾客摔倒擦伤。", "registered"),
	("C", 1, "服务态度", "C-201", "导购员态度恶劣，拒绝开具发票。", "in_progress"),
)

# license plate, cart no, seats, make, model
GUIDE_VEHICLES = (
	("星河导购01", "GV-01", 14, "绿通", "LT-S14"),
	("星河导购02", "GV-02", 14, "绿通", "LT-S14"),
	("星河导购03", "GV-03", 8, "朗晴", "LQ-S8"),
)

# customer name, mobile, vip card, birthday (MM-DD), preferred hall code
SHOPPERS = (
	("李女士", "13900001111", "VIP0001", "03-15", "A"),
	("张先生", "13900002222", "VIP0002", "07-08", "B"),
	("王女士", "13900003333", None, None, "C"),
	("刘先生", "13900004444", "VIP0003", "11-30", "A"),
)
