"""Key custody (seed 001, front desk duty 17): vehicle keys and broadcast tapes out and back, via REST."""

import frappe
import pytest
from frappe.utils import add_to_date, get_datetime, now_datetime

from tests.factories_vehicles import FleetMember, at, make_employee, make_guide_vehicle, race, resource_path
from tests.utils import make_hall

KEY = "CSC Key Custody"


@pytest.fixture(scope="module")
def desk(users):
	return frappe._dict(
		agent=users.rest("CSC Agent", halls=[make_hall()]),
		captain=FleetMember("Guide Vehicle Captain"),
		driver=FleetMember("Guide Vehicle Driver"),
	)


@pytest.fixture
def vehicle():
	return make_guide_vehicle()


def key(vehicle, employee, **values):
	return {"item_type": "Vehicle Key", "vehicle": vehicle, "issued_to": employee, **values}


def test_front_desk_hands_out_a_key_and_is_recorded_as_issuer(desk, vehicle):
	response = desk.agent.insert(KEY, key(vehicle, desk.driver.employee, issued_by="Administrator"))
	assert response.status_code == 200, response
	data = response.data
	assert (data["status"], data["issued_by"]) == ("Out", desk.agent.user)
	assert data["issued_to_name"] == frappe.db.get_value("Employee", desk.driver.employee, "employee_name")
	assert data["name"].startswith("KEY-")


def test_an_item_cannot_be_issued_twice(desk, vehicle):
	assert desk.agent.insert(KEY, key(vehicle, desk.driver.employee)).status_code == 200
	other = FleetMember("Guide Vehicle Driver")
	response = desk.captain.rest.insert(KEY, key(vehicle, other.employee))
	assert response.status_code == 417, response
	assert "is already out to" in response.messages
	assert frappe.db.count(KEY, {"vehicle": vehicle, "status": "Out"}) == 1


def test_two_issues_at_the_same_moment_let_exactly_one_through(desk, vehicle):
	other = FleetMember("Guide Vehicle Driver")
	responses = race(
		[
			(desk.agent, "post", resource_path(KEY), key(vehicle, desk.driver.employee)),
			(desk.captain.rest, "post", resource_path(KEY), key(vehicle, other.employee)),
		]
	)
	assert sorted(r.status_code for r in responses) == [200, 417], responses
	loser = next(r for r in responses if r.status_code == 417)
	assert "is already out" in loser.messages
	assert frappe.db.count(KEY, {"vehicle": vehicle, "status": "Out"}) == 1


def test_the_database_refuses_a_second_open_item_even_without_the_check(desk, vehicle):
	first = frappe.get_doc({"doctype": KEY, **key(vehicle, desk.driver.employee)}).insert()
	second = frappe.get_doc({"doctype": KEY, **key(vehicle, desk.driver.employee)})
	second.name = "KEY-RACE-" + frappe.generate_hash(length=6)
	second.open_item_key = first.open_item_key  # what validate() computes for the same item
	second.status = "Out"
	with pytest.raises(frappe.UniqueValidationError, match="is already out"):
		second.db_insert()
	frappe.db.rollback()


def test_different_items_of_one_vehicle_can_be_out_together(desk, vehicle):
	assert desk.agent.insert(KEY, key(vehicle, desk.driver.employee)).status_code == 200
	spare = desk.agent.insert(KEY, key(vehicle, desk.driver.employee, item_label="Spare key"))
	assert spare.status_code == 200, spare
	tape = desk.agent.insert(
		KEY,
		{
			"item_type": "Broadcast Tape",
			"vehicle": vehicle,
			"item_label": "Tape 3",
			"issued_to": desk.driver.employee,
		},
	)
	assert tape.status_code == 200, tape


def test_return_records_who_took_it_back_and_frees_the_item(desk, vehicle):
	issued = desk.agent.insert(KEY, key(vehicle, desk.driver.employee, issued_on=at("08:30"))).data["name"]
	response = desk.captain.rest.update(KEY, issued, {"status": "Returned", "received_by": "Administrator"})
	assert response.status_code == 200, response
	doc = frappe.get_doc(KEY, issued)
	assert doc.received_by == desk.captain.user
	assert doc.returned_on and abs((get_datetime(doc.returned_on) - now_datetime()).total_seconds()) < 120
	assert not doc.open_item_key
	again = desk.agent.insert(KEY, key(vehicle, desk.driver.employee))
	assert again.status_code == 200, again


