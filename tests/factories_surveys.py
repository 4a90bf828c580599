"""Builders for the survey tests: campaigns (committed, uniquely named) and a guest web client."""

import random
import uuid

import frappe
from frappe.utils import add_days, get_test_client, nowdate

from tests.utils import RestClient

QUESTIONS = (
	("服务态度是否满意？", "Rating", 1),
	("卖场环境与卫生是否满意？", "Rating", 1),
	("您还有什么意见和建议？", "Text", 0),
)


def campaign_body(hall: str, **values) -> dict:
	today = nowdate()
	return {
		"title": values.pop("title", f"顾客满意度调查 {uuid.uuid4().hex[:6]}"),
		"audience": "Shoppers",
		"hall": hall,
		"status": "Open",
		"from_date": add_days(today, -1),
		"to_date": add_days(today, 30),
		"quota": 10,
		"questions": [
			{"question": text, "question_type": kind, "is_required": required}
			for text, kind, required in QUESTIONS
		],
		**values,
	}


def make_campaign(hall: str, **values):
	"""An Open campaign of ``hall`` running from yesterday for a month (inserted as Administrator)."""
	doc = frappe.get_doc({"doctype": "CSC Survey Campaign", **campaign_body(hall, **values)})
	doc.insert(ignore_permissions=True)
	frappe.db.commit()
	return doc


def full_answers(campaign, scores=(5, 4), comment: str | None = "很好") -> list[dict]:
	"""One answer per question of ``campaign``: the scores in order for ratings, ``comment`` for text."""
	answers, scores = [], list(scores)
	for question in campaign.questions:
		if question.question_type == "Rating":
			answers.append({"question": question.name, "score": scores.pop(0) if scores else None})
		elif comment is not None:
			answers.append({"question": question.name, "comment": comment})
	return answers


def random_ip() -> str:
	return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


class GuestClient(RestClient):
	"""The REST client without credentials: an anonymous phone on the public survey page.

	Each client has its own IP address (``X-Forwarded-For``), so the per-IP rate limit of one test
	never spills into another.
	"""

	def __init__(self, ip: str | None = None, lang: str | None = None):
		self.user = "Guest"
		self.ip = ip or random_ip()
		self.headers = {"X-Forwarded-For": self.ip}
		if lang:
			self.headers["Accept-Language"] = lang
		self._client = get_test_client()

	def page(self, token: str, **params):
		return self.request("get", f"/survey/{token}", query_string=params)

	def submit(self, token: str, answers, **values):
		return self.call("csc_app.api.surveys.submit_response", token=token, answers=answers, **values)
