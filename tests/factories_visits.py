"""Builders for merchant-visit tests: visits written as Administrator, and frozen time for scheduled jobs."""

from contextlib import contextmanager

import frappe
import pytz
from frappe.utils import add_days, add_to_date, get_datetime, get_system_timezone, now_datetime, nowdate

VISIT = "CSC Merchant Visit"


def tomorrow() -> str:
	return add_days(nowdate(), 1)


def an_hour_ago() -> str:
	return str(add_to_date(now_datetime(), hours=-1))


def planned_body(merchant: str, **values) -> dict:
	return {"merchant": merchant, "purpose": "Routine", "planned_date": tomorrow(), **values}


def done_body(merchant: str, **values) -> dict:
	return {
		"merchant": merchant,
		"purpose": "Routine",
		"status": "Done",
		"visited_on": an_hour_ago(),
		"findings": "Shop tidy; price tags in place.",
		**values,
	}


def make_visit(merchant: str, done: bool = False, commit: bool = True, **values) -> str:
	"""A visit saved through its controller as Administrator (Planned tomorrow, or Done an hour ago)."""
	body = done_body(merchant, **values) if done else planned_body(merchant, **values)
	doc = frappe.get_doc({"doctype": VISIT, **body}).insert()
	if commit:
		frappe.db.commit()
	return doc.name


@contextmanager
def frozen(when: str):
	"""Freeze the clock at ``when`` in the site's time zone (as FrappeTestCase.freeze_time does).

	REST requests made by ``RestClient`` run in threads of this process, so they see the same clock.
	"""
	from freezegun import freeze_time

	local = pytz.timezone(get_system_timezone()).localize(get_datetime(when))
	with freeze_time(local.astimezone(pytz.utc)):
		yield
