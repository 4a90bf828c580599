"""CSC Guide Vehicle Log through REST as the driver and the captain: departures, times, counts, flow."""

import frappe
import pytest
from frappe.utils import add_to_date, get_datetime, now_datetime

from tests.factories_vehicles import (
	SHIFT_DAY,
	FleetMember,
	at,
	log_body,
	make_guide_vehicle,
	make_inspection,
	make_log,
	make_maintenance,
	race,
	resource_path,
)
from tests.utils import make_hall

LOG = "CSC Guide Vehicle Log"


@pytest.fixture(scope="module")
def fleet():
	return frappe._dict(
		captain=FleetMember("Guide Vehicle Captain"),
		driver=FleetMember("Guide Vehicle Driver"),
		zh_driver=FleetMember("Guide Vehicle Driver", lang="zh"),
		hall=make_hall(),
	)


@pytest.fixture
def vehicle():
	return make_guide_vehicle()


@pytest.fixture
def inspected(fleet, vehicle):
	"""A guide vehicle that passed its pre-trip inspection at 08:40 on the shift day."""
	make_inspection(vehicle, fleet.driver.employee)
	return vehicle


def depart(client, name, hhmm="09:03", **values):
	return client.update(LOG, name, {"actual_departure": at(hhmm), **values})


# --- creating a log ------------------------------------------------------------------------------


def test_driver_creates_their_own_log_and_it_is_scheduled(fleet, vehicle):
	response = fleet.driver.rest.insert(LOG, log_body(vehicle, fleet.hall))
	assert response.status_code == 200, response
	doc = frappe.get_doc(LOG, response.data["name"])
	assert doc.driver == fleet.driver.employee  # filled from the driver's own Employee
	assert doc.status == "Scheduled"
	assert doc.name.startswith("GVL-")
	assert doc.cart_no == frappe.db.get_value("Vehicle", vehicle, "cart_no")


def test_driver_cannot_create_a_log_for_another_driver(fleet, vehicle):
	other = FleetMember("Guide Vehicle Driver")
	response = fleet.driver.rest.insert(LOG, log_body(vehicle, fleet.hall, driver=other.employee))
	assert response.status_code == 403, response
	assert not frappe.db.exists(LOG, {"vehicle": vehicle})


def test_driver_cannot_hand_their_log_to_another_driver(fleet, vehicle):
	name = make_log(vehicle, fleet.hall, fleet.driver.employee)
	other = FleetMember("Guide Vehicle Driver")
	response = fleet.driver.rest.update(LOG, name, {"driver": other.employee})
	assert response.status_code == 403, response
	assert frappe.db.get_value(LOG, name, "driver") == fleet.driver.employee


def test_captain_creates_a_log_for_a_driver(fleet, vehicle):
	response = fleet.captain.rest.insert(LOG, log_body(vehicle, fleet.hall, driver=fleet.driver.employee))
	assert response.status_code == 200, response
	assert response.data["driver"] == fleet.driver.employee


def test_user_without_employee_gets_a_clear_error(users, vehicle, fleet):
	captain = users.rest("Guide Vehicle Captain")  # a captain login with no Employee record
	response = captain.insert(LOG, log_body(vehicle, fleet.hall))
	assert response.status_code == 417, response
	assert "not linked to an active Employee" in response.messages


def test_a_vehicle_that_is_not_a_guide_vehicle_is_refused(fleet):
	truck = make_guide_vehicle(is_guide_vehicle=0, cart_no=None)
	response = fleet.driver.rest.insert(LOG, log_body(truck, fleet.hall))
	assert response.status_code == 417, response
	assert "is not a guide vehicle" in response.messages
	assert not frappe.db.exists(LOG, {"vehicle": truck})


def test_an_inactive_driver_is_refused(fleet, vehicle):
	from tests.factories_vehicles import make_employee

	gone = make_employee(status="Inactive")
	response = fleet.captain.rest.insert(LOG, log_body(vehicle, fleet.hall, driver=gone))
	assert response.status_code == 417, response
	assert "is not an active employee" in response.messages


