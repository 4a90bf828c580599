"""Callback endpoints: log an attempt, complete with satisfaction and opinions, cancel; the workbench."""

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from csc_app import workflow_guard
from csc_app.callbacks import complaint_followup

CHANNELS = ("Phone", "SMS", "WeChat", "Visit")
RESULTS = ("Reached", "No Answer", "Wrong Number", "Refused")


@frappe.whitelist(methods=["POST"])
def log_attempt(callback: str, result: str, channel: str = "Phone", note: str | None = None) -> dict:
	"""Record one try to reach the person; after the configured number of failures it is Unreachable."""
	if result not in RESULTS or channel not in CHANNELS:
		frappe.throw(_("Unknown channel or result."), title=_("Invalid Attempt"))
	doc = _load_open(callback)
	doc.add_attempt(channel, result, (note or "").strip() or None)
	_save(doc)
	complaint_followup.after_attempt(doc)
	return _summary(doc)


@frappe.whitelist(methods=["POST"])
def complete(
	callback: str,
	satisfaction: int,
	opinions: str | None = None,
	escalate: bool = False,
	pass_opinions_to: str | None = None,
	channel: str = "Phone",
) -> dict:
	"""The person was reached: record satisfaction (1–5) and opinions. An unhappy result (≤ 2, or
	``escalate``) reopens the complaint and alerts the supervisors; otherwise the complaint moves to
	Callback Done. Opinions are passed on to ``pass_opinions_to`` (default: the complaint's department)."""
	if not isinstance(satisfaction, int | str) or not str(satisfaction).strip().isdigit():
		frappe.throw(_("Satisfaction must be a whole number from 1 to 5."), title=_("Invalid Satisfaction"))
	satisfaction = cint(satisfaction)
	if not 1 <= satisfaction <= 5:
		frappe.throw(_("Satisfaction must be a whole number from 1 to 5."), title=_("Invalid Satisfaction"))
	if channel not in CHANNELS:
		frappe.throw(_("Unknown channel or result."), title=_("Invalid Attempt"))
	doc = _load_open(callback)
	if pass_opinions_to and not frappe.db.exists("Department", pass_opinions_to):
		frappe.throw(_("Department {0} does not exist.").format(pass_opinions_to), frappe.LinkValidationError)
	doc.complete(satisfaction, (opinions or "").strip() or None, cint(escalate), channel)
	if doc.opinions:
		doc.opinions_passed_to = pass_opinions_to or (
			frappe.db.get_value("CSC Complaint", doc.complaint, "department") if doc.complaint else None
		)
	_save(doc)
	complaint_followup.after_completion(doc)
	return _summary(doc)


@frappe.whitelist(methods=["POST"])
def cancel(callback: str, reason: str) -> dict:
	"""A supervisor or manager drops a callback that is no longer wanted, saying why."""
	if not set(frappe.get_roles()) & {"CSC Supervisor", "CSC Manager", "System Manager"}:
		frappe.throw(_("Only a supervisor or manager can cancel a callback."), frappe.PermissionError)
	if not (reason or "").strip():
		frappe.throw(_("Say why the callback is cancelled."), title=_("Reason Required"))
	doc = _load_open(callback)
	doc.status = "Cancelled"
	doc.add_comment("Comment", _("Cancelled: {0}").format(reason.strip()))
	_save(doc)
	return _summary(doc)


@frappe.whitelist(methods=["GET"])
def get_workbench(hall: str | None = None, assigned_to: str | None = None) -> dict:
	"""Open callbacks for the user (or ``assigned_to``), overdue first, with what to say."""
	filters = {"status": "Open", "assigned_to": assigned_to or frappe.session.user}
	if hall:
		filters["hall"] = hall
	rows = frappe.get_list(
		"CSC Callback",
		filters=filters,
		fields=[
			"name",
			"callback_type",
			"hall",
			"due_by",
			"contact_name",
			"phone",
			"complaint",
			"case_summary",
			"customer",
			"merchant",
		],
		order_by="due_by asc",
		limit_page_length=200,
	)
	now = now_datetime()
	for row in rows:
		row.overdue = row.due_by < now
	return {
		"overdue": [r for r in rows if r.overdue],
		"due": [r for r in rows if not r.overdue],
	}


def _load_open(name: str):
	doc = frappe.get_doc("CSC Callback", name, for_update=True)
	doc.check_permission("write")
	if doc.status != "Open":
		frappe.throw(
			_("Callback {0} is {1}, not open.").format(doc.name, _(doc.status)), title=_("Callback Not Open")
		)
	return doc


def _save(doc) -> None:
	# check_permission("write") was done in _load_open; the protected fields are the server's
	with workflow_guard.system_update(doc):
		doc.save()


def _summary(doc) -> dict:
	return {
		"name": doc.name,
		"status": doc.status,
		"attempts": len(doc.attempts),
		"satisfaction": doc.satisfaction,
		"is_on_time": doc.is_on_time,
		"complaint": doc.complaint,
		"complaint_state": frappe.db.get_value("CSC Complaint", doc.complaint, "workflow_state")
		if doc.complaint
		else None,
	}
