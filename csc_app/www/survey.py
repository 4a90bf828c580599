"""The public survey page ``/survey/<token>`` (route rule in hooks.py): the campaign's title, its
introduction and its questions — nothing else of the site. Answers go to
``csc_app.api.surveys.submit_response``.
"""

import frappe
from frappe import _

from csc_app.api.surveys import find_campaign
from csc_app.surveys.rules import (
	MAX_ANSWER_COMMENT_LENGTH,
	MAX_COMMENTS_LENGTH,
	MAX_NAME_LENGTH,
	closed_reason,
)

no_cache = 1
sitemap = 0
LANGUAGES = {"zh": "中文", "en": "English"}


def get_context(context):
	# Never cache: neither a survey (it opens and closes) nor the 404 for a bad token, which Frappe
	# would otherwise serve from its page cache with status 200.
	frappe.local.no_cache = 1
	set_language(frappe.form_dict.get("lang"))
	name = find_campaign(frappe.form_dict.get("token"))
	if not name:
		raise frappe.PageDoesNotExistError

	# Read for a guest by the page itself: only the fields shown below leave the server.
	campaign = frappe.db.get_value(
		"CSC Survey Campaign",
		name,
		["title", "introduction", "status", "from_date", "to_date"],
		as_dict=True,
	)
	reason = closed_reason(campaign, markup=False)
	context.no_cache = 1
	context.title = campaign.title
	context.survey = {"title": campaign.title, "introduction": campaign.introduction}
	context.accepting = reason is None
	context.closed_message = reason or ""
	context.questions = (
		frappe.get_all(
			"CSC Survey Question",
			filters={"parent": name, "parenttype": "CSC Survey Campaign", "parentfield": "questions"},
			fields=["name", "question", "question_type", "is_required"],
			order_by="idx asc",
		)
		if context.accepting
		else []
	)
	context.token = frappe.form_dict.token
	context.lang = frappe.local.lang
	context.languages = [
		{"code": code, "label": label, "current": code == (frappe.local.lang or "").split("-")[0]}
		for code, label in LANGUAGES.items()
	]
	context.limits = {
		"name": MAX_NAME_LENGTH,
		"comment": MAX_ANSWER_COMMENT_LENGTH,
		"comments": MAX_COMMENTS_LENGTH,
	}
	return context


def set_language(lang: str | None) -> None:
	"""``?lang=zh`` / ``?lang=en`` choose the language; otherwise Accept-Language (set by Frappe)."""
	lang = (lang or "").strip().lower()
	if lang in LANGUAGES:
		frappe.local.lang = lang
