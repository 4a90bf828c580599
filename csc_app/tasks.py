"""Scheduler entry points: thin wrappers around the domain modules."""

from csc_app.complaints import escalation


def update_complaint_sla():
	"""Every 5 minutes: SLA status, warnings and escalations of open complaints."""
	escalation.update_open_complaints()
