"""CSC Callback (回访): a call back to a shopper or merchant — after a complaint, or on a schedule."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_to_date, cint, get_datetime, now_datetime

from csc_app import workflow_guard
from csc_app.utils.phone import normalize_phone

# Written by the server only (through csc_app.api.callbacks), never by a client.
PROTECTED_FIELDS = (
	"status",
	"completed_on",
	"is_on_time",
	"satisfaction",
	"opinions",
	"opinions_passed_to",
	"escalated",
	"dedupe_key",
	"case_summary",
)
PROTECTED_TABLES = ("attempts",)
FAILED_RESULTS = ("No Answer", "Wrong Number", "Refused")


class CSCCallback(Document):
	def validate(self):
		workflow_guard.enforce(self, PROTECTED_FIELDS, PROTECTED_TABLES)
		self.set_from_complaint()
		self.set_contact()
		self.validate_hall()
		self.validate_due_by()
		self.validate_result()

	def set_from_complaint(self):
		if not self.complaint:
			if self.callback_type == "Complaint Follow-up":
				frappe.throw(
					_("A complaint follow-up callback needs its complaint."), title=_("Complaint Missing")
				)
			return
		complaint = frappe.db.get_value(
			"CSC Complaint",
			self.complaint,
			["hall", "customer", "complainant_merchant", "complainant_name", "phone", "subject"],
			as_dict=True,
		)
		if not complaint:
			frappe.throw(
				_("Complaint {0} does not exist.").format(self.complaint), frappe.LinkValidationError
			)
		if self.hall and self.hall != complaint.hall:
			frappe.throw(
				_("The callback's hall must be the complaint's hall ({0}).").format(complaint.hall),
				title=_("Wrong Hall"),
			)
		self.hall = complaint.hall
		self.customer = self.customer or complaint.customer
		self.merchant = self.merchant or complaint.complainant_merchant
		self.contact_name = self.contact_name or complaint.complainant_name
		self.phone = self.phone or complaint.phone
		if self.is_new():
			self.case_summary = f"{self.complaint}: {complaint.subject or ''}"[:500]

	def set_contact(self):
		if self.customer and not self.contact_name:
			self.contact_name = frappe.db.get_value("Customer", self.customer, "customer_name")
		if self.customer and not self.phone:
			self.phone = frappe.db.get_value("Customer", self.customer, "mobile_no")
		if self.merchant and not self.phone:
			self.phone = frappe.db.get_value("CSC Merchant", self.merchant, "phone")
		self.phone = normalize_phone(self.phone, _("Phone"))

	def validate_hall(self):
		if self.merchant:
			merchant_hall = frappe.db.get_value("CSC Merchant", self.merchant, "hall")
			if merchant_hall != self.hall:
				frappe.throw(
					_("Merchant {0} is in hall {1}, not in {2}.").format(
						self.merchant, merchant_hall, self.hall
					),
					title=_("Wrong Hall"),
				)

	def validate_due_by(self):
		if self.is_new() and get_datetime(self.due_by) < add_to_date(now_datetime(), minutes=-5):
			frappe.throw(_("Due By cannot be in the past."), title=_("Invalid Due Time"))

	def validate_result(self):
		if self.satisfaction not in (None, 0) or self.status == "Completed":
			if not 1 <= cint(self.satisfaction) <= 5:
				frappe.throw(
					_("Satisfaction must be a whole number from 1 to 5."), title=_("Invalid Satisfaction")
				)
		if self.completed_on and get_datetime(self.completed_on) < get_datetime(self.creation):
			frappe.throw(
				_("Completed On cannot be before the callback was created."), title=_("Invalid Time")
			)

	# --- outcomes (called by csc_app.api.callbacks inside workflow_guard.system_update) ----------

	def add_attempt(self, channel: str, result: str, note: str | None = None):
		self.append(
			"attempts",
			{
				"attempt_datetime": now_datetime(),
				"channel": channel,
				"result": result,
				"note": note,
				"user": frappe.session.user,
			},
		)
		max_attempts = cint(frappe.get_cached_doc("CSC Settings").callback_max_attempts) or 3
		failed = sum(1 for a in self.attempts if a.result in FAILED_RESULTS)
		if result in FAILED_RESULTS and failed >= max_attempts:
			self.status = "Unreachable"

	def complete(self, satisfaction: int, opinions: str | None, escalate: bool, channel: str = "Phone"):
		if not any(a.result == "Reached" for a in self.attempts):
			self.add_attempt(channel, "Reached")
		self.status = "Completed"
		self.satisfaction = satisfaction
		self.opinions = opinions
		self.escalated = int(bool(escalate))
		self.completed_on = now_datetime()
		self.is_on_time = int(get_datetime(self.completed_on) <= get_datetime(self.due_by))

	@property
	def is_unhappy(self) -> bool:
		return bool(self.escalated) or cint(self.satisfaction) <= 2
