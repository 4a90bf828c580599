"""Callbacks (回访) through REST as real users: planned on resolution, attempts, completion moving the
complaint on or back, periodic planning (idempotent, frozen time), permissions and bad input."""

import uuid
from datetime import timedelta

import frappe
import pytest
from frappe.utils import add_days, get_datetime, getdate

from csc_app.callbacks import schedule
from tests.factories import ComplaintWorld, unique_phone
from tests.test_complaints import act, doc, new_complaint, outcome, put, registered
from tests.utils import frozen_at


@pytest.fixture(scope="module")
def world(users):
	return ComplaintWorld(users)


def resolved(world, **values) -> str:
	name = registered(world, **values)
	act(world.agent, name, "Start Handling")
	put(world.agent, name, **outcome())
	assert act(world.agent, name, "Resolve").status_code == 200
	return name


def callback_of(complaint) -> str:
	return frappe.db.get_value(
		"CSC Callback", {"complaint": complaint, "status": ("!=", "Cancelled")}, order_by="creation desc"
	)


def cb(name):
	return frappe.get_doc("CSC Callback", name)


def alerts_for(user, doctype, name):
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_type": doctype, "document_name": name},
		pluck="subject",
	)


class TestPlannedOnResolution:
	def test_callback_is_planned_for_the_registering_agent(self, world):
		complaint = resolved(world)
		name = callback_of(complaint)
		assert name
		c, k = doc(complaint), cb(name)
		hours = frappe.db.get_single_value("CSC Settings", "callback_within_hours")
		assert get_datetime(k.due_by) - get_datetime(c.resolved_on) == timedelta(hours=hours)
		assert k.assigned_to == world.agent.user
		assert k.hall == c.hall and k.phone == c.phone and k.status == "Open"
		assert c.callback_status == "Open"
		assert frappe.db.exists(
			"ToDo",
			{"reference_type": "CSC Callback", "reference_name": name, "allocated_to": world.agent.user},
		)
		assert frappe.db.exists("Reminder", {"reminder_docname": name, "user": world.agent.user})
		workbench = world.agent.call("csc_app.api.callbacks.get_workbench", http="get")
		assert name in [r["name"] for r in workbench.data["due"] + workbench.data["overdue"]]

	def test_least_loaded_hall_agent_when_the_registering_user_is_not_an_agent(self, world, users):
		resolved(world)  # world.agent now has open callbacks
		newcomer = users.make("CSC Agent", halls=[world.hall], fresh=True)
		name = new_complaint(world, client=world.manager)  # registered by a manager, not an agent
		act(world.manager, name, "Register")
		act(world.manager, name, "Start Handling")
		put(world.manager, name, **outcome())
		assert act(world.manager, name, "Resolve").status_code == 200
		assert cb(callback_of(name)).assigned_to == newcomer


class TestOutcome:
	def test_happy_callback_moves_the_complaint_to_callback_done(self, world):
		complaint = resolved(world)
		name = callback_of(complaint)
		r = world.agent.call("csc_app.api.callbacks.log_attempt", callback=name, result="No Answer")
		assert r.status_code == 200, r
		r = world.agent.call(
			"csc_app.api.callbacks.complete", callback=name, satisfaction=4, opinions="处理及时"
		)
		assert r.status_code == 200, r
		k = cb(name)
		assert k.status == "Completed" and k.satisfaction == 4 and k.is_on_time == 1 and k.completed_on
		assert [a.result for a in k.attempts] == ["No Answer", "Reached"]
		c = doc(complaint)
		assert c.workflow_state == "Callback Done" and c.callback_status == "Completed"
		assert act(world.supervisor, complaint, "Close").status_code == 200
		assert doc(complaint).workflow_state == "Closed"

	@pytest.mark.parametrize("satisfaction, escalate", [(2, False), (1, False), (5, True)])
	def test_unhappy_callback_reopens_and_alerts(self, world, satisfaction, escalate):
		complaint = resolved(world)
		name = callback_of(complaint)
		r = world.agent.call(
			"csc_app.api.callbacks.complete",
			callback=name,
			satisfaction=satisfaction,
			escalate=int(escalate),
			opinions="商户态度仍然很差，希望商场介入",
		)
		assert r.status_code == 200, r
		c = doc(complaint)
		assert c.workflow_state == "Reopened"
		assert alerts_for(world.supervisor.user, "CSC Complaint", complaint)
		# the opinion reached the responsible department's handler
		assert cb(name).opinions_passed_to == world.department
		assert alerts_for(world.handler.user, "CSC Callback", name)

	def test_unreachable_after_the_configured_failures(self, world):
		max_attempts = frappe.db.get_single_value("CSC Settings", "callback_max_attempts")
		complaint = resolved(world)
		name = callback_of(complaint)
		for i in range(max_attempts):
			r = world.agent.call(
				"csc_app.api.callbacks.log_attempt",
				callback=name,
				result="No Answer" if i else "Wrong Number",
			)
			assert r.status_code == 200, r
		assert cb(name).status == "Unreachable"
		assert doc(complaint).callback_status == "Unreachable"
		assert alerts_for(world.supervisor.user, "CSC Complaint", complaint)
		assert (
			world.agent.call("csc_app.api.callbacks.log_attempt", callback=name, result="Reached").status_code
			== 417
		)

	def test_cancel_needs_a_supervisor_and_a_reason(self, world):
		name = callback_of(resolved(world))
		assert (
			world.agent.call("csc_app.api.callbacks.cancel", callback=name, reason="重复").status_code == 403
		)
		assert (
			world.supervisor.call("csc_app.api.callbacks.cancel", callback=name, reason=" ").status_code
			== 417
		)
		assert (
			world.supervisor.call(
				"csc_app.api.callbacks.cancel", callback=name, reason="顾客要求不再联系"
			).status_code
			== 200
		)
		assert cb(name).status == "Cancelled"


