"""The complaint side of callbacks: a callback is planned when a complaint is resolved, and its
result moves the complaint on (Callback Done) or back (Reopened, supervisors alerted)."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, flt, get_datetime

from csc_app import workflow_guard
from csc_app.callbacks import assignment
from csc_app.complaints import notify, routing
from csc_app.complaints import workflow as wf


def plan_for_resolved_complaint(complaint) -> str | None:
	"""Complaint ``on_update`` when it became Resolved: one follow-up callback per resolution."""
	key = f"COMPLAINT:{complaint.name}:{get_datetime(complaint.resolved_on):%Y%m%d%H%M%S}"
	if frappe.db.exists("CSC Callback", {"dedupe_key": key}):
		return None
	hours = flt(frappe.get_cached_doc("CSC Settings").callback_within_hours) or 48
	callback = frappe.get_doc(
		{
			"doctype": "CSC Callback",
			"callback_type": "Complaint Follow-up",
			"complaint": complaint.name,
			"hall": complaint.hall,
			"due_by": add_to_date(complaint.resolved_on, hours=hours),
			"assigned_to": assignment.pick_assignee(complaint.hall, preferred=complaint.owner),
		}
	)
	callback.dedupe_key = key
	with workflow_guard.system_update(callback):
		callback.insert(ignore_permissions=True)  # planned by the system for whoever resolved the case
	assignment.notify_assignee(callback)
	_set_complaint_callback_status(complaint.name, "Open", _("Callback {0} planned").format(callback.name))
	return callback.name


def after_attempt(callback) -> None:
	if callback.complaint and callback.status == "Unreachable":
		_set_complaint_callback_status(
			callback.complaint,
			"Unreachable",
			_("Callback {0}: complainant unreachable").format(callback.name),
		)
		hall = frappe.db.get_value("CSC Complaint", callback.complaint, "hall")
		notify.alert(
			notify.hall_supervisors(hall),
			"CSC Complaint",
			callback.complaint,
			_("Complainant of {0} could not be reached for the callback").format(callback.complaint),
		)


def after_completion(callback) -> None:
	"""Pass opinions on; move the complaint to Callback Done, or reopen it when the shopper is unhappy."""
	_pass_on_opinions(callback)
	if not callback.complaint:
		return
	complaint = frappe.get_doc("CSC Complaint", callback.complaint, for_update=True)
	note = _("Callback {0}: satisfaction {1}/5").format(callback.name, callback.satisfaction)
	if callback.opinions:
		note += " — " + callback.opinions[:200]
	if complaint.workflow_state != wf.RESOLVED:
		_log_on_complaint(complaint, note)
		return
	if callback.is_unhappy:
		_set_complaint_callback_status(complaint.name, "Unhappy", note)
		apply_workflow(frappe.get_doc("CSC Complaint", complaint.name).as_dict(), "Reopen")
		notify.alert(
			notify.hall_supervisors(complaint.hall),
			"CSC Complaint",
			complaint.name,
			_("Complaint {0} reopened: the complainant is not satisfied ({1}/5)").format(
				complaint.name, callback.satisfaction
			),
		)
	else:
		_set_complaint_callback_status(complaint.name, "Completed", note)
		apply_workflow(frappe.get_doc("CSC Complaint", complaint.name).as_dict(), "Confirm Callback")


def _pass_on_opinions(callback) -> None:
	if not callback.opinions or not callback.opinions_passed_to:
		return
	handlers = routing.department_handlers(callback.opinions_passed_to)
	notify.alert(
		handlers,
		callback.doctype,
		callback.name,
		_("Opinion from a callback ({0}): {1}").format(
			callback.contact_name or callback.phone, frappe.utils.escape_html(callback.opinions[:140])
		),
	)


def _set_complaint_callback_status(name: str, status: str, note: str) -> None:
	complaint = frappe.get_doc("CSC Complaint", name, for_update=True)
	complaint.callback_status = status
	complaint.add_action("Callback", note)
	with workflow_guard.system_update(complaint):
		complaint.save(ignore_permissions=True)  # the callback's result, recorded by the system


def _log_on_complaint(complaint, note: str) -> None:
	complaint.add_action("Callback", note)
	with workflow_guard.system_update(complaint):
		complaint.save(ignore_permissions=True)  # the callback's result, recorded by the system
