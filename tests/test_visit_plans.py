"""The daily visit plan, with frozen time: next visits planned ahead, overdue ones marked Missed, run twice.

The job works on the whole site, so each test builds fresh halls and merchants and looks only at them.
The job's writes stay in the test's transaction and are rolled back; merchants given a visit interval
are retired afterwards so that later runs of the suite do not plan for them again.
"""

import frappe
import pytest
from frappe.utils import add_days, escape_html, getdate

from csc_app import visit_plans
from csc_app.api.halls import set_user_halls
from tests.factories_visits import VISIT, frozen, make_visit
from tests.utils import make_hall, make_merchant

DAY0 = "2031-03-03"  # a Monday; every test of this module lives in March 2031
AHEAD, GRACE = 7, 2


def day(offset: int) -> str:
	return str(add_days(DAY0, offset))


@pytest.fixture(scope="module", autouse=True)
def settled_site():
	"""Settle what earlier suite runs left Planned (as the scheduler would have), then fix the settings."""
	with frozen(f"{day(-2)} 06:00:00"):
		visit_plans.mark_missed_visits()
	before = frappe.db.get_value(
		"CSC Settings", None, ["visit_plan_ahead_days", "visit_missed_grace_days"], as_dict=True
	)
	frappe.db.set_single_value(
		"CSC Settings", {"visit_plan_ahead_days": AHEAD, "visit_missed_grace_days": GRACE}
	)
	frappe.db.commit()
	yield
	frappe.db.set_single_value("CSC Settings", before)
	frappe.db.commit()


@pytest.fixture
def merchants():
	"""Make merchants with a visit interval; they leave the market (status Left) after the test."""
	made = []

	def make(hall, **values):
		made.append(make_merchant(hall, **values))
		return made[-1]

	yield make
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for name in made:
		merchant = frappe.get_doc("CSC Merchant", name)
		merchant.status = "Left"
		merchant.save()
		for visit in frappe.get_all(VISIT, filters={"merchant": name, "status": "Planned"}, pluck="name"):
			doc = frappe.get_doc(VISIT, visit)
			doc.status = "Cancelled"
			doc.save()
	frappe.db.commit()


@pytest.fixture
def hall():
	return make_hall()


def visits(merchant, **filters) -> list:
	return frappe.get_all(
		VISIT,
		filters={"merchant": merchant, **filters},
		fields=["name", "status", "planned_date", "purpose", "visitor", "from_visit_plan", "visit_type"],
		order_by="planned_date asc",
	)


def run_daily_at(when: str, times: int = 2):
	with frozen(when):
		for _ in range(times):
			visit_plans.run_daily()


def test_the_job_is_scheduled_daily():
	assert "csc_app.visit_plans.run_daily" in frappe.get_hooks("scheduler_events")["daily"]
	assert (
		frappe.db.get_value("Scheduled Job Type", {"method": "csc_app.visit_plans.run_daily"}, "frequency")
		== "Daily"
	)


def test_a_merchant_never_visited_is_planned_today_once(hall, merchants):
	due = merchants(hall, visit_every_days=14)
	no_plan = merchants(hall)
	suspended = merchants(hall, visit_every_days=14, status="Suspended")

	run_daily_at(f"{DAY0} 01:00:00")

	[visit] = visits(due)
	assert visit.status == "Planned"
	assert getdate(visit.planned_date) == getdate(DAY0)
	assert (visit.purpose, visit.from_visit_plan, visit.visit_type) == ("Routine", 1, "Planned")
	assert visit.visitor is None  # nobody has visited it yet; the supervisor assigns it
	assert visits(no_plan) == [] and visits(suspended) == []


def test_the_next_visit_follows_the_last_one_and_goes_to_its_visitor(users, hall, merchants):
	agent = users.make("CSC Agent", halls=[hall])
	merchant = merchants(hall, visit_every_days=30)
	with frozen(f"{DAY0} 09:00:00"):
		make_visit(merchant, done=True, visited_on=f"{day(-20)} 10:00:00", visitor=agent)

	# due on day 10: not yet within the 7 days ahead on day 0
	run_daily_at(f"{DAY0} 01:00:00")
	assert visits(merchant, status="Planned") == []

	# day 3: day 10 is within reach; planned once, for the agent who went last time
	run_daily_at(f"{day(3)} 01:00:00")
	[visit] = visits(merchant, status="Planned")
	assert getdate(visit.planned_date) == getdate(day(10))
	assert visit.visitor == agent

	# still one planned visit a day later
	run_daily_at(f"{day(4)} 01:00:00")
	assert [v.name for v in visits(merchant, status="Planned")] == [visit.name]


def test_an_overdue_merchant_is_planned_today(hall, merchants):
	merchant = merchants(hall, visit_every_days=30)
	with frozen(f"{DAY0} 09:00:00"):
		make_visit(merchant, done=True, visited_on=f"{day(-45)} 15:00:00")
	run_daily_at(f"{DAY0} 01:00:00")
	[visit] = visits(merchant, status="Planned")
	assert getdate(visit.planned_date) == getdate(DAY0)


def test_a_visitor_who_left_the_hall_is_not_given_the_next_visit(users, hall, merchants):
	moved = users.make("CSC Agent", halls=[hall])
	merchant = merchants(hall, visit_every_days=30)
	with frozen(f"{DAY0} 09:00:00"):
		make_visit(merchant, done=True, visited_on=f"{day(-40)} 10:00:00", visitor=moved)
	set_user_halls(moved, [make_hall()])
	frappe.db.commit()
	run_daily_at(f"{DAY0} 01:00:00")
	[visit] = visits(merchant, status="Planned")
	assert visit.visitor is None


