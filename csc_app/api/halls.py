"""Give staff their halls (卖场). Halls are Frappe User Permissions on CSC Hall, so they hold in every path."""

import frappe
from frappe import _

from csc_app.permissions import HALL_DOCTYPE

HALL_ADMIN_ROLES = ("System Manager", "CSC Manager")


@frappe.whitelist(methods=["GET"])
def get_user_halls(user: str) -> list[str]:
	"""The halls given to ``user`` (an empty list means none were given)."""
	_check_can_manage(user)
	return sorted(
		frappe.get_all("User Permission", filters={"user": user, "allow": HALL_DOCTYPE}, pluck="for_value")
	)


@frappe.whitelist(methods=["POST"])
def set_user_halls(user: str, halls: list[str] | str) -> list[str]:
	"""Make ``halls`` exactly the halls of ``user``: adds missing ones and removes the rest."""
	halls = frappe.parse_json(halls) if isinstance(halls, str) else halls
	if not isinstance(halls, list) or not all(isinstance(h, str) for h in halls):
		frappe.throw(_("Halls must be a list of hall names."), frappe.ValidationError)
	_check_can_manage(user)

	wanted = set(halls)
	for hall in wanted:
		if not frappe.db.exists(HALL_DOCTYPE, hall):
			frappe.throw(_("Hall {0} does not exist.").format(frappe.bold(hall)), frappe.LinkValidationError)

	existing = {
		p.for_value: p.name
		for p in frappe.get_all(
			"User Permission", filters={"user": user, "allow": HALL_DOCTYPE}, fields=["name", "for_value"]
		)
	}
	# User Permission is System Manager-only; a CSC Manager manages halls of CSC staff through this
	# endpoint, after _check_can_manage has proven the right to.
	for hall, name in existing.items():
		if hall not in wanted:
			frappe.delete_doc("User Permission", name, ignore_permissions=True)
	for hall in sorted(wanted - set(existing)):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": HALL_DOCTYPE,
				"for_value": hall,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)
	return sorted(wanted)


def _check_can_manage(user: str) -> None:
	if not frappe.db.exists("User", user):
		frappe.throw(_("User {0} does not exist.").format(frappe.bold(user)), frappe.DoesNotExistError)
	caller_roles = set(frappe.get_roles())
	if not caller_roles.intersection(HALL_ADMIN_ROLES):
		frappe.throw(
			_("Only a CSC Manager or System Manager can give halls to users."), frappe.PermissionError
		)
	if "System Manager" not in caller_roles and (
		user == "Administrator" or "System Manager" in frappe.get_roles(user)
	):
		frappe.throw(
			_("Only a System Manager can change the halls of a System Manager."), frappe.PermissionError
		)
