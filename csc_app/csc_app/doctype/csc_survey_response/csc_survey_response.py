"""One answered survey: entered by staff in the desk, or sent by the respondent from the public page.

Both paths meet the same rules here: the campaign must be taking answers, every answer must belong to
one of the campaign's own questions, scores run from 1 to 5, required questions are answered, texts are
bounded and harmless. The campaign's results are recounted after every change.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import escape_html, flt, now_datetime

from csc_app.permissions import user_can_access_hall
from csc_app.surveys import results
from csc_app.surveys.rules import (
	AUDIENCE_RESPONDENT,
	MAX_ANSWER_COMMENT_LENGTH,
	MAX_COMMENTS_LENGTH,
	MAX_NAME_LENGTH,
	assert_accepts_answers,
	clean_text,
	parse_score,
)
from csc_app.utils.phone import normalize_phone


class CSCSurveyResponse(Document):
	def validate(self):
		campaign = self.get_campaign()
		self.validate_hall(campaign)
		self.validate_campaign_accepts_answers(campaign)
		self.set_respondent_type(campaign)
		self.validate_respondent(campaign)
		self.clean_texts()
		self.validate_answers(campaign)
		self.set_overall_score()
		self.set_source_and_time()

	def on_update(self):
		results.refresh(self.campaign)

	def after_delete(self):
		results.refresh(self.campaign)

	def get_campaign(self):
		return frappe.get_doc("CSC Survey Campaign", self.campaign)

	def validate_campaign_accepts_answers(self, campaign):
		assert_accepts_answers(campaign)

	def validate_hall(self, campaign):
		# Frappe's create check saw only the hall the client sent (or its default); the campaign's hall
		# decides. Checked first, so that nothing is said about another hall's survey.
		if not self.flags.ignore_permissions and not user_can_access_hall(campaign.hall):
			frappe.throw(
				_("You have no access to survey {0}.").format(campaign.name),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
		if self.hall and self.hall != campaign.hall:
			frappe.throw(
				_("Hall {0} is not the hall of survey {1}.").format(frappe.bold(self.hall), campaign.name),
				title=_("Wrong Hall"),
			)
		self.hall = campaign.hall

	def set_respondent_type(self, campaign):
		expected = AUDIENCE_RESPONDENT[campaign.audience]
		if self.respondent_type and self.respondent_type != expected:
			frappe.throw(
				_("Survey {0} is for {1}; the respondent must be a {2}.").format(
					campaign.name, _(campaign.audience), _(expected)
				),
				title=_("Wrong Respondent"),
			)
		self.respondent_type = expected

	def validate_respondent(self, campaign):
		if self.respondent_type == "Shopper" and self.merchant:
			frappe.throw(
				_("Survey {0} is for shoppers; a merchant cannot be its respondent.").format(campaign.name),
				title=_("Wrong Respondent"),
			)
		if self.respondent_type == "Merchant" and self.customer:
			frappe.throw(
				_("Survey {0} is for merchants; a customer cannot be its respondent.").format(campaign.name),
				title=_("Wrong Respondent"),
			)
		if self.merchant:
			merchant_hall = frappe.db.get_value("CSC Merchant", self.merchant, "hall")
			if merchant_hall != self.hall:
				frappe.throw(
					_("Merchant {0} is not in hall {1} of this survey.").format(
						frappe.bold(self.merchant), frappe.bold(self.hall)
					),
					title=_("Wrong Hall"),
				)
		self.phone = normalize_phone(self.phone, _("Phone"))

	def clean_texts(self):
		self.respondent_name = clean_text(self.respondent_name, _("Respondent Name"), MAX_NAME_LENGTH)
		self.comments = clean_text(self.comments, _("Comments and Suggestions"), MAX_COMMENTS_LENGTH)

	def validate_answers(self, campaign):
		questions = {q.name: q for q in campaign.questions}
		seen = set()
		for i, row in enumerate(self.answers, start=1):
			label = _("Answer {0}").format(i)
			question = questions.get(row.question) if isinstance(row.question, str) else None
			if not question:
				frappe.throw(
					_("{0} refers to a question that is not part of survey {1}.").format(
						label, campaign.name
					),
					title=_("Unknown Question"),
				)
			if row.question in seen:
				frappe.throw(
					_("{0}: question {1} is answered twice.").format(
						label, frappe.bold(escape_html(question.question))
					),
					title=_("Duplicate Answer"),
				)
			seen.add(row.question)
			row.question_text = question.question
			row.question_type = question.question_type
			score = parse_score(row.score, label, question.question)
			if score and question.question_type != "Rating":
				frappe.throw(
					_("{0}: {1} is a text question; write a comment instead of a score.").format(
						label, frappe.bold(escape_html(question.question))
					),
					title=_("Invalid Score"),
				)
			row.score = str(score) if score else ""
			row.comment = clean_text(row.comment, label, MAX_ANSWER_COMMENT_LENGTH)

		self.answers = [row for row in self.answers if row.score or row.comment]
		for i, row in enumerate(self.answers, start=1):
			row.idx = i
		answered = {row.question for row in self.answers if row.score or row.question_type == "Text"}
		missing = [q.question for q in campaign.questions if q.is_required and q.name not in answered]
		if missing:
			frappe.throw(
				_("Please answer every required question: {0}").format(
					", ".join(frappe.bold(escape_html(m)) for m in missing)
				),
				title=_("Missing Answers"),
			)
		if not self.answers:
			frappe.throw(_("A response needs at least one answer."), title=_("Missing Answers"))

	def set_overall_score(self):
		scores = [int(row.score) for row in self.answers if row.score]
		self.overall_score = flt(sum(scores) / len(scores), 2) if scores else 0

	def set_source_and_time(self):
		"""Source and time are the server's: a Web response is one the public endpoint inserted."""
		before = None if self.is_new() else self.get_doc_before_save()
		if before:
			self.source, self.submitted_on = before.source, before.submitted_on
		else:
			self.source = "Web" if self.flags.from_public_page else "Staff"
			self.submitted_on = now_datetime()
