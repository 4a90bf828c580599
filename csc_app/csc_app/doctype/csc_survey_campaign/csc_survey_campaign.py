"""A satisfaction survey (满意度调查) of one hall's shoppers or merchants, with a quota and questions.

Respondents answer through staff in the desk or through a public link (``/survey/<public_token>``);
the token is made here, on the server, and only a manager can replace it (``csc_app.api.surveys``).
"""

import secrets

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, escape_html, format_date, getdate

from csc_app.surveys import results

TOKEN_BYTES = 24  # 32 URL-safe characters: unguessable, short enough for a QR code


def new_token() -> str:
	return secrets.token_urlsafe(TOKEN_BYTES)


class CSCSurveyCampaign(Document):
	def validate(self):
		self.clean_text()
		self.validate_dates()
		self.validate_quota()
		self.validate_fixed_once_answered()
		self.set_public_token()
		self.set_results()

	def clean_text(self):
		self.title = (self.title or "").strip()
		for question in self.questions:
			question.question = (question.question or "").strip()
			if not question.question:
				frappe.throw(
					_("Question {0} has no text.").format(question.idx), title=_("Missing Question Text")
				)

	def validate_dates(self):
		if getdate(self.to_date) < getdate(self.from_date):
			frappe.throw(
				_("To Date {0} cannot be before From Date {1}.").format(
					format_date(self.to_date), format_date(self.from_date)
				),
				title=_("Invalid Survey Period"),
			)

	def validate_quota(self):
		if cint(self.quota) <= 0:
			frappe.throw(_("{0} must be greater than zero.").format(_("Quota")), title=_("Invalid Quota"))

	def validate_fixed_once_answered(self):
		"""Answers point at the hall, audience and questions; once there are some, those stay."""
		if self.is_new() or not self.has_responses():
			return
		before = self.get_doc_before_save()
		for fieldname, label in (("hall", _("Hall")), ("audience", _("Audience"))):
			if before and self.get(fieldname) != before.get(fieldname):
				frappe.throw(
					_("{0} cannot be changed: survey {1} already has responses.").format(label, self.name),
					title=_("Survey Has Responses"),
				)
		if before and before.status != "Draft" and self.status == "Draft":
			frappe.throw(
				_("Survey {0} already has responses and cannot go back to Draft.").format(self.name),
				title=_("Survey Has Responses"),
			)
		self.validate_answered_questions_kept()

	def validate_answered_questions_kept(self):
		current = {q.name: q.question_type for q in self.questions if q.name}
		answer = frappe.qb.DocType("CSC Survey Answer")
		answered = (
			frappe.qb.from_(answer)
			.select(answer.question, answer.question_text)
			.distinct()
			.where((answer.parenttype == "CSC Survey Response") & (answer.question.isin(self.question_ids())))
			.run(as_dict=True)
		)
		before = {q.name: q.question_type for q in self.get_doc_before_save().questions}
		for row in answered:
			if row.question not in current or current[row.question] != before.get(row.question):
				frappe.throw(
					_(
						"Question {0} already has answers; it cannot be removed or change its type. Add a new question instead."
					).format(frappe.bold(escape_html(row.question_text or row.question))),
					title=_("Question Has Answers"),
				)

	def question_ids(self) -> list[str]:
		before = self.get_doc_before_save()
		return [q.name for q in (before.questions if before else self.questions)] or [""]

	def has_responses(self) -> bool:
		return bool(frappe.db.exists("CSC Survey Response", {"campaign": self.name}))

	def set_public_token(self):
		"""The token is the server's: made on creation, replaced only on a manager's explicit request."""
		stored = None if self.is_new() else frappe.db.get_value(self.doctype, self.name, "public_token")
		if self.flags.regenerate_token or not stored:
			self.public_token = new_token()
		else:
			self.public_token = stored

	def set_results(self):
		"""Results are counted, never typed: whatever a client sends is replaced by the count."""
		values = (
			results.of_campaign(self.name, cint(self.quota))
			if not self.is_new()
			else {"responses_count": 0, "completion_rate": 0, "average_score": 0}
		)
		self.update(values)
