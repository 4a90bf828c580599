"""Number cards of the 客服中心 workspace that are not a plain count."""

import frappe
from frappe.utils import nowdate

from csc_app.kpi import measures
from csc_app.kpi.scope import make_scope


@frappe.whitelist()
def on_time_departure_today(filters=None) -> dict:
	"""On-time departure rate (按时出车率) of today's scheduled departures in the user's halls."""
	scope = make_scope({"from_date": nowdate(), "to_date": nowdate(), "periodicity": "Total"})
	rows = measures.departures(scope).values()
	scheduled = sum(r.get("departures_scheduled") or 0 for r in rows)
	on_time = sum(r.get("departures_on_time") or 0 for r in rows)
	return {"value": measures.rate(on_time, scheduled) or 0, "fieldtype": "Percent"}
