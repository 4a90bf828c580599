"""Complaint analysis (投诉分析): complaints by category, department, respondent merchant, channel,
validity, responsibility, hall, severity or staff member, with mean response and resolution times and
the share that breached their SLA. One GROUP BY; a restricted user sees only their halls."""

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Avg, Count, Sum
from pypika import CustomFunction
from pypika.terms import LiteralValue

from csc_app.kpi.measures import rate
from csc_app.kpi.scope import make_scope, where

TimestampDiff = CustomFunction("TIMESTAMPDIFF", ["unit", "start", "end"])

# group-by choice -> (column, label, link doctype)
GROUPS = {
	"Category": ("category", "Category", "CSC Complaint Category"),
	"Department": ("department", "Routed Department", "Department"),
	"Respondent Merchant": ("respondent_merchant", "Respondent Merchant", "CSC Merchant"),
	"Channel": ("channel", "Channel", None),
	"Validity": ("validity", "Valid Complaint", None),
	"Responsibility": ("responsibility", "Responsibility", None),
	"Hall": ("hall", "Hall", "CSC Hall"),
	"Severity": ("severity", "Severity", None),
	"Staff": ("owner", "Registered By", "User"),
	"Handler": ("handler", "Handler", "User"),
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	group = filters.group_by or "Category"
	if group not in GROUPS:
		frappe.throw(_("Unknown grouping {0}.").format(frappe.bold(group)), title=_("Invalid Filter"))
	if not frappe.has_permission("CSC Complaint", "read"):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	scope = make_scope(filters)
	rows = get_rows(scope, filters, group)
	return get_columns(group), rows, None, get_chart(rows, group), get_summary(rows)


def get_rows(scope, filters, group):
	c = DocType("CSC Complaint")
	column = c[GROUPS[group][0]]
	valid = c.validity == "Valid"
	query = (
		frappe.qb.from_(c)
		.select(
			column.as_("group_value"),
			Count("*").as_("complaints"),
			Sum(Case().when(valid, 1).else_(0)).as_("valid"),
			Sum(Case().when(c.validity == "Invalid", 1).else_(0)).as_("invalid"),
			Sum(Case().when(valid & (c.responsibility == "Mall"), 1).else_(0)).as_("valid_mall"),
			Sum(Case().when(c.severity == "Major", 1).else_(0)).as_("major"),
			Avg(TimestampDiff(LiteralValue("MINUTE"), c.registered_on, c.first_responded_on)).as_(
				"mean_response_minutes"
			),
			Avg(TimestampDiff(LiteralValue("MINUTE"), c.registered_on, c.resolved_on) / 60).as_(
				"mean_resolution_hours"
			),
			Sum(Case().when(c.sla_status == "Breached", 1).else_(0)).as_("breached"),
			Sum(Case().when(c.sla_status.isin(["Breached", "Met"]), 1).else_(0)).as_("sla_decided"),
		)
		.groupby(column)
		.orderby(Count("*"), order=frappe.qb.desc)
	)
	query = where(
		query,
		scope.within(c.registered_on),
		scope.hall_filter(c.hall),
		(c.respondent_merchant == filters.merchant) if filters.merchant else None,
		(c.owner == filters.staff) if filters.staff else None,
		(c.category == filters.category) if filters.category else None,
	)
	rows = query.run(as_dict=True)
	for row in rows:
		row.valid_share = rate(row.valid, row.complaints)
		row.service_problem_rate = rate(row.valid_mall, row.valid)
		row.breach_share = rate(row.breached, row.sla_decided)
		for f in ("mean_response_minutes", "mean_resolution_hours"):
			row[f] = round(row[f], 1) if row[f] is not None else None
		if GROUPS[group][2] is None and row.group_value:
			row.group_value = _(row.group_value)
	return rows


def get_columns(group):
	_field, label, link = GROUPS[group]
	first = {"fieldname": "group_value", "label": _(label), "width": 180}
	first.update({"fieldtype": "Link", "options": link} if link else {"fieldtype": "Data"})
	return [
		first,
		{"fieldname": "complaints", "label": _("Complaints"), "fieldtype": "Int", "width": 100},
		{"fieldname": "valid", "label": _("Valid Complaints"), "fieldtype": "Int", "width": 110},
		{"fieldname": "invalid", "label": _("Invalid"), "fieldtype": "Int", "width": 90},
		{"fieldname": "valid_share", "label": _("Valid %"), "fieldtype": "Percent", "width": 90},
		{
			"fieldname": "service_problem_rate",
			"label": _("Service Problem Rate %"),
			"fieldtype": "Percent",
			"width": 120,
		},
		{"fieldname": "major", "label": _("Major"), "fieldtype": "Int", "width": 80},
		{
			"fieldname": "mean_response_minutes",
			"label": _("Mean Response (Minutes)"),
			"fieldtype": "Float",
			"width": 130,
		},
		{
			"fieldname": "mean_resolution_hours",
			"label": _("Mean Resolution (Hours)"),
			"fieldtype": "Float",
			"width": 130,
		},
		{"fieldname": "breached", "label": _("SLA Breached"), "fieldtype": "Int", "width": 100},
		{"fieldname": "breach_share", "label": _("SLA Breach Share %"), "fieldtype": "Percent", "width": 120},
	]


def get_chart(rows, group):
	top = rows[:12]
	if not top:
		return None
	return {
		"data": {
			"labels": [str(r.group_value or _("(none)")) for r in top],
			"datasets": [
				{"name": _("Complaints"), "values": [r.complaints for r in top]},
				{"name": _("Valid Complaints"), "values": [r.valid for r in top]},
			],
		},
		"type": "bar",
	}


def get_summary(rows):
	total = sum(r.complaints for r in rows)
	valid = sum(r.valid or 0 for r in rows)
	breached = sum(r.breached or 0 for r in rows)
	decided = sum(r.sla_decided or 0 for r in rows)
	return [
		{"value": total, "label": _("Complaints"), "datatype": "Int", "indicator": "blue"},
		{"value": valid, "label": _("Valid Complaints"), "datatype": "Int", "indicator": "red"},
		{
			"value": rate(breached, decided),
			"label": _("SLA Breach Share %"),
			"datatype": "Float",
			"indicator": "orange",
		},
	]
