"""One function per source of KPIs. Each runs one GROUP BY over indexed columns and returns
``{(hall, period): {measure: value}}``. Records the user may not read contribute nothing."""

from collections import defaultdict

import frappe
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Avg, Count, Sum
from frappe.utils import now_datetime
from pypika.functions import Count as PCount

from csc_app.kpi.scope import Scope, doctype_ready, where


def _collect(rows, *measures) -> dict:
	out = defaultdict(dict)
	for row in rows:
		for measure in measures:
			out[(row["hall"], row["period"])][measure] = row[measure]
	return out


def complaints(scope: Scope) -> dict:
	"""Valid complaints (有效投诉次数), valid with the mall responsible (for 服务问题率), all registered."""
	if not doctype_ready("CSC Complaint"):
		return {}
	c = DocType("CSC Complaint")
	valid = c.validity == "Valid"
	query = (
		frappe.qb.from_(c)
		.select(
			c.hall.as_("hall"),
			scope.bucket(c.registered_on).as_("period"),
			Count("*").as_("registered"),
			Sum(Case().when(valid, 1).else_(0)).as_("valid_complaints"),
			Sum(Case().when(valid & (c.responsibility == "Mall"), 1).else_(0)).as_("valid_mall"),
		)
		.groupby(c.hall, scope.bucket(c.registered_on))
	)
	query = where(query, scope.within(c.registered_on), scope.hall_filter(c.hall))
	return _collect(query.run(as_dict=True), "registered", "valid_complaints", "valid_mall")


def callbacks(scope: Scope) -> dict:
	"""Callbacks due in the period (up to now), completed by their due time (定时回访率), satisfaction."""
	if not doctype_ready("CSC Callback"):
		return {}
	cb = DocType("CSC Callback")
	now = now_datetime()
	query = (
		frappe.qb.from_(cb)
		.select(
			cb.hall.as_("hall"),
			scope.bucket(cb.due_by).as_("period"),
			Count("*").as_("callbacks_due"),
			Sum(Case().when((cb.status == "Completed") & (cb.is_on_time == 1), 1).else_(0)).as_(
				"callbacks_on_time"
			),
			Sum(Case().when(cb.status == "Completed", cb.satisfaction).else_(0)).as_("callback_score_sum"),
			Sum(Case().when(cb.status == "Completed", 1).else_(0)).as_("callback_score_count"),
		)
		.groupby(cb.hall, scope.bucket(cb.due_by))
	)
	query = where(
		query, scope.within(cb.due_by), cb.due_by <= now, cb.status != "Cancelled", scope.hall_filter(cb.hall)
	)
	return _collect(
		query.run(as_dict=True),
		"callbacks_due",
		"callbacks_on_time",
		"callback_score_sum",
		"callback_score_count",
	)


def routing(scope: Scope) -> dict:
	"""Routed cases answered by the receiving department, and those accepted (信息传递准确率)."""
	if not doctype_ready("CSC Complaint"):
		return {}
	c, r = DocType("CSC Complaint"), DocType("CSC Complaint Routing")
	query = (
		frappe.qb.from_(r)
		.join(c)
		.on((c.name == r.parent) & (r.parenttype == "CSC Complaint"))
		.select(
			c.hall.as_("hall"),
			scope.bucket(r.routed_on).as_("period"),
			Count("*").as_("routed"),
			Sum(Case().when(r.outcome == "Accepted", 1).else_(0)).as_("routed_accepted"),
		)
		.groupby(c.hall, scope.bucket(r.routed_on))
	)
	query = where(query, scope.within(r.routed_on), r.outcome != "Pending", scope.hall_filter(c.hall))
	return _collect(query.run(as_dict=True), "routed", "routed_accepted")


def reception(scope: Scope) -> dict:
	"""Visitors, and visitors attended to within the set minutes (来客准时接待率)."""
	if not doctype_ready("CSC Reception Log"):
		return {}
	log = DocType("CSC Reception Log")
	query = (
		frappe.qb.from_(log)
		.select(
			log.hall.as_("hall"),
			scope.bucket(log.arrived_at).as_("period"),
			Count("*").as_("visitors"),
			Sum(log.is_on_time).as_("visitors_on_time"),
		)
		.groupby(log.hall, scope.bucket(log.arrived_at))
	)
	query = where(
		query, scope.within(log.arrived_at), log.reception_type == "Visit", scope.hall_filter(log.hall)
	)
	return _collect(query.run(as_dict=True), "visitors", "visitors_on_time")


def visits(scope: Scope) -> dict:
	"""Distinct merchants visited (Done) per hall and period (the numerator of 商户拜访覆盖率)."""
	if not doctype_ready("CSC Merchant Visit"):
		return {}
	v = DocType("CSC Merchant Visit")
	query = (
		frappe.qb.from_(v)
		.select(
			v.hall.as_("hall"),
			scope.bucket(v.visited_on).as_("period"),
			PCount(v.merchant).distinct().as_("merchants_visited"),
		)
		.groupby(v.hall, scope.bucket(v.visited_on))
	)
	query = where(query, scope.within(v.visited_on), v.status == "Done", scope.hall_filter(v.hall))
	return _collect(query.run(as_dict=True), "merchants_visited")


def active_merchants(scope: Scope) -> dict[str, int]:
	"""Active merchants per hall now (the denominator of 商户拜访覆盖率)."""
	if not doctype_ready("CSC Merchant"):
		return {}
	m = DocType("CSC Merchant")
	query = frappe.qb.from_(m).select(m.hall, Count("*")).where(m.status == "Active").groupby(m.hall)
	query = where(query, scope.hall_filter(m.hall))
	return dict(query.run())


def mean(total, count):
	return round(total / count, 2) if count else None


def rate(part, whole, scale=100.0):
	return round(scale * (part or 0) / whole, 2) if whole else None


# The sources the scorecard merges; vehicle, flow and survey sources register here too.
SOURCES = [complaints, callbacks, routing, reception, visits]
