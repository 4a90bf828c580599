"""Coverage KPI, visit calendar and the Merchant 360 dashboard, as real users through REST."""

import frappe
import pytest
from frappe.utils import add_days, nowdate

from tests.factories_visits import VISIT, make_visit
from tests.utils import make_hall, make_merchant

COVERAGE = "csc_app.api.visits.get_coverage"
EVENTS = "csc_app.api.visits.get_visit_events"


def ago(days: int) -> str:
	return str(add_days(nowdate(), -days))


@pytest.fixture(scope="module")
def world(users):
	"""Two fresh halls. Period: 60 to 31 days ago.

	Hall A: five active merchants (visited twice in the period, once, only before it, on the period's last
	evening, only planned), one suspended merchant visited in the period. Hall B: one visited merchant.
	"""
	hall_a, hall_b = make_hall(), make_hall()
	tag = f"Cov{frappe.generate_hash(length=6)}"
	a = [make_merchant(hall_a, merchant_name=f"{tag} A{i}") for i in range(5)]
	suspended = make_merchant(hall_a, status="Suspended", merchant_name=f"{tag} A-suspended")
	b = make_merchant(hall_b, merchant_name=f"{tag} B0")
	agent_a = users.make("CSC Agent", halls=[hall_a])
	for visited_on in (f"{ago(50)} 10:00:00", f"{ago(40)} 10:00:00"):
		make_visit(a[0], done=True, visited_on=visited_on, visitor=agent_a)
	make_visit(a[1], done=True, visited_on=f"{ago(31)} 09:00:00")
	make_visit(a[2], done=True, visited_on=f"{ago(61)} 23:59:59")  # the day before the period
	make_visit(a[3], done=True, visited_on=f"{ago(31)} 23:59:59")  # the period's last second
	make_visit(a[3], done=True, visited_on=f"{ago(30)} 00:00:00")  # the day after: not counted
	make_visit(a[4], planned_date=add_days(nowdate(), 2), visitor=agent_a)
	make_visit(suspended, done=True, visited_on=f"{ago(45)} 10:00:00")
	make_visit(b, done=True, visited_on=f"{ago(45)} 10:00:00")
	return frappe._dict(
		hall_a=hall_a,
		hall_b=hall_b,
		tag=tag,
		a=a,
		b=b,
		agent_a=agent_a,
		period={"from_date": ago(60), "to_date": ago(31)},
	)


def rows_by_hall(response, *halls):
	assert response.status_code == 200, response
	return {row["hall"]: row for row in response.data if row["hall"] in halls}


def test_coverage_counts_distinct_active_merchants_visited_in_the_period(users, world):
	manager = users.rest("CSC Manager")
	rows = rows_by_hall(manager.call(COVERAGE, http="get", **world.period), world.hall_a, world.hall_b)
	a, b = rows[world.hall_a], rows[world.hall_b]
	assert (a["active_merchants"], a["visited_merchants"], a["coverage"]) == (5, 3, 60.0)
	assert (b["active_merchants"], b["visited_merchants"], b["coverage"]) == (1, 1, 100.0)
	assert a["from_date"] == world.period["from_date"] and a["to_date"] == world.period["to_date"]


def test_coverage_of_one_hall(users, world):
	manager = users.rest("CSC Manager")
	response = manager.call(COVERAGE, http="get", hall=world.hall_b, **world.period)
	assert response.status_code == 200, response
	assert [row["hall"] for row in response.data] == [world.hall_b]


def test_coverage_is_limited_to_the_callers_halls(users, world):
	for role in ("CSC Agent", "CSC Supervisor", "CSC Archivist"):
		client = users.rest(role, halls=[world.hall_a])
		response = client.call(COVERAGE, http="get", **world.period)
		assert response.status_code == 200, response
		assert {row["hall"] for row in response.data} == {world.hall_a}
		denied = client.call(COVERAGE, http="get", hall=world.hall_b, **world.period)
		assert denied.status_code == 403, denied
	assert users.rest("CSC Agent").call(COVERAGE, http="get", **world.period).data == []


