"""Guide-vehicle fleet defaults: the captain's default pre-trip checklist. Idempotent.

Names are stored in English and shown in the user's language: the check item is an Autocomplete
field (its value is translated on display) and CSC Inspection Template is a translated DocType.
"""

import frappe
from frappe import _lt

DEFAULT_TEMPLATE = _lt("Pre-Trip Inspection")
DEFAULT_CHECK_ITEMS = (
	_lt("Battery"),
	_lt("Brakes"),
	_lt("Tyres"),
	_lt("Lights"),
	_lt("Horn"),
	_lt("Seats and Cleanliness"),
	_lt("Broadcast Set"),
)


def ensure_default_template() -> str:
	"""Create the default checklist unless the captain already has a default one."""
	existing = frappe.db.get_value("CSC Inspection Template", {"is_default": 1}) or frappe.db.exists(
		"CSC Inspection Template", DEFAULT_TEMPLATE.msg
	)
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "CSC Inspection Template",
			"template_name": DEFAULT_TEMPLATE.msg,
			"is_default": 1,
			"is_active": 1,
			"items": [{"check_item": item.msg} for item in DEFAULT_CHECK_ITEMS],
		}
	)
	doc.insert(ignore_permissions=True)  # install step, no session user yet
	return doc.name
