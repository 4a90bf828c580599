"""Demo merchant visits: a few months of done visits per merchant, some planned ones, then the visit plan.

Idempotent: a merchant that already has visits is left alone, and the visit plan never plans twice.
"""

import frappe
from frappe.utils import add_days, add_to_date, get_datetime, nowdate

from csc_app import visit_plans
from csc_app.demo import data

# hall code -> who visits its merchants
VISITORS = {"A": "agent@csc.example", "B": "agent.b@csc.example", "C": "manager@csc.example"}

FINDINGS = (
	("货架整洁，价签齐全，店员熟悉三包政策。", "希望商场周末增加停车引导。", 5, ""),
	("样品间有两处灯具不亮，已提醒店长更换。", "反映近期客流下降，希望多做联合促销。", 3, "灯具更换后复查"),
	(
		"顾客投诉的送货延误已与店方核实，店方承诺本周内补送。",
		"希望物流部提前一天通知送货时段。",
		4,
		"转物流部：送货时段提前通知",
	),
	("消防通道被样品堵塞，已要求立即清理。", "", 2, "一周后整改复查"),
	("新员工已参加服务礼仪培训，考核合格。", "希望培训安排在上午开门前。", 5, ""),
)
PURPOSES = ("Routine", "Routine", "Complaint Follow-up", "Rectification Check", "Training")


def setup() -> None:
	halls = {code: name for name, code, *_rest in data.HALLS}
	today = nowdate()
	merchants = frappe.get_all(
		"CSC Merchant",
		filters={"hall": ("in", list(halls.values())), "status": "Active"},
		fields=["name", "hall"],
		order_by="name asc",
	)
	visited = set(frappe.get_all("CSC Merchant Visit", pluck="merchant", distinct=True))
	code_of = {name: code for code, name in halls.items()}
	for i, merchant in enumerate(merchants):
		if merchant.name in visited:
			continue
		visitor = VISITORS[code_of[merchant.hall]]
		for n in range(1 + i % 3):
			findings, opinions, satisfaction, follow_up = FINDINGS[(i + n) % len(FINDINGS)]
			visited_on = add_to_date(get_datetime(add_days(today, -(6 + (i * 7 + n * 23) % 50))), hours=10)
			frappe.get_doc(
				{
					"doctype": "CSC Merchant Visit",
					"merchant": merchant.name,
					"purpose": PURPOSES[(i + n) % len(PURPOSES)],
					"status": "Done",
					"visited_on": visited_on,
					"visitor": visitor,
					"findings": findings,
					"merchant_opinions": opinions,
					"satisfaction": satisfaction,
					"follow_up": follow_up,
				}
			).insert()
		if i % 8 == 0:
			frappe.get_doc(
				{
					"doctype": "CSC Merchant Visit",
					"merchant": merchant.name,
					"purpose": "Training",
					"status": "Planned",
					"planned_date": add_days(today, 3 + i % 5),
					"visitor": visitor,
				}
			).insert()
	visit_plans.plan_visits()
