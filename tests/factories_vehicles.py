"""Record builders for the guide-vehicle tests: employees with users, guide vehicles, inspections, logs.

Times are on ``SHIFT_DAY`` (yesterday): a whole shift then lies in the past and on one calendar day,
whatever the hour the tests run at.
"""

import threading
import uuid
from urllib.parse import quote

import frappe
from frappe.utils import add_days, get_test_client, today

from tests.utils import Response, RestClient

SHIFT_DAY = add_days(today(), -1)


def at(hhmm: str, day: str | None = None) -> str:
	"""A datetime string on ``SHIFT_DAY`` (or ``day``), e.g. ``at("09:05")``."""
	return f"{day or SHIFT_DAY} {hhmm}:00"


def make_user(*roles: str, lang: str = "en") -> str:
	"""A fresh user (UserFactory caches one user per role set; fleet tests need several drivers)."""
	email = f"csc-fleet-{uuid.uuid4().hex[:10]}@example.com"
	frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": "Fleet " + "/".join(roles)[:60],
			"send_welcome_email": 0,
			"user_type": "System User",
			"language": lang,
			"roles": [{"role": r} for r in roles],
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return email


def make_employee(user: str | None = None, **values) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": values.pop("first_name", f"Emp {uuid.uuid4().hex[:6]}"),
			"gender": values.pop("gender", "Female"),
			"date_of_birth": "1990-05-20",
			"date_of_joining": "2020-03-01",
			"company": values.pop("company", frappe.db.get_value("Company", {}, "name")),
			"status": values.pop("status", "Active"),
			"user_id": user,
			**values,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return doc.name


class FleetMember:
	"""A user with a fleet role, their Employee record and a REST client acting as them."""

	def __init__(self, *roles: str, lang: str = "en"):
		self.user = make_user(*roles, lang=lang)
		self.employee = make_employee(self.user, first_name=f"{roles[0].split()[-1]} {uuid.uuid4().hex[:4]}")
		self.rest = RestClient(self.user, lang=None if lang == "en" else lang)


def make_guide_vehicle(**values) -> str:
	suffix = uuid.uuid4().hex[:8].upper()
	doc = frappe.get_doc(
		{
			"doctype": "Vehicle",
			"license_plate": values.pop("license_plate", f"GV{suffix}"),
			"make": "绿通",
			"model": "LT-S14",
			"last_odometer": values.pop("last_odometer", 100),
			"fuel_type": "Electric",
			"uom": "Nos",
			"is_guide_vehicle": values.pop("is_guide_vehicle", 1),
			"cart_no": values.pop("cart_no", f"C-{suffix}"),
			"seats": values.pop("seats", 8),
			**values,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return doc.name


def inspection_items(failed: tuple[str, ...] = ()) -> list[dict]:
	template = frappe.db.get_value("CSC Inspection Template", {"is_default": 1}, "name")
	items = frappe.get_all(
		"CSC Inspection Template Item", filters={"parent": template}, pluck="check_item", order_by="idx"
	)
	return [{"check_item": item, "result": "Fail" if item in failed else "Pass"} for item in items]


def make_inspection(
	vehicle: str, inspector: str, inspected_on: str | None = None, failed=(), submit: bool = True
) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "CSC Vehicle Inspection",
			"vehicle": vehicle,
			"inspected_by": inspector,
			"inspected_on": inspected_on or at("08:40"),
			"items": inspection_items(failed),
		}
	).insert()
	if submit:
		doc.submit()
	frappe.db.commit()
	return doc.name


def make_maintenance(vehicle: str, start: str, end: str | None = None, **values) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "CSC Vehicle Maintenance",
			"vehicle": vehicle,
			"maintenance_type": values.pop("maintenance_type", "Repair"),
			"status": values.pop("status", "In Progress"),
			"description": values.pop("description", "刹车片更换"),
			"out_of_service_from": start,
			"out_of_service_to": end,
			**values,
		}
	).insert()
	frappe.db.commit()
	return doc.name


def log_body(vehicle: str, hall: str, **values) -> dict:
	return {
		"vehicle": vehicle,
		"hall": hall,
		"log_date": SHIFT_DAY,
		"shift": "Morning",
		"scheduled_departure": at("09:00"),
		**values,
	}


def make_log(vehicle: str, hall: str, driver: str, **values) -> str:
	doc = frappe.get_doc(
		{"doctype": "CSC Guide Vehicle Log", "driver": driver, **log_body(vehicle, hall, **values)}
	)
	doc.insert()
	frappe.db.commit()
	return doc.name


def race(clients_and_requests: list[tuple[RestClient, str, str, dict]]) -> list[Response]:
	"""Send several REST requests at the same moment, each on its own thread; return their responses."""
	barrier = threading.Barrier(len(clients_and_requests))
	results: list = [None] * len(clients_and_requests)

	def run(index, client, method, path, body):
		test_client = get_test_client()
		barrier.wait()
		results[index] = getattr(test_client, method)(
			path, json=body, headers=dict(client.headers), base_url=f"http://{site}"
		)

	site = frappe.local.site
	threads = [
		threading.Thread(target=run, args=(i, *request)) for i, request in enumerate(clients_and_requests)
	]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	frappe.db.commit()
	return [Response(raw) for raw in results]


def resource_path(doctype: str, name: str | None = None) -> str:
	path = f"/api/resource/{quote(doctype)}"
	return f"{path}/{quote(name, safe='')}" if name else path
