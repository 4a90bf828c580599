"""Who calls back: the registering agent, or the least-loaded agent of the hall (round robin)."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count

from csc_app.complaints.notify import hall_users
from csc_app.permissions import user_can_access_hall

AGENT_ROLE = "CSC Agent"


def hall_agents(hall: str) -> list[str]:
	"""Enabled CSC Agents given this hall."""
	return hall_users(hall, AGENT_ROLE)


def agents_by_load(hall: str) -> list[str]:
	"""The hall's agents, fewest open callbacks first (ties by name): the round-robin order."""
	agents = hall_agents(hall)
	if not agents:
		return []
	callback = DocType("CSC Callback")
	load = dict(
		frappe.qb.from_(callback)
		.select(callback.assigned_to, Count("*"))
		.where((callback.status == "Open") & (callback.assigned_to.isin(agents)))
		.groupby(callback.assigned_to)
		.run()
	)
	return sorted(agents, key=lambda a: (load.get(a, 0), a))


def pick_assignee(hall: str, preferred: str | None = None) -> str | None:
	if preferred and _is_active_agent(preferred) and user_can_access_hall(hall, preferred):
		return preferred
	ordered = agents_by_load(hall)
	return ordered[0] if ordered else None


def _is_active_agent(user: str) -> bool:
	return bool(frappe.db.get_value("User", user, "enabled")) and AGENT_ROLE in frappe.get_roles(user)


def notify_assignee(callback) -> None:
	"""A ToDo for the assignee and a Reminder at the due time."""
	if not callback.assigned_to:
		return
	from frappe.desk.form.assign_to import add as assign

	assign(
		{
			"assign_to": [callback.assigned_to],
			"doctype": callback.doctype,
			"name": callback.name,
			"date": frappe.utils.getdate(callback.due_by),
			"description": _("Call back {0} ({1})").format(callback.contact_name or "", callback.phone),
		},
		ignore_permissions=True,  # the system assigns; the assignee is a hall agent (checked by pick_assignee)
	)
	frappe.get_doc(
		{
			"doctype": "Reminder",
			"user": callback.assigned_to,
			"remind_at": callback.due_by,
			"description": _("Callback {0} is due: {1} {2}").format(
				callback.name, callback.contact_name or "", callback.phone
			),
			"reminder_doctype": callback.doctype,
			"reminder_docname": callback.name,
		}
	).insert(ignore_permissions=True)  # a reminder for the assignee, created by the system
