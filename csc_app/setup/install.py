"""Install and uninstall steps. Every step is idempotent: re-running after_install changes nothing."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.permissions import add_permission, update_permission_property

from csc_app.complaints.workflow import ensure_workflow
from csc_app.setup.custom_fields import get_custom_fields
from csc_app.setup.email_reports import ensure_email_reports
from csc_app.setup.fleet import ensure_default_template

CSC_ROLES = (
	"CSC Manager",
	"CSC Supervisor",
	"CSC Agent",
	"CSC Archivist",
	"CSC Department Handler",
	"Guide Vehicle Captain",
	"Guide Vehicle Driver",
)

# Role permissions csc_app adds on ERPNext DocTypes: {doctype: {role: (rights...)}}
ERPNEXT_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
	"Customer": {
		"CSC Manager": ("read", "write", "create", "report", "export", "print"),
		"CSC Supervisor": ("read", "write", "create", "report", "print"),
		"CSC Agent": ("read", "write", "create", "print"),
		"CSC Archivist": ("read", "write", "create", "report", "export", "print"),
		"CSC Department Handler": ("read",),
	},
	"Contact": {
		"CSC Manager": ("read", "write", "create", "report", "export"),
		"CSC Supervisor": ("read", "write", "create", "report"),
		"CSC Agent": ("read", "write", "create"),
		"CSC Archivist": ("read", "write", "create", "report", "export"),
		"CSC Department Handler": ("read",),
	},
	"Vehicle": {
		"Guide Vehicle Captain": ("read", "write", "create", "report", "export", "print"),
		"Guide Vehicle Driver": ("read",),
		"CSC Manager": ("read", "report"),
		"CSC Agent": ("select",),  # the front desk picks the vehicle whose key it hands out
	},
	"Department": {role: ("read",) for role in CSC_ROLES},
	"Employee": {
		"Guide Vehicle Captain": ("read",),
		"Guide Vehicle Driver": ("read",),
		"CSC Manager": ("read",),
		"CSC Agent": ("select",),  # the front desk picks who receives a key or tape
	},
}


# Composite indexes for the lists, jobs and reports that filter on several columns at once.
INDEXES: dict[str, tuple[tuple[str, ...], ...]] = {
	"CSC Complaint": (
		("hall", "workflow_state", "creation"),
		("workflow_state", "sla_status", "resolution_by"),
		("respondent_merchant", "creation"),
		("department", "workflow_state"),
		("registered_on", "hall"),
	),
	"CSC Callback": (("due_by", "hall", "status"),),
	"CSC Survey Campaign": (("hall", "status", "to_date"),),
	"CSC Survey Response": (("campaign", "overall_score"),),
	"Contact Phone": (("phone",),),
	"Customer": (("mobile_no",),),
}


def after_install():
	ensure_roles()
	create_custom_fields(get_custom_fields(), update=True)
	add_erpnext_permissions()
	init_settings()
	ensure_workflow()
	add_indexes()
	ensure_email_reports()
	ensure_default_template()


def after_migrate():
	create_custom_fields(get_custom_fields(), update=True)
	ensure_workflow()
	add_indexes()
	ensure_email_reports()


def add_indexes():
	for doctype, indexes in INDEXES.items():
		for columns in indexes:
			frappe.db.add_index(doctype, list(columns), index_name="csc_" + "_".join(columns))


def before_uninstall():
	remove_custom_fields()
	remove_erpnext_permissions()
	remove_workflow_and_rules()


def remove_workflow_and_rules():
	"""The complaint workflow and the department assignment rules point at csc_app's DocTypes."""
	for name in frappe.get_all("Assignment Rule", filters={"document_type": "CSC Complaint"}, pluck="name"):
		frappe.delete_doc("Assignment Rule", name, ignore_permissions=True, force=True)
	for name in frappe.get_all("Workflow", filters={"document_type": "CSC Complaint"}, pluck="name"):
		frappe.delete_doc("Workflow", name, ignore_permissions=True, force=True)


def ensure_roles():
	"""Fixtures ship the roles; this makes install order irrelevant."""
	for role in CSC_ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True  # runs as part of install, before any user exists
			)


def add_erpnext_permissions():
	for doctype, roles in ERPNEXT_PERMISSIONS.items():
		for role, rights in roles.items():
			if not frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
				add_permission(doctype, role, 0)
			for right in rights:
				update_permission_property(doctype, role, 0, right, 1, validate=False)
			if "read" not in rights:  # a new rule reads by default; "select" alone only finds names
				update_permission_property(doctype, role, 0, "read", 0, validate=False)


def remove_erpnext_permissions():
	for doctype, roles in ERPNEXT_PERMISSIONS.items():
		for name in frappe.get_all(
			"Custom DocPerm", filters={"parent": doctype, "role": ("in", list(roles))}, pluck="name"
		):
			frappe.delete_doc("Custom DocPerm", name, ignore_permissions=True, force=True)
		frappe.clear_cache(doctype=doctype)


def remove_custom_fields():
	for doctype, fields in get_custom_fields().items():
		for field in fields:
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
			if name:
				frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
		frappe.clear_cache(doctype=doctype)


def init_settings():
	"""Store CSC Settings' defaults so that jobs reading single values see them."""
	settings = frappe.get_single("CSC Settings")
	for field in settings.meta.fields:
		if field.default and settings.get(field.fieldname) in (None, ""):
			settings.set(field.fieldname, field.default)
	settings.flags.ignore_permissions = True  # install step, no session user yet
	settings.save()
