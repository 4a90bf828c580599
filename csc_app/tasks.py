"""Scheduler entry points: thin wrappers around the domain modules."""

from csc_app.callbacks import schedule as callback_schedule
from csc_app.complaints import escalation


def update_complaint_sla():
	"""Every 5 minutes: SLA status, warnings and escalations of open complaints."""
	escalation.update_open_complaints()


def plan_periodic_callbacks():
	"""Daily: VIP care calls, birthday and holiday greetings (idempotent)."""
	callback_schedule.plan_periodic_callbacks()
