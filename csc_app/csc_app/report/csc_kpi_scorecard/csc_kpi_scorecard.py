"""CS KPI scorecard (客服关键绩效指标): every KPI of DESIGN.md per hall and period, with its formula.

Each source is one GROUP BY (csc_app.kpi.measures); rows are (hall, period); a restricted user sees
only their halls. Ratios are computed from the summed parts, so totals are true ratios, not averages.
"""

import frappe
from frappe import _

from csc_app.kpi import measures
from csc_app.kpi.scope import make_scope

# Each KPI: fieldname, label, (numerator, denominator, scale) over the collected measures
KPIS = (
	(
		"complaint_rate",
		"Complaint Rate (per 10,000 visitors)",
		("valid_complaints", "customer_flow", 10000.0),
	),
	("service_problem_rate", "Service Problem Rate %", ("valid_mall", "valid_complaints", 100.0)),
	("on_time_callback_rate", "On-time Callback Rate %", ("callbacks_on_time", "callbacks_due", 100.0)),
	("relay_accuracy", "Information Relay Accuracy %", ("routed_accepted", "routed", 100.0)),
	("survey_completion", "Survey Completion %", ("survey_responses", "survey_quota", 100.0)),
	(
		"on_time_departure_rate",
		"On-time Departure Rate %",
		("departures_on_time", "departures_scheduled", 100.0),
	),
	(
		"inspection_rate",
		"Inspections Done vs Required %",
		("inspections_done", "inspections_required", 100.0),
	),
	(
		"flow_count_completion",
		"Flow-count Completion %",
		("flow_periods_recorded", "flow_periods_expected", 100.0),
	),
	("on_time_reception_rate", "On-time Reception %", ("visitors_on_time", "visitors", 100.0)),
	("visit_coverage", "Merchant Visit Coverage %", ("merchants_visited", "active_merchants", 100.0)),
	("satisfaction", "Satisfaction (1-5)", ("score_sum", "score_count", 1.0)),
)

COUNTS = (
	("customer_flow", "Customer Flow", "Int"),
	("registered", "Complaints Registered", "Int"),
	("valid_complaints", "Valid Complaints", "Int"),
	("callbacks_due", "Callbacks Due", "Int"),
	("routed", "Routed Cases", "Int"),
	("merchants_visited", "Merchants Visited", "Int"),
	("active_merchants", "Active Merchants", "Int"),
)


def execute(filters=None):
	scope = make_scope(filters)
	rows = get_rows(scope)
	return get_columns(), rows, None, get_chart(rows), get_summary(rows)


def get_columns():
	columns = [
		{"fieldname": "hall", "label": _("Hall"), "fieldtype": "Link", "options": "CSC Hall", "width": 140},
		{"fieldname": "period", "label": _("Period"), "fieldtype": "Data", "width": 110},
	]
	columns += [
		{"fieldname": f, "label": _(label), "fieldtype": "Float", "precision": 2, "width": 130}
		for f, label, _p in KPIS
	]
	columns += [{"fieldname": f, "label": _(label), "fieldtype": t, "width": 110} for f, label, t in COUNTS]
	return columns


def collect(scope) -> dict:
	"""All measures by (hall, period)."""
	merged: dict = {}
	for source in measures.SOURCES:
		for key, values in source(scope).items():
			merged.setdefault(key, {}).update(values)
	active = measures.active_merchants(scope)
	for (hall, _period), values in merged.items():
		values["active_merchants"] = active.get(hall, 0)
		values["score_sum"] = (values.get("callback_score_sum") or 0) + (values.get("survey_score_sum") or 0)
		values["score_count"] = (values.get("callback_score_count") or 0) + (
			values.get("survey_score_count") or 0
		)
	return merged


def get_rows(scope) -> list[dict]:
	merged = collect(scope)
	rows = []
	for (hall, period), values in sorted(merged.items(), key=lambda kv: (kv[0][1] or "", kv[0][0] or "")):
		row = {"hall": hall, "period": period, **values}
		for fieldname, _label, (num, den, scale) in KPIS:
			row[fieldname] = measures.rate(values.get(num), values.get(den), scale)
		rows.append(row)
	return rows


def totals(rows) -> dict:
	"""The whole selection as one row: ratios of the summed parts."""
	total: dict = {}
	for row in rows:
		for key, value in row.items():
			if (
				isinstance(value, int | float)
				and key not in {k for k, *_ in KPIS}
				and key != "active_merchants"
			):
				total[key] = (total.get(key) or 0) + value
	total["active_merchants"] = sum({r["hall"]: r.get("active_merchants", 0) for r in rows}.values())
	for fieldname, _label, (num, den, scale) in KPIS:
		total[fieldname] = measures.rate(total.get(num), total.get(den), scale)
	return total


def get_summary(rows):
	total = totals(rows)
	picks = (
		"complaint_rate",
		"service_problem_rate",
		"on_time_callback_rate",
		"visit_coverage",
		"satisfaction",
	)
	labels = {f: label for f, label, _p in KPIS}
	return [
		{"value": total.get(f), "label": _(labels[f]), "datatype": "Float", "indicator": "blue"}
		for f in picks
	] + [
		{
			"value": total.get("valid_complaints") or 0,
			"label": _("Valid Complaints"),
			"datatype": "Int",
			"indicator": "red",
		}
	]


def get_chart(rows):
	periods = sorted({r["period"] for r in rows if r.get("period")})
	if not periods:
		return None
	halls = sorted({r["hall"] for r in rows if r.get("hall")})
	by_key = {(r["hall"], r["period"]): r for r in rows}
	return {
		"data": {
			"labels": periods,
			"datasets": [
				{
					"name": hall,
					"values": [(by_key.get((hall, p)) or {}).get("valid_complaints") or 0 for p in periods],
				}
				for hall in halls
			],
		},
		"type": "bar",
		"title": _("Valid Complaints"),
	}