def test_return_before_issue_is_refused(desk, vehicle):
	issued = desk.agent.insert(KEY, key(vehicle, desk.driver.employee, issued_on=at("08:30"))).data["name"]
	response = desk.agent.update(KEY, issued, {"status": "Returned", "returned_on": at("08:00")})
	assert response.status_code == 417, response
	assert "cannot be before Issued On" in response.messages
	assert frappe.db.get_value(KEY, issued, "status") == "Out"


def test_return_in_the_future_is_refused(desk, vehicle):
	issued = desk.agent.insert(KEY, key(vehicle, desk.driver.employee)).data["name"]
	later = str(add_to_date(now_datetime(), hours=5))
	response = desk.agent.update(KEY, issued, {"status": "Returned", "returned_on": later})
	assert response.status_code == 417, response
	assert "is in the future" in response.messages


def test_lost_needs_remarks_and_frees_the_item(desk, vehicle):
	issued = desk.agent.insert(KEY, key(vehicle, desk.driver.employee)).data["name"]
	response = desk.agent.update(KEY, issued, {"status": "Lost"})
	assert response.status_code == 417, response
	assert "how the item was lost" in response.messages
	response = desk.agent.update(KEY, issued, {"status": "Lost", "remarks": "掉落在二号馆停车场"})
	assert response.status_code == 200, response
	assert desk.agent.insert(KEY, key(vehicle, desk.driver.employee)).status_code == 200
	# a lost key that turns up can still be returned
	response = desk.agent.update(KEY, issued, {"status": "Returned"})
	assert response.status_code == 200, response


def test_a_returned_item_cannot_be_put_out_again_on_the_same_record(desk, vehicle):
	issued = desk.agent.insert(KEY, key(vehicle, desk.driver.employee)).data["name"]
	assert desk.agent.update(KEY, issued, {"status": "Returned"}).status_code == 200
	response = desk.agent.update(KEY, issued, {"status": "Out"})
	assert response.status_code == 417, response
	assert "Record a new hand-out" in response.messages


def test_a_new_record_must_hand_the_item_out(desk, vehicle):
	response = desk.agent.insert(KEY, key(vehicle, desk.driver.employee, status="Returned"))
	assert response.status_code == 417, response
	assert "its status must be Out" in response.messages


def test_who_received_the_item_cannot_be_changed_afterwards(desk, vehicle):
	issued = desk.agent.insert(KEY, key(vehicle, desk.driver.employee)).data["name"]
	other = FleetMember("Guide Vehicle Driver")
	response = desk.agent.update(KEY, issued, {"issued_to": other.employee})
	assert response.status_code == 417, response
	assert frappe.db.get_value(KEY, issued, "issued_to") == desk.driver.employee
	response = desk.agent.update(KEY, issued, {"issued_by": "Administrator"})
	assert frappe.db.get_value(KEY, issued, "issued_by") == desk.agent.user


def test_issuing_to_an_unknown_employee_is_refused(desk, vehicle):
	response = desk.agent.insert(KEY, key(vehicle, "HR-EMP-NO-SUCH"))
	assert response.status_code == 417, response
	assert "Could not find" in response.messages
	assert not frappe.db.exists(KEY, {"vehicle": vehicle})


def test_issuing_to_an_inactive_employee_is_refused(desk, vehicle):
	response = desk.agent.insert(KEY, key(vehicle, make_employee(status="Inactive")))
	assert response.status_code == 417, response
	assert "is not an active employee" in response.messages


def test_a_key_of_a_vehicle_that_is_not_a_guide_vehicle_is_refused(desk):
	car = make_guide_vehicle(is_guide_vehicle=0, cart_no=None)
	response = desk.agent.insert(KEY, key(car, desk.driver.employee))
	assert response.status_code == 417, response
	assert "is not a guide vehicle" in response.messages


def test_a_vehicle_key_needs_a_vehicle_and_a_tape_needs_a_label(desk):
	response = desk.agent.insert(KEY, {"item_type": "Vehicle Key", "issued_to": desk.driver.employee})
	assert response.status_code == 417, response
	assert "Choose the vehicle" in response.messages
	response = desk.agent.insert(KEY, {"item_type": "Broadcast Tape", "issued_to": desk.driver.employee})
	assert response.status_code == 417, response
	assert "Item Label" in response.messages


