"""The guide-vehicle demo loads on top of the foundation's demo data and loading it again changes nothing."""

import frappe

from csc_app.demo import setup as demo
from csc_app.demo import vehicles

FLEET = (
	"CSC Guide Vehicle Log",
	"CSC Vehicle Inspection",
	"CSC Vehicle Maintenance",
	"CSC Key Custody",
	"CSC Customer Flow",
)


def counts():
	return {doctype: frappe.db.count(doctype) for doctype in FLEET}


def test_demo_fleet_loads_once():
	"""Runs the demo steps in this test's transaction (setup_demo itself refuses a test site), then rolls back."""
	company = frappe.db.get_value("Company", {}, "name")
	departments = demo.ensure_departments(company)
	halls = demo.ensure_halls()
	demo.ensure_users(halls, departments)
	demo.ensure_employees(company, departments)
	demo.ensure_guide_vehicles()

	vehicles.setup()
	carts = [plate for plate, *_ in demo.data.GUIDE_VEHICLES]
	logs = frappe.get_all(
		"CSC Guide Vehicle Log",
		filters={"vehicle": ("in", carts)},
		fields=["status", "is_on_time", "docstatus"],
	)
	assert sum(log.status == "Completed" for log in logs) == 4
	assert sum(log.status == "Scheduled" for log in logs) == 2
	assert {log.is_on_time for log in logs if log.docstatus == 1} == {0, 1}
	assert frappe.db.exists("CSC Key Custody", {"vehicle": carts[0], "status": "Out"})
	assert frappe.db.exists("CSC Vehicle Maintenance", {"vehicle": carts[2], "status": "In Progress"})
	assert frappe.db.exists("CSC Customer Flow", {"source": "Guide Vehicle", "hall": halls["A"]})
	assert frappe.db.get_value("Vehicle", carts[0], "last_odometer") == 1024

	before = counts()
	vehicles.setup()
	assert counts() == before
	frappe.db.rollback()
