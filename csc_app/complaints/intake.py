"""Who is calling: find a shopper by phone, create one when new, and show a caller's earlier contacts."""

import frappe
from frappe import _
from frappe.query_builder import DocType

from csc_app.utils.phone import normalize_phone

HISTORY_LIMIT = 10


def find_customer_by_phone(phone: str) -> str | None:
	"""The Customer whose contact has this (normalised) phone, newest first; permission-aware."""
	if not phone:
		return None
	contact_phone, link = DocType("Contact Phone"), DocType("Dynamic Link")
	rows = (
		frappe.qb.from_(contact_phone)
		.join(link)
		.on((link.parent == contact_phone.parent) & (link.parenttype == "Contact"))
		.select(link.link_name)
		.where((contact_phone.phone == phone) & (link.link_doctype == "Customer"))
		.orderby(contact_phone.creation, order=frappe.qb.desc)
		.limit(5)
		.run(pluck=True)
	)
	rows += frappe.get_all("Customer", filters={"mobile_no": phone}, pluck="name", limit=5)
	for name in dict.fromkeys(rows):
		if frappe.has_permission("Customer", "read", name):
			return name
	return None


def create_shopper(name: str, phone: str, hall: str | None) -> str:
	"""A new ERPNext Customer (Individual) with a primary Contact carrying the phone."""
	selling = frappe.get_cached_doc("Selling Settings")
	customer = frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": name,
			"customer_type": "Individual",
			"customer_group": selling.customer_group
			or frappe.db.get_value("Customer Group", {"is_group": 0}, "name")
			or frappe.db.get_value("Customer Group", {}, "name"),
			"territory": selling.territory
			or frappe.db.get_value("Territory", {"is_group": 0}, "name")
			or frappe.db.get_value("Territory", {}, "name"),
			"mobile_no": phone,
			"preferred_hall": hall,
		}
	)
	# ERPNext tells the user when it renames a namesake ("李女士 - 1"); at intake that is noise.
	muted, frappe.flags.mute_messages = frappe.flags.mute_messages, True
	try:
		customer.insert()
	finally:
		frappe.flags.mute_messages = muted
	return customer.name


def caller_history(phone: str, exclude: str | None = None) -> dict:
	"""Earlier complaints (and callbacks, when that record exists) of this phone the user may see."""
	phone = normalize_phone(phone)
	filters = {"phone": phone}
	if exclude:
		filters["name"] = ("!=", exclude)
	complaints = frappe.get_list(
		"CSC Complaint",
		filters=filters,
		fields=["name", "subject", "creation", "workflow_state", "severity", "hall", "validity"],
		order_by="creation desc",
		limit_page_length=HISTORY_LIMIT,
	)
	history = {"phone": phone, "complaints": complaints, "callbacks": []}
	if frappe.db.exists("DocType", "CSC Callback"):
		history["callbacks"] = frappe.get_list(
			"CSC Callback",
			filters={"phone": phone},
			fields=["name", "callback_type", "status", "due_by", "satisfaction"],
			order_by="creation desc",
			limit_page_length=HISTORY_LIMIT,
		)
	history["complaint_count"] = len(complaints)
	history["message"] = (
		_("Repeat caller: {0} earlier complaints from this number.").format(len(complaints))
		if complaints
		else ""
	)
	return history