def test_scheduled_departure_must_be_on_the_log_date(fleet, vehicle):
	response = fleet.driver.rest.insert(
		LOG, log_body(vehicle, fleet.hall, scheduled_departure=f"{today_plus(-3)} 09:00:00")
	)
	assert response.status_code == 417, response
	assert "is not on the log's date" in response.messages


def test_one_log_per_vehicle_and_shift(fleet, vehicle):
	make_log(vehicle, fleet.hall, fleet.driver.employee)
	response = fleet.captain.rest.insert(LOG, log_body(vehicle, fleet.hall, driver=fleet.driver.employee))
	assert response.status_code == 417, response
	assert "already has log" in response.messages
	afternoon = fleet.captain.rest.insert(
		LOG,
		log_body(
			vehicle,
			fleet.hall,
			driver=fleet.driver.employee,
			shift="Afternoon",
			scheduled_departure=at("13:30"),
		),
	)
	assert afternoon.status_code == 200, afternoon


def today_plus(days: int) -> str:
	from frappe.utils import add_days

	return add_days(SHIFT_DAY, days)


# --- departure rules ---------------------------------------------------------------------------


def test_departure_without_an_inspection_is_blocked(fleet, vehicle):
	name = make_log(vehicle, fleet.hall, fleet.driver.employee)
	response = depart(fleet.driver.rest, name)
	assert response.status_code == 417, response
	assert "has no pre-trip inspection" in response.messages
	assert "ask the Guide Vehicle Captain to override" in response.messages
	assert not frappe.db.get_value(LOG, name, "actual_departure")


def test_departure_after_a_failed_inspection_is_blocked(fleet, vehicle):
	make_inspection(vehicle, fleet.driver.employee, failed=("Brakes",))
	name = make_log(vehicle, fleet.hall, fleet.driver.employee)
	response = depart(fleet.driver.rest, name)
	assert response.status_code == 417, response
	assert "failed: Brakes" in response.messages
	assert frappe.db.get_value(LOG, name, "status") == "Scheduled"


def test_a_later_passed_inspection_clears_the_failed_one(fleet, vehicle):
	make_inspection(vehicle, fleet.driver.employee, inspected_on=at("08:20"), failed=("Horn",))
	passed = make_inspection(vehicle, fleet.driver.employee, inspected_on=at("08:50"))
	name = make_log(vehicle, fleet.hall, fleet.driver.employee)
	response = depart(fleet.driver.rest, name)
	assert response.status_code == 200, response
	assert response.data["inspection"] == passed


def test_an_inspection_of_another_day_or_after_the_departure_does_not_count(fleet, vehicle):
	make_inspection(vehicle, fleet.driver.employee, inspected_on=f"{today_plus(-1)} 08:40:00")
	make_inspection(vehicle, fleet.driver.employee, inspected_on=at("09:30"))
	name = make_log(vehicle, fleet.hall, fleet.driver.employee)
	response = depart(fleet.driver.rest, name, "09:05")
	assert response.status_code == 417, response
	assert "has no pre-trip inspection" in response.messages


def test_a_draft_inspection_does_not_count(fleet, vehicle):
	make_inspection(vehicle, fleet.driver.employee, submit=False)
	name = make_log(vehicle, fleet.hall, fleet.driver.employee)
	assert depart(fleet.driver.rest, name).status_code == 417


def test_departure_after_a_passed_inspection_records_it_and_punctuality(fleet, inspected):
	name = make_log(inspected, fleet.hall, fleet.driver.employee)
	response = depart(fleet.driver.rest, name, "09:04")
	assert response.status_code == 200, response
	doc = frappe.get_doc(LOG, name)
	assert doc.status == "Departed"
	assert (
		doc.inspection
		and frappe.db.get_value("CSC Vehicle Inspection", doc.inspection, "vehicle") == inspected
	)
	assert doc.departure_delay_minutes == 4
	assert doc.is_on_time == 1  # default tolerance: 5 minutes


