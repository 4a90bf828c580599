"""Customer-flow counts (客流统计), the denominator of the complaint rate, through REST."""

import frappe
import pytest
from frappe.utils import add_days, today

from tests.factories_vehicles import SHIFT_DAY, race, resource_path
from tests.utils import make_hall

FLOW = "CSC Customer Flow"


@pytest.fixture
def hall():
	return make_hall()


@pytest.fixture
def agent(users, hall):
	return users.rest("CSC Agent", halls=[hall])


def flow(hall, **values):
	return {"hall": hall, "date": SHIFT_DAY, "period": "Morning", "source": "Manual", "count": 350, **values}


def test_agent_records_a_manual_count(agent, hall):
	response = agent.insert(FLOW, flow(hall, recorded_by="Administrator"))
	assert response.status_code == 200, response
	assert response.data["recorded_by"] == agent.user
	assert response.data["name"].startswith("FLOW-")


def test_one_count_per_hall_date_period_and_source(agent, hall):
	assert agent.insert(FLOW, flow(hall)).status_code == 200
	response = agent.insert(FLOW, flow(hall, count=10))
	assert response.status_code == 417, response
	assert "already holds" in response.messages
	assert agent.insert(FLOW, flow(hall, source="Counter")).status_code == 200
	assert agent.insert(FLOW, flow(hall, period="Afternoon")).status_code == 200
	assert frappe.db.count(FLOW, {"hall": hall}) == 3


def test_two_identical_counts_at_once_store_one(agent, users, hall):
	supervisor = users.rest("CSC Supervisor", halls=[hall])
	responses = race(
		[
			(agent, "post", resource_path(FLOW), flow(hall, period="Evening")),
			(supervisor, "post", resource_path(FLOW), flow(hall, period="Evening")),
		]
	)
	assert sorted(r.status_code for r in responses) == [200, 417], responses
	assert frappe.db.count(FLOW, {"hall": hall, "period": "Evening"}) == 1


def test_the_database_refuses_a_duplicate_even_without_the_check(hall):
	frappe.get_doc({"doctype": FLOW, **flow(hall)}).insert()
	duplicate = frappe.get_doc({"doctype": FLOW, **flow(hall)})
	duplicate.name = "FLOW-DUP-" + frappe.generate_hash(length=6)
	with pytest.raises(frappe.UniqueValidationError, match="already holds"):
		duplicate.db_insert()
	frappe.db.rollback()


def test_negative_count_is_refused(agent, hall):
	response = agent.insert(FLOW, flow(hall, count=-1))
	assert response.status_code == 417, response
	assert "cannot be negative" in response.messages
	assert not frappe.db.exists(FLOW, {"hall": hall})


def test_missing_count_is_refused(agent, hall):
	body = flow(hall)
	body.pop("count")
	response = agent.insert(FLOW, body)
	assert response.status_code == 417, response
	assert response.exc_type == "MandatoryError"


def test_zero_is_a_count(agent, hall):
	response = agent.insert(FLOW, flow(hall, count=0))
	assert response.status_code == 200, response


def test_future_date_is_refused(agent, hall):
	response = agent.insert(FLOW, flow(hall, date=add_days(today(), 1)))
	assert response.status_code == 417, response
	assert "is in the future" in response.messages


def test_period_outside_the_options_is_refused(agent, hall):
	response = agent.insert(FLOW, flow(hall, period="Midnight"))
	assert response.status_code == 417, response
	assert not frappe.db.exists(FLOW, {"hall": hall})


def test_guide_vehicle_counts_cannot_be_typed_in(agent, hall, users):
	response = agent.insert(FLOW, flow(hall, source="Guide Vehicle"))
	assert response.status_code == 417, response
	assert "come from submitted guide vehicle logs" in response.messages
	manual = agent.insert(FLOW, flow(hall)).data["name"]
	response = agent.update(FLOW, manual, {"source": "Guide Vehicle"})
	assert response.status_code == 417, response
	manager = users.rest("CSC Manager")
	assert manager.insert(FLOW, flow(hall, source="Guide Vehicle", period="Full Day")).status_code == 417


def test_inactive_hall_is_refused(users, unique):
	closed = make_hall(unique, is_active=0)
	response = users.rest("CSC Manager").insert(FLOW, flow(closed))
	assert response.status_code == 417, response
	assert "is not active" in response.messages


def test_flow_has_the_hall_date_index():
	indexes = frappe.db.sql("show index from `tabCSC Customer Flow`", as_dict=True)
	hall_date = [(i.Seq_in_index, i.Column_name) for i in indexes if i.Key_name == "hall_date_index"]
	assert sorted(hall_date) == [(1, "hall"), (2, "date")]