class TestBadInput:
	@pytest.mark.parametrize("satisfaction", [0, 6, -1, "abc", "3.5"])
	def test_satisfaction_outside_1_to_5(self, world, satisfaction):
		name = callback_of(resolved(world))
		r = world.agent.call("csc_app.api.callbacks.complete", callback=name, satisfaction=satisfaction)
		assert r.status_code == 417, r
		assert cb(name).status == "Open" and not cb(name).satisfaction

	@pytest.mark.parametrize(
		"field, value",
		[
			("status", "Completed"),
			("satisfaction", 5),
			("completed_on", "2020-01-01 00:00:00"),
			("is_on_time", 1),
		],
	)
	def test_results_cannot_be_written_directly(self, world, field, value):
		name = callback_of(resolved(world))
		modified = str(frappe.db.get_value("CSC Callback", name, "modified"))
		r = world.agent.update("CSC Callback", name, {"modified": modified, field: value})
		assert r.status_code == 403, r
		assert cb(name).status == "Open"

	def test_due_by_in_the_past_on_create(self, world):
		r = world.agent.insert(
			"CSC Callback",
			{
				"callback_type": "Service Quality",
				"hall": world.hall,
				"phone": unique_phone(),
				"contact_name": "陈先生",
				"due_by": "2020-01-01 10:00:00",
			},
		)
		assert r.status_code == 417 and "past" in r.messages

	def test_follow_up_needs_its_complaint_and_the_same_hall(self, world):
		r = world.agent.insert(
			"CSC Callback",
			{
				"callback_type": "Complaint Follow-up",
				"hall": world.hall,
				"phone": unique_phone(),
				"due_by": str(get_datetime() + timedelta(days=1)),
			},
		)
		assert r.status_code == 417
		complaint = registered(world)
		r = world.manager.insert(
			"CSC Callback",
			{
				"callback_type": "Complaint Follow-up",
				"complaint": complaint,
				"hall": world.other_hall,
				"due_by": str(get_datetime() + timedelta(days=1)),
			},
		)
		assert r.status_code == 417 and "hall" in r.messages

	def test_manual_service_quality_callback(self, world):
		r = world.agent.insert(
			"CSC Callback",
			{
				"callback_type": "Service Quality",
				"hall": world.hall,
				"phone": "021-6234 5678",
				"contact_name": "陈先生",
				"due_by": str(get_datetime() + timedelta(hours=3)),
			},
		)
		assert r.status_code == 200, r
		assert cb(r.data["name"]).phone == "021-62345678"

	def test_unknown_result(self, world):
		name = callback_of(resolved(world))
		assert (
			world.agent.call("csc_app.api.callbacks.log_attempt", callback=name, result="Maybe").status_code
			== 417
		)


class TestPermissions:
	def test_other_hall_cannot_see_or_complete(self, world):
		name = callback_of(resolved(world))
		assert world.other_agent.get_doc("CSC Callback", name).status_code == 403
		assert world.other_agent.get_list("CSC Callback", filters=[["name", "=", name]]).data == []
		assert (
			world.other_agent.call(
				"frappe.client.get_count", http="get", doctype="CSC Callback", filters=[["name", "=", name]]
			).data
			== 0
		)
		assert (
			world.other_agent.call(
				"csc_app.api.callbacks.complete", callback=name, satisfaction=5
			).status_code
			== 403
		)
		assert cb(name).status == "Open"

	@pytest.mark.parametrize(
		"role, can_read, can_complete",
		[
			("CSC Archivist", True, False),
			("Guide Vehicle Captain", False, False),
			("CSC Department Handler", False, False),
			("CSC Supervisor", True, True),
		],
	)
	def test_roles(self, users, world, role, can_read, can_complete):
		name = callback_of(resolved(world))
		halls = [world.hall] if role in ("CSC Archivist", "CSC Supervisor") else []
		client = users.rest(role, halls=halls)
		assert (client.get_doc("CSC Callback", name).status_code == 200) == can_read
		r = client.call("csc_app.api.callbacks.complete", callback=name, satisfaction=5)
		assert (r.status_code == 200) == can_complete, r
		assert client.delete("CSC Callback", name).status_code == 403


