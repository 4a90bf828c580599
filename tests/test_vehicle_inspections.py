"""Pre-trip inspections and the captain's checklist templates, through REST as driver and captain."""

import frappe
import pytest

from csc_app.setup.fleet import DEFAULT_CHECK_ITEMS, DEFAULT_TEMPLATE, ensure_default_template
from tests.factories_vehicles import FleetMember, at, inspection_items, make_employee, make_guide_vehicle

INSPECTION = "CSC Vehicle Inspection"
TEMPLATE = "CSC Inspection Template"


@pytest.fixture(scope="module")
def crew():
	return frappe._dict(
		captain=FleetMember("Guide Vehicle Captain"),
		driver=FleetMember("Guide Vehicle Driver"),
	)


@pytest.fixture
def vehicle():
	return make_guide_vehicle(last_odometer=1200)


def body(vehicle, **values):
	return {"vehicle": vehicle, "inspected_on": at("08:30"), "items": inspection_items(), **values}


def test_the_default_checklist_is_installed():
	template = frappe.get_doc(TEMPLATE, {"is_default": 1})
	assert template.name == DEFAULT_TEMPLATE.msg
	assert [row.check_item for row in template.items] == [item.msg for item in DEFAULT_CHECK_ITEMS]
	assert ensure_default_template() == template.name  # idempotent
	assert frappe.db.count(TEMPLATE, {"template_name": DEFAULT_TEMPLATE.msg}) == 1


def test_driver_records_a_passed_inspection(crew, vehicle):
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, odometer=1250))
	assert response.status_code == 200, response
	data = response.data
	assert data["inspected_by"] == crew.driver.employee
	assert data["template"] == DEFAULT_TEMPLATE.msg
	assert (data["result"], data.get("failed_items")) == ("Pass", None)
	assert data["name"].startswith("GVI-")


def test_any_failed_item_fails_the_inspection_and_the_client_cannot_say_otherwise(crew, vehicle):
	items = inspection_items(failed=("Tyres", "Horn"))
	items[2]["remark"] = "左后轮气压不足"
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, items=items, result="Pass"))
	assert response.status_code == 200, response
	assert response.data["result"] == "Fail"
	assert response.data["failed_items"] == "Tyres, Horn"
	# a PUT cannot flip it either
	response = crew.driver.rest.update(INSPECTION, response.data["name"], {"result": "Pass"})
	assert response.status_code == 200, response
	assert response.data["result"] == "Fail"


def test_every_item_must_be_marked(crew, vehicle):
	items = inspection_items()
	items[1]["result"] = ""
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, items=items))
	assert response.status_code == 417, response
	assert "Not marked: Brakes" in response.messages
	assert not frappe.db.exists(INSPECTION, {"vehicle": vehicle})


def test_every_item_of_the_template_must_be_checked(crew, vehicle):
	items = [row for row in inspection_items() if row["check_item"] not in ("Lights", "Broadcast Set")]
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, items=items))
	assert response.status_code == 417, response
	assert "also requires: Lights, Broadcast Set" in response.messages


def test_an_empty_checklist_is_refused(crew, vehicle):
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, items=[]))
	assert response.status_code == 417, response
	assert "Add the check items" in response.messages


def test_an_item_cannot_be_listed_twice(crew, vehicle):
	items = [*inspection_items(), {"check_item": " brakes ", "result": "Pass"}]
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, items=items))
	assert response.status_code == 417, response
	assert "is listed twice" in response.messages


def test_result_outside_the_options_is_refused(crew, vehicle):
	items = inspection_items()
	items[0]["result"] = "Maybe"
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, items=items))
	assert response.status_code == 417, response
	assert not frappe.db.exists(INSPECTION, {"vehicle": vehicle})


def test_odometer_cannot_go_backwards(crew, vehicle):
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, odometer=1100))
	assert response.status_code == 417, response
	assert "lower than the last reading 1200" in response.messages
	assert not frappe.db.exists(INSPECTION, {"vehicle": vehicle})


def test_negative_odometer_is_refused(crew, vehicle):
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, odometer=-5))
	assert response.status_code == 417, response


def test_submitting_an_inspection_moves_the_vehicles_odometer(crew, vehicle):
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, odometer=1300, docstatus=1))
	assert response.status_code == 200, response
	assert response.data["docstatus"] == 1
	assert frappe.db.get_value("Vehicle", vehicle, "last_odometer") == 1300
	# an older, lower reading submitted later is refused
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, odometer=1290, docstatus=1))
	assert response.status_code == 417, response


