"""The demo's open callbacks load once (run in this test's transaction, then rolled back)."""

import frappe

from csc_app.demo import complaints
from csc_app.demo import setup as demo


def test_demo_callbacks_load_once():
	company = frappe.db.get_value("Company", {}, "name")
	departments = demo.ensure_departments(company)
	halls = demo.ensure_halls()
	demo.ensure_users(halls, departments)
	demo.ensure_shoppers(halls)
	complaints.setup_callbacks(halls)
	keys = frappe.get_all("CSC Callback", filters={"dedupe_key": ("like", "DEMO:CB:%")}, pluck="name")
	assert len(keys) == 3
	complaints.setup_callbacks(halls)
	assert frappe.db.count("CSC Callback", {"dedupe_key": ("like", "DEMO:CB:%")}) == 3
	assert (
		frappe.db.get_value("CSC Callback", {"dedupe_key": "DEMO:CB:1"}, "assigned_to") == "agent@csc.example"
	)
	frappe.db.rollback()
