"""Demo satisfaction surveys (满意度调查): a shopper survey and a merchant survey with some answers. Idempotent."""

import frappe
from frappe.utils import add_days, get_first_day, get_last_day, nowdate

from csc_app.demo import data

SHOPPER_SURVEY = "一号馆顾客满意度调查（本月）"
MERCHANT_SURVEY = "二号馆商户满意度调查（本季度）"

SHOPPER_QUESTIONS = (
	("您对客服中心的接待服务是否满意？", "Rating", 1),
	("您对卖场环境与卫生是否满意？", "Rating", 1),
	("您对导购车服务是否满意？", "Rating", 0),
	("您对我们还有什么意见和建议？", "Text", 0),
)
MERCHANT_QUESTIONS = (
	("您对商户服务部的响应速度是否满意？", "Rating", 1),
	("您对卖场的促销活动组织是否满意？", "Rating", 1),
	("您对物流配送与技术服务的协调是否满意？", "Rating", 1),
	("您希望卖场在哪些方面改进？", "Text", 0),
)
# (scores of the rating questions in order, answer to the text question, source)
SHOPPER_ANSWERS = (
	((5, 4, 5), "休息区座位可以再多一些。", "Staff"),
	((4, 4, None), None, "Web"),
	((3, 2, 4), "停车场指示牌不够清楚。", "Web"),
)
MERCHANT_ANSWERS = (((4, 5, 3), "希望节假日多组织联合促销。", "Staff"),)


def setup(halls: dict[str, str]) -> None:
	today = nowdate()
	shopper = ensure_campaign(
		SHOPPER_SURVEY,
		"Shoppers",
		halls["A"],
		get_first_day(today),
		get_last_day(today),
		60,
		SHOPPER_QUESTIONS,
	)
	merchant = ensure_campaign(
		MERCHANT_SURVEY,
		"Merchants",
		halls["B"],
		add_days(today, -30),
		add_days(today, 60),
		20,
		MERCHANT_QUESTIONS,
	)
	if not frappe.db.exists("CSC Survey Response", {"campaign": shopper}):
		for i, (scores, text, source) in enumerate(SHOPPER_ANSWERS):
			name, mobile, *_ = data.SHOPPERS[i]
			add_response(shopper, scores, text, source, respondent_name=name, phone=mobile)
	if not frappe.db.exists("CSC Survey Response", {"campaign": merchant}):
		shop = frappe.db.get_value("CSC Merchant", {"hall": halls["B"], "status": "Active"}, "name")
		for scores, text, source in MERCHANT_ANSWERS:
			add_response(merchant, scores, text, source, merchant=shop)


def ensure_campaign(title, audience, hall, from_date, to_date, quota, questions) -> str:
	existing = frappe.db.get_value("CSC Survey Campaign", {"title": title})
	if existing:
		return existing
	return (
		frappe.get_doc(
			{
				"doctype": "CSC Survey Campaign",
				"title": title,
				"audience": audience,
				"hall": hall,
				"status": "Open",
				"from_date": from_date,
				"to_date": to_date,
				"quota": quota,
				"introduction": "感谢您抽出一分钟参与调查，您的意见将帮助我们改进服务。",
				"questions": [
					{"question": text, "question_type": kind, "is_required": required}
					for text, kind, required in questions
				],
			}
		)
		.insert()
		.name
	)


def add_response(campaign: str, scores, text, source, **values) -> None:
	questions = frappe.get_doc("CSC Survey Campaign", campaign).questions
	ratings = iter(scores)
	answers = []
	for question in questions:
		if question.question_type == "Rating":
			score = next(ratings)
			if score:
				answers.append({"question": question.name, "score": str(score)})
		elif text:
			answers.append({"question": question.name, "comment": text})
	doc = frappe.get_doc(
		{"doctype": "CSC Survey Response", "campaign": campaign, "answers": answers, **values}
	)
	doc.flags.from_public_page = source == "Web"
	doc.insert()
