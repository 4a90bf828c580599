"""Callback workbench (回访工作台): what is due and overdue for me, by hall, with the phone number and
the case at hand. Permission-aware (frappe.get_list): a user sees only the halls given to them."""

import frappe
from frappe import _
from frappe.utils import add_days, now_datetime


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters), None, None, get_summary(filters)


def get_columns():
	return [
		{"fieldname": "due_by", "label": _("Due By"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Check", "width": 80},
		{
			"fieldname": "name",
			"label": _("Callback"),
			"fieldtype": "Link",
			"options": "CSC Callback",
			"width": 140,
		},
		{"fieldname": "callback_type", "label": _("Callback Type"), "fieldtype": "Data", "width": 130},
		{"fieldname": "contact_name", "label": _("Contact Name"), "fieldtype": "Data", "width": 110},
		{"fieldname": "phone", "label": _("Phone"), "fieldtype": "Data", "width": 120},
		{"fieldname": "case_summary", "label": _("Case at Hand"), "fieldtype": "Data", "width": 260},
		{
			"fieldname": "complaint",
			"label": _("Complaint"),
			"fieldtype": "Link",
			"options": "CSC Complaint",
			"width": 140,
		},
		{"fieldname": "hall", "label": _("Hall"), "fieldtype": "Link", "options": "CSC Hall", "width": 120},
		{
			"fieldname": "assigned_to",
			"label": _("Assigned To"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
	]


def _filters(filters):
	conditions = {"status": filters.status or "Open"}
	if filters.hall:
		conditions["hall"] = filters.hall
	if not filters.everyone:
		conditions["assigned_to"] = filters.assigned_to or frappe.session.user
	if filters.days_ahead is not None and str(filters.days_ahead) != "":
		conditions["due_by"] = ("<=", add_days(now_datetime(), int(filters.days_ahead)))
	return conditions


def get_data(filters):
	rows = frappe.get_list(
		"CSC Callback",
		filters=_filters(filters),
		fields=[
			"name",
			"due_by",
			"callback_type",
			"contact_name",
			"phone",
			"case_summary",
			"complaint",
			"hall",
			"assigned_to",
			"status",
		],
		order_by="due_by asc",
		limit_page_length=500,
	)
	now = now_datetime()
	for row in rows:
		row.overdue = int(row.status == "Open" and row.due_by < now)
		row.callback_type = _(row.callback_type)
	return rows


def get_summary(filters):
	rows = get_data(filters)
	overdue = sum(r.overdue for r in rows)
	return [
		{
			"value": overdue,
			"label": _("Overdue"),
			"indicator": "red" if overdue else "green",
			"datatype": "Int",
		},
		{"value": len(rows) - overdue, "label": _("Due"), "indicator": "blue", "datatype": "Int"},
	]