@pytest.mark.parametrize(("hhmm", "on_time", "delay"), [("08:55", 1, -5), ("09:06", 0, 6), ("08:54", 0, -6)])
def test_on_time_uses_the_tolerance_in_settings(fleet, inspected, hhmm, on_time, delay):
	assert frappe.db.get_single_value("CSC Settings", "departure_tolerance_minutes") == 5
	name = make_log(inspected, fleet.hall, fleet.driver.employee)
	response = depart(fleet.driver.rest, name, hhmm)
	assert response.status_code == 200, response
	assert (response.data["is_on_time"], response.data["departure_delay_minutes"]) == (on_time, delay)


def test_the_inspection_link_cannot_be_forged(fleet, inspected, vehicle):
	other_vehicle = make_guide_vehicle()
	foreign = make_inspection(other_vehicle, fleet.driver.employee)
	name = make_log(inspected, fleet.hall, fleet.driver.employee)
	response = depart(fleet.driver.rest, name, inspection=foreign)
	assert response.status_code == 200, response
	assert response.data["inspection"] != foreign
	response = fleet.driver.rest.update(LOG, name, {"inspection": foreign})
	assert response.status_code == 200, response
	assert frappe.db.get_value(LOG, name, "inspection") != foreign


def test_a_vehicle_out_of_service_cannot_depart(fleet, inspected):
	repair = make_maintenance(inspected, start=at("07:00"))
	name = make_log(inspected, fleet.hall, fleet.driver.employee)
	response = depart(fleet.driver.rest, name)
	assert response.status_code == 417, response
	assert "is out of service" in response.messages
	assert repair in response.messages


def test_a_vehicle_back_in_service_can_depart(fleet, inspected):
	make_maintenance(inspected, start=at("07:00"), end=at("08:00"), status="Completed")
	make_maintenance(inspected, start=at("07:00"), status="Cancelled")
	name = make_log(inspected, fleet.hall, fleet.driver.employee)
	assert depart(fleet.driver.rest, name).status_code == 200


def test_driver_cannot_override_a_blocked_departure(fleet, vehicle):
	name = make_log(vehicle, fleet.hall, fleet.driver.employee)
	response = depart(fleet.driver.rest, name, departure_override_reason="I checked it myself")
	assert response.status_code == 403, response
	assert "Only the Guide Vehicle Captain" in response.messages
	doc = frappe.get_doc(LOG, name)
	assert not doc.actual_departure and not doc.departure_override_reason


def test_driver_cannot_create_a_log_with_an_override(fleet, vehicle):
	response = fleet.driver.rest.insert(
		LOG,
		log_body(
			vehicle, fleet.hall, departure_override_reason="pre-approved", overridden_by=fleet.captain.user
		),
	)
	assert response.status_code == 403, response
	assert not frappe.db.exists(LOG, {"vehicle": vehicle})


def test_captain_overrides_with_a_reason_and_it_is_recorded(fleet, vehicle):
	make_maintenance(vehicle, start=at("07:00"))
	name = make_log(vehicle, fleet.hall, fleet.driver.employee)
	response = fleet.captain.rest.update(
		LOG,
		name,
		{"departure_override_reason": "备用车辆不足，短途低速运行", "overridden_by": "Administrator"},
	)
	assert response.status_code == 200, response
	doc = frappe.get_doc(LOG, name)
	assert doc.overridden_by == fleet.captain.user  # recorded by the server, not taken from the request
	assert doc.overridden_on
	# the driver can now depart, and cannot touch the override while doing so
	response = depart(fleet.driver.rest, name, overridden_by=fleet.driver.user)
	assert response.status_code == 200, response
	doc.reload()
	assert doc.status == "Departed" and doc.overridden_by == fleet.captain.user
	assert not doc.inspection
	response = fleet.driver.rest.update(LOG, name, {"departure_override_reason": ""})
	assert response.status_code == 403, response
	versions = frappe.get_all("Version", filters={"ref_doctype": LOG, "docname": name}, pluck="data")
	assert any("departure_override_reason" in v for v in versions)


# --- times and counts --------------------------------------------------------------------------


def test_return_before_departure_is_refused(fleet, inspected):
	name = make_log(inspected, fleet.hall, fleet.driver.employee)
	assert depart(fleet.driver.rest, name).status_code == 200
	response = fleet.driver.rest.update(LOG, name, {"returned_at": at("09:00")})
	assert response.status_code == 417, response
	assert "must be after Actual Departure" in response.messages
	assert not frappe.db.get_value(LOG, name, "returned_at")


