"""Reception log (来电来访登记): timing, bad input, roles and hall isolation through REST."""

from datetime import timedelta

import frappe
import pytest
from frappe.utils import now_datetime

from tests.utils import make_hall


def at(minutes_ago: float) -> str:
	return str(now_datetime() - timedelta(minutes=minutes_ago))[:19]


@pytest.fixture(scope="module")
def halls():
	return make_hall(), make_hall()


def body(hall, **values):
	return {"hall": hall, "reception_type": "Visit", "purpose": "Inquiry", "visitor_name": "孙女士", **values}


def test_on_time_and_late_reception(users, halls):
	agent = users.rest("CSC Agent", halls=[halls[0]])
	limit = frappe.db.get_single_value("CSC Settings", "reception_within_minutes")
	quick = agent.insert(
		"CSC Reception Log", body(halls[0], arrived_at=at(30), received_at=at(30 - limit + 1))
	)
	assert quick.status_code == 200, quick
	doc = frappe.get_doc("CSC Reception Log", quick.data["name"])
	assert doc.is_on_time == 1 and doc.received_by == agent.user
	slow = agent.insert(
		"CSC Reception Log",
		body(halls[0], arrived_at=at(60), received_at=at(60 - limit - 10), phone="021 6234 5678"),
	)
	doc = frappe.get_doc("CSC Reception Log", slow.data["name"])
	assert doc.is_on_time == 0 and doc.waiting_minutes >= limit + 9 and doc.phone == "021-62345678"


@pytest.mark.parametrize(
	"values, message",
	[
		({"arrived_at": at(10), "received_at": at(20)}, "before the arrival"),
		({"arrived_at": at(-60)}, "future"),
		({"arrived_at": at(5), "phone": "12"}, "not a valid phone number"),
		({"arrived_at": at(5), "reception_type": "Fax"}, "Type"),
	],
)
def test_bad_input(users, halls, values, message):
	agent = users.rest("CSC Agent", halls=[halls[0]])
	marker = frappe.generate_hash(length=10)
	r = agent.insert("CSC Reception Log", body(halls[0], visitor_name=marker, **values))
	assert r.status_code == 417 and message in r.messages, r
	assert not frappe.db.exists("CSC Reception Log", {"visitor_name": marker})


@pytest.mark.parametrize(
	"role, can_read, can_write, can_create",
	[
		("CSC Manager", True, True, True),
		("CSC Supervisor", True, True, True),
		("CSC Agent", True, True, True),
		("CSC Archivist", True, False, False),
		("CSC Department Handler", False, False, False),
		("Guide Vehicle Driver", False, False, False),
	],
)
def test_roles_and_isolation(users, halls, role, can_read, can_write, can_create):
	mine = frappe.get_doc({"doctype": "CSC Reception Log", **body(halls[0], arrived_at=at(5))}).insert(
		ignore_permissions=True
	)
	theirs = frappe.get_doc({"doctype": "CSC Reception Log", **body(halls[1], arrived_at=at(5))}).insert(
		ignore_permissions=True
	)
	frappe.db.commit()
	bound = role in ("CSC Supervisor", "CSC Agent", "CSC Archivist")
	client = users.rest(role, halls=[halls[0]] if bound else [])
	assert (client.get_doc("CSC Reception Log", mine.name).status_code == 200) == can_read
	modified = str(frappe.db.get_value("CSC Reception Log", mine.name, "modified"))
	assert (
		client.update("CSC Reception Log", mine.name, {"modified": modified, "notes": "x"}).status_code == 200
	) == can_write
	assert (
		client.insert("CSC Reception Log", body(halls[0], arrived_at=at(1))).status_code == 200
	) == can_create
	if bound:
		assert client.get_doc("CSC Reception Log", theirs.name).status_code == 403
		listed = client.get_list("CSC Reception Log", filters=[["name", "in", [mine.name, theirs.name]]])
		assert [row["name"] for row in listed.data] == [mine.name]
