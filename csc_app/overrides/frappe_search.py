"""Link search that cannot skip hall scoping (SECURITY.md 6).

Frappe's search turns ``ignore_user_permissions=1`` into ``ignore_permissions=True`` for any user
with read access, which would list every hall's records. For hall-scoped DocTypes the flag is dropped.
"""

import frappe
from frappe.desk import search

from csc_app.permissions import HALL_FIELD
from csc_app.permissions_fleet import OWNER_FIELD


def _keep_hall_scope(doctype: str, ignore_user_permissions) -> bool:
	# hall-scoped records, and fleet records a driver may only see when they are theirs
	return False if doctype in HALL_FIELD or doctype in OWNER_FIELD else ignore_user_permissions


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	return search.search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=_keep_hall_scope(doctype, ignore_user_permissions),
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	return search.search_widget(
		doctype,
		txt,
		query=query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=_keep_hall_scope(doctype, ignore_user_permissions),
	)
