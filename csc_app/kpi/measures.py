"""One function per source of KPIs. Each runs one GROUP BY over indexed columns and returns
``{(hall, period): {measure: value}}``. Records the user may not read contribute nothing."""

from collections import defaultdict

import frappe
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Coalesce, Count, Max, Sum
from frappe.utils import getdate, now_datetime, nowdate
from pypika import CustomFunction
from pypika.functions import Count as PCount

from csc_app.kpi.scope import Scope, doctype_ready, where

DateOf = CustomFunction("DATE", ["value"])


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
	"""Distinct active merchants visited (Done) per hall and period (the numerator of 商户拜访覆盖率;
	the same rule as csc_app.api.visits.get_coverage: only merchants counted in the denominator)."""
	if not doctype_ready("CSC Merchant Visit"):
		return {}
	v, m = DocType("CSC Merchant Visit"), DocType("CSC Merchant")
	query = (
		frappe.qb.from_(v)
		.join(m)
		.on((m.name == v.merchant) & (m.status == "Active"))
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


def customer_flow(scope: Scope) -> dict:
	"""Customer flow (客流) per hall and period: per hall, day and part of day the highest count of the
	sources (a people counter, a manual count, the guide carts' counts), summed — never double-counted.
	Also the days with a count recorded (客流统计完成情况)."""
	if not doctype_ready("CSC Customer Flow"):
		return {}
	f = DocType("CSC Customer Flow")
	per_slot = where(
		frappe.qb.from_(f)
		.select(f.hall, f.date, f.period, Max(f["count"]).as_("n"))
		.groupby(f.hall, f.date, f.period),
		scope.within(f.date),
		scope.hall_filter(f.hall),
	)
	slot = per_slot.as_("slot")
	query = (
		frappe.qb.from_(slot)
		.select(
			slot.hall.as_("hall"),
			scope.bucket(slot.date).as_("period"),
			Sum(slot.n).as_("customer_flow"),
			PCount(slot.date).distinct().as_("flow_periods_recorded"),
		)
		.groupby(slot.hall, scope.bucket(slot.date))
	)
	out = _collect(query.run(as_dict=True), "customer_flow", "flow_periods_recorded")
	# expected: one count a day for every hall in scope, for the days already past
	today = getdate(nowdate())
	expected: dict = defaultdict(int)
	for day in scope.days(until=today):
		expected[scope.label(day)] += 1
	for hall in _halls(scope):
		for period, days in expected.items():
			out[(hall, period)]["flow_periods_expected"] = days
	return out


def departures(scope: Scope) -> dict:
	"""Scheduled guide-cart departures, those on time (按时出车率), and pre-trip inspections done
	against required (one a day for each cart that departed)."""
	if not doctype_ready("CSC Guide Vehicle Log"):
		return {}
	log = DocType("CSC Guide Vehicle Log")
	query = where(
		frappe.qb.from_(log)
		.select(
			log.hall.as_("hall"),
			scope.bucket(log.scheduled_departure).as_("period"),
			Count("*").as_("departures_scheduled"),
			Sum(Case().when(log.actual_departure.isnotnull() & (log.is_on_time == 1), 1).else_(0)).as_(
				"departures_on_time"
			),
		)
		.groupby(log.hall, scope.bucket(log.scheduled_departure)),
		scope.within(log.scheduled_departure),
		log.docstatus < 2,
		log.status != "Cancelled",
		scope.hall_filter(log.hall),
	)
	out = _collect(query.run(as_dict=True), "departures_scheduled", "departures_on_time")
	if not doctype_ready("CSC Vehicle Inspection"):
		return out
	inspection = DocType("CSC Vehicle Inspection")
	inspected = (
		frappe.qb.from_(inspection)
		.select(inspection.vehicle, DateOf(inspection.inspected_on).as_("day"))
		.where(inspection.docstatus == 1)
		.distinct()
	).as_("inspected")
	cart_days = (
		where(
			frappe.qb.from_(log)
			.select(log.hall, log.vehicle, log.log_date)
			.distinct()
			.where(log.actual_departure.isnotnull() & (log.docstatus < 2)),
			scope.within(log.log_date),
			scope.hall_filter(log.hall),
		)
	).as_("cart_days")
	query = (
		frappe.qb.from_(cart_days)
		.left_join(inspected)
		.on((inspected.vehicle == cart_days.vehicle) & (inspected.day == cart_days.log_date))
		.select(
			cart_days.hall.as_("hall"),
			scope.bucket(cart_days.log_date).as_("period"),
			Count("*").as_("inspections_required"),
			Count(inspected.vehicle).as_("inspections_done"),
		)
		.groupby(cart_days.hall, scope.bucket(cart_days.log_date))
	)
	for key, values in _collect(query.run(as_dict=True), "inspections_required", "inspections_done").items():
		out[key].update(values)
	return out


def surveys(scope: Scope) -> dict:
	"""Survey responses ÷ quota of the campaigns closing in the period (满意度调查完成率), and the
	responses' scores for satisfaction (客户满意度)."""
	if not doctype_ready("CSC Survey Campaign") or not doctype_ready("CSC Survey Response"):
		return {}
	campaign, response = DocType("CSC Survey Campaign"), DocType("CSC Survey Response")
	answered = (
		frappe.qb.from_(response).select(response.campaign, Count("*").as_("n")).groupby(response.campaign)
	).as_("answered")
	query = where(
		frappe.qb.from_(campaign)
		.left_join(answered)
		.on(answered.campaign == campaign.name)
		.select(
			campaign.hall.as_("hall"),
			scope.bucket(campaign.to_date).as_("period"),
			Sum(campaign.quota).as_("survey_quota"),
			Sum(Coalesce(answered.n, 0)).as_("survey_responses"),
		)
		.groupby(campaign.hall, scope.bucket(campaign.to_date)),
		scope.within(campaign.to_date),
		campaign.status != "Draft",
		scope.hall_filter(campaign.hall),
	)
	out = _collect(query.run(as_dict=True), "survey_quota", "survey_responses")
	scores = where(
		frappe.qb.from_(response)
		.select(
			response.hall.as_("hall"),
			scope.bucket(response.submitted_on).as_("period"),
			Sum(response.overall_score).as_("survey_score_sum"),
			Count(response.overall_score).as_("survey_score_count"),
		)
		.groupby(response.hall, scope.bucket(response.submitted_on)),
		scope.within(response.submitted_on),
		response.overall_score > 0,
		scope.hall_filter(response.hall),
	)
	for key, values in _collect(scores.run(as_dict=True), "survey_score_sum", "survey_score_count").items():
		out[key].update(values)
	return out


def _halls(scope: Scope) -> list[str]:
	if scope.halls is not None:
		return scope.halls
	return frappe.get_all("CSC Hall", filters={"is_active": 1}, pluck="name")


# The sources the scorecard merges.
SOURCES = [complaints, callbacks, routing, reception, visits, customer_flow, departures, surveys]
