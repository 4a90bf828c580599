"""Existing sites: store the new guide-vehicle settings, the default checklist and the new role rights."""

from csc_app.setup.fleet import ensure_default_template
from csc_app.setup.install import add_erpnext_permissions, init_settings


def execute():
	init_settings()
	ensure_default_template()
	add_erpnext_permissions()