class TestPeriodic:
	@pytest.fixture(scope="class")
	def shoppers(self, world):
		def shopper(**values):
			return (
				frappe.get_doc(
					{
						"doctype": "Customer",
						"customer_name": f"VIP {uuid.uuid4().hex[:6]}",
						"customer_type": "Individual",
						"mobile_no": unique_phone(),
						"preferred_hall": world.hall,
						**values,
					}
				)
				.insert(ignore_permissions=True)
				.name
			)

		today = getdate()
		names = frappe._dict(
			vip=shopper(vip_card_no=f"V{uuid.uuid4().hex[:10]}"),
			birthday=shopper(birthday=f"1985-{today:%m-%d}" if f"{today:%m-%d}" != "02-29" else "1984-02-29"),
			leap=shopper(birthday="1988-02-29"),
			plain=shopper(),
		)
		frappe.db.commit()
		return names

	def planned(self, customer, callback_type):
		return frappe.get_all(
			"CSC Callback", filters={"customer": customer, "callback_type": callback_type}, pluck="name"
		)

	def test_vip_and_birthday_are_planned_once(self, shoppers):
		schedule.plan_periodic_callbacks()
		schedule.plan_periodic_callbacks()  # idempotent
		frappe.db.commit()
		assert len(self.planned(shoppers.vip, "VIP")) == 1
		assert len(self.planned(shoppers.birthday, "Birthday")) == 1
		assert not self.planned(shoppers.plain, "VIP") and not self.planned(shoppers.plain, "Birthday")

	def test_vip_is_planned_again_after_the_interval(self, shoppers):
		every = frappe.db.get_single_value("CSC Settings", "vip_callback_every_days")
		schedule.plan_periodic_callbacks(today=add_days(getdate(), every))
		frappe.db.commit()
		assert len(self.planned(shoppers.vip, "VIP")) == 2

	def test_leap_day_birthdays_are_greeted_on_28_february(self, shoppers):
		schedule.plan_periodic_callbacks(today=getdate("2027-02-28"))
		frappe.db.commit()
		assert len(self.planned(shoppers.leap, "Birthday")) == 1

	def test_holiday_greetings_from_settings(self, shoppers):
		settings = frappe.get_single("CSC Settings")
		day = getdate("2027-10-01")
		settings.append(
			"holiday_greetings", {"greeting_date": day, "occasion": "国庆节", "audience": "VIP Shoppers"}
		)
		settings.save()
		frappe.db.commit()
		try:
			with frozen_at(f"{day} 08:00:00"):
				from csc_app import tasks

				tasks.plan_periodic_callbacks()
				tasks.plan_periodic_callbacks()
			frappe.db.commit()
			assert len(self.planned(shoppers.vip, "Holiday Greeting")) == 1
			assert not self.planned(shoppers.plain, "Holiday Greeting")
		finally:
			settings.reload()
			settings.set(
				"holiday_greetings", [r for r in settings.holiday_greetings if r.occasion != "国庆节"]
			)
			settings.save()
			frappe.db.commit()


class TestWorkbench:
	def test_report_shows_my_due_callbacks_of_my_halls_only(self, world):
		mine = callback_of(resolved(world))
		r = world.agent.call(
			"frappe.desk.query_report.run",
			report_name="Callback Workbench",
			filters=frappe.as_json({"days_ahead": 30}),
		)
		assert r.status_code == 200, r
		names = [row["name"] for row in r.data["result"] if isinstance(row, dict)]
		assert mine in names
		r = world.other_agent.call(
			"frappe.desk.query_report.run",
			report_name="Callback Workbench",
			filters=frappe.as_json({"everyone": 1, "days_ahead": 30}),
		)
		assert r.status_code == 200, r
		assert mine not in [row["name"] for row in r.data["result"] if isinstance(row, dict)]

	def test_report_filters(self, world):
		for filters in (
			{},
			{"everyone": 1},
			{"hall": world.hall},
			{"status": "Completed"},
			{"days_ahead": 0},
		):
			r = world.supervisor.call(
				"frappe.desk.query_report.run",
				report_name="Callback Workbench",
				filters=frappe.as_json(filters),
			)
			assert r.status_code == 200, (filters, r)
