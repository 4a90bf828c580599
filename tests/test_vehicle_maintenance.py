"""Maintenance and repair records of guide vehicles, and the settings the fleet uses, through REST."""

import frappe
import pytest
from frappe.utils import get_datetime, now_datetime

from tests.factories_vehicles import FleetMember, at, make_guide_vehicle, make_inspection

MAINTENANCE = "CSC Vehicle Maintenance"


@pytest.fixture(scope="module")
def captain():
	return FleetMember("Guide Vehicle Captain")


@pytest.fixture
def vehicle():
	return make_guide_vehicle()


def job(vehicle, **values):
	return {
		"vehicle": vehicle,
		"maintenance_type": "Repair",
		"description": "更换左前轮胎",
		"cost": 380,
		"out_of_service_from": at("07:00"),
		**values,
	}


def test_captain_records_a_repair_and_completing_it_puts_the_vehicle_back(captain, vehicle):
	response = captain.rest.insert(MAINTENANCE, job(vehicle, status="In Progress"))
	assert response.status_code == 200, response
	name = response.data["name"]
	assert name.startswith("GVM-") and not response.data.get("out_of_service_to")
	response = captain.rest.update(MAINTENANCE, name, {"status": "Completed"})
	assert response.status_code == 200, response
	back = get_datetime(response.data["out_of_service_to"])
	assert abs((back - now_datetime()).total_seconds()) < 120


def test_back_in_service_before_out_of_service_is_refused(captain, vehicle):
	response = captain.rest.insert(MAINTENANCE, job(vehicle, out_of_service_to=at("06:00")))
	assert response.status_code == 417, response
	assert "cannot be before Out of Service From" in response.messages
	assert not frappe.db.exists(MAINTENANCE, {"vehicle": vehicle})


def test_back_in_service_needs_a_start(captain, vehicle):
	response = captain.rest.insert(
		MAINTENANCE, job(vehicle, out_of_service_from=None, out_of_service_to=at("09:00"))
	)
	assert response.status_code == 417, response


def test_negative_cost_is_refused(captain, vehicle):
	response = captain.rest.insert(MAINTENANCE, job(vehicle, cost=-1))
	assert response.status_code == 417, response
	assert "cannot be negative" in response.messages


def test_non_guide_vehicle_is_refused(captain):
	car = make_guide_vehicle(is_guide_vehicle=0, cart_no=None)
	response = captain.rest.insert(MAINTENANCE, job(car))
	assert response.status_code == 417, response
	assert "is not a guide vehicle" in response.messages


def test_the_inspection_must_be_of_the_same_vehicle(captain, vehicle):
	other = make_inspection(make_guide_vehicle(), captain.employee, failed=("Brakes",))
	response = captain.rest.insert(MAINTENANCE, job(vehicle, inspection=other))
	assert response.status_code == 417, response
	assert "is of another vehicle" in response.messages
	own = make_inspection(vehicle, captain.employee, failed=("Brakes",))
	assert captain.rest.insert(MAINTENANCE, job(vehicle, inspection=own)).status_code == 200


def test_settings_refuse_a_departure_window_inside_the_tolerance(users):
	manager = users.rest("CSC Manager")
	before = frappe.db.get_single_value("CSC Settings", "departure_window_hours")
	response = manager.update("CSC Settings", "CSC Settings", {"departure_window_hours": 0.05})
	assert response.status_code == 417, response
	assert "Departure Window must be longer" in response.messages
	assert frappe.db.get_single_value("CSC Settings", "departure_window_hours") == before


def test_fleet_settings_have_defaults():
	assert frappe.db.get_single_value("CSC Settings", "departure_window_hours") == 3
	assert frappe.db.get_single_value("CSC Settings", "key_overdue_hours") == 12