def test_item_type_outside_the_options_is_refused(desk, vehicle):
	response = desk.agent.insert(KEY, key(vehicle, desk.driver.employee, item_type="Umbrella"))
	assert response.status_code == 417, response
	assert not frappe.db.exists(KEY, {"vehicle": vehicle})


def test_driver_reads_their_keys_but_cannot_hand_out_or_return(desk, vehicle):
	issued = desk.agent.insert(KEY, key(vehicle, desk.driver.employee)).data["name"]
	assert desk.driver.rest.get_doc(KEY, issued).status_code == 200
	assert desk.driver.rest.update(KEY, issued, {"status": "Returned"}).status_code == 403
	assert desk.driver.rest.insert(KEY, key(make_guide_vehicle(), desk.driver.employee)).status_code == 403


def test_outstanding_report_lists_what_is_out_longest_first(desk):
	v1, v2 = make_guide_vehicle(), make_guide_vehicle()
	old = desk.agent.insert(KEY, key(v1, desk.driver.employee, issued_on=at("07:00"))).data["name"]
	new = desk.agent.insert(KEY, key(v2, desk.driver.employee)).data["name"]
	back = desk.agent.insert(KEY, key(make_guide_vehicle(), desk.driver.employee)).data["name"]
	desk.agent.update(KEY, back, {"status": "Returned"})
	response = desk.agent.call(
		"frappe.desk.query_report.run",
		report_name="Outstanding Keys and Tapes",
		filters={"issued_to": desk.driver.employee},
	)
	assert response.status_code == 200, response
	rows = [row for row in response.data["result"] if isinstance(row, dict)]
	names = [row["name"] for row in rows]
	assert names.index(old) < names.index(new)
	assert back not in names
	by_name = {row["name"]: row for row in rows}
	assert by_name[old]["is_overdue"] == 1 and by_name[new]["is_overdue"] == 0  # default: 12 hours
	overdue = desk.agent.call(
		"frappe.desk.query_report.run",
		report_name="Outstanding Keys and Tapes",
		filters={"issued_to": desk.driver.employee, "overdue_only": 1},
	)
	assert new not in {row["name"] for row in overdue.data["result"] if isinstance(row, dict)}


def test_captain_who_is_an_employee_sees_every_drivers_outstanding_items(desk, vehicle):
	"""ERPNext gives each Employee's user a User Permission on their own Employee record; the report must
	not let that hide the fleet from the captain."""
	assert frappe.db.exists("User Permission", {"user": desk.captain.user, "allow": "Employee"})
	issued = desk.agent.insert(KEY, key(vehicle, desk.driver.employee)).data["name"]
	response = desk.captain.rest.call(
		"frappe.desk.query_report.run", report_name="Outstanding Keys and Tapes", filters={"vehicle": vehicle}
	)
	assert response.status_code == 200, response
	assert [row["name"] for row in response.data["result"] if isinstance(row, dict)] == [issued]


def test_an_over_long_label_is_refused_cleanly(desk, vehicle):
	response = desk.agent.insert(KEY, key(vehicle, desk.driver.employee, item_label="磁" * 200))
	assert response.status_code == 417, response
	assert not frappe.db.exists(KEY, {"vehicle": vehicle})


def test_status_changes_leave_a_version(desk, vehicle):
	issued = desk.agent.insert(KEY, key(vehicle, desk.driver.employee)).data["name"]
	assert desk.agent.update(KEY, issued, {"status": "Returned"}).status_code == 200
	versions = frappe.get_all("Version", filters={"ref_doctype": KEY, "docname": issued}, pluck="data")
	assert any('"status"' in v and "Returned" in v for v in versions), versions


def test_errors_use_the_key_desk_words_in_chinese(users, desk, vehicle):
	zh_agent = users.rest("CSC Agent", halls=[make_hall()], lang="zh")
	issued = zh_agent.insert(KEY, key(vehicle, desk.driver.employee)).data["name"]
	assert zh_agent.update(KEY, issued, {"status": "Returned"}).status_code == 200
	response = zh_agent.update(KEY, issued, {"status": "Out"})
	assert response.status_code == 417, response
	assert "已归还的物品不能标记为已发出" in response.messages  # not ERPNext's 已退货 (goods returned)
