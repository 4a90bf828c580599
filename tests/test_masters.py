"""Masters' validation through the REST API: bad input gets a clear, translated error and saves nothing."""

import frappe
import pytest

from tests.utils import RestClient, make_hall, make_merchant


@pytest.fixture
def manager(users):
	return users.rest("CSC Manager")


@pytest.fixture
def hall(unique):
	return make_hall(unique)


def merchant_body(hall, name, **values):
	return {"merchant_name": name, "hall": hall, "phone": "13912345678", **values}


def test_manager_creates_a_merchant_and_the_phone_is_normalised(manager, hall, unique):
	response = manager.insert(
		"CSC Merchant",
		merchant_body(hall, f"顾家家居 {unique}", phone="+86 139-1234-5678", brands="顾家， 芝华仕、顾家"),
	)
	assert response.status_code == 200, response
	doc = frappe.get_doc("CSC Merchant", response.data["name"])
	assert doc.phone == "13912345678"
	assert doc.brands == "顾家, 芝华仕"
	assert doc.name.startswith("MER-")


def test_malformed_phone_is_refused_and_nothing_saved(manager, hall, unique):
	response = manager.insert("CSC Merchant", merchant_body(hall, f"Bad Phone {unique}", phone="12345"))
	assert response.status_code == 417, response
	assert "not a valid phone number" in response.messages
	assert not frappe.db.exists("CSC Merchant", {"merchant_name": f"Bad Phone {unique}"})


def test_missing_phone_is_refused(manager, hall, unique):
	response = manager.insert("CSC Merchant", merchant_body(hall, f"No Phone {unique}", phone=""))
	assert response.status_code == 417, response
	assert response.exc_type == "MandatoryError"
	assert not frappe.db.exists("CSC Merchant", {"merchant_name": f"No Phone {unique}"})


def test_lease_end_before_start_is_refused(manager, hall, unique):
	response = manager.insert(
		"CSC Merchant",
		merchant_body(hall, f"Lease {unique}", lease_start="2026-06-01", lease_end="2026-05-31"),
	)
	assert response.status_code == 417, response
	assert "cannot be before Lease Start" in response.messages
	assert not frappe.db.exists("CSC Merchant", {"merchant_name": f"Lease {unique}"})


def test_impossible_date_is_refused(manager, hall, unique):
	response = manager.insert("CSC Merchant", merchant_body(hall, f"Date {unique}", lease_start="2024-02-30"))
	assert response.status_code >= 400, response
	assert not frappe.db.exists("CSC Merchant", {"merchant_name": f"Date {unique}"})


def test_unknown_hall_is_refused(manager, unique):
	response = manager.insert("CSC Merchant", merchant_body(f"No Such Hall {unique}", f"Ghost {unique}"))
	assert response.status_code == 417, response
	assert "Could not find" in response.messages
	assert not frappe.db.exists("CSC Merchant", {"merchant_name": f"Ghost {unique}"})


def test_status_outside_the_options_is_refused(manager, hall, unique):
	response = manager.insert("CSC Merchant", merchant_body(hall, f"Status {unique}", status="Bogus"))
	assert response.status_code == 417, response
	assert not frappe.db.exists("CSC Merchant", {"merchant_name": f"Status {unique}"})


def test_negative_visit_interval_is_refused(manager, hall, unique):
	response = manager.insert("CSC Merchant", merchant_body(hall, f"Visits {unique}", visit_every_days=-7))
	assert response.status_code == 417, response
	assert not frappe.db.exists("CSC Merchant", {"merchant_name": f"Visits {unique}"})


def test_two_active_merchants_cannot_share_a_unit(manager, hall, unique):
	make_merchant(hall, merchant_name=f"First {unique}", floor="2F", unit_no="A-201")
	response = manager.insert(
		"CSC Merchant", merchant_body(hall, f"Second {unique}", floor="2F", unit_no="A-201")
	)
	assert response.status_code == 417, response
	assert "already occupied" in response.messages
	# a merchant who has left frees the unit
	response = manager.insert(
		"CSC Merchant", merchant_body(hall, f"Former {unique}", floor="2F", unit_no="A-201", status="Left")
	)
	assert response.status_code == 200, response


