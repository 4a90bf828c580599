"""Form dashboard (connections) counts that respect permissions.

Frappe's ``get_open_count`` counts linked records with ``frappe.get_all``, so a user who may open a
merchant would learn how many visits (and later complaints) it has in halls or DocTypes they may not
read. For hall-scoped linked DocTypes the counts are taken again with ``frappe.get_list``.
"""

import frappe
from frappe.desk import notifications

from csc_app.permissions import HALL_FIELD


@frappe.whitelist()
def get_open_count(doctype: str, name: str, items=None):
	# Checked first: frappe's own check fails with a server error (500) instead of 403 when denied.
	frappe.get_doc(doctype, name).check_permission("read")
	out = notifications.get_open_count(doctype, name, items)
	found = (out.get("count") or {}).get("external_links_found") or []
	if not any(row.get("doctype") in HALL_FIELD for row in found):
		return out
	links = frappe.get_meta(doctype).get_dashboard_data()
	for row in found:
		if row.get("doctype") in HALL_FIELD:
			row.update(permitted_counts(row["doctype"], name, links))
	return out


def permitted_counts(link_doctype: str, name: str, links) -> dict:
	"""Total and open counts of ``link_doctype`` records pointing at ``name`` that the user may read."""
	if not frappe.has_permission(link_doctype, "read"):
		return {"count": 0, "open_count": 0}
	fieldname = links.get("non_standard_fieldnames", {}).get(link_doctype, links.get("fieldname"))
	filters = {fieldname: name}
	if dynamic := notifications.get_dynamic_link_filters(link_doctype, links, fieldname):
		filters.update(dynamic)
	counts = {"count": _count(link_doctype, filters), "open_count": 0}
	if open_filters := notifications.get_filters_for(link_doctype):
		counts["open_count"] = _count(link_doctype, {**filters, **open_filters})
	return counts


def _count(doctype: str, filters: dict) -> int:
	rows = frappe.get_list(doctype, filters=filters, fields=["count(*) as total"], order_by=None)
	return rows[0].total if rows else 0
