"""Permission-aware replacements for frappe.client methods that skip permissions."""

import frappe
from frappe import _
from frappe.client import get_safe_filters


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""Count only what the caller may read: role permissions, User Permissions and query conditions."""
	if not frappe.has_permission(doctype, "read") and not frappe.has_permission(doctype, "select"):
		frappe.throw(
			_("Not permitted to count {0}").format(_(doctype)),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	rows = frappe.get_list(
		doctype,
		filters=get_safe_filters(filters),
		fields=["count(*) as total"],
		limit_page_length=0,
		order_by=None,
	)
	return rows[0].total if rows else 0
