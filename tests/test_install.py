"""What installing csc_app leaves on a site, and that uninstalling removes it again."""

import subprocess

import frappe
import pytest

from csc_app.setup import install
from csc_app.setup.custom_fields import get_custom_fields

ROLES = install.CSC_ROLES


def custom_field_names():
	return [(dt, f["fieldname"]) for dt, fields in get_custom_fields().items() for f in fields]


def test_roles_exist_with_desk_access():
	for role in ROLES:
		assert frappe.db.get_value("Role", role, "desk_access") == 1, role


def test_custom_fields_exist():
	for doctype, fieldname in custom_field_names():
		assert frappe.get_meta(doctype).has_field(fieldname), (doctype, fieldname)
	assert frappe.get_meta("Vehicle").get_field("is_guide_vehicle").fieldtype == "Check"
	assert frappe.get_meta("Customer").get_field("preferred_hall").options == "CSC Hall"


def test_settings_defaults_are_stored():
	assert frappe.db.get_single_value("CSC Settings", "response_hours") > 0
	assert frappe.db.get_single_value("CSC Settings", "callback_within_hours") > 0
	assert frappe.db.get_single_value("CSC Settings", "sla_warning_percent") == 80


def test_staff_can_read_erpnext_records_they_need():
	assert frappe.permissions.get_role_permissions(frappe.get_meta("Customer"), user=None) is not None
	perms = frappe.get_all(
		"Custom DocPerm", filters={"parent": "Customer", "role": "CSC Agent"}, fields=["*"]
	)
	assert perms and perms[0].read and perms[0].create and not perms[0].delete
	perms = frappe.get_all(
		"Custom DocPerm", filters={"parent": "Vehicle", "role": "Guide Vehicle Captain"}, fields=["*"]
	)
	assert perms and perms[0].write


def test_after_install_is_idempotent():
	counts = {dt: frappe.db.count("Custom Field", {"dt": dt}) for dt in get_custom_fields()}
	perms = frappe.db.count("Custom DocPerm", {"role": ("in", ROLES)})
	install.after_install()
	install.after_install()
	assert {dt: frappe.db.count("Custom Field", {"dt": dt}) for dt in get_custom_fields()} == counts
	assert frappe.db.count("Custom DocPerm", {"role": ("in", ROLES)}) == perms
	frappe.db.rollback()


def test_uninstall_hook_removes_custom_fields_and_permissions():
	install.before_uninstall()
	for doctype, fieldname in custom_field_names():
		assert not frappe.db.exists("Custom Field", {"dt": doctype, "fieldname": fieldname})
	assert not frappe.db.exists("Custom DocPerm", {"role": ("in", ROLES), "parent": "Customer"})
	frappe.db.rollback()
	assert frappe.db.exists("Custom Field", {"dt": "Vehicle", "fieldname": "is_guide_vehicle"})


def installed_apps():
	return frappe.get_all("Installed Application", pluck="app_name")


@pytest.mark.last
def test_real_uninstall_and_reinstall(tmp_path):
	"""bench uninstall-app removes the app's tables and custom fields; install-app brings them back."""
	site = frappe.local.site
	bench = frappe.utils.get_bench_path()
	frappe.db.commit()
	frappe.db.close()

	def bench_run(*args):
		return subprocess.run(
			[f"{bench}/env/bin/python", "-m", "frappe.utils.bench_helper", "frappe", "--site", site, *args],
			cwd=f"{bench}/sites",
			capture_output=True,
			text=True,
			timeout=600,
		)

	try:
		result = bench_run("uninstall-app", "csc_app", "--yes", "--no-backup", "--force")
		assert result.returncode == 0, result.stdout + result.stderr
		frappe.connect()
		assert "csc_app" not in installed_apps()
		assert not frappe.db.table_exists("CSC Merchant")
		assert not frappe.db.exists("Custom Field", {"dt": "Vehicle", "fieldname": "is_guide_vehicle"})
		assert not frappe.db.exists("Custom DocPerm", {"role": ("in", ROLES)})
		frappe.db.close()
	finally:
		result = bench_run("install-app", "csc_app")
		frappe.connect()
	assert result.returncode == 0, result.stdout + result.stderr
	assert "csc_app" in installed_apps()
	assert frappe.db.exists("Custom Field", {"dt": "Vehicle", "fieldname": "is_guide_vehicle"})
	assert frappe.db.get_single_value("CSC Settings", "response_hours") > 0
