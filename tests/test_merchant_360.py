"""Merchant 360: counts of complaints by and against a merchant, visits and callbacks, per user."""

import frappe
import pytest

from tests.factories import ComplaintWorld
from tests.test_complaints import new_complaint, registered


@pytest.fixture(scope="module")
def world(users):
	return ComplaintWorld(users)


def test_summary_counts_what_the_user_may_see(world):
	registered(world)
	registered(world)
	new_complaint(
		world, complainant_type="Merchant", complainant_merchant=world.merchant, respondent_type="Mall"
	)
	r = world.agent.call("csc_app.api.merchants.get_summary", http="get", merchant=world.merchant)
	assert r.status_code == 200, r
	assert r.data["complaints_against"] == 2
	assert r.data["complaints_by"] == 1
	assert r.data["visits"] == 0


def test_summary_of_another_halls_merchant_is_refused(world):
	r = world.agent.call("csc_app.api.merchants.get_summary", http="get", merchant=world.other_merchant)
	assert r.status_code == 403, r


def test_connections_count_complaints_against(world):
	r = world.agent.call(
		"frappe.desk.notifications.get_open_count", doctype="CSC Merchant", name=world.merchant
	)
	assert r.status_code == 200, r
	counts = {row["doctype"]: row["count"] for row in r.data["count"]["external_links_found"]}
	assert counts.get("CSC Complaint", 0) >= 2
