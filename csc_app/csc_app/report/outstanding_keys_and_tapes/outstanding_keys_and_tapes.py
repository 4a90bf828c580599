"""Keys and tapes handed out and not yet back (seed 001, front desk duty 17), longest out first.

Rows come from ``frappe.get_list``, so the report shows exactly what the user may see of CSC Key Custody
(a driver: only what they hold).
"""

import frappe
from frappe import _
from frappe.utils import flt, now_datetime, time_diff_in_hours


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, None, get_summary(data)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Custody Record"),
			"fieldtype": "Link",
			"options": "CSC Key Custody",
			"width": 150,
		},
		{"fieldname": "item_type", "label": _("Item"), "fieldtype": "Data", "width": 120},
		{
			"fieldname": "vehicle",
			"label": _("Vehicle"),
			"fieldtype": "Link",
			"options": "Vehicle",
			"width": 120,
		},
		{"fieldname": "item_label", "label": _("Item Label"), "fieldtype": "Data", "width": 160},
		# Data, not Link: the report engine would drop the rows of other Employees for every user who is an
		# Employee (ERPNext gives them a User Permission on their own record); get_list has already decided.
		{"fieldname": "issued_to", "label": _("Issued To"), "fieldtype": "Data", "width": 130},
		{"fieldname": "issued_to_name", "label": _("Issued To Name"), "fieldtype": "Data", "width": 120},
		{"fieldname": "issued_on", "label": _("Issued On"), "fieldtype": "Datetime", "width": 160},
		{
			"fieldname": "issued_by",
			"label": _("Issued By"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
		{
			"fieldname": "hours_out",
			"label": _("Hours Out"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 100,
		},
		{"fieldname": "is_overdue", "label": _("Overdue"), "fieldtype": "Check", "width": 80},
	]


def get_rows(filters) -> list[dict]:
	conditions = {"status": "Out"}
	for fieldname in ("item_type", "vehicle", "issued_to"):
		if filters.get(fieldname):
			conditions[fieldname] = filters[fieldname]
	return frappe.get_list(
		"CSC Key Custody",
		filters=conditions,
		fields=[
			"name",
			"item_type",
			"vehicle",
			"item_label",
			"issued_to",
			"issued_to_name",
			"issued_on",
			"issued_by",
		],
		order_by="issued_on asc",
		limit_page_length=0,
	)


def get_data(filters) -> list[dict]:
	overdue_after = flt(frappe.db.get_single_value("CSC Settings", "key_overdue_hours"))
	now = now_datetime()
	rows = get_rows(filters)
	for row in rows:
		row.hours_out = flt(time_diff_in_hours(now, row.issued_on), 1)
		row.is_overdue = 1 if overdue_after and row.hours_out > overdue_after else 0
		row.item_type = _(row.item_type, context="CSC Key Custody")
	if filters.get("overdue_only"):
		rows = [row for row in rows if row.is_overdue]
	return rows


def get_summary(rows: list[dict]) -> list[dict]:
	overdue = sum(row.is_overdue for row in rows)
	return [
		{"label": _("Items Out"), "value": len(rows), "datatype": "Int", "indicator": "Blue"},
		{
			"label": _("Overdue"),
			"value": overdue,
			"datatype": "Int",
			"indicator": "Red" if overdue else "Green",
		},
	]
