"""Survey rules shared by the desk, the REST API and the public page: when a campaign takes answers,
text limits and cleaning. One place, so that staff and respondents meet the same checks."""

import frappe
from frappe import _
from frappe.utils import escape_html, format_date, getdate, nowdate

# Longest texts a respondent may send; the public form enforces the same limits in the browser.
MAX_NAME_LENGTH = 140
MAX_ANSWER_COMMENT_LENGTH = 1000
MAX_COMMENTS_LENGTH = 2000

AUDIENCE_RESPONDENT = {"Shoppers": "Shopper", "Merchants": "Merchant"}


class SurveyClosedError(frappe.ValidationError):
	pass


def closed_reason(campaign, today=None, markup: bool = True) -> str | None:
	"""Why ``campaign`` (a doc or dict with title, status, from_date, to_date) takes no answers, or None.

	``markup=False`` gives plain text (the public page escapes it itself).
	"""
	today = getdate(today or nowdate())
	title = frappe.bold(escape_html(campaign.title)) if markup else campaign.title
	if campaign.status == "Draft":
		return _("Survey {0} is not open yet.").format(title)
	if campaign.status != "Open":
		return _("Survey {0} is closed and no longer accepts answers.").format(title)
	if today < getdate(campaign.from_date):
		return _("Survey {0} opens on {1}; it does not accept answers before then.").format(
			title, format_date(campaign.from_date)
		)
	if today > getdate(campaign.to_date):
		return _("Survey {0} ended on {1}; it no longer accepts answers.").format(
			title, format_date(campaign.to_date)
		)
	return None


def assert_accepts_answers(campaign) -> None:
	if reason := closed_reason(campaign):
		frappe.throw(reason, SurveyClosedError, title=_("Survey Not Open"))


def clean_text(value: str | None, label: str, limit: int) -> str | None:
	"""Strip, refuse over-long text with a clear error, and make markup harmless.

	Survey texts are plain text, often typed by anonymous respondents: any markup in them is escaped,
	so it shows as the characters typed and never runs. (Frappe's own sanitiser keeps "safe" tags such
	as ``<img>`` and skips any value that parses as JSON, SECURITY.md 9.)
	"""
	if value is None:
		return None
	if not isinstance(value, str):
		frappe.throw(_("{0} must be text.").format(label), title=_("Invalid Answer"))
	value = value.strip()
	if len(value) > limit:
		frappe.throw(
			_("{0} is too long: at most {1} characters, {2} given.").format(label, limit, len(value)),
			title=_("Text Too Long"),
		)
	if "<" in value or ">" in value:
		value = escape_html(value)
	return value or None


def parse_score(value, row_label: str, question: str) -> int | None:
	"""A score from 1 to 5, or None when not given. Anything else is refused."""
	if value is None or (isinstance(value, str) and not value.strip()):
		return None
	if isinstance(value, bool):
		value = None  # True/False are not scores
	elif isinstance(value, float) and value.is_integer():
		value = int(value)
	elif isinstance(value, str) and value.strip().isdigit():
		value = int(value.strip())
	if not isinstance(value, int) or not 1 <= value <= 5:
		frappe.throw(
			_("{0}: the score for {1} must be a whole number from 1 to 5.").format(
				row_label, frappe.bold(escape_html(question))
			),
			title=_("Invalid Score"),
		)
	return value
