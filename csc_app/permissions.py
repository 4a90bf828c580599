"""Hall scoping (卖场隔离) for every csc_app record: the one place that decides who sees which hall.

Halls are given to a user with Frappe User Permissions on ``CSC Hall`` (see ``csc_app.api.halls``).
Frappe applies those to lists and forms itself, but leaves gaps this module closes (SECURITY.md 6, 7):

- strictness: a record without a hall is invisible to a hall-restricted user;
- fail closed: a hall-bound role (agent, supervisor, archivist) with no hall sees no records;
- link search with ``ignore_user_permissions=1`` and shared/assigned documents cannot reach another hall.

``permission_query_conditions`` (lists, reports, counts, link search, export, group-by) and
``has_permission`` (form, print, REST get/put/delete) both come from ``get_user_halls`` so that list
access and document access cannot drift apart.
"""

import frappe
from frappe import _
from frappe.model.document import Document

HALL_DOCTYPE = "CSC Hall"

# DocType -> the field that holds its hall. Later records register here.
HALL_FIELD: dict[str, str] = {
	"CSC Hall": "name",
	"CSC Merchant": "hall",
	"CSC Complaint": "hall",
	"CSC Callback": "hall",
	"CSC Merchant Visit": "hall",
	"CSC Reception Log": "hall",
	"CSC Guide Vehicle Log": "hall",
	"CSC Customer Flow": "hall",
	"CSC Survey Campaign": "hall",
	"CSC Survey Response": "hall",
}

# Child DocType -> its hall-scoped parent. Child rows are listable through REST
# (/api/resource/<child>?parent=<parent>), which checks the parent DocType but not each parent record.
CHILD_OF: dict[str, str] = {
	"CSC Complaint Action": "CSC Complaint",
	"CSC Complaint Routing": "CSC Complaint",
	"CSC Complaint Photo": "CSC Complaint",
	"CSC Callback Attempt": "CSC Callback",
	"CSC Survey Question": "CSC Survey Campaign",
	"CSC Survey Answer": "CSC Survey Response",
}

# DocType -> the field that holds the department a case is routed to (department handlers' scope).
DEPARTMENT_FIELD: dict[str, str] = {
	"CSC Complaint": "department",
}

# Roles that see every hall unless an admin restricts them with User Permissions.
ALL_HALL_ROLES = frozenset({"System Manager", "CSC Manager"})
# Roles that only ever work inside the halls given to them.
HALL_BOUND_ROLES = frozenset({"CSC Supervisor", "CSC Agent", "CSC Archivist"})
HANDLER_ROLE = "CSC Department Handler"


def get_user_halls(user: str | None = None) -> list[str] | None:
	"""The halls ``user`` may see, or ``None`` when the user is not restricted by hall."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None

	halls = [perm.doc for perm in frappe.permissions.get_user_permissions(user).get(HALL_DOCTYPE, [])]
	if halls:
		return sorted(set(halls))

	roles = set(frappe.get_roles(user))
	if roles & ALL_HALL_ROLES:
		return None
	if roles & HALL_BOUND_ROLES:
		return []  # fail closed: a hall-bound user without a hall sees nothing
	return None


def hall_condition(doctype: str, user: str | None = None) -> str:
	"""SQL condition restricting ``doctype`` to the user's halls ("" when unrestricted)."""
	halls = get_user_halls(user)
	if halls is None:
		return ""
	if not halls:
		return "1=0"
	column = f"`tab{doctype}`.`{HALL_FIELD[doctype]}`"
	return f"{column} in ({', '.join(frappe.db.escape(h) for h in halls)})"


def user_can_access_hall(hall: str | None, user: str | None = None) -> bool:
	halls = get_user_halls(user)
	return halls is None or (bool(hall) and hall in halls)


def get_handler_departments(user: str | None = None) -> list[str] | None:
	"""Departments a department handler may see cases of, or ``None`` when not scoped by department.

	Only users whose CSC role is the handler role are scoped this way; staff with a hall role or a
	manager role are scoped by hall instead.
	"""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	roles = set(frappe.get_roles(user))
	if HANDLER_ROLE not in roles or roles & (ALL_HALL_ROLES | HALL_BOUND_ROLES):
		return None
	from csc_app.complaints.routing import handler_departments

	return sorted(set(handler_departments(user)))


