"""Dashboard chart source: complaints registered per day, one line per hall (the user's halls only)."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, nowdate

from csc_app.kpi import measures
from csc_app.kpi.scope import Scope, make_scope


@frappe.whitelist()
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
):
	to_date = getdate(to_date or nowdate())
	from_date = getdate(from_date) if from_date else add_days(to_date, -29)
	base = make_scope({"from_date": from_date, "to_date": to_date, "periodicity": "Daily"})
	scope = Scope(base.from_date, base.to_date, "Daily", base.halls)
	data = measures.complaints(scope)
	labels = [str(day) for day in scope.days()]
	halls = sorted({hall for hall, _period in data})
	return {
		"labels": labels,
		"datasets": [
			{"name": hall, "values": [(data.get((hall, day)) or {}).get("registered") or 0 for day in labels]}
			for hall in halls
		],
	}