def test_a_visit_already_planned_in_the_cycle_counts_as_the_next_one(hall, merchants):
	soon = merchants(hall, visit_every_days=30)
	much_later = merchants(hall, visit_every_days=30)
	with frozen(f"{DAY0} 09:00:00"):
		training = make_visit(soon, purpose="Training", planned_date=day(5))
		make_visit(much_later, purpose="Activity", planned_date=day(60))

	run_daily_at(f"{DAY0} 10:00:00")

	assert [v.name for v in visits(soon)] == [training]
	planned = visits(much_later)
	assert [(v.purpose, str(v.planned_date)) for v in planned] == [("Routine", DAY0), ("Activity", day(60))]


def test_an_overdue_planned_visit_is_marked_missed_once_and_supervisors_are_told(users, hall, merchants):
	other_hall = make_hall()
	supervisor = users.make("CSC Supervisor", halls=[hall])
	supervisor_zh = users.make("CSC Supervisor", halls=[hall, other_hall], lang="zh")
	elsewhere = users.make("CSC Supervisor", halls=[other_hall])
	agent = users.make("CSC Agent", halls=[hall])
	merchant = merchants(
		hall, visit_every_days=60, merchant_name=f"巡店 <b>{frappe.generate_hash(length=4)}</b>"
	)
	with frozen(f"{DAY0} 09:00:00"):
		visit = make_visit(merchant, planned_date=day(1), visitor=agent)

	# planned for day 1, 2 days of grace: still Planned on day 3
	run_daily_at(f"{day(3)} 01:00:00")
	assert frappe.db.get_value(VISIT, visit, "status") == "Planned"
	assert not frappe.db.exists("Notification Log", {"document_name": visit})

	run_daily_at(f"{day(4)} 01:00:00")
	assert frappe.db.get_value(VISIT, visit, "status") == "Missed"

	logs = frappe.get_all(
		"Notification Log",
		filters={"document_type": VISIT, "document_name": visit},
		fields=["for_user", "subject", "type"],
	)
	assert sorted(log.for_user for log in logs) == sorted([supervisor, supervisor_zh])  # once each
	subjects = {log.for_user: log.subject for log in logs}
	assert "is now marked Missed" in subjects[supervisor]
	assert "已标记为未拜访" in subjects[supervisor_zh]
	shop = frappe.db.get_value("CSC Merchant", merchant, "merchant_name")
	assert escape_html(shop) in subjects[supervisor] and "<b>" not in subjects[supervisor]
	assert elsewhere not in subjects and agent not in subjects

	# the change went through the controller and left a Version
	versions = frappe.get_all("Version", filters={"ref_doctype": VISIT, "docname": visit}, pluck="data")
	changes = [c for data in versions for c in frappe.parse_json(data).get("changed", [])]
	assert ["status", "Planned", "Missed"] in changes

	# the supervisor sees the alert in their own notifications
	frappe.set_user(supervisor)
	mine = frappe.get_list("Notification Log", filters={"document_name": visit}, pluck="for_user")
	assert mine == [supervisor]


def test_a_missed_visit_moves_the_plan_to_the_next_cycle(hall, merchants):
	merchant = merchants(hall, visit_every_days=10)
	with frozen(f"{DAY0} 09:00:00"):
		visit = make_visit(merchant, planned_date=day(1))
	run_daily_at(f"{day(4)} 01:00:00")
	assert frappe.db.get_value(VISIT, visit, "status") == "Missed"
	[planned] = visits(merchant, status="Planned")
	assert getdate(planned.planned_date) == getdate(day(11))  # one interval after the missed date


def test_a_cancelled_visit_is_not_planned_again_at_once(hall, merchants):
	merchant = merchants(hall, visit_every_days=14)
	run_daily_at(f"{DAY0} 01:00:00")
	[planned] = visits(merchant, status="Planned")
	with frozen(f"{DAY0} 09:00:00"):
		doc = frappe.get_doc(VISIT, planned.name)
		doc.status = "Cancelled"
		doc.save()
	run_daily_at(f"{day(1)} 01:00:00")
	assert visits(merchant, status="Planned") == []
	run_daily_at(f"{day(8)} 01:00:00")
	[replanned] = visits(merchant, status="Planned")
	assert getdate(replanned.planned_date) == getdate(day(14))


def test_one_bad_record_does_not_stop_the_job(hall, merchants):
	broken, fine = merchants(hall, visit_every_days=14), merchants(hall, visit_every_days=14)
	with frozen(f"{DAY0} 09:00:00"):
		stuck = make_visit(broken, planned_date=day(1))
		frappe.db.set_value(VISIT, stuck, "satisfaction", 9)  # legacy data the controller now refuses
		frappe.db.commit()
	run_daily_at(f"{day(4)} 01:00:00", times=1)
	assert frappe.db.get_value(VISIT, stuck, "status") == "Planned"
	assert frappe.db.exists("Error Log", {"reference_name": stuck})
	assert len(visits(fine, status="Planned")) == 1
	frappe.db.rollback()
	frappe.db.set_value(VISIT, stuck, "satisfaction", 0)  # let the clean-up cancel it
	frappe.db.commit()
