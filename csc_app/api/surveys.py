"""Satisfaction surveys (满意度调查): the public answer endpoint, the campaign link and QR code, results.

``submit_response`` is the only guest entry point: it takes answers for one campaign, identified by the
campaign's unguessable public token, and nothing else.
"""

import base64
import re
from io import BytesIO

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, get_url

from csc_app.permissions import user_can_access_hall
from csc_app.surveys import results
from csc_app.surveys.rules import (
	MAX_ANSWER_COMMENT_LENGTH,
	MAX_COMMENTS_LENGTH,
	MAX_NAME_LENGTH,
	assert_accepts_answers,
)

DEFAULT_WEB_ANSWERS_PER_HOUR = 20
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_ANSWERS = 100
TOKEN_ADMIN_ROLES = ("CSC Manager", "System Manager")


def web_answers_per_hour() -> int:
	return (
		cint(frappe.db.get_single_value("CSC Settings", "survey_web_answers_per_hour"))
		or DEFAULT_WEB_ANSWERS_PER_HOUR
	)


def find_campaign(token) -> str | None:
	"""The campaign a public token belongs to, or None. Malformed tokens never reach the database."""
	if not isinstance(token, str) or not TOKEN_PATTERN.match(token):
		return None
	return frappe.db.get_value("CSC Survey Campaign", {"public_token": token}, "name")


def public_url(token: str) -> str:
	return get_url(f"/survey/{token}")


# --- guest ------------------------------------------------------------------------------------


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=web_answers_per_hour, seconds=60 * 60)
def submit_response(
	token: str,
	answers: list | str,
	comments: str | None = None,
	respondent_name: str | None = None,
	phone: str | None = None,
) -> dict:
	"""Store one respondent's answers to the campaign behind ``token`` (the public survey page).

	``answers``: ``[{"question": <question row id>, "score": 1-5 or null, "comment": text or null}]``.
	Counted per IP address by the rate limiter before anything else runs.
	"""
	name = find_campaign(token)
	if not name:
		frappe.throw(
			_("This survey link is not valid. Please check the link or scan the QR code again."),
			frappe.DoesNotExistError,
			title=_("Survey Not Found"),
		)
	campaign = frappe.get_doc("CSC Survey Campaign", name)
	assert_accepts_answers(campaign)

	response = frappe.get_doc(
		{
			"doctype": "CSC Survey Response",
			"campaign": campaign.name,
			"comments": _text(comments, _("Comments and Suggestions"), MAX_COMMENTS_LENGTH),
			"respondent_name": _text(respondent_name, _("Respondent Name"), MAX_NAME_LENGTH),
			"phone": _text(phone, _("Phone"), 40),
			"answers": _parse_answers(answers),
		}
	)
	response.flags.from_public_page = True
	# Guest has no role on CSC Survey Response, on purpose: a role permission would open the whole REST
	# resource (any campaign, hall, source or customer) to anonymous callers. This endpoint builds the
	# record from the few fields above only, after the token, the campaign's period and the shape of
	# the answers were checked; the controller's validate() still runs every rule (questions of this
	# campaign, 1-5 scores, required answers, lengths, phone) and throws before anything is written.
	# So the one privilege skipped is the role check that Guest cannot pass.
	response.insert(ignore_permissions=True)
	return {"message": _("Thank you! Your answers have been received.")}


def _text(value, label: str, limit: int) -> str | None:
	if value is None:
		return None
	if not isinstance(value, str):
		frappe.throw(_("{0} must be text.").format(label), title=_("Invalid Answer"))
	if len(value) > limit:
		frappe.throw(
			_("{0} is too long: at most {1} characters, {2} given.").format(label, limit, len(value)),
			title=_("Text Too Long"),
		)
	return value


def _parse_answers(answers) -> list[dict]:
	"""Only question, score and comment of each answer go on; any other key is dropped."""
	if isinstance(answers, str):
		try:
			answers = frappe.parse_json(answers)
		except ValueError:
			answers = None
	if not isinstance(answers, list) or not answers or len(answers) > MAX_ANSWERS:
		frappe.throw(_("Please answer the survey's questions."), title=_("Missing Answers"))
	rows = []
	for i, answer in enumerate(answers, start=1):
		if not isinstance(answer, dict) or not isinstance(answer.get("question"), str):
			frappe.throw(
				_("Answer {0} does not name one of the survey's questions.").format(i),
				title=_("Unknown Question"),
			)
		score = answer.get("score")
		if score is not None and not isinstance(score, int | str):
			frappe.throw(
				_("Answer {0}: the score must be a whole number from 1 to 5.").format(i),
				title=_("Invalid Score"),
			)
		rows.append(
			{
				"question": answer["question"],
				"score": score,
				"comment": _text(answer.get("comment"), _("Answer {0}").format(i), MAX_ANSWER_COMMENT_LENGTH),
			}
		)
	return rows


# --- staff ------------------------------------------------------------------------------------


@frappe.whitelist(methods=["GET"])
def get_public_link(campaign: str) -> dict:
	"""The campaign's public link and a QR code of it (an SVG data URI) for the form and posters."""
	doc = frappe.get_doc("CSC Survey Campaign", campaign)
	doc.check_permission("read")
	url = public_url(doc.public_token)
	return {"url": url, "qr_code": qr_code_data_uri(url)}


@frappe.whitelist(methods=["POST"])
def regenerate_token(campaign: str) -> dict:
	"""Replace the public token: the old link and QR code stop working at once (a leaked link)."""
	if not set(frappe.get_roles()).intersection(TOKEN_ADMIN_ROLES):
		frappe.throw(
			_("Only a CSC Manager can regenerate a survey's public link."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	doc = frappe.get_doc("CSC Survey Campaign", campaign)
	doc.check_permission("write")
	doc.flags.regenerate_token = True
	doc.save()
	return get_public_link(doc.name)


@frappe.whitelist(methods=["GET", "POST"])
def get_completion(
	campaign: str | None = None,
	hall: str | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
) -> list[dict]:
	"""Quota, responses, completion rate and mean score per campaign (满意度调查完成率, 客户满意度).

	Managers see every hall, supervisors their own; a campaign counts when its period overlaps
	[from_date, to_date].
	"""
	if not frappe.has_permission("CSC Survey Campaign", "report"):
		frappe.throw(
			_("Only CSC Managers and Supervisors can read survey results."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if hall and not user_can_access_hall(hall):
		frappe.throw(
			_("You have no access to hall {0}.").format(frappe.bold(hall)),
			frappe.PermissionError,
			title=_("Hall Not Permitted"),
		)
	return results.completion(campaign=campaign, hall=hall, from_date=from_date, to_date=to_date)


def qr_code_data_uri(text: str) -> str:
	from pyqrcode import create

	stream = BytesIO()
	create(text, error="M").svg(stream, scale=6, quiet_zone=4, module_color="#000", background="#fff")
	return "data:image/svg+xml;base64," + base64.b64encode(stream.getvalue()).decode()