@pytest.mark.parametrize("role", ["CSC Department Handler", "Guide Vehicle Captain", "Guide Vehicle Driver"])
def test_coverage_is_refused_to_roles_without_visits(users, world, role):
	response = users.rest(role).call(COVERAGE, http="get", **world.period)
	assert response.status_code == 403, response


@pytest.mark.parametrize(
	("params", "expected"),
	[
		({"from_date": "2026-02-30", "to_date": "2026-03-31"}, "must be valid dates"),
		({"from_date": "yesterday", "to_date": "2026-03-31"}, "must be valid dates"),
		({"from_date": "", "to_date": "2026-03-31"}, "must be valid dates"),
		({"from_date": "2026-03-31", "to_date": "2026-03-01"}, "cannot be before From Date"),
		({"from_date": "2026-03-01", "to_date": "2026-03-31", "hall": "No Such Hall"}, "does not exist"),
		({"from_date": "2026-03-01", "to_date": "2026-03-31", "hall": "x' or '1'='1"}, "does not exist"),
	],
)
def test_coverage_refuses_bad_input(users, params, expected):
	response = users.rest("CSC Manager").call(COVERAGE, http="get", **params)
	assert response.status_code in (404, 417), response
	assert expected in response.messages, response.messages


def test_calendar_shows_planned_visits_of_the_callers_halls_with_the_visitor(users, world):
	visit_b = make_visit(world.b, planned_date=add_days(nowdate(), 2))
	agent = users.rest("CSC Agent", halls=[world.hall_a])
	response = agent.call(
		EVENTS,
		doctype=VISIT,
		start=nowdate(),
		end=add_days(nowdate(), 7),
		filters=[[VISIT, "merchant_name", "like", f"{world.tag}%"]],
		field_map='{"start": "planned_date", "end": "planned_date", "title": "title"}',
	)
	assert response.status_code == 200, response
	[event] = response.data
	assert event["planned_date"] == add_days(nowdate(), 2) and event["status"] == "Planned"
	assert event["title"].startswith(f"{world.tag} A4 · ")
	assert event["visitor"] == world.agent_a and event["allDay"] == 1

	# one visitor's calendar
	mine = agent.call(
		EVENTS, start=nowdate(), end=add_days(nowdate(), 7), filters=[[VISIT, "visitor", "=", world.agent_a]]
	)
	assert {e["name"] for e in mine.data} and all(e["visitor"] == world.agent_a for e in mine.data)

	manager = users.rest("CSC Manager")
	everything = manager.call(
		EVENTS,
		start=nowdate(),
		end=add_days(nowdate(), 7),
		filters=[[VISIT, "merchant_name", "like", f"{world.tag}%"]],
	)
	assert visit_b in {e["name"] for e in everything.data}
	assert (
		users.rest("CSC Department Handler").call(EVENTS, start=nowdate(), end=nowdate()).status_code == 403
	)


def test_merchant_360_lists_visits_through_the_dashboard():
	data = frappe.get_meta("CSC Merchant").get_dashboard_data()
	assert data.fieldname == "merchant"
	assert "CSC Merchant Visit" in [item for group in data.transactions for item in group["items"]]


def test_merchant_360_counts_respect_permissions(users, world):
	def visit_counts(client, merchant):
		response = client.call(
			"frappe.desk.notifications.get_open_count", http="get", doctype="CSC Merchant", name=merchant
		)
		assert response.status_code == 200, response
		[row] = [r for r in response.data["count"]["external_links_found"] if r["doctype"] == VISIT]
		return row["count"], row["open_count"]

	assert visit_counts(users.rest("CSC Agent", halls=[world.hall_a]), world.a[0]) == (2, 0)
	assert visit_counts(users.rest("CSC Archivist", halls=[world.hall_a]), world.a[4]) == (1, 1)
	# a department handler may open the merchant, but not its visits: no count either
	assert visit_counts(users.rest("CSC Department Handler"), world.a[0]) == (0, 0)
	denied = users.rest("CSC Agent", halls=[world.hall_a]).call(
		"frappe.desk.notifications.get_open_count", http="get", doctype="CSC Merchant", name=world.b
	)
	assert denied.status_code == 403, denied