def test_return_without_departure_is_refused(fleet, vehicle):
	response = fleet.driver.rest.insert(LOG, log_body(vehicle, fleet.hall, returned_at=at("11:00")))
	assert response.status_code == 417, response
	assert "Record the departure before the return" in response.messages


@pytest.mark.parametrize("hhmm", ["05:30", "13:01"])
def test_departure_far_outside_the_shift_is_refused(fleet, vehicle, hhmm):
	make_inspection(vehicle, fleet.driver.employee, inspected_on=at("05:00"))
	name = make_log(vehicle, fleet.hall, fleet.driver.employee)
	response = depart(fleet.driver.rest, name, hhmm)
	assert response.status_code == 417, response
	assert "outside the shift" in response.messages
	assert not frappe.db.get_value(LOG, name, "actual_departure")


def test_departure_in_the_future_is_refused(fleet, vehicle):
	tomorrow = add_to_date(now_datetime(), days=1)
	body = log_body(
		vehicle,
		fleet.hall,
		log_date=str(tomorrow.date()),
		scheduled_departure=str(tomorrow),
		actual_departure=str(tomorrow),
	)
	response = fleet.driver.rest.insert(LOG, body)
	assert response.status_code == 417, response
	assert "is in the future" in response.messages


@pytest.mark.parametrize("fieldname", ["passengers", "trips", "customer_flow"])
def test_negative_counts_are_refused(fleet, vehicle, fieldname):
	response = fleet.driver.rest.insert(LOG, log_body(vehicle, fleet.hall, **{fieldname: -3}))
	assert response.status_code == 417, response
	assert "cannot be negative" in response.messages
	assert not frappe.db.exists(LOG, {"vehicle": vehicle})


def test_more_passengers_than_seats_allow_is_refused(fleet, vehicle):
	response = fleet.driver.rest.insert(LOG, log_body(vehicle, fleet.hall, trips=2, passengers=17))  # 8 seats
	assert response.status_code == 417, response
	assert "cannot fit" in response.messages
	assert (
		fleet.driver.rest.insert(LOG, log_body(vehicle, fleet.hall, trips=2, passengers=16)).status_code
		== 200
	)


def test_status_is_computed_and_cannot_be_forged(fleet, vehicle):
	response = fleet.driver.rest.insert(LOG, log_body(vehicle, fleet.hall, status="Completed", is_on_time=1))
	assert response.status_code == 200, response
	assert (response.data["status"], response.data["is_on_time"]) == ("Scheduled", 0)


def test_unknown_hall_is_refused(fleet, vehicle):
	response = fleet.driver.rest.insert(LOG, log_body(vehicle, "No Such Hall"))
	assert response.status_code == 417, response
	assert "Could not find" in response.messages


def test_error_is_translated_for_a_chinese_driver(fleet, vehicle):
	name = make_log(vehicle, fleet.hall, fleet.zh_driver.employee)
	response = depart(fleet.zh_driver.rest, name)
	assert response.status_code == 417, response
	assert "没有出车前检查" in response.messages


# --- one open log per vehicle ----------------------------------------------------------------------


def test_a_vehicle_cannot_depart_while_it_is_still_out(fleet, inspected):
	morning = make_log(inspected, fleet.hall, fleet.driver.employee)
	assert depart(fleet.driver.rest, morning, "09:00").status_code == 200
	other = FleetMember("Guide Vehicle Driver")
	afternoon = make_log(
		inspected, fleet.hall, other.employee, shift="Afternoon", scheduled_departure=at("10:00")
	)
	response = depart(other.rest, afternoon, "10:00")
	assert response.status_code == 417, response
	assert "is still out on log" in response.messages
	# once the morning log records the return, the vehicle may go again
	assert fleet.driver.rest.update(LOG, morning, {"returned_at": at("09:50")}).status_code == 200
	assert depart(other.rest, afternoon, "10:00").status_code == 200


