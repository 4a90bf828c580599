"""Visit plans (拜访计划): the daily job behind merchants' ``visit_every_days``.

Every day, in this order:

1. ``mark_missed_visits``: a Planned visit whose planned date is more than
   ``CSC Settings.visit_missed_grace_days`` days ago becomes Missed, and the supervisors of its hall
   get a notification.
2. ``plan_visits``: each active merchant with a visit interval gets its next routine visit planned,
   as soon as that visit falls within ``CSC Settings.visit_plan_ahead_days``. The next visit is due
   one interval after the merchant's last visit (the last done visit, or the planned date of the last
   missed or cancelled one); a merchant never visited is due today, and an overdue one is planned
   for today. It goes to whoever visited the merchant last, if they still may.

Both steps are idempotent: running the job twice on one day changes nothing the second time. Each
record is saved through its controller (validation, Version log); one failing record is logged and
does not stop the others.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.desk.doctype.notification_settings.notification_settings import is_notifications_enabled
from frappe.utils import add_days, cint, escape_html, formatdate, getdate, nowdate

from csc_app.csc_app.doctype.csc_merchant_visit.csc_merchant_visit import is_eligible_visitor

VISIT = "CSC Merchant Visit"


def run_daily() -> None:
	"""Scheduler entry point (hooks.scheduler_events["daily"])."""
	mark_missed_visits()
	plan_visits()


# --- missed visits ------------------------------------------------------------------------------


def mark_missed_visits() -> list[str]:
	"""Mark overdue Planned visits Missed and tell their halls' supervisors. Returns the visits marked."""
	grace = cint(frappe.db.get_single_value("CSC Settings", "visit_missed_grace_days"))
	cutoff = add_days(getdate(nowdate()), -grace)
	overdue = frappe.get_all(
		VISIT,
		filters={"status": "Planned", "planned_date": ("<", cutoff)},
		pluck="name",
		order_by="planned_date asc, name asc",
	)
	missed = []
	for name in overdue:
		doc = frappe.get_doc(VISIT, name)
		doc.status = "Missed"
		if _save_isolated(doc, doc.save):
			missed.append(doc)
	notify_supervisors(missed)
	return [doc.name for doc in missed]


def notify_supervisors(visits: list) -> None:
	"""One Notification Log per missed visit for each supervisor of its hall, in their language."""
	if not visits:
		return
	supervisors = get_hall_supervisors({visit.hall for visit in visits})
	enabled = {
		user: is_notifications_enabled(user) for users in supervisors.values() for user, _lang in users
	}
	for visit in visits:
		for user, language in supervisors.get(visit.hall, ()):
			if not enabled[user]:
				continue
			subject = _("Visit to {0} planned for {1} was not made and is now marked Missed.", lang=language)
			frappe.get_doc(
				{
					"doctype": "Notification Log",
					"type": "Alert",
					"for_user": user,
					"document_type": VISIT,
					"document_name": visit.name,
					"subject": subject.format(
						frappe.bold(escape_html(visit.merchant_name or visit.merchant)),
						formatdate(visit.planned_date),
					),
				}
			).insert(ignore_permissions=True)  # a system alert written for another user


def get_hall_supervisors(halls: set[str]) -> dict[str, list[tuple[str, str | None]]]:
	"""Enabled CSC Supervisors given each hall, with their UI language, in one query."""
	if not halls:
		return {}
	perm = frappe.qb.DocType("User Permission")
	user = frappe.qb.DocType("User")
	has_role = frappe.qb.DocType("Has Role")
	rows = (
		frappe.qb.from_(perm)
		.join(user)
		.on(user.name == perm.user)
		.join(has_role)
		.on((has_role.parent == user.name) & (has_role.parenttype == "User"))
		.select(perm.for_value.as_("hall"), user.name.as_("user"), user.language)
		.where(
			(perm.allow == "CSC Hall")
			& perm.for_value.isin(sorted(halls))
			& (user.enabled == 1)
			& (has_role.role == "CSC Supervisor")
		)
		.distinct()
		.orderby(user.name)
	).run(as_dict=True)
	out: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
	for row in rows:
		out[row.hall].append((row.user, row.language))
	return out


# --- planning -----------------------------------------------------------------------------------


def plan_visits() -> list[str]:
	"""Plan the next routine visit of every merchant that is due within the look-ahead. Returns new visits."""
	today = getdate(nowdate())
	horizon = add_days(today, cint(frappe.db.get_single_value("CSC Settings", "visit_plan_ahead_days")))
	eligible: dict[tuple[str, str], bool] = {}
	created = []
	for row in get_merchants_to_plan():
		planned_date = next_visit_date(row, today)
		if planned_date > horizon:
			continue
		# something is already planned within this cycle: that visit is the next one
		if row.next_planned and getdate(row.next_planned) < add_days(planned_date, row.visit_every_days):
			continue
		visitor = row.last_visitor
		if visitor and (visitor, row.hall) not in eligible:
			eligible[(visitor, row.hall)] = is_eligible_visitor(visitor, row.hall)
		doc = frappe.get_doc(
			{
				"doctype": VISIT,
				"merchant": row.merchant,
				"purpose": "Routine",
				"status": "Planned",
				"planned_date": planned_date,
				"visitor": visitor if visitor and eligible[(visitor, row.hall)] else None,
			}
		)
		doc.dont_update_if_missing = ["visitor"]  # not the job's own user
		doc.flags.from_visit_plan = True
		if _save_isolated(doc, doc.insert):
			created.append(doc.name)
	return created


def next_visit_date(row, today):
	"""One interval after the last visit (done, missed or cancelled); today if never visited or overdue."""
	anchors = [getdate(d) for d in (row.last_done, row.last_skipped) if d]
	if not anchors:
		return today
	return max(add_days(max(anchors), row.visit_every_days), today)


def get_merchants_to_plan() -> list:
	"""Active merchants with a visit interval, with their visit history summed up, in one query."""
	return frappe.db.sql(
		"""
		select
			m.name as merchant, m.hall, m.visit_every_days,
			(select max(date(v.visited_on)) from `tabCSC Merchant Visit` v
				where v.merchant = m.name and v.status = 'Done') as last_done,
			(select max(v.planned_date) from `tabCSC Merchant Visit` v
				where v.merchant = m.name and v.status in ('Missed', 'Cancelled')) as last_skipped,
			(select min(v.planned_date) from `tabCSC Merchant Visit` v
				where v.merchant = m.name and v.status = 'Planned') as next_planned,
			(select v.visitor from `tabCSC Merchant Visit` v
				where v.merchant = m.name and v.status = 'Done' and ifnull(v.visitor, '') != ''
				order by v.visited_on desc limit 1) as last_visitor
		from `tabCSC Merchant` m
		where m.status = %(active)s and m.visit_every_days > 0
		order by m.name
		""",
		{"active": "Active"},
		as_dict=True,
	)


def _save_isolated(doc, save) -> bool:
	"""Run ``save`` in a savepoint: a record that fails is rolled back and logged, the rest go on."""
	frappe.db.savepoint("csc_visit_plan")
	try:
		save()
	except Exception:
		frappe.db.rollback(save_point="csc_visit_plan")
		frappe.log_error(
			title=_("Visit plan could not save a visit"),
			reference_doctype=VISIT,
			reference_name=doc.name,
		)
		return False
	frappe.db.release_savepoint("csc_visit_plan")
	return True
