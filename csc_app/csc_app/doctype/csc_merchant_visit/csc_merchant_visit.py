"""CSC Merchant Visit (商户拜访): a planned or ad-hoc visit to a merchant, and what came of it."""

from datetime import timedelta

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, escape_html, get_datetime, getdate, now_datetime, nowdate

from csc_app.permissions import user_can_access_hall

# A visit starts Planned (or is recorded Done after the fact); these are the moves allowed from each status.
TRANSITIONS: dict[str, frozenset[str]] = {
	"Planned": frozenset({"Planned", "Done", "Missed", "Cancelled"}),
	"Missed": frozenset({"Missed", "Planned", "Done", "Cancelled"}),
	"Done": frozenset({"Done"}),
	"Cancelled": frozenset({"Cancelled"}),
}
NEW_STATUSES = frozenset({"Planned", "Done"})
VISITOR_ROLES = frozenset({"CSC Agent", "CSC Supervisor", "CSC Manager"})
PHOTO_FIELDS = ("photo_1", "photo_2", "photo_3")
# A visit time typed from a browser whose clock runs a little fast is not "in the future".
CLOCK_SKEW = timedelta(minutes=5)


class CSCMerchantVisit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		findings: DF.Text | None
		follow_up: DF.Text | None
		from_visit_plan: DF.Check
		hall: DF.Link
		merchant: DF.Link
		merchant_name: DF.Data | None
		merchant_opinions: DF.Text | None
		photo_1: DF.AttachImage | None
		photo_2: DF.AttachImage | None
		photo_3: DF.AttachImage | None
		planned_date: DF.Date | None
		purpose: DF.Literal[
			"Routine",
			"Complaint Follow-up",
			"Training",
			"Satisfaction Survey",
			"Activity",
			"Rectification Check",
		]
		satisfaction: DF.Int
		status: DF.Literal["Planned", "Done", "Missed", "Cancelled"]
		visit_type: DF.Literal["Planned", "Ad-hoc"]
		visited_on: DF.Datetime | None
		visitor: DF.Link | None
		visitor_name: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.protect_follow_up_links()
		self.validate_visit_time_format()
		self.set_hall_from_merchant()
		self.validate_hall_permitted()
		self.validate_status_transition()
		self.validate_planned_date()
		self.validate_merchant_active_for_plan()
		self.validate_missed()
		self.set_visitor()
		self.validate_visitor()
		self.validate_done_visit()
		self.validate_satisfaction()
		self.validate_photos()
		self.set_visit_type()

	def protect_follow_up_links(self):
		"""The complaint or callback raised from this visit is linked by the server only."""
		if self.flags.csc_system_update:
			return
		before = self.get_doc_before_save()
		for fieldname in ("follow_up_complaint", "follow_up_callback"):
			if self.is_new():
				self.set(fieldname, None)
			elif before and (self.get(fieldname) or None) != (before.get(fieldname) or None):
				frappe.throw(
					_("{0} is set when the follow-up is raised, and cannot be changed.").format(
						_(self.meta.get_label(fieldname))
					),
					frappe.PermissionError,
				)

	def on_trash(self):
		self.validate_only_planned_visits_are_deleted()

	# --- hall ---------------------------------------------------------------------------------

	def set_hall_from_merchant(self):
		"""The hall is always the merchant's (fetch_from does this too, unless links are ignored)."""
		if not (self.is_new() or self.has_value_changed("merchant") or self.has_value_changed("hall")):
			return
		hall = frappe.db.get_value("CSC Merchant", self.merchant, "hall")
		if not hall:
			# Frappe's link check skips links with fetched fields whose target does not exist
			frappe.throw(
				_("Could not find {0}").format(f"{_('Merchant')}: {self.merchant}"),
				frappe.LinkValidationError,
			)
		self.hall = hall

	def validate_hall_permitted(self):
		"""Moving a visit to another merchant must not move it into a hall the user may not work in.

		Frappe checks write permission before it fetches the new merchant's hall, so check again here.
		"""
		if not (self.is_new() or self.has_value_changed("hall")):
			return
		if not user_can_access_hall(self.hall):
			frappe.throw(
				_("You are not permitted to record visits in hall {0}.").format(frappe.bold(self.hall)),
				frappe.PermissionError,
				title=_("Hall Not Permitted"),
			)

	def validate_visit_time_format(self):
		if not self.visited_on:
			return
		try:
			self.visited_on = get_datetime(self.visited_on)
		except Exception:
			frappe.throw(
				_("Visited On {0} is not a valid date and time.").format(
					frappe.bold(escape_html(str(self.visited_on)))
				),
				title=_("Invalid Visit Time"),
			)

	# --- status -------------------------------------------------------------------------------

	def validate_status_transition(self):
		if self.is_new():
			if self.status not in NEW_STATUSES:
				frappe.throw(
					_("A new visit is either Planned or Done, not {0}.").format(_status(self.status)),
					title=_("Invalid Status"),
				)
			return
		before = self.get_doc_before_save().status
		if self.status not in TRANSITIONS.get(before, ()):
			frappe.throw(
				_("A {0} visit cannot be changed to {1}.").format(_status(before), _status(self.status)),
				title=_("Invalid Status Change"),
			)

	def validate_planned_date(self):
		if self.status != "Planned":
			return
		if not self.planned_date:
			frappe.throw(_("Planned Date is required for a planned visit."), title=_("Missing Planned Date"))
		if (self.is_new() or self.has_value_changed("planned_date") or self.has_value_changed("status")) and (
			getdate(self.planned_date) < getdate(nowdate())
		):
			frappe.throw(
				_("Planned Date {0} is in the past; plan the visit for today or later.").format(
					frappe.format(self.planned_date, "Date")
				),
				title=_("Invalid Planned Date"),
			)

	def validate_merchant_active_for_plan(self):
		if self.status != "Planned" or not (
			self.is_new() or self.has_value_changed("status") or self.has_value_changed("merchant")
		):
			return
		status = frappe.db.get_value("CSC Merchant", self.merchant, "status")
		if status != "Active":
			frappe.throw(
				_("Merchant {0} is {1}; visits can only be planned for active merchants.").format(
					frappe.bold(self.merchant_name or self.merchant), _(status)
				),
				title=_("Merchant Not Active"),
			)

	def validate_missed(self):
		if self.status != "Missed" or not self.has_value_changed("status"):
			return
		if not self.planned_date or getdate(self.planned_date) >= getdate(nowdate()):
			frappe.throw(
				_("A visit can only be marked Missed after its planned date has passed."),
				title=_("Invalid Status Change"),
			)

	def validate_only_planned_visits_are_deleted(self):
		if self.status != "Planned":
			frappe.throw(
				_("Only planned visits can be deleted; cancel this visit instead."),
				title=_("Cannot Delete Visit"),
			)

	# --- visitor ------------------------------------------------------------------------------

	def set_visitor(self):
		"""Whoever records a done visit without naming the visitor made it."""
		if self.status == "Done" and not self.visitor:
			self.visitor = frappe.session.user

	def validate_visitor(self):
		if not self.visitor or not (
			self.is_new() or self.has_value_changed("visitor") or self.has_value_changed("hall")
		):
			return
		if not is_eligible_visitor(self.visitor, self.hall):
			frappe.throw(
				_(
					"{0} cannot visit merchants of hall {1}: the visitor must be an enabled CSC Agent, "
					"Supervisor or Manager who works in that hall."
				).format(frappe.bold(self.visitor), frappe.bold(self.hall)),
				title=_("Invalid Visitor"),
			)

	# --- outcome ------------------------------------------------------------------------------

	def validate_done_visit(self):
		if self.status != "Done":
			if self.visited_on:
				frappe.throw(
					_("Visited On is recorded only when the visit is Done."), title=_("Invalid Visit Time")
				)
			return
		missing = [
			_(self.meta.get_label(fieldname))
			for fieldname in ("visited_on", "findings")
			if not str(self.get(fieldname) or "").strip()
		]
		if missing:
			frappe.throw(
				_("A done visit needs {0}.").format(", ".join(missing)), title=_("Missing Visit Details")
			)
		if get_datetime(self.visited_on) > now_datetime() + CLOCK_SKEW:
			frappe.throw(
				_("Visited On {0} is in the future.").format(frappe.format(self.visited_on, "Datetime")),
				title=_("Invalid Visit Time"),
			)

	def validate_satisfaction(self):
		self.satisfaction = cint(self.satisfaction)
		if not 0 <= self.satisfaction <= 5:
			frappe.throw(
				_("Merchant Satisfaction must be between 1 and 5 (0 when not asked)."),
				title=_("Invalid Satisfaction"),
			)

	def validate_photos(self):
		for fieldname in PHOTO_FIELDS:
			url = (self.get(fieldname) or "").strip()
			if url and not url.startswith(("/files/", "/private/files/")):
				frappe.throw(
					_("{0} must be a photo uploaded to this visit.").format(
						_(self.meta.get_label(fieldname))
					),
					title=_("Invalid Photo"),
				)

	def set_visit_type(self):
		"""Decided when the visit is created; read-only afterwards (the server ignores what a client sends)."""
		if self.is_new():
			self.visit_type = "Planned" if self.status == "Planned" else "Ad-hoc"
			self.from_visit_plan = 1 if self.flags.from_visit_plan else 0
		else:
			before = self.get_doc_before_save()
			self.visit_type, self.from_visit_plan = before.visit_type, before.from_visit_plan


def _status(status: str) -> str:
	"""A visit status in the user's language (zh has words for these that fit visits only)."""
	return _(status, context="CSC Merchant Visit")


def is_eligible_visitor(user: str, hall: str | None) -> bool:
	"""An enabled agent, supervisor or manager who may work in ``hall``."""
	if user == "Administrator":
		return True
	if not frappe.db.get_value("User", user, "enabled"):
		return False
	if not VISITOR_ROLES.intersection(frappe.get_roles(user)):
		return False
	return user_can_access_hall(hall, user)


def on_doctype_update():
	"""Composite indexes for the calendar, the visit plan and the coverage KPI."""
	frappe.db.add_index("CSC Merchant Visit", ["hall", "planned_date"])
	frappe.db.add_index("CSC Merchant Visit", ["status", "visited_on"])
	frappe.db.add_index("CSC Merchant Visit", ["merchant", "status"])