def test_active_merchant_cannot_be_placed_in_an_inactive_hall(manager, unique):
	closed = make_hall(unique, is_active=0)
	response = manager.insert("CSC Merchant", merchant_body(closed, f"Closed {unique}"))
	assert response.status_code == 417, response
	assert "is not active" in response.messages


def test_hostile_text_is_stored_harmless_and_emoji_intact(manager, hall, unique):
	response = manager.insert(
		"CSC Merchant",
		merchant_body(
			hall,
			f"<img src=x onerror=alert(1)>店 {unique} 🛋️",
			notes="<script>alert('x')</script>{{ frappe.session.user }} 😀",
		),
	)
	assert response.status_code == 200, response
	doc = frappe.get_doc("CSC Merchant", response.data["name"])
	assert "onerror" not in doc.merchant_name
	assert "<script" not in (doc.notes or "")
	assert "🛋️" in doc.merchant_name
	assert "😀" in doc.notes
	assert "{{ frappe.session.user }}" in doc.notes  # kept as text, never rendered


def test_over_long_name_is_refused_cleanly(manager, hall):
	response = manager.insert("CSC Merchant", merchant_body(hall, "长" * 200))
	assert response.status_code == 417, response
	assert not frappe.db.exists("CSC Merchant", {"merchant_name": "长" * 200})


def test_error_is_translated_for_a_chinese_api_client(users, hall, unique):
	zh_manager = users.rest("CSC Manager", lang="zh")
	response = zh_manager.insert("CSC Merchant", merchant_body(hall, f"Bad {unique}", phone="12345"))
	assert response.status_code == 417, response
	assert "不是有效的电话号码" in response.messages


def test_error_is_translated_for_a_chinese_desk_user(users, hall, unique):
	user = users.make("CSC Manager", lang="zh")
	frappe.utils.password.update_password(user, "Zh-Desk-Pass-2026")
	frappe.db.commit()
	desk = RestClient(user)
	assert desk.login("Zh-Desk-Pass-2026").status_code == 200
	response = desk.insert("CSC Merchant", merchant_body(hall, f"Bad {unique}", phone="12345"))
	assert response.status_code == 417, response
	assert "不是有效的电话号码" in response.messages
	assert "电话" in response.messages  # the field label is translated too


def test_duplicate_hall_name_is_refused(manager, unique):
	make_hall(unique, hall_name=f"一号馆 {unique}")
	response = manager.insert("CSC Hall", {"hall_name": f"一号馆 {unique}", "hall_code": f"D{unique[:6]}"})
	assert response.status_code == 409, response
	assert frappe.db.count("CSC Hall", {"hall_name": f"一号馆 {unique}"}) == 1


def test_duplicate_hall_code_is_refused(manager, unique):
	make_hall(unique, hall_code=f"C{unique[:6]}".upper())
	response = manager.insert("CSC Hall", {"hall_name": f"Other {unique}", "hall_code": f"c{unique[:6]}"})
	assert response.status_code in (409, 417), response
	assert not frappe.db.exists("CSC Hall", f"Other {unique}")


def test_malformed_hall_code_is_refused(manager, unique):
	response = manager.insert("CSC Hall", {"hall_name": f"Code {unique}", "hall_code": "A B/../"})
	assert response.status_code == 417, response
	assert "Hall Code" in response.messages
	assert not frappe.db.exists("CSC Hall", f"Code {unique}")


def test_category_defaults(manager, unique):
	response = manager.insert("CSC Complaint Category", {"category_name": f"  商品质量 {unique} "})
	assert response.status_code == 200, response
	doc = frappe.get_doc("CSC Complaint Category", f"商品质量 {unique}")
	assert doc.default_severity == "Normal"
	assert doc.is_active == 1


def test_settings_refuse_a_resolution_window_shorter_than_the_response_window(manager):
	before = frappe.db.get_single_value("CSC Settings", "resolution_hours")
	response = manager.update("CSC Settings", "CSC Settings", {"response_hours": 10, "resolution_hours": 2})
	assert response.status_code == 417, response
	assert "cannot be shorter" in response.messages
	assert frappe.db.get_single_value("CSC Settings", "resolution_hours") == before


def test_settings_refuse_zero_hours(manager):
	response = manager.update("CSC Settings", "CSC Settings", {"major_response_hours": 0})
	assert response.status_code == 417, response
	assert frappe.db.get_single_value("CSC Settings", "major_response_hours") > 0