def test_a_submitted_inspection_cannot_be_changed(crew, vehicle):
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, docstatus=1))
	name = response.data["name"]
	response = crew.driver.rest.update(INSPECTION, name, {"remarks": "changed my mind"})
	assert response.status_code == 417, response
	response = crew.driver.rest.update(INSPECTION, name, {"items": inspection_items(failed=("Brakes",))})
	assert response.status_code in (403, 417), response
	assert frappe.db.get_value(INSPECTION, name, "result") == "Pass"
	assert not frappe.db.get_value(INSPECTION, name, "remarks")


def test_driver_cannot_record_an_inspection_for_someone_else(crew, vehicle):
	other = make_employee()
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, inspected_by=other))
	assert response.status_code == 403, response
	assert not frappe.db.exists(INSPECTION, {"vehicle": vehicle})


def test_captain_records_an_inspection_for_a_driver(crew, vehicle):
	response = crew.captain.rest.insert(INSPECTION, body(vehicle, inspected_by=crew.driver.employee))
	assert response.status_code == 200, response


def test_non_guide_vehicle_is_refused(crew):
	car = make_guide_vehicle(is_guide_vehicle=0, cart_no=None)
	response = crew.driver.rest.insert(INSPECTION, body(car))
	assert response.status_code == 417, response
	assert "is not a guide vehicle" in response.messages


def test_inspection_in_the_future_is_refused(crew, vehicle):
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, inspected_on="2999-01-01 08:00:00"))
	assert response.status_code == 417, response
	assert "is in the future" in response.messages


# --- templates ---------------------------------------------------------------------------------


def test_captain_keeps_a_template_and_a_new_default_replaces_the_old(crew, unique):
	first = crew.captain.rest.insert(
		TEMPLATE,
		{"template_name": f"Night {unique}", "is_default": 1, "items": [{"check_item": "Headlights"}]},
	)
	assert first.status_code == 200, first
	try:
		assert frappe.db.get_value(TEMPLATE, DEFAULT_TEMPLATE.msg, "is_default") == 0
		assert frappe.get_all(TEMPLATE, filters={"is_default": 1}, pluck="name") == [f"Night {unique}"]
		items = [{"check_item": "Battery", "result": "Pass"}]
		inspection = crew.driver.rest.insert(INSPECTION, body(make_guide_vehicle(), items=items))
		assert inspection.status_code == 417, inspection
		assert "also requires: Headlights" in inspection.messages
	finally:
		restored = crew.captain.rest.update(TEMPLATE, DEFAULT_TEMPLATE.msg, {"is_default": 1})
		assert restored.status_code == 200, restored
	assert frappe.get_all(TEMPLATE, filters={"is_default": 1}, pluck="name") == [DEFAULT_TEMPLATE.msg]


def test_template_items_must_be_distinct(crew, unique):
	response = crew.captain.rest.insert(
		TEMPLATE,
		{"template_name": f"Dup {unique}", "items": [{"check_item": "Horn"}, {"check_item": "horn"}]},
	)
	assert response.status_code == 417, response
	assert not frappe.db.exists(TEMPLATE, f"Dup {unique}")


def test_an_inactive_template_cannot_be_the_default_or_be_used(crew, vehicle, unique):
	response = crew.captain.rest.insert(
		TEMPLATE,
		{
			"template_name": f"Old {unique}",
			"is_default": 1,
			"is_active": 0,
			"items": [{"check_item": "Horn"}],
		},
	)
	assert response.status_code == 417, response
	assert "must be active" in response.messages
	assert (
		crew.captain.rest.insert(
			TEMPLATE, {"template_name": f"Old {unique}", "is_active": 0, "items": [{"check_item": "Horn"}]}
		).status_code
		== 200
	)
	response = crew.driver.rest.insert(INSPECTION, body(vehicle, template=f"Old {unique}"))
	assert response.status_code == 417, response
	assert "is not active" in response.messages


def test_driver_cannot_change_the_checklist(crew):
	response = crew.driver.rest.update(TEMPLATE, DEFAULT_TEMPLATE.msg, {"items": [{"check_item": "Horn"}]})
	assert response.status_code == 403, response
	assert frappe.db.count("CSC Inspection Template Item", {"parent": DEFAULT_TEMPLATE.msg}) == len(
		DEFAULT_CHECK_ITEMS
	)


def test_check_items_are_translated_for_chinese_users():
	from frappe import _

	zh = {item.msg: _(item.msg, lang="zh") for item in DEFAULT_CHECK_ITEMS}
	assert zh["Brakes"] == "刹车" and zh["Broadcast Set"] == "广播设备"
	assert _(DEFAULT_TEMPLATE.msg, lang="zh") == "出车前检查"
	assert frappe.get_meta(TEMPLATE).translated_doctype == 1
