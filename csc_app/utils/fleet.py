"""Guide-vehicle fleet (导购车辆) rules shared by logs, inspections, maintenance and key custody."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_to_date, get_datetime, getdate, now_datetime

# A time typed a few minutes ahead of the server clock is still "now" (clocks and typing differ).
CLOCK_SKEW_MINUTES = 5


def validate_link_exists(doctype: str, name: str | None, label: str) -> None:
	"""Frappe skips the existence check of a link that other fields fetch from (``fetch_from``) when the
	linked record is missing, so the fleet records check their Vehicle and Employee links themselves."""
	if name and not frappe.db.exists(doctype, name):
		frappe.throw(
			_("Could not find {0}").format(f"{label}: {name}"),
			frappe.LinkValidationError,
			title=_("Invalid Link"),
		)


def validate_guide_vehicle(vehicle: str | None) -> None:
	"""Only ERPNext Vehicles ticked as guide vehicles belong to the fleet."""
	validate_link_exists("Vehicle", vehicle, _("Vehicle"))
	if vehicle and not frappe.db.get_value("Vehicle", vehicle, "is_guide_vehicle"):
		frappe.throw(
			_("Vehicle {0} is not a guide vehicle. Choose a vehicle marked Is Guide Vehicle.").format(
				frappe.bold(vehicle)
			),
			title=_("Not a Guide Vehicle"),
		)


def get_user_employees(user: str | None = None) -> list[str]:
	"""Every Employee record linked to ``user`` (whatever its status): the records that are "theirs"."""
	user = user or frappe.session.user
	return frappe.get_all("Employee", filters={"user_id": user}, pluck="name", order_by="name")


def get_active_employee(user: str | None = None) -> str | None:
	user = user or frappe.session.user
	return frappe.db.get_value("Employee", {"user_id": user, "status": "Active"}, "name")


def validate_active_employee(employee: str | None, label: str) -> None:
	if not employee:
		return
	validate_link_exists("Employee", employee, label)
	status = frappe.db.get_value("Employee", employee, "status")
	if status and status != "Active":
		frappe.throw(
			_("{0} {1} is not an active employee (status: {2}).").format(
				label, frappe.bold(employee), _(status)
			),
			title=_("Inactive Employee"),
		)


def validate_not_in_future(value, label: str) -> None:
	if value and get_datetime(value) > add_to_date(now_datetime(), minutes=CLOCK_SKEW_MINUTES):
		frappe.throw(
			_("{0} {1} is in the future; record what has happened.").format(
				label, frappe.format(value, "Datetime")
			),
			title=_("Time in the Future"),
		)


def get_out_of_service(vehicle: str, at) -> frappe._dict | None:
	"""The maintenance record that keeps ``vehicle`` out of service at ``at``, if any."""
	m = DocType("CSC Vehicle Maintenance")
	rows = (
		frappe.qb.from_(m)
		.select(m.name, m.maintenance_type, m.out_of_service_from, m.out_of_service_to)
		.where(
			(m.vehicle == vehicle)
			& (m.status != "Cancelled")
			& m.out_of_service_from.isnotnull()
			& (m.out_of_service_from <= at)
			& (m.out_of_service_to.isnull() | (m.out_of_service_to > at))
		)
		.orderby(m.out_of_service_from, order=frappe.qb.desc)
		.limit(1)
		.run(as_dict=True)
	)
	return rows[0] if rows else None


def get_latest_inspection(vehicle: str, at) -> frappe._dict | None:
	"""The vehicle's last submitted inspection on the day of ``at``, no later than ``at``."""
	at = get_datetime(at)
	day_start = get_datetime(getdate(at))
	i = DocType("CSC Vehicle Inspection")
	rows = (
		frappe.qb.from_(i)
		.select(i.name, i.result, i.inspected_on, i.failed_items)
		.where(
			(i.vehicle == vehicle)
			& (i.docstatus == 1)
			& (i.inspected_on >= day_start)
			& (i.inspected_on <= at)
		)
		.orderby(i.inspected_on, order=frappe.qb.desc)
		.orderby(i.creation, order=frappe.qb.desc)
		.limit(1)
		.run(as_dict=True)
	)
	return rows[0] if rows else None
