"""Existing sites get the default of CSC Settings' new survey field (install stores defaults itself)."""

from csc_app.setup.install import init_settings


def execute():
	init_settings()
