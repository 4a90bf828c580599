"""Routing a complaint to a department (转交相关部门) and the department's answer.

Each routing is a row in the complaint's routing history; the receiving department accepts it or
sends it back as mis-routed. Accepted ÷ answered routings is the information-relay accuracy KPI.
Complaints are auto-assigned to a department's handlers by a Frappe Assignment Rule per department.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import now_datetime

HANDLER_ROLE = "CSC Department Handler"


def handler_departments(user: str) -> list[str]:
	"""Departments a handler works for: their active Employee records' departments."""
	return frappe.get_all(
		"Employee",
		filters={"user_id": user, "status": "Active", "department": ("is", "set")},
		pluck="department",
	)


def department_handlers(department: str) -> list[str]:
	"""Enabled users with the handler role whose Employee belongs to ``department``."""
	employee, user, has_role = DocType("Employee"), DocType("User"), DocType("Has Role")
	return (
		frappe.qb.from_(employee)
		.join(user)
		.on(user.name == employee.user_id)
		.join(has_role)
		.on((has_role.parent == user.name) & (has_role.parenttype == "User"))
		.select(user.name)
		.distinct()
		.where(
			(employee.department == department)
			& (employee.status == "Active")
			& (user.enabled == 1)
			& (has_role.role == HANDLER_ROLE)
		)
		.orderby(user.name)
		.run(pluck=True)
	)


def open_routing(doc):
	"""The routing row still waiting for the department's answer, if any."""
	for row in reversed(doc.routings or []):
		if row.outcome == "Pending":
			return row
	return None


def record_routing(doc, department: str) -> None:
	"""A new routing to ``department``; an unanswered earlier routing is superseded."""
	if (previous := open_routing(doc)) and previous.department != department:
		previous.outcome = "Sent Back"
		previous.responded_on = now_datetime()
		previous.responded_by = frappe.session.user
		previous.reason = _("Re-routed to {0}").format(department)
	doc.append(
		"routings",
		{
			"department": department,
			"routed_on": now_datetime(),
			"routed_by": frappe.session.user,
			"outcome": "Pending",
		},
	)


def accept(doc, user: str) -> None:
	row = open_routing(doc)
	if not row:
		frappe.throw(_("This complaint has no routing waiting for an answer."), title=_("Nothing to Accept"))
	row.outcome, row.responded_on, row.responded_by = "Accepted", now_datetime(), user
	doc.handler = user


def send_back(doc, user: str, reason: str) -> None:
	if not (reason or "").strip():
		frappe.throw(_("Say why the complaint is sent back."), title=_("Reason Required"))
	row = open_routing(doc)
	if not row:
		frappe.throw(
			_("This complaint has no routing waiting for an answer."), title=_("Nothing to Send Back")
		)
	row.outcome, row.responded_on, row.responded_by, row.reason = "Sent Back", now_datetime(), user, reason
	doc.department = None
	doc.handler = None


def rule_name(department: str) -> str:
	return f"CSC Complaint - {department}"[:140]


def sync_assignment_rule(department: str) -> None:
	"""One round-robin Assignment Rule per department with handlers; keeps its users current.

	Created when missing (an admin may then edit its conditions freely); only its user list is synced.
	"""
	handlers = department_handlers(department)
	name = rule_name(department)
	exists = frappe.db.exists("Assignment Rule", name)
	if not handlers and not exists:
		return
	escaped = department.replace("\\", "\\\\").replace("'", "\\'")
	rule = frappe.get_doc("Assignment Rule", name) if exists else frappe.new_doc("Assignment Rule")
	if not exists:
		rule.update(
			{
				"name": name,
				"__newname": name,
				"document_type": "CSC Complaint",
				"description": _("Assign complaints routed to {0} to its handlers").format(department),
				"assign_condition": f"department == '{escaped}' and workflow_state in ('Registered', 'In Progress', 'Reopened')",
				"unassign_condition": f"department != '{escaped}'",
				"rule": "Round Robin",
				"priority": 1,
				"assignment_days": [
					{"day": day}
					for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
				],
			}
		)
	current = [row.user for row in rule.users]
	if current == handlers and exists:
		return
	rule.set("users", [{"user": u} for u in handlers])
	rule.disabled = 0 if handlers else 1
	rule.flags.ignore_permissions = True  # kept by the system from Employee and role changes
	rule.save() if exists else rule.insert()


def sync_for_employee(doc, method=None) -> None:
	"""Employee ``on_update``: the handler's department rules follow the employee's department."""
	departments = {doc.department}
	if (before := doc.get_doc_before_save()) and before.department:
		departments.add(before.department)
	for department in filter(None, departments):
		sync_assignment_rule(department)
