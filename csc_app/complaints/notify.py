"""Alerts to people: hall supervisors, CSC Managers, handlers. Bell notifications (Notification Log)."""

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.query_builder import DocType


def hall_users(hall: str, role: str) -> list[str]:
	"""Enabled users with ``role`` who were given this hall, by name."""
	user, has_role, perm = DocType("User"), DocType("Has Role"), DocType("User Permission")
	return (
		frappe.qb.from_(user)
		.join(has_role)
		.on((has_role.parent == user.name) & (has_role.parenttype == "User"))
		.join(perm)
		.on(perm.user == user.name)
		.select(user.name)
		.distinct()
		.where(
			(user.enabled == 1)
			& (has_role.role == role)
			& (perm.allow == "CSC Hall")
			& (perm.for_value == hall)
		)
		.orderby(user.name)
		.run(pluck=True)
	)


def hall_supervisors(hall: str) -> list[str]:
	return hall_users(hall, "CSC Supervisor")


def managers() -> list[str]:
	user, has_role = DocType("User"), DocType("Has Role")
	return (
		frappe.qb.from_(user)
		.join(has_role)
		.on((has_role.parent == user.name) & (has_role.parenttype == "User"))
		.select(user.name)
		.distinct()
		.where((user.enabled == 1) & (has_role.role == "CSC Manager") & (user.name != "Administrator"))
		.run(pluck=True)
	)


def alert(users: list[str], doctype: str, name: str, subject: str, from_user: str | None = None) -> None:
	"""A bell notification for each user (email too, if the user's notification settings say so)."""
	users = [u for u in dict.fromkeys(users) if u]
	if not users:
		return
	make_notification_logs(
		{
			"type": "Alert",
			"document_type": doctype,
			"document_name": name,
			"subject": subject,
			"from_user": from_user or frappe.session.user,
		},
		users,
	)


def major_complaint(doc) -> None:
	alert(
		managers(),
		doc.doctype,
		doc.name,
		_("Major complaint {0} in {1}: {2}").format(
			doc.name, doc.hall, frappe.utils.escape_html(doc.subject or "")
		),
	)
