"""Merchant visits: coverage KPI (商户拜访覆盖率) and calendar events, scoped to the caller's halls."""

import frappe
from frappe import _
from frappe.utils import add_days, flt, getdate

from csc_app.permissions import get_user_halls, user_can_access_hall

VISIT = "CSC Merchant Visit"
MAX_EVENTS = 2000  # one calendar page (a month, a week) never holds more


@frappe.whitelist(methods=["GET", "POST"])
def get_coverage(from_date: str, to_date: str, hall: str | None = None) -> list[dict]:
	"""Merchants visited ÷ active merchants, per hall, for visits done from ``from_date`` to ``to_date``.

	A merchant counts as visited when it has at least one Done visit whose ``visited_on`` falls in the
	period; active merchants are those whose status is Active now. Only the caller's halls are counted.
	"""
	if not frappe.has_permission(VISIT, "read"):
		frappe.throw(
			_("Not permitted to read visit coverage."), frappe.PermissionError, title=_("Not Permitted")
		)
	start, end = _period(from_date, to_date)
	halls = get_user_halls()
	if hall:
		if not frappe.db.exists("CSC Hall", hall):
			frappe.throw(_("Hall {0} does not exist.").format(frappe.bold(hall)), frappe.DoesNotExistError)
		if not user_can_access_hall(hall):
			frappe.throw(
				_("You are not permitted to see hall {0}.").format(frappe.bold(hall)),
				frappe.PermissionError,
				title=_("Hall Not Permitted"),
			)
		halls = [hall]
	if halls == []:
		return []

	params = {"active": "Active", "done": "Done", "start": start, "end": add_days(end, 1), "halls": halls}
	hall_condition = "and m.hall in %(halls)s" if halls is not None else ""
	rows = frappe.db.sql(
		f"""
		select m.hall, count(*) as active_merchants, count(v.merchant) as visited_merchants
		from `tabCSC Merchant` m
		left join (
			select distinct merchant from `tabCSC Merchant Visit`
			where status = %(done)s and visited_on >= %(start)s and visited_on < %(end)s
		) v on v.merchant = m.name
		where m.status = %(active)s {hall_condition}
		group by m.hall
		order by m.hall
		""",  # hall_condition is a fixed fragment; every value is a parameter
		params,
		as_dict=True,
	)
	for row in rows:
		row.from_date, row.to_date = start, end
		row.coverage = flt(100.0 * row.visited_merchants / row.active_merchants, 1)
	return rows


def _period(from_date: str, to_date: str):
	start = end = None
	if from_date and to_date:
		try:
			start, end = getdate(from_date), getdate(to_date)
		except Exception:
			start = end = None
	if not start or not end:
		frappe.throw(_("From Date and To Date must be valid dates."), title=_("Invalid Period"))
	if end < start:
		frappe.throw(_("To Date cannot be before From Date."), title=_("Invalid Period"))
	return start, end


@frappe.whitelist(methods=["GET", "POST"])
def get_visit_events(start: str, end: str, filters=None, **kwargs) -> list[dict]:
	"""Calendar events (``csc_merchant_visit_calendar.js``): visits planned in [start, end] the caller may read.

	The title names the shop and the visitor, so one calendar shows who visits whom on which day.
	"""
	start_date, end_date = _period(start, end)
	filters = frappe.parse_json(filters) if isinstance(filters, str) else (filters or [])
	filters = [*filters, [VISIT, "planned_date", "between", [start_date, end_date]]]
	visits = frappe.get_list(
		VISIT,
		fields=["name", "planned_date", "merchant_name", "visitor", "visitor_name", "status", "purpose"],
		filters=filters,
		order_by="planned_date asc, name asc",
		limit_page_length=MAX_EVENTS,
	)
	for visit in visits:
		visit.allDay = 1
		visit.title = " · ".join(
			filter(None, (visit.merchant_name, visit.visitor_name or visit.visitor or _("Unassigned")))
		)
	return visits


@frappe.whitelist(methods=["POST"])
def raise_follow_up(visit: str, kind: str, category: str | None = None, due_in_hours: float = 24) -> str:
	"""Turn a visit's follow-up into a complaint (Draft, the merchant as complainant) or a callback to
	the merchant, linked back to the visit. Returns the new record's name."""
	from frappe.utils import add_to_date, flt, now_datetime

	from csc_app import workflow_guard

	if kind not in ("Complaint", "Callback"):
		frappe.throw(_("A follow-up becomes a Complaint or a Callback."), title=_("Invalid Follow-up"))
	doc = frappe.get_doc(VISIT, visit, for_update=True)
	doc.check_permission("write")
	if doc.status != "Done" or not (doc.follow_up or "").strip():
		frappe.throw(
			_("Only a done visit with a follow-up written down can raise one."),
			title=_("Nothing to Follow Up"),
		)
	link_field = "follow_up_complaint" if kind == "Complaint" else "follow_up_callback"
	if doc.get(link_field):
		frappe.throw(
			_("This visit already raised {0}.").format(doc.get(link_field)), title=_("Already Raised")
		)
	merchant = frappe.db.get_value(
		"CSC Merchant", doc.merchant, ["phone", "contact_person", "merchant_name"], as_dict=True
	)
	if kind == "Complaint":
		if not category:
			frappe.throw(_("Choose the complaint category."), title=_("Category Required"))
		record = frappe.get_doc(
			{
				"doctype": "CSC Complaint",
				"hall": doc.hall,
				"complainant_type": "Merchant",
				"complainant_merchant": doc.merchant,
				"complainant_name": merchant.contact_person or merchant.merchant_name,
				"phone": merchant.phone,
				"channel": "Walk-in",
				"category": category,
				"respondent_type": "Mall",
				"subject": _("Visit {0}: {1}").format(doc.name, doc.follow_up.strip())[:140],
				"description": doc.follow_up,
			}
		).insert()
	else:
		record = frappe.get_doc(
			{
				"doctype": "CSC Callback",
				"callback_type": "Service Quality",
				"hall": doc.hall,
				"merchant": doc.merchant,
				"contact_name": merchant.contact_person or merchant.merchant_name,
				"phone": merchant.phone,
				"due_by": add_to_date(now_datetime(), hours=flt(due_in_hours) or 24),
				"assigned_to": frappe.session.user,
			}
		).insert()
	doc.set(link_field, record.name)
	with workflow_guard.system_update(doc):
		doc.save()
	return record.name
