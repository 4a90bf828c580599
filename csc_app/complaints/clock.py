"""The complaint clock (时效): deadlines from CSC Settings by severity, pauses, SLA status, escalation.

``sla_status`` is computed in two places that must agree: ``compute_status`` for one complaint when it
is saved, and ``SLA_STATUS_SQL`` for the scheduled job that re-evaluates every open complaint at once
(tests/test_complaint_sla.py checks that they agree).
"""

from datetime import datetime, timedelta

import frappe
from frappe.utils import flt, get_datetime

ON_TRACK, WARNING, BREACHED, PAUSED, MET = "On Track", "Warning", "Breached", "Paused", "Met"


def get_windows(severity: str) -> tuple[float, float]:
	"""(response hours, resolution hours) for a severity."""
	settings = frappe.get_cached_doc("CSC Settings")
	if severity == "Major":
		return flt(settings.major_response_hours), flt(settings.major_resolution_hours)
	return flt(settings.response_hours), flt(settings.resolution_hours)


def warning_fraction() -> float:
	return flt(frappe.get_cached_doc("CSC Settings").sla_warning_percent or 80) / 100


def manager_escalation_hours() -> float:
	return flt(frappe.get_cached_doc("CSC Settings").escalate_to_manager_after_hours or 4)


def start(doc, at: datetime) -> None:
	"""Start (or restart, when reopened) the clock at ``at``."""
	response_h, resolution_h = get_windows(doc.severity)
	doc.registered_on = at
	doc.paused_minutes = 0
	doc.paused_since = at if doc.waiting_on else None
	doc.response_by = None if doc.first_responded_on else at + timedelta(hours=response_h)
	doc.resolution_by = at + timedelta(hours=resolution_h)


def reset_windows(doc) -> None:
	"""Severity changed on a running clock: recompute deadlines from the registration time."""
	if not doc.registered_on:
		return
	response_h, resolution_h = get_windows(doc.severity)
	registered, paused = get_datetime(doc.registered_on), timedelta(minutes=flt(doc.paused_minutes))
	if not doc.first_responded_on:
		doc.response_by = registered + timedelta(hours=response_h) + paused
	doc.resolution_by = registered + timedelta(hours=resolution_h) + paused


def pause(doc, at: datetime) -> None:
	if not doc.paused_since:
		doc.paused_since = at


def resume(doc, at: datetime) -> None:
	"""End a pause: the deadlines move by the time spent waiting."""
	if not doc.paused_since:
		return
	waited = max(at - get_datetime(doc.paused_since), timedelta(0))
	doc.paused_minutes = flt(doc.paused_minutes) + waited.total_seconds() / 60
	if doc.response_by and not doc.first_responded_on:
		doc.response_by = get_datetime(doc.response_by) + waited
	if doc.resolution_by:
		doc.resolution_by = get_datetime(doc.resolution_by) + waited
	doc.paused_since = None


def compute_status(doc, now: datetime) -> str | None:
	"""SLA status of one complaint at ``now`` (None before the clock starts)."""
	if not doc.registered_on or not doc.resolution_by:
		return None
	resolution_by = get_datetime(doc.resolution_by)
	if doc.resolved_on:
		return MET if get_datetime(doc.resolved_on) <= resolution_by else BREACHED
	if doc.paused_since:
		return PAUSED
	registered = get_datetime(doc.registered_on)
	paused = timedelta(minutes=flt(doc.paused_minutes))
	pending_response = not doc.first_responded_on and doc.response_by
	response_by = get_datetime(doc.response_by) if pending_response else None
	if now > resolution_by or (response_by and now > response_by):
		return BREACHED
	fraction = warning_fraction()

	def past_warning(deadline: datetime) -> bool:
		window = deadline - registered - paused
		return now - registered - paused >= window * fraction

	if past_warning(resolution_by) or (response_by and past_warning(response_by)):
		return WARNING
	return ON_TRACK


# The same rules over every open complaint, for the scheduled job. %(now)s and %(fraction)s are bound.
SLA_STATUS_SQL = """
CASE
	WHEN c.resolved_on IS NOT NULL THEN IF(c.resolved_on <= c.resolution_by, 'Met', 'Breached')
	WHEN c.paused_since IS NOT NULL THEN 'Paused'
	WHEN %(now)s > c.resolution_by
		OR (c.first_responded_on IS NULL AND c.response_by IS NOT NULL AND %(now)s > c.response_by) THEN 'Breached'
	WHEN TIMESTAMPDIFF(SECOND, c.registered_on, %(now)s) - c.paused_minutes * 60
			>= (TIMESTAMPDIFF(SECOND, c.registered_on, c.resolution_by) - c.paused_minutes * 60) * %(fraction)s
		OR (c.first_responded_on IS NULL AND c.response_by IS NOT NULL
			AND TIMESTAMPDIFF(SECOND, c.registered_on, %(now)s) - c.paused_minutes * 60
				>= (TIMESTAMPDIFF(SECOND, c.registered_on, c.response_by) - c.paused_minutes * 60) * %(fraction)s)
		THEN 'Warning'
	ELSE 'On Track'
END
"""
