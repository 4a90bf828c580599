"""The complaint clock: deadlines by severity, pauses, the 5-minute SLA job, warnings, escalations."""

from datetime import timedelta

import frappe
import pytest
from frappe.utils import get_datetime

from csc_app import tasks
from csc_app.complaints import clock, escalation
from tests.factories import ComplaintWorld
from tests.test_complaints import act, doc, put, registered
from tests.utils import frozen_at


@pytest.fixture(scope="module")
def world(users):
	return ComplaintWorld(users)


def alerts_for(user, name):
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_type": "CSC Complaint", "document_name": name},
		pluck="subject",
	)


def actions(name):
	return [a.action for a in doc(name).actions]


def test_deadlines_follow_settings_by_severity(world):
	settings = frappe.get_single("CSC Settings")
	normal = doc(registered(world))
	major = doc(registered(world, category=world.major_category))
	assert major.severity == "Major"
	for c, (resp, res) in (
		(normal, (settings.response_hours, settings.resolution_hours)),
		(major, (settings.major_response_hours, settings.major_resolution_hours)),
	):
		start = get_datetime(c.registered_on)
		assert get_datetime(c.response_by) - start == timedelta(hours=resp)
		assert get_datetime(c.resolution_by) - start == timedelta(hours=res)


def test_warning_breach_and_escalation_are_logged_once_and_alert_the_right_people(world):
	name = registered(world)
	c = doc(name)
	start, response_by = get_datetime(c.registered_on), get_datetime(c.response_by)
	window = response_by - start

	escalation.update_open_complaints(now=start + window * 0.5)
	assert doc(name).sla_status == "On Track"

	escalation.update_open_complaints(now=start + window * 0.85)
	assert doc(name).sla_status == "Warning"
	escalation.update_open_complaints(now=start + window * 0.9)  # idempotent
	assert actions(name).count("SLA Warning") == 1

	escalation.update_open_complaints(now=response_by + timedelta(minutes=1))
	c = doc(name)
	assert c.sla_status == "Breached" and c.escalation_level == 1
	assert actions(name).count("SLA Breached") == 1 and actions(name).count("Escalated") == 1
	assert alerts_for(world.supervisor.user, name)
	assert not alerts_for(world.manager.user, name)
	escalation.update_open_complaints(now=response_by + timedelta(minutes=6))
	assert actions(name).count("Escalated") == 1
	assert len(alerts_for(world.supervisor.user, name)) == 1

	late = get_datetime(c.resolution_by) + timedelta(hours=clock.manager_escalation_hours(), minutes=1)
	escalation.update_open_complaints(now=late)
	c = doc(name)
	assert c.escalation_level == 2
	assert alerts_for(world.manager.user, name)
	assert actions(name).count("Escalated") == 2
	frappe.db.commit()


def test_first_response_stops_the_response_clock(world):
	name = registered(world)
	c = doc(name)
	world.agent.call("csc_app.api.complaints.record_action", complaint=name, action="Replied", note="已答复")
	escalation.update_open_complaints(now=get_datetime(c.response_by) + timedelta(minutes=1))
	assert doc(name).sla_status in ("On Track", "Warning")
	assert doc(name).first_responded_on


def test_waiting_pauses_the_clock_and_moves_the_deadlines(world):
	name = registered(world)
	before = doc(name)
	assert put(world.agent, name, waiting_on="Complainant").status_code == 200
	c = doc(name)
	assert c.sla_status == "Paused" and c.paused_since
	escalation.update_open_complaints(now=get_datetime(before.resolution_by) + timedelta(hours=1))
	assert doc(name).sla_status == "Paused"

	# two hours pass while waiting for the shopper
	frappe.db.set_value(
		"CSC Complaint",
		name,
		"paused_since",
		get_datetime(c.paused_since) - timedelta(hours=2),
		update_modified=False,
	)
	frappe.db.commit()
	assert put(world.agent, name, waiting_on="").status_code == 200
	c = doc(name)
	assert not c.paused_since and c.paused_minutes >= 119
	shift = get_datetime(c.resolution_by) - get_datetime(before.resolution_by)
	assert timedelta(hours=2) - timedelta(minutes=1) <= shift <= timedelta(hours=2, minutes=1)
	assert {"Waiting", "Resumed"} <= set(actions(name))


def test_job_and_save_compute_the_same_status(world):
	"""The SQL of the job and the Python of save() are one rule; check them against each other."""
	name = registered(world)
	base = doc(name)
	start = get_datetime(base.registered_on)
	scenarios = [
		dict(first_responded_on=None, paused_since=None, paused_minutes=0, resolved_on=None),
		dict(
			first_responded_on=start + timedelta(minutes=5),
			paused_since=None,
			paused_minutes=30,
			resolved_on=None,
		),
		dict(
			first_responded_on=start + timedelta(minutes=5),
			paused_since=start + timedelta(hours=1),
			paused_minutes=0,
			resolved_on=None,
		),
	]
	offsets = [0.3, 0.79, 0.81, 0.99, 1.01, 1.5, 3.0]
	for values in scenarios:
		frappe.db.set_value("CSC Complaint", name, values, update_modified=False)
		for fraction in offsets:
			now = start + (get_datetime(base.resolution_by) - start) * fraction
			escalation.update_open_complaints(now=now)
			c = doc(name)
			assert c.sla_status == clock.compute_status(c, now), (values, fraction)
	frappe.db.rollback()


def test_resolved_late_is_breached_and_on_time_is_met(world):
	c = frappe._dict(
		registered_on="2026-01-01 09:00:00",
		resolution_by="2026-01-02 09:00:00",
		response_by=None,
		first_responded_on="2026-01-01 09:05:00",
		paused_since=None,
		paused_minutes=0,
	)
	assert (
		clock.compute_status(frappe._dict(c, resolved_on="2026-01-01 18:00:00"), get_datetime("2026-01-03"))
		== "Met"
	)
	assert (
		clock.compute_status(frappe._dict(c, resolved_on="2026-01-02 10:00:00"), get_datetime("2026-01-03"))
		== "Breached"
	)


def test_scheduled_entry_point_runs_under_frozen_time(world):
	name = registered(world)
	response_by = get_datetime(doc(name).response_by)
	with frozen_at(response_by + timedelta(minutes=10)):
		assert frappe.utils.now_datetime() >= response_by
		tasks.update_complaint_sla()
	assert doc(name).sla_status == "Breached"
	frappe.db.commit()


def test_major_complaint_alerts_every_manager_at_once(world):
	name = registered(world, category=world.major_category)
	for manager in (world.manager.user, world.second_manager.user):
		assert alerts_for(manager, name), manager
	assert not alerts_for(world.supervisor.user, name)


def test_raising_severity_to_major_alerts_managers_and_tightens_the_clock(world):
	name = registered(world)
	normal_by = get_datetime(doc(name).resolution_by)
	assert put(world.supervisor, name, severity="Major").status_code == 200
	assert alerts_for(world.manager.user, name)
	assert get_datetime(doc(name).resolution_by) <= normal_by