def test_two_departures_of_one_vehicle_at_once_let_exactly_one_through(fleet, inspected):
	first = make_log(inspected, fleet.hall, fleet.driver.employee)
	other = FleetMember("Guide Vehicle Driver")
	second = make_log(
		inspected, fleet.hall, other.employee, shift="Full Day", scheduled_departure=at("09:00")
	)
	responses = race(
		[
			(fleet.driver.rest, "put", resource_path(LOG, first), {"actual_departure": at("09:01")}),
			(other.rest, "put", resource_path(LOG, second), {"actual_departure": at("09:01")}),
		]
	)
	assert sorted(r.status_code for r in responses) == [200, 417], responses
	assert frappe.db.count(LOG, {"open_vehicle_key": inspected}) == 1


def test_the_database_refuses_a_second_open_log_even_without_the_check(fleet, inspected):
	first = make_log(inspected, fleet.hall, fleet.driver.employee)
	assert depart(fleet.driver.rest, first).status_code == 200
	second = frappe.get_doc(
		{"doctype": LOG, "driver": fleet.driver.employee, **log_body(inspected, fleet.hall, shift="Evening")}
	)
	second.scheduled_departure = at("09:00")
	second.insert()
	second.open_vehicle_key = inspected  # what validate() would set on departure
	with pytest.raises(frappe.UniqueValidationError):
		second.db_update()
	frappe.db.rollback()


# --- submit, customer flow -----------------------------------------------------------------------


def completed_log(fleet, vehicle, hall, shift="Morning", flow=120, **values):
	name = make_log(
		vehicle, hall, fleet.driver.employee, shift=shift, scheduled_departure=at("09:00"), customer_flow=flow
	)
	assert depart(fleet.driver.rest, name, "09:00").status_code == 200
	response = fleet.driver.rest.update(LOG, name, {"returned_at": at("11:40"), "trips": 6, **values})
	assert response.status_code == 200, response
	return name


def submit(client, name):
	doc = client.get_doc(LOG, name).data
	return client.call("frappe.client.submit", doc=doc)


def flow_rows(hall, period="Morning"):
	return frappe.get_all(
		"CSC Customer Flow",
		filters={"hall": hall, "date": SHIFT_DAY, "period": period, "source": "Guide Vehicle"},
		fields=["name", "count"],
	)


def test_a_log_cannot_be_submitted_before_the_return(fleet, inspected):
	name = make_log(inspected, fleet.hall, fleet.driver.employee)
	assert depart(fleet.driver.rest, name).status_code == 200
	response = submit(fleet.driver.rest, name)
	assert response.status_code == 417, response
	assert "before submitting the log" in response.messages
	assert frappe.db.get_value(LOG, name, "docstatus") == 0


def test_submitting_logs_feeds_the_halls_customer_flow(fleet):
	hall = make_hall()
	v1, v2 = make_guide_vehicle(), make_guide_vehicle()
	for v in (v1, v2):
		make_inspection(v, fleet.driver.employee)
	first = completed_log(fleet, v1, hall, flow=120)
	response = submit(fleet.driver.rest, first)
	assert response.status_code == 200, response
	assert frappe.db.get_value(LOG, first, "status") == "Completed"
	assert [r["count"] for r in flow_rows(hall)] == [120]

	second = completed_log(fleet, v2, hall, flow=80)
	assert submit(fleet.driver.rest, second).status_code == 200
	rows = flow_rows(hall)
	assert [r["count"] for r in rows] == [200]  # one row per hall, date and period: the sum

	# the captain cancels one log: the count follows
	cancel = fleet.captain.rest.call("frappe.client.cancel", doctype=LOG, name=second)
	assert cancel.status_code == 200, cancel
	assert frappe.db.get_value(LOG, second, "status") == "Cancelled"
	assert [r["count"] for r in flow_rows(hall)] == [120]
	cancel = fleet.captain.rest.call("frappe.client.cancel", doctype=LOG, name=first)
	assert cancel.status_code == 200, cancel
	assert flow_rows(hall) == []


