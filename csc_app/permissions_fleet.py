"""Guide-vehicle fleet (导购车辆) access: the captain sees the whole fleet, a driver only their own records.

A record is a driver's own when its employee field (``OWNER_FIELD``) is an Employee whose ``user_id`` is
the driver's user. ``fleet_condition`` is that rule in SQL and ``is_own_record`` the same rule on one
document; ``get_permission_query_conditions`` (lists, report view, counts, link search, export) and
``has_permission`` (form, print, REST get/put/delete, and create) are both built from them, so list
access and document access cannot drift apart. They only ever narrow access: role permissions in the
DocType JSON decide what a role may do at all, and hall scoping (``csc_app.permissions``) still applies
to records that carry a hall.
"""

import frappe
from frappe import _

from csc_app.utils.fleet import get_user_employees

# DocType -> the Employee field that says whose record it is.
OWNER_FIELD: dict[str, str] = {
	"CSC Guide Vehicle Log": "driver",
	"CSC Vehicle Inspection": "inspected_by",
	"CSC Key Custody": "issued_to",
}

# Child table -> its fleet parent. Frappe lists child rows (GET /api/resource/<child>?parent=<parent>) for
# anyone who may read the parent DocType, without the parent's query conditions; these close that path.
CHILD_OF: dict[str, str] = {"CSC Vehicle Inspection Item": "CSC Vehicle Inspection"}

_FLEET = frozenset({"System Manager", "CSC Manager", "Guide Vehicle Captain"})
# DocType -> roles that see every record of it; anyone else sees only their own.
FLEET_WIDE_ROLES: dict[str, frozenset[str]] = {
	"CSC Guide Vehicle Log": _FLEET,
	"CSC Vehicle Inspection": _FLEET,
	# the front desk (seed 001, duty 17) hands keys and tapes to every driver
	"CSC Key Custody": _FLEET | {"CSC Agent", "CSC Supervisor"},
}


def sees_whole_fleet(doctype: str, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(FLEET_WIDE_ROLES[doctype].intersection(frappe.get_roles(user)))


def fleet_condition(doctype: str, user: str | None = None) -> str:
	"""SQL condition limiting ``doctype`` to the user's own records ("" when they see the fleet)."""
	if sees_whole_fleet(doctype, user):
		return ""
	employees = get_user_employees(user)
	if not employees:
		return "1=0"
	column = f"`tab{doctype}`.`{OWNER_FIELD[doctype]}`"
	return f"{column} in ({', '.join(frappe.db.escape(e) for e in employees)})"


def is_own_record(doc, user: str | None = None) -> bool:
	if sees_whole_fleet(doc.doctype, user):
		return True
	employee = doc.get(OWNER_FIELD[doc.doctype])
	return bool(employee) and employee in get_user_employees(user)


# --- hooks ------------------------------------------------------------------------------------


def get_permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""``permission_query_conditions`` hook for the fleet DocTypes and their child tables."""
	if doctype in CHILD_OF:
		parent = CHILD_OF[doctype]
		condition = fleet_condition(parent, user)
		if not condition:
			return ""
		return f"`tab{doctype}`.`parent` in (select `name` from `tab{parent}` where {condition})"
	if doctype not in OWNER_FIELD:
		return ""
	return fleet_condition(doctype, user)


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	"""``has_permission`` hook: deny another driver's record; otherwise no opinion."""
	if doc.doctype not in OWNER_FIELD:
		return None
	if not doc.get(OWNER_FIELD[doc.doctype]) and (ptype == "create" or doc.is_new()):
		return None  # a new record: validate() puts the user's own Employee there
	return None if is_own_record(doc, user) else False


def validate_share(doc, method=None):
	"""DocShare ``validate``: a share (or an assignment) must not show a driver someone else's record."""
	if doc.share_doctype not in OWNER_FIELD:
		return
	if doc.everyone:
		frappe.throw(
			_("Guide vehicle records cannot be shared with everyone."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if not doc.user or not frappe.db.exists(doc.share_doctype, doc.share_name):
		return
	record = frappe.get_doc(doc.share_doctype, doc.share_name)
	if not is_own_record(record, doc.user):
		frappe.throw(
			_(
				"{0} may only see their own {1} records, so {2} cannot be shared with or assigned to them."
			).format(frappe.bold(doc.user), _(doc.share_doctype), frappe.bold(doc.share_name)),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
