"""Periodic callbacks, planned by a daily job: VIP care every N days, birthday greetings, holiday
greetings. Idempotent: each planned callback carries a key unique to its occasion (a unique column),
so running the job twice — or on two workers at once — never plans one twice.

Candidates are found with one set-based query per kind (anti-joined on the keys already planned);
only the callbacks to create are touched one by one.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_to_date, cint, get_datetime, getdate, now_datetime
from pypika import CustomFunction

from csc_app import workflow_guard
from csc_app.callbacks import assignment

DateFormat = CustomFunction("DATE_FORMAT", ["date", "format"])


def plan_periodic_callbacks(today=None) -> dict:
	today = getdate(today or now_datetime())
	return {
		"vip": plan_vip(today),
		"birthday": plan_birthdays(today),
		"holiday": plan_holidays(today),
	}


def plan_vip(today) -> int:
	every = cint(frappe.get_cached_doc("CSC Settings").vip_callback_every_days)
	if every <= 0:
		return 0
	period = today.toordinal() // every  # one VIP callback per customer per period of N days
	customers = _customers(
		DocType("Customer").vip_card_no.isnotnull() & (DocType("Customer").vip_card_no != "")
	)
	return _plan(customers, "VIP", lambda c: f"VIP:{c.name}:{period}", today, _("VIP care call"))


def plan_birthdays(today) -> int:
	customer = DocType("Customer")
	month_day = [f"{today:%m-%d}"]
	if f"{today:%m-%d}" == "02-28" and not _is_leap(today.year):
		month_day.append("02-29")  # those born on 29 February are greeted on the 28th in other years
	condition = DateFormat(customer.birthday, "%m-%d").isin(month_day)
	return _plan(
		_customers(condition),
		"Birthday",
		lambda c: f"BDAY:{c.name}:{today.year}",
		today,
		_("Birthday greeting"),
	)


def plan_holidays(today) -> int:
	planned = 0
	customer = DocType("Customer")
	for row in frappe.get_cached_doc("CSC Settings").holiday_greetings or []:
		if getdate(row.greeting_date) != today:
			continue
		condition = customer.preferred_hall.isnotnull()
		if row.audience == "VIP Shoppers":
			condition = condition & customer.vip_card_no.isnotnull() & (customer.vip_card_no != "")
		planned += _plan(
			_customers(condition),
			"Holiday Greeting",
			lambda c, row=row: f"HOL:{c.name}:{row.greeting_date}",
			today,
			_("{0} greeting").format(row.occasion),
		)
	return planned


def _customers(condition) -> list:
	customer = DocType("Customer")
	return (
		frappe.qb.from_(customer)
		.select(customer.name, customer.customer_name, customer.mobile_no, customer.preferred_hall)
		.where(
			condition
			& (customer.disabled == 0)
			& customer.preferred_hall.isnotnull()
			& customer.mobile_no.isnotnull()
		)
		.run(as_dict=True)
	)


def _plan(customers, callback_type: str, key_of, today, summary: str) -> int:
	if not customers:
		return 0
	keys = {c.name: key_of(c) for c in customers}
	callback = DocType("CSC Callback")
	existing = set(
		frappe.qb.from_(callback)
		.select(callback.dedupe_key)
		.where(callback.dedupe_key.isin(list(keys.values())))
		.run(pluck=True)
	)
	due = add_to_date(get_datetime(today), hours=20)  # by the end of the working day
	if due < now_datetime():
		due = add_to_date(now_datetime(), hours=2)
	planned = 0
	queues: dict[str, list[str]] = {}
	for customer in customers:
		key = keys[customer.name]
		if key in existing:
			continue
		agents = queues.setdefault(
			customer.preferred_hall, assignment.agents_by_load(customer.preferred_hall)
		)
		assignee = agents[planned % len(agents)] if agents else None
		doc = frappe.get_doc(
			{
				"doctype": "CSC Callback",
				"callback_type": callback_type,
				"hall": customer.preferred_hall,
				"customer": customer.name,
				"contact_name": customer.customer_name,
				"phone": customer.mobile_no,
				"due_by": due,
				"assigned_to": assignee,
			}
		)
		doc.dedupe_key = key
		doc.case_summary = summary
		try:
			with workflow_guard.system_update(doc):
				doc.insert(ignore_permissions=True)  # planned by the scheduler, not by a user
		except frappe.DuplicateEntryError:
			continue  # planned meanwhile by another worker
		except frappe.ValidationError:
			frappe.log_error(title=f"csc_app: cannot plan {callback_type} callback for {customer.name}")
			continue
		assignment.notify_assignee(doc)
		planned += 1
	return planned


def _is_leap(year: int) -> bool:
	return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