def department_condition(doctype: str, user: str | None = None) -> str:
	departments = get_handler_departments(user)
	if departments is None or doctype not in DEPARTMENT_FIELD:
		return ""
	if not departments:
		return "1=0"
	column = f"`tab{doctype}`.`{DEPARTMENT_FIELD[doctype]}`"
	return f"{column} in ({', '.join(frappe.db.escape(d) for d in departments)})"


def user_can_access_department(doctype: str, department: str | None, user: str | None = None) -> bool:
	if doctype not in DEPARTMENT_FIELD:
		return True
	departments = get_handler_departments(user)
	return departments is None or (bool(department) and department in departments)


# --- hooks ------------------------------------------------------------------------------------


def get_permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""``permission_query_conditions`` hook for every hall-scoped DocType and its child tables."""
	if doctype in CHILD_OF:
		parent = CHILD_OF[doctype]
		condition = get_permission_query_conditions(user, parent)
		if not condition:
			return ""
		return f"`tab{doctype}`.`parent` in (select `name` from `tab{parent}` where {condition})"
	if not doctype or doctype not in HALL_FIELD:
		return ""
	conditions = [hall_condition(doctype, user), department_condition(doctype, user)]
	return " and ".join(f"({c})" for c in conditions if c)


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	"""``has_permission`` hook: deny a document outside the user's halls; otherwise no opinion."""
	field = HALL_FIELD.get(doc.doctype)
	if not field:
		return None
	hall = doc.name if field == "name" else doc.get(field)
	if ptype == "create" and not hall:
		return None  # the mandatory check names the missing hall more clearly
	if not user_can_access_hall(hall, user):
		return False
	if doc.doctype in DEPARTMENT_FIELD and not user_can_access_department(
		doc.doctype, doc.get(DEPARTMENT_FIELD[doc.doctype]), user
	):
		return False
	return None


def child_parent_permitted(doc, ptype: str = "read", user: str | None = None) -> bool:
	"""For a child row read on its own (``/api/resource/<child>/<name>``, ``frappe.client.get``): its
	parent record must be readable, hall included. Used by the child controllers' has_permission."""
	parent = CHILD_OF.get(doc.doctype)
	if not parent or doc.parenttype != parent or not doc.parent:
		return True
	parent_doc = frappe.get_doc(parent, doc.parent)
	return has_permission(parent_doc, ptype, user) is not False


class HallScopedChildRow(Document):
	"""Controller base of child tables in CHILD_OF: a row read on its own (``/api/resource/<child>/<row>``)
	is readable only together with its parent record, hall included."""

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		return super().has_permission(permtype, debug=debug, user=user) and (
			bool(self.flags.ignore_permissions) or child_parent_permitted(self, permtype, user)
		)


def validate_share(doc, method=None):
	"""DocShare ``validate``: sharing (and so assigning) must not open another hall's record.

	Frappe lets a share override every other permission, and assignment shares automatically.
	"""
	if doc.share_doctype not in HALL_FIELD or not doc.user or doc.everyone:
		if doc.everyone and doc.share_doctype in HALL_FIELD:
			frappe.throw(
				_("Records scoped to a hall cannot be shared with everyone."), frappe.PermissionError
			)
		return
	field = HALL_FIELD[doc.share_doctype]
	hall = (
		doc.share_name if field == "name" else frappe.db.get_value(doc.share_doctype, doc.share_name, field)
	)
	department_ok = doc.share_doctype not in DEPARTMENT_FIELD or user_can_access_department(
		doc.share_doctype,
		frappe.db.get_value(doc.share_doctype, doc.share_name, DEPARTMENT_FIELD[doc.share_doctype]),
		doc.user,
	)
	if not department_ok:
		frappe.throw(
			_(
				"{0} does not handle the department of this {1}, so it cannot be shared with or assigned to them."
			).format(frappe.bold(doc.user), _(doc.share_doctype)),
			frappe.PermissionError,
			title=_("Department Not Permitted"),
		)
	if not user_can_access_hall(hall, doc.user):
		frappe.throw(
			_("{0} has no access to hall {1}, so this {2} cannot be shared with or assigned to them.").format(
				frappe.bold(doc.user), frappe.bold(hall or _("(none)")), _(doc.share_doctype)
			),
			frappe.PermissionError,
			title=_("Hall Not Permitted"),
		)
