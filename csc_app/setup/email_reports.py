"""The daily, weekly and monthly CS reports (日报 / 周报 / 月报): Frappe Auto Email Reports of the KPI
scorecard, e-mailed to the CSC Managers. Created when missing (admins may edit them afterwards)."""

import frappe
from frappe.query_builder import DocType

REPORT = "CSC KPI Scorecard"

# name, frequency, dynamic date period, scorecard periodicity
SCHEDULED = (
	("客服日报 Daily CS Report", "Daily", "Daily", "Daily"),
	("客服周报 Weekly CS Report", "Weekly", "Weekly", "Daily"),
	("客服月报 Monthly CS Report", "Monthly", "Monthly", "Weekly"),
)


def manager_emails() -> list[str]:
	user, has_role = DocType("User"), DocType("Has Role")
	return (
		frappe.qb.from_(user)
		.join(has_role)
		.on((has_role.parent == user.name) & (has_role.parenttype == "User"))
		.select(user.email)
		.distinct()
		.where(
			(user.enabled == 1)
			& (has_role.role == "CSC Manager")
			& (user.name != "Administrator")
			& user.email.like("%@%")
		)
		.orderby(user.email)
		.run(pluck=True)
	)


def ensure_email_reports() -> list[str]:
	"""Create the three scheduled reports if missing and there is a manager to send them to."""
	recipients = manager_emails()
	if not recipients or not frappe.db.exists("Report", REPORT):
		return []
	owner = frappe.db.get_value("User", {"email": recipients[0]}, "name")
	created = []
	for name, frequency, period, periodicity in SCHEDULED:
		if frappe.db.exists("Auto Email Report", name):
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Auto Email Report",
				"report": REPORT,
				"user": owner,  # the report runs with this manager's permissions
				"enabled": 1,
				"frequency": frequency,
				"day_of_week": "Monday",
				"format": "HTML",
				"email_to": "\n".join(recipients),
				"filters": frappe.as_json({"periodicity": periodicity}),
				"from_date_field": "from_date",
				"to_date_field": "to_date",
				"dynamic_date_period": period,
				"description": name,
			}
		)
		doc.insert(ignore_permissions=True)  # install step
		if doc.name != name:
			frappe.rename_doc("Auto Email Report", doc.name, name, force=True)
		created.append(name)
	return created
