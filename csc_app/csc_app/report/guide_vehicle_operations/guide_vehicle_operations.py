"""Guide-vehicle operations (导购车辆运营): per cart — departures, on time (按时出车率), trips,
passengers, customer flow, incidents, and pre-trip inspections done against required. One GROUP BY."""

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, Sum

from csc_app.kpi.measures import rate
from csc_app.kpi.scope import make_scope, where


def execute(filters=None):
	if not frappe.has_permission("CSC Guide Vehicle Log", "read"):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	scope = make_scope(filters)
	log = DocType("CSC Guide Vehicle Log")
	query = where(
		frappe.qb.from_(log)
		.select(
			log.vehicle.as_("vehicle"),
			Count("*").as_("departures_scheduled"),
			Sum(Case().when(log.actual_departure.isnotnull() & (log.is_on_time == 1), 1).else_(0)).as_(
				"departures_on_time"
			),
			Sum(log.trips).as_("trips"),
			Sum(log.passengers).as_("passengers"),
			Sum(log.customer_flow).as_("customer_flow"),
			Sum(Case().when(log.incidents.isnotnull() & (log.incidents != ""), 1).else_(0)).as_("incidents"),
		)
		.groupby(log.vehicle)
		.orderby(log.vehicle),
		scope.within(log.scheduled_departure),
		log.docstatus < 2,
		log.status != "Cancelled",
		scope.hall_filter(log.hall),
	)
	rows = query.run(as_dict=True)
	for row in rows:
		row.on_time_rate = rate(row.departures_on_time, row.departures_scheduled)
	columns = [
		{
			"fieldname": "vehicle",
			"label": _("Vehicle"),
			"fieldtype": "Link",
			"options": "Vehicle",
			"width": 150,
		},
		{
			"fieldname": "departures_scheduled",
			"label": _("Scheduled Departures"),
			"fieldtype": "Int",
			"width": 130,
		},
		{
			"fieldname": "departures_on_time",
			"label": _("On-time Departures"),
			"fieldtype": "Int",
			"width": 130,
		},
		{
			"fieldname": "on_time_rate",
			"label": _("On-time Departure Rate %"),
			"fieldtype": "Percent",
			"width": 150,
		},
		{"fieldname": "trips", "label": _("Trips"), "fieldtype": "Int", "width": 80},
		{"fieldname": "passengers", "label": _("Passengers"), "fieldtype": "Int", "width": 100},
		{"fieldname": "customer_flow", "label": _("Customer Flow"), "fieldtype": "Int", "width": 110},
		{"fieldname": "incidents", "label": _("Incidents"), "fieldtype": "Int", "width": 90},
	]
	chart = (
		{
			"data": {
				"labels": [r.vehicle for r in rows],
				"datasets": [
					{"name": _("On-time Departure Rate %"), "values": [r.on_time_rate or 0 for r in rows]}
				],
			},
			"type": "bar",
		}
		if rows
		else None
	)
	return columns, rows, None, chart
