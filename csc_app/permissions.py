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

HALL_DOCTYPE = "CSC Hall"

# DocType -> the field that holds its hall. Later records register here.
HALL_FIELD: dict[str, str] = {
	"CSC Hall": "name",
	"CSC Merchant": "hall",
	"CSC Guide Vehicle Log": "hall",
	"CSC Customer Flow": "hall",
}

# Roles that see every hall unless an admin restricts them with User Permissions.
ALL_HALL_ROLES = frozenset({"System Manager", "CSC Manager"})
# Roles that only ever work inside the halls given to them.
HALL_BOUND_ROLES = frozenset({"CSC Supervisor", "CSC Agent", "CSC Archivist"})


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


# --- hooks ------------------------------------------------------------------------------------


def get_permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""``permission_query_conditions`` hook for every hall-scoped DocType."""
	if not doctype or doctype not in HALL_FIELD:
		return ""
	return hall_condition(doctype, user)


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
	if user_can_access_hall(hall, user):
		return None
	return False


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
	if not user_can_access_hall(hall, doc.user):
		frappe.throw(
			_("{0} has no access to hall {1}, so this {2} cannot be shared with or assigned to them.").format(
				frappe.bold(doc.user), frappe.bold(hall or _("(none)")), _(doc.share_doctype)
			),
			frappe.PermissionError,
			title=_("Hall Not Permitted"),
		)
