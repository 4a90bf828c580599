"""Callback register (回访登记): every callback due in the period with its outcome; on-time rate and
mean satisfaction in the summary. Permission-aware (frappe.get_list)."""

import frappe
from frappe import _

from csc_app.kpi.measures import mean, rate
from csc_app.kpi.scope import make_scope

FIELDS = [
	"name",
	"due_by",
	"callback_type",
	"hall",
	"contact_name",
	"phone",
	"assigned_to",
	"status",
	"completed_on",
	"is_on_time",
	"satisfaction",
	"complaint",
]


def execute(filters=None):
	filters = frappe._dict(filters or {})
	scope = make_scope(filters)
	conditions = [["due_by", ">=", scope.from_date], ["due_by", "<", scope.end_exclusive]]
	for field in ("hall", "callback_type", "status", "assigned_to"):
		if filters.get(field):
			conditions.append([field, "=", filters[field]])
	rows = frappe.get_list(
		"CSC Callback", filters=conditions, fields=FIELDS, order_by="due_by asc", limit_page_length=5000
	)
	for row in rows:
		row.callback_type_label = _(row.callback_type)
		row.status_label = _(row.status)
	return columns(), rows, None, None, summary(rows)


def columns():
	return [
		{"fieldname": "due_by", "label": _("Due By"), "fieldtype": "Datetime", "width": 150},
		{
			"fieldname": "name",
			"label": _("Callback"),
			"fieldtype": "Link",
			"options": "CSC Callback",
			"width": 130,
		},
		{"fieldname": "callback_type_label", "label": _("Callback Type"), "fieldtype": "Data", "width": 120},
		{"fieldname": "hall", "label": _("Hall"), "fieldtype": "Link", "options": "CSC Hall", "width": 120},
		{"fieldname": "contact_name", "label": _("Contact Name"), "fieldtype": "Data", "width": 110},
		{"fieldname": "phone", "label": _("Phone"), "fieldtype": "Data", "width": 120},
		{
			"fieldname": "assigned_to",
			"label": _("Assigned To"),
			"fieldtype": "Link",
			"options": "User",
			"width": 150,
		},
		{"fieldname": "status_label", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{"fieldname": "completed_on", "label": _("Completed On"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "is_on_time", "label": _("On Time"), "fieldtype": "Check", "width": 80},
		{"fieldname": "satisfaction", "label": _("Satisfaction (1-5)"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "complaint",
			"label": _("Complaint"),
			"fieldtype": "Link",
			"options": "CSC Complaint",
			"width": 130,
		},
	]


def summary(rows):
	due = [r for r in rows if r.status != "Cancelled"]
	on_time = sum(1 for r in due if r.status == "Completed" and r.is_on_time)
	scores = [r.satisfaction for r in due if r.status == "Completed" and r.satisfaction]
	return [
		{"value": len(due), "label": _("Callbacks Due"), "datatype": "Int", "indicator": "blue"},
		{
			"value": rate(on_time, len(due)),
			"label": _("On-time Callback Rate %"),
			"datatype": "Float",
			"indicator": "green",
		},
		{
			"value": mean(sum(scores), len(scores)),
			"label": _("Satisfaction (1-5)"),
			"datatype": "Float",
			"indicator": "orange",
		},
	]
