"""Complaint endpoints for the desk form and API clients: caller history, the action log, routing answers."""

import frappe
from frappe import _

from csc_app import workflow_guard
from csc_app.complaints import intake, routing
from csc_app.complaints import workflow as wf
from csc_app.csc_app.doctype.csc_complaint.csc_complaint import MANUAL_ACTIONS
from csc_app.permissions import get_handler_departments


@frappe.whitelist(methods=["GET"])
def get_caller_history(phone: str, exclude: str | None = None) -> dict:
	"""A caller's earlier complaints and callbacks (only those the user may see), and the shopper."""
	if not frappe.has_permission("CSC Complaint", "read"):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	history = intake.caller_history(phone, exclude=exclude)
	customer = intake.find_customer_by_phone(history["phone"])
	history["customer"] = customer
	history["customer_name"] = (
		frappe.db.get_value("Customer", customer, "customer_name") if customer else None
	)
	return history


@frappe.whitelist(methods=["GET"])
def get_category_defaults(category: str) -> dict:
	"""The department and severity a complaint of ``category`` gets unless staff choose otherwise."""
	doc = frappe.get_doc("CSC Complaint Category", category)
	doc.check_permission("read")
	return {"department": doc.default_department, "severity": doc.default_severity}


@frappe.whitelist(methods=["POST"])
def record_action(complaint: str, action: str, note: str | None = None) -> dict:
	"""Add an entry to a complaint's action log (who did what, when)."""
	if action not in MANUAL_ACTIONS:
		frappe.throw(_("{0} is not an action that can be recorded by hand.").format(frappe.bold(action)))
	doc = _load_for_handling(complaint)
	doc.queue_action(action, (note or "").strip() or None)
	_save(doc)
	return _summary(doc)


@frappe.whitelist(methods=["POST"])
def accept_routing(complaint: str) -> dict:
	"""The receiving department takes the case (it was routed correctly)."""
	doc = _load_for_handling(complaint, department_only=True)
	routing.accept(doc, frappe.session.user)
	doc.queue_action("Accepted", doc.department)
	_save(doc)
	return _summary(doc)


@frappe.whitelist(methods=["POST"])
def send_back(complaint: str, reason: str) -> dict:
	"""The receiving department returns a mis-routed case to the service centre, saying why."""
	doc = _load_for_handling(complaint, department_only=True)
	department = doc.department
	routing.send_back(doc, frappe.session.user, reason)
	doc.queue_action("Sent Back", _("{0}: {1}").format(department, reason.strip()))
	_save(doc)
	return _summary(doc)


def _load_for_handling(name: str, department_only: bool = False):
	doc = frappe.get_doc("CSC Complaint", name, for_update=True)
	doc.check_permission("read")
	if doc.workflow_state not in wf.OPEN_STATES:
		frappe.throw(
			_("Complaint {0} is {1}; actions are recorded only while it is open.").format(
				doc.name, _(doc.workflow_state)
			),
			title=_("Complaint Not Open"),
		)
	departments = get_handler_departments()
	is_handler = departments is not None and doc.department in departments
	if department_only:
		if not (is_handler or "CSC Manager" in frappe.get_roles()):
			frappe.throw(
				_("Only a handler of {0} can answer this routing.").format(
					doc.department or _("the routed department")
				),
				frappe.PermissionError,
			)
	elif not (is_handler or frappe.has_permission("CSC Complaint", "write", doc)):
		frappe.throw(_("Not permitted to record actions on {0}").format(doc.name), frappe.PermissionError)
	return doc


def _save(doc) -> None:
	# Handlers have read access only: the action log and routing answer are the one thing they may
	# change, and _load_for_handling has just checked that they may. The log stays append-only.
	with workflow_guard.system_update(doc):
		doc.save(ignore_permissions=True)


def _summary(doc) -> dict:
	return {
		"name": doc.name,
		"workflow_state": doc.workflow_state,
		"department": doc.department,
		"handler": doc.handler,
		"first_responded_on": doc.first_responded_on,
		"sla_status": doc.sla_status,
		"actions": len(doc.actions),
	}
