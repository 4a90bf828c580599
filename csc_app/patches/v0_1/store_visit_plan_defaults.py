"""Existing sites: store the defaults of the visit plan settings added with merchant visits."""

from csc_app.setup.install import init_settings


def execute():
	init_settings()  # stores only the defaults of settings that are still empty
