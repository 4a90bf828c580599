"""The SLA job: every 5 minutes re-evaluate the clock of every open complaint at once (set-based),
log what changed, and escalate breaches: level 1 alerts the hall's supervisors, level 2 (still
unresolved ``escalate_to_manager_after_hours`` after its deadline) alerts the CSC Managers.

Idempotent: a complaint whose status and level are already right is not touched, so running it twice
changes nothing and alerts nobody twice.
"""

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.utils import now_datetime

from csc_app.complaints import clock, notify
from csc_app.complaints.workflow import OPEN_STATES

_CANDIDATES_SQL = f"""
SELECT name, hall, subject, sla_status, escalation_level, new_status,
	CASE
		WHEN new_status = 'Breached' AND resolved_on IS NULL
			AND %(now)s > resolution_by + INTERVAL %(manager_hours)s HOUR THEN 2
		WHEN new_status = 'Breached' AND resolved_on IS NULL THEN GREATEST(escalation_level, 1)
		ELSE escalation_level
	END AS new_level
FROM (
	SELECT c.name, c.hall, c.subject, c.sla_status, c.escalation_level, c.resolved_on, c.resolution_by,
		{clock.SLA_STATUS_SQL} AS new_status
	FROM `tabCSC Complaint` c
	WHERE c.workflow_state IN %(states)s AND c.registered_on IS NOT NULL AND c.resolution_by IS NOT NULL
) t
HAVING new_status <> IFNULL(sla_status, '') OR new_level <> escalation_level
"""


def update_open_complaints(now=None) -> dict:
	"""Recompute sla_status and escalation_level of open complaints. Returns counts for logging."""
	now = now or now_datetime()
	params = {
		"now": now,
		"fraction": clock.warning_fraction(),
		"manager_hours": clock.manager_escalation_hours(),
		"states": OPEN_STATES,
	}
	changed = frappe.db.sql(_CANDIDATES_SQL, params, as_dict=True)
	if not changed:
		return {"changed": 0}

	_apply(changed, now)
	_log_actions(changed, now)
	_alert(changed)
	return {"changed": len(changed)}


def _apply(rows, now) -> None:
	"""One UPDATE for all changed complaints (CASE by name), leaving modified untouched on purpose:
	a clock tick is not an edit, and must not make a user's open form stale."""
	complaint = DocType("CSC Complaint")
	status, level = Case(), Case()
	for row in rows:
		status = status.when(complaint.name == row.name, row.new_status)
		level = level.when(complaint.name == row.name, row.new_level)
	(
		frappe.qb.update(complaint)
		.set(complaint.sla_status, status)
		.set(complaint.escalation_level, level)
		.where(complaint.name.isin([row.name for row in rows]))
	).run()


def _log_actions(rows, now) -> None:
	"""Warnings, breaches and escalations go into each complaint's action log (one bulk insert)."""
	entries = []
	for row in rows:
		if row.new_status != row.sla_status and row.new_status in (clock.WARNING, clock.BREACHED):
			action = "SLA Warning" if row.new_status == clock.WARNING else "SLA Breached"
			entries.append((row.name, action, None))
		if row.new_level > (row.escalation_level or 0):
			note = (
				_("Escalated to the CSC Managers")
				if row.new_level >= 2
				else _("Escalated to the hall supervisors")
			)
			entries.append((row.name, "Escalated", note))
	if not entries:
		return
	next_idx = dict(
		frappe.db.sql(
			"""SELECT parent, COALESCE(MAX(idx), 0) FROM `tabCSC Complaint Action`
			WHERE parent IN %(names)s AND parenttype = 'CSC Complaint' GROUP BY parent""",
			{"names": tuple({e[0] for e in entries})},
		)
	)
	fields = [
		"name",
		"parent",
		"parenttype",
		"parentfield",
		"idx",
		"action_datetime",
		"user",
		"action",
		"note",
		"owner",
		"creation",
		"modified",
		"modified_by",
	]
	values = []
	for parent, action, note in entries:
		next_idx[parent] = (next_idx.get(parent) or 0) + 1
		values.append(
			(
				frappe.generate_hash(length=10),
				parent,
				"CSC Complaint",
				"actions",
				next_idx[parent],
				now,
				"Administrator",
				action,
				note,
				"Administrator",
				now,
				now,
				"Administrator",
			)
		)
	frappe.db.bulk_insert("CSC Complaint Action", fields, values)


def _alert(rows) -> None:
	managers = None
	supervisors: dict[str, list[str]] = {}  # one lookup per hall, not per complaint
	for row in rows:
		if row.new_level <= (row.escalation_level or 0):
			continue
		subject = _("SLA breached: complaint {0} ({1})").format(
			row.name, frappe.utils.escape_html(row.subject or "")
		)
		if row.new_level >= 2:
			managers = managers if managers is not None else notify.managers()
			notify.alert(managers, "CSC Complaint", row.name, subject, from_user="Administrator")
		if (row.escalation_level or 0) < 1:
			if row.hall not in supervisors:
				supervisors[row.hall] = notify.hall_supervisors(row.hall)
			notify.alert(
				supervisors[row.hall],
				"CSC Complaint",
				row.name,
				subject,
				from_user="Administrator",
			)
