"""A visit's follow-up becomes a complaint or a callback linked back to the visit (issue 5.1)."""

import frappe
import pytest

from tests.factories import ComplaintWorld
from tests.factories_visits import done_body
from tests.test_complaints import registered


@pytest.fixture(scope="module")
def world(users):
	return ComplaintWorld(users)


def done_visit(world, **values) -> str:
	r = world.agent.insert(
		"CSC Merchant Visit", done_body(world.merchant, visitor=world.agent.user, **values)
	)
	assert r.status_code == 200, r
	return r.data["name"]


def test_follow_up_becomes_a_complaint_and_a_callback(world):
	visit = done_visit(world, follow_up="商户反映二楼空调长期不制冷")
	r = world.agent.call(
		"csc_app.api.visits.raise_follow_up", visit=visit, kind="Complaint", category=world.category
	)
	assert r.status_code == 200, r
	complaint = frappe.get_doc("CSC Complaint", r.data)
	assert complaint.complainant_type == "Merchant" and complaint.complainant_merchant == world.merchant
	assert complaint.hall == world.hall and "空调" in complaint.description
	assert frappe.db.get_value("CSC Merchant Visit", visit, "follow_up_complaint") == complaint.name
	again = world.agent.call(
		"csc_app.api.visits.raise_follow_up", visit=visit, kind="Complaint", category=world.category
	)
	assert again.status_code == 417 and "already raised" in again.messages

	r = world.agent.call("csc_app.api.visits.raise_follow_up", visit=visit, kind="Callback")
	assert r.status_code == 200, r
	callback = frappe.get_doc("CSC Callback", r.data)
	assert callback.merchant == world.merchant and callback.assigned_to == world.agent.user
	assert frappe.db.get_value("CSC Merchant Visit", visit, "follow_up_callback") == callback.name


def test_links_cannot_be_forged(world):
	visit = done_visit(world, follow_up="需要回访")
	other = registered(world)
	modified = str(frappe.db.get_value("CSC Merchant Visit", visit, "modified"))
	r = world.agent.update("CSC Merchant Visit", visit, {"modified": modified, "follow_up_complaint": other})
	assert r.status_code == 403, r


@pytest.mark.parametrize(
	"values, kind, message",
	[
		({"follow_up": ""}, "Callback", "follow-up"),
		({"follow_up": "x"}, "Complaint", "category"),
		({"follow_up": "x"}, "Visit", "Complaint or a Callback"),
	],
)
def test_bad_follow_ups(world, values, kind, message):
	visit = done_visit(world, **values)
	r = world.agent.call("csc_app.api.visits.raise_follow_up", visit=visit, kind=kind)
	assert r.status_code == 417 and message in r.messages, r


def test_other_hall_cannot_raise(world):
	visit = done_visit(world, follow_up="y")
	r = world.other_agent.call("csc_app.api.visits.raise_follow_up", visit=visit, kind="Callback")
	assert r.status_code == 403, r
