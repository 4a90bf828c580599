"""CSC Complaint (投诉): intake, routing, the clock, approval, outcome — a closed loop (闭环)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_datetime, now_datetime

from csc_app import workflow_guard
from csc_app.callbacks import complaint_followup
from csc_app.complaints import clock, intake, notify, routing
from csc_app.complaints import workflow as wf
from csc_app.utils.phone import normalize_phone

# Kept by the server only (SECURITY.md 8): a client can neither set nor change them.
PROTECTED_FIELDS = (
	"registered_on",
	"response_by",
	"first_responded_on",
	"resolution_by",
	"resolved_on",
	"closed_on",
	"sla_status",
	"escalation_level",
	"paused_since",
	"paused_minutes",
	"needs_approval",
	"compensation_approved_by",
	"compensation_approved_on",
	"callback_status",
)
PROTECTED_TABLES = ("actions", "routings")

# Actions that count as the centre's first response to the complainant.
RESPONSE_ACTIONS = ("Contacted Complainant", "Contacted Merchant", "Site Visit", "Replied")
# Actions a user may record by hand (the rest are written by the system).
MANUAL_ACTIONS = (*RESPONSE_ACTIONS, "Note", "Handed Back")


class CSCComplaint(Document):
	def validate(self):
		workflow_guard.enforce(self, PROTECTED_FIELDS, PROTECTED_TABLES)
		self.set_phone()
		self.validate_incident_time()
		self.validate_respondent()
		self.set_complainant()
		self.set_category_defaults()
		self.set_subject()
		self.set_needs_approval()
		self.validate_state_change()
		self.track_state_change()
		self.track_routing()
		self.track_waiting()
		self.track_severity()
		self.apply_pending_actions()
		self.set_sla_status()

	def on_update(self):
		self.alert_managers_of_major_complaint()
		self.plan_callback()

	# --- intake -------------------------------------------------------------------------------

	def set_phone(self):
		self.phone = normalize_phone(self.phone, _("Phone"))

	def set_complainant(self):
		if self.complainant_type == "Merchant":
			self.customer = None
			if self.complainant_merchant and not self.complainant_name:
				self.complainant_name = frappe.db.get_value(
					"CSC Merchant", self.complainant_merchant, "contact_person"
				) or frappe.db.get_value("CSC Merchant", self.complainant_merchant, "merchant_name")
			return
		self.complainant_merchant = None
		if not self.customer and self.is_new():
			self.customer = intake.find_customer_by_phone(self.phone)
		if self.customer and not self.complainant_name:
			self.complainant_name = frappe.db.get_value("Customer", self.customer, "customer_name")
		if not self.customer and self.is_new() and self.complainant_name:
			self.customer = intake.create_shopper(self.complainant_name, self.phone, self.hall)

	def set_category_defaults(self):
		if not self.category or not (self.is_new() or self.has_value_changed("category")):
			return
		department, severity = frappe.db.get_value(
			"CSC Complaint Category", self.category, ["default_department", "default_severity"]
		) or (None, None)
		if department and not self.department:
			self.department = department
		if severity == "Major" and self.is_new():
			self.severity = "Major"

	def set_subject(self):
		if not (self.subject or "").strip():
			summary = " ".join((self.description or "").split())[:60]
			self.subject = f"{self.category or ''} · {summary}".strip(" ·")[:140]

	def validate_incident_time(self):
		if self.incident_datetime and get_datetime(self.incident_datetime) > now_datetime():
			frappe.throw(_("Incident Time cannot be in the future."), title=_("Invalid Incident Time"))

	def validate_respondent(self):
		if self.respondent_type == "Mall":
			self.respondent_merchant = None
			return
		if not self.respondent_merchant:
			return
		merchant_hall = frappe.db.get_value("CSC Merchant", self.respondent_merchant, "hall")
		if merchant_hall and merchant_hall != self.hall:
			frappe.throw(
				_("Respondent merchant {0} is in hall {1}, not in {2}.").format(
					frappe.bold(self.respondent_merchant), merchant_hall, self.hall
				),
				title=_("Wrong Hall"),
			)

	# --- approval -----------------------------------------------------------------------------

	def set_needs_approval(self):
		limit = flt(frappe.get_cached_doc("CSC Settings").compensation_approval_limit)
		self.needs_approval = int(flt(self.compensation_amount) > limit)
		before = self.get_doc_before_save()
		if (
			before
			and self.compensation_approved_by
			and (
				flt(before.compensation_amount) != flt(self.compensation_amount)
				or before.compensation_type != self.compensation_type
			)
		):
			# an approval covers the compensation that was approved, not a changed one
			self.compensation_approved_by = None
			self.compensation_approved_on = None
		if self.compensation_amount and not self.compensation_type:
			frappe.throw(
				_("Choose the Compensation Type for the amount offered."),
				title=_("Compensation Type Missing"),
			)

	# --- workflow -----------------------------------------------------------------------------

	@property
	def old_state(self) -> str | None:
		before = self.get_doc_before_save()
		return before.workflow_state if before else None

	def state_changed_to(self, *states: str) -> bool:
		return self.workflow_state in states and self.old_state != self.workflow_state

	def validate_state_change(self):
		if self.state_changed_to(wf.PENDING_APPROVAL):
			if not self.needs_approval:
				frappe.throw(
					_("This compensation is within the limit and needs no approval."),
					title=_("No Approval Needed"),
				)
			self.validate_outcome()
		if self.state_changed_to(wf.RESOLVED):
			if self.old_state == wf.IN_PROGRESS and self.needs_approval:
				frappe.throw(
					_(
						"Compensation of {0} is above the approval limit: submit it for a CSC Manager's approval."
					).format(frappe.format(self.compensation_amount, "Currency")),
					title=_("Approval Required"),
				)
			self.validate_outcome()
		if self.state_changed_to(wf.REJECTED):
			if self.validity != "Invalid" or not (self.validity_reason or "").strip():
				frappe.throw(
					_("To reject a complaint, rule it Invalid and give the reason."),
					title=_("Ruling Required"),
				)
		if self.state_changed_to(wf.CALLBACK_DONE) and self.callback_status != "Completed":
			frappe.throw(
				_("The callback to the complainant is not completed yet."), title=_("Callback Pending")
			)
		if self.state_changed_to(wf.CLOSED):
			self.validate_closing()

	def validate_outcome(self):
		missing = [
			_(self.meta.get_label(f))
			for f in ("resolution", "responsibility")
			if not (str(self.get(f) or "")).strip()
		]
		if self.validity in (None, "", "Pending"):
			missing.append(_(self.meta.get_label("validity")))
		if self.validity == "Invalid" and not (self.validity_reason or "").strip():
			missing.append(_(self.meta.get_label("validity_reason")))
		if self.compensation_type and self.customer_agreement == "Pending":
			missing.append(_(self.meta.get_label("customer_agreement")))
		if missing:
			frappe.throw(
				_("Before the complaint is resolved, fill in: {0}").format(", ".join(missing)),
				title=_("Outcome Incomplete"),
			)

	def validate_closing(self):
		if self.callback_status == "Completed":
			return
		if "CSC Manager" not in frappe.get_roles() or not (self.close_override_reason or "").strip():
			frappe.throw(
				_(
					"A complaint is closed after its callback; only a CSC Manager may close it earlier, with a reason."
				),
				title=_("Callback Pending"),
			)
		self.add_action("Closed by Override", self.close_override_reason)

	def track_state_change(self):
		if not self.workflow_state or self.workflow_state == self.old_state:
			return
		now = now_datetime()
		if self.workflow_state == wf.REGISTERED:
			clock.start(self, now)
			self.add_action("Registered", _("Registered via {0}").format(_(self.channel)))
			if self.department:
				routing.record_routing(self, self.department)
				self.add_action("Routed", self.department)
		else:
			self.add_action(
				"State Changed", _("{0} → {1}").format(_(self.old_state or wf.DRAFT), _(self.workflow_state))
			)
		if self.workflow_state == wf.RESOLVED:
			self.resolved_on = now
			if self.old_state == wf.PENDING_APPROVAL:
				self.compensation_approved_by = frappe.session.user
				self.compensation_approved_on = now
				self.add_action("Compensation Approved", frappe.format(self.compensation_amount, "Currency"))
		elif self.workflow_state == wf.IN_PROGRESS and self.old_state == wf.PENDING_APPROVAL:
			self.add_action("Compensation Declined")
		elif self.workflow_state == wf.CLOSED:
			self.closed_on = now
		elif self.workflow_state == wf.REOPENED:
			self.resolved_on = self.closed_on = None
			self.callback_status = None
			clock.start(self, now)
			self.add_action("Reopened")

	def track_routing(self):
		if self.is_new() or self.workflow_state == wf.DRAFT or not self.has_value_changed("department"):
			return
		if self.department:
			routing.record_routing(self, self.department)
			self.handler = None
			self.add_action("Routed", self.department)

	def track_waiting(self):
		if self.is_new() or not self.registered_on or not self.has_value_changed("waiting_on"):
			return
		now = now_datetime()
		if self.waiting_on:
			clock.pause(self, now)
			self.add_action("Waiting", _(self.waiting_on))
		else:
			clock.resume(self, now)
			self.add_action("Resumed")

	def track_severity(self):
		if (
			not self.is_new()
			and self.has_value_changed("severity")
			and self.registered_on
			and not self.resolved_on
		):
			clock.reset_windows(self)

	def set_sla_status(self):
		self.sla_status = clock.compute_status(self, now_datetime())

	# --- the action log -----------------------------------------------------------------------

	def add_action(self, action: str, note: str | None = None, user: str | None = None):
		"""Append to the action log (only server code calls this; the log is append-only)."""
		self.append(
			"actions",
			{
				"action_datetime": now_datetime(),
				"user": user or frappe.session.user,
				"action": action,
				"note": note,
			},
		)
		if action in RESPONSE_ACTIONS and not self.first_responded_on and self.registered_on:
			self.first_responded_on = now_datetime()

	def queue_action(self, action: str, note: str | None = None):
		"""An action recorded through the API, appended during validate after the guard ran."""
		self.flags.setdefault("pending_actions", []).append((action, note))

	def apply_pending_actions(self):
		for action, note in self.flags.pop("pending_actions", []) or []:
			self.add_action(action, note)

	# --- alerts and follow-up ------------------------------------------------------------------

	def plan_callback(self):
		if self.state_changed_to(wf.RESOLVED):
			complaint_followup.plan_for_resolved_complaint(self)

	def alert_managers_of_major_complaint(self):
		registered_now = self.state_changed_to(wf.REGISTERED)
		became_major = not self.is_new() and self.has_value_changed("severity") and self.registered_on
		if self.severity == "Major" and (registered_now or became_major):
			notify.major_complaint(self)