def test_feeding_the_flow_twice_changes_nothing(fleet):
	from csc_app.csc_app.doctype.csc_customer_flow.csc_customer_flow import sync_guide_vehicle_flow

	hall, vehicle = make_hall(), make_guide_vehicle()
	make_inspection(vehicle, fleet.driver.employee)
	name = completed_log(fleet, vehicle, hall, shift="Afternoon", flow=55)
	assert submit(fleet.driver.rest, name).status_code == 200
	before = flow_rows(hall, "Afternoon")
	modified = frappe.db.get_value("CSC Customer Flow", before[0]["name"], "modified")
	sync_guide_vehicle_flow(hall, SHIFT_DAY, "Afternoon")
	sync_guide_vehicle_flow(hall, SHIFT_DAY, "Afternoon")
	frappe.db.commit()
	assert flow_rows(hall, "Afternoon") == before
	assert frappe.db.get_value("CSC Customer Flow", before[0]["name"], "modified") == modified


def test_a_log_without_customer_flow_adds_no_count(fleet):
	hall, vehicle = make_hall(), make_guide_vehicle()
	make_inspection(vehicle, fleet.driver.employee)
	name = completed_log(fleet, vehicle, hall, flow=0)
	assert submit(fleet.driver.rest, name).status_code == 200
	assert flow_rows(hall) == []


def test_a_submitted_log_cannot_be_edited(fleet):
	hall, vehicle = make_hall(), make_guide_vehicle()
	make_inspection(vehicle, fleet.driver.employee)
	name = completed_log(fleet, vehicle, hall, flow=10)
	assert submit(fleet.driver.rest, name).status_code == 200
	response = fleet.driver.rest.update(LOG, name, {"customer_flow": 9999})
	assert response.status_code == 417, response
	assert frappe.db.get_value(LOG, name, "customer_flow") == 10


def test_driver_cannot_cancel(fleet):
	hall, vehicle = make_hall(), make_guide_vehicle()
	make_inspection(vehicle, fleet.driver.employee)
	name = completed_log(fleet, vehicle, hall, flow=10)
	assert submit(fleet.driver.rest, name).status_code == 200
	response = fleet.driver.rest.call("frappe.client.cancel", doctype=LOG, name=name)
	assert response.status_code == 403, response
	assert frappe.db.get_value(LOG, name, "docstatus") == 1


def test_status_changes_leave_a_version(fleet, inspected):
	name = make_log(inspected, fleet.hall, fleet.driver.employee)
	assert depart(fleet.driver.rest, name).status_code == 200
	versions = frappe.get_all("Version", filters={"ref_doctype": LOG, "docname": name}, pluck="data")
	assert any('"status"' in v and "Departed" in v for v in versions), versions


def test_departure_times_are_stored_as_given(fleet, inspected):
	name = make_log(inspected, fleet.hall, fleet.driver.employee)
	assert depart(fleet.driver.rest, name, "09:02").status_code == 200
	assert get_datetime(frappe.db.get_value(LOG, name, "actual_departure")) == get_datetime(at("09:02"))


def test_unknown_vehicle_or_driver_is_refused(fleet):
	response = fleet.driver.rest.insert(LOG, log_body("NO-SUCH-CART", fleet.hall))
	assert response.status_code == 417, response
	assert "Could not find" in response.messages
	response = fleet.captain.rest.insert(
		LOG, log_body(make_guide_vehicle(), fleet.hall, driver="HR-EMP-NONE")
	)
	assert response.status_code == 417, response
	assert "Could not find" in response.messages


def test_hostile_text_is_stored_harmless_and_emoji_intact(fleet, vehicle):
	text = "<img src=x onerror=alert(1)>刹车异响 <script>alert('x')</script>{{ frappe.session.user }} 🚗"
	response = fleet.driver.rest.insert(
		LOG, log_body(vehicle, fleet.hall, incidents=text, shopper_interests=text)
	)
	assert response.status_code == 200, response
	doc = frappe.get_doc(LOG, response.data["name"])
	for value in (doc.incidents, doc.shopper_interests):
		assert "onerror" not in value and "<script" not in value
		assert "🚗" in value and "刹车异响" in value
		assert "{{ frappe.session.user }}" in value  # kept as text, never rendered
