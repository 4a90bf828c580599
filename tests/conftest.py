"""pytest harness: a real site on the real MariaDB, and a REST client that acts as real users.

Run through ``scripts/test.sh`` (it starts MariaDB and Redis, prepares the test site and runs pytest
from the bench's ``sites`` folder). Data written through REST is committed by the request, so tests
never rely on rollback: every test builds what it needs under fresh, unique names.
"""

import os
import uuid

import frappe
import pytest

from tests.utils import RestClient, UserFactory

SITE = os.environ.get("CSC_TEST_SITE", "csc-test.localhost")


def pytest_configure(config):
	config.addinivalue_line("markers", "last: run after every other test (it disturbs the site)")
	frappe.init(site=SITE, sites_path=os.environ.get("SITES_PATH", "."))
	frappe.connect()
	if not frappe.conf.allow_tests:
		pytest.exit(f"site {SITE} does not allow tests (bench --site {SITE} set-config allow_tests true)", 2)
	frappe.set_user("Administrator")


def pytest_unconfigure(config):
	if getattr(frappe.local, "site", None):
		frappe.db.rollback()
		frappe.destroy()


def pytest_collection_modifyitems(config, items):
	items.sort(key=lambda item: item.get_closest_marker("last") is not None)


@pytest.fixture(autouse=True)
def _as_administrator():
	"""Every test starts, and leaves, as Administrator with a clean transaction."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.lang = "en"


@pytest.fixture(scope="session")
def users():
	return UserFactory()


@pytest.fixture
def unique():
	"""A short unique suffix for names, so that runs never collide with earlier data."""
	return uuid.uuid4().hex[:8]


@pytest.fixture
def admin_rest():
	return RestClient("Administrator")
