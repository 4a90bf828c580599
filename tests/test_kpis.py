"""KPIs computed by hand on a fixed data set and compared with the scorecard, through REST; every
report over every filter; a restricted user's reports show only their halls."""

import frappe
import pytest

from tests.factories import make_category, make_department, unique_phone
from tests.utils import make_hall, make_merchant

MARCH = {"from_date": "2026-03-01", "to_date": "2026-03-31", "periodicity": "Monthly"}


def _complaint(hall, category, registered_on, validity="Pending", responsibility=None, routings=()):
	doc = frappe.get_doc(
		{
			"doctype": "CSC Complaint",
			"hall": hall,
			"complainant_name": "KPI",
			"phone": unique_phone(),
			"category": category,
			"respondent_type": "Mall",
			"description": "kpi fixture",
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value(
		"CSC Complaint",
		doc.name,
		{
			"registered_on": registered_on,
			"validity": validity,
			"responsibility": responsibility,
			"workflow_state": "Resolved",
		},
		update_modified=False,
	)
	for i, outcome in enumerate(routings):
		frappe.get_doc(
			{
				"doctype": "CSC Complaint Routing",
				"parent": doc.name,
				"parenttype": "CSC Complaint",
				"parentfield": "routings",
				"idx": i + 1,
				"department": doc.department or make_department(),
				"routed_on": registered_on,
				"outcome": outcome,
			}
		).db_insert()
	return doc.name


def _callback(hall, due_by, status, on_time=0, satisfaction=None):
	doc = frappe.get_doc(
		{
			"doctype": "CSC Callback",
			"callback_type": "Service Quality",
			"hall": hall,
			"phone": unique_phone(),
			"due_by": "2099-01-01 10:00:00",
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value(
		"CSC Callback",
		doc.name,
		{"due_by": due_by, "status": status, "is_on_time": on_time, "satisfaction": satisfaction or 0},
		update_modified=False,
	)


def _reception(hall, arrived, received, kind="Visit"):
	frappe.get_doc(
		{
			"doctype": "CSC Reception Log",
			"hall": hall,
			"reception_type": kind,
			"arrived_at": arrived,
			"received_at": received,
		}
	).insert(ignore_permissions=True)


def _visit(hall, merchant, visited_on):
	name = frappe.get_doc(
		{
			"doctype": "CSC Merchant Visit",
			"merchant": merchant,
			"hall": hall,
			"purpose": "Routine",
			"status": "Done",
			"visited_on": "2026-03-10 10:00:00",
			"findings": "ok",
			"visitor": "Administrator",
		}
	)
	name.flags.ignore_validate = True
	name.insert(ignore_permissions=True)
	frappe.db.set_value("CSC Merchant Visit", name.name, "visited_on", visited_on, update_modified=False)


def _raw(doctype, **values):
	"""A fixture row written straight to the table (the KPI, not the record's rules, is under test)."""
	doc = frappe.get_doc({"doctype": doctype, **values})
	doc.name = f"KPI-{frappe.generate_hash(length=12)}"
	doc.db_insert()
	return doc.name


def _fleet(hall):
	carts = [f"KPI cart {frappe.generate_hash(length=5)}" for _ in range(2)]
	for vehicle, day, on_time, status in (
		(carts[0], "2026-03-03", 1, "Completed"),
		(carts[0], "2026-03-04", 0, "Completed"),
		(carts[1], "2026-03-03", 1, "Completed"),
		(carts[1], "2026-03-05", 1, "Completed"),
		(carts[1], "2026-03-06", 0, "Cancelled"),
	):
		_raw(
			"CSC Guide Vehicle Log",
			hall=hall,
			vehicle=vehicle,
			log_date=day,
			shift="Morning",
			status=status,
			scheduled_departure=f"{day} 09:00:00",
			actual_departure=None if status == "Cancelled" else f"{day} 09:03:00",
			is_on_time=on_time,
			docstatus=1,
		)
	# pre-trip inspections: cart 0 on the 3rd, cart 1 on the 3rd (cart 0 on the 4th and cart 1 on the 5th: none)
	_raw(
		"CSC Vehicle Inspection",
		vehicle=carts[0],
		inspected_on="2026-03-03 08:30:00",
		result="Pass",
		docstatus=1,
	)
	_raw(
		"CSC Vehicle Inspection",
		vehicle=carts[1],
		inspected_on="2026-03-03 08:40:00",
		result="Pass",
		docstatus=1,
	)
	_raw(
		"CSC Vehicle Inspection",
		vehicle=carts[1],
		inspected_on="2026-03-05 08:40:00",
		result="Pass",
		docstatus=0,
	)
	# customer flow: the 1st counted twice (the higher count wins), the 2nd in two parts of the day
	_raw("CSC Customer Flow", hall=hall, date="2026-03-01", period="Full Day", source="Counter", count=10000)
	_raw("CSC Customer Flow", hall=hall, date="2026-03-01", period="Full Day", source="Manual", count=9000)
	_raw("CSC Customer Flow", hall=hall, date="2026-03-02", period="Morning", source="Manual", count=3000)
	_raw("CSC Customer Flow", hall=hall, date="2026-03-02", period="Afternoon", source="Manual", count=4000)


@pytest.fixture(scope="module")
def data():
	hall = make_hall()
	category = make_category(make_department())
	# complaints in March: 3 valid (1 the mall's fault), 1 invalid, 1 pending; one in April
	_complaint(hall, category, "2026-03-02 10:00:00", "Valid", "Mall", routings=("Accepted", "Sent Back"))
	_complaint(hall, category, "2026-03-05 10:00:00", "Valid", "Merchant", routings=("Accepted",))
	_complaint(hall, category, "2026-03-09 10:00:00", "Valid", "Merchant", routings=("Accepted", "Pending"))
	_complaint(hall, category, "2026-03-20 10:00:00", "Invalid", "Shopper")
	_complaint(hall, category, "2026-03-30 10:00:00")
	_complaint(hall, category, "2026-04-02 10:00:00", "Valid", "Mall")
	# callbacks due in March: 2 on time (5, 4), 1 late (2), 1 unreachable; 1 cancelled (not counted)
	_callback(hall, "2026-03-03 10:00:00", "Completed", 1, 5)
	_callback(hall, "2026-03-04 10:00:00", "Completed", 1, 4)
	_callback(hall, "2026-03-05 10:00:00", "Completed", 0, 2)
	_callback(hall, "2026-03-06 10:00:00", "Unreachable")
	_callback(hall, "2026-03-07 10:00:00", "Cancelled")
	# reception: 4 visitors, 3 within the set minutes; a call does not count
	for arrived, received in (("10:00", "10:02"), ("11:00", "11:04"), ("12:00", "12:30"), ("13:00", "13:01")):
		_reception(hall, f"2026-03-11 {arrived}:00", f"2026-03-11 {received}:00")
	_reception(hall, "2026-03-11 14:00:00", "2026-03-11 15:00:00", kind="Call")
	# merchants: 4 active (2 visited, one twice) and 1 that left
	merchants = [make_merchant(hall, merchant_name=f"KPI shop {i}") for i in range(4)]
	make_merchant(hall, merchant_name="KPI gone", status="Left")
	_visit(hall, merchants[0], "2026-03-12 10:00:00")
	_visit(hall, merchants[0], "2026-03-19 10:00:00")
	_visit(hall, merchants[1], "2026-03-25 10:00:00")
	_fleet(hall)
	frappe.db.commit()
	return frappe._dict(hall=hall)


def run(client, report, **filters):
	r = client.call("frappe.desk.query_report.run", report_name=report, filters=frappe.as_json(filters))
	assert r.status_code == 200, r
	return r.data


def test_scorecard_matches_hand_computed_kpis(users, data):
	manager = users.rest("CSC Manager")
	result = run(manager, "CSC KPI Scorecard", hall=data.hall, **MARCH)
	rows = [r for r in result["result"] if isinstance(r, dict)]
	assert [r["period"] for r in rows] == ["2026-03"]
	row = rows[0]
	assert row["registered"] == 5
	assert row["valid_complaints"] == 3
	assert row["service_problem_rate"] == pytest.approx(100 / 3, abs=0.01)
	assert row["callbacks_due"] == 4
	assert row["on_time_callback_rate"] == 50.0
	assert row["routed"] == 4 and row["relay_accuracy"] == 75.0
	assert row["on_time_reception_rate"] == 75.0
	assert row["active_merchants"] == 4 and row["merchants_visited"] == 2 and row["visit_coverage"] == 50.0
	assert row["satisfaction"] == pytest.approx(11 / 3, abs=0.01)
	assert row["customer_flow"] == 17000
	assert row["complaint_rate"] == pytest.approx(3 / 17000 * 10000, abs=0.01)
	assert row["flow_count_completion"] == pytest.approx(2 / 31 * 100, abs=0.01)
	assert row["departures_scheduled"] == 4 and row["on_time_departure_rate"] == 75.0
	assert (
		row["inspections_required"] == 4 and row["inspections_done"] == 2 and row["inspection_rate"] == 50.0
	)


def test_complaint_analysis_by_validity(users, data):
	manager = users.rest("CSC Manager")
	result = run(manager, "Complaint Analysis", hall=data.hall, group_by="Validity", **MARCH)
	counts = {
		r["group_value"]: r["complaints"]
		for r in result["result"]
		if isinstance(r, dict) and r.get("group_value")
	}
	assert counts == {"Valid": 3, "Invalid": 1, "Pending": 1}


def test_restricted_user_sees_only_own_halls(users, data):
	other = make_hall()
	agent_elsewhere = users.rest("CSC Supervisor", halls=[other])
	r = agent_elsewhere.call(
		"frappe.desk.query_report.run",
		report_name="CSC KPI Scorecard",
		filters=frappe.as_json({"hall": data.hall, **MARCH}),
	)
	assert r.status_code == 403, r
	result = run(agent_elsewhere, "CSC KPI Scorecard", **MARCH)
	assert data.hall not in {r.get("hall") for r in result["result"] if isinstance(r, dict)}
	result = run(agent_elsewhere, "Complaint Analysis", group_by="Hall", **MARCH)
	assert data.hall not in {r.get("group_value") for r in result["result"] if isinstance(r, dict)}


@pytest.mark.parametrize("periodicity", ["Daily", "Weekly", "Monthly", "Quarterly", "Yearly", "Total"])
def test_scorecard_every_periodicity(users, data, periodicity):
	run(users.rest("CSC Manager"), "CSC KPI Scorecard", **{**MARCH, "periodicity": periodicity})


@pytest.mark.parametrize(
	"group_by",
	[
		"Category",
		"Department",
		"Respondent Merchant",
		"Channel",
		"Validity",
		"Responsibility",
		"Hall",
		"Severity",
		"Staff",
		"Handler",
	],
)
def test_complaint_analysis_every_grouping(users, data, group_by):
	run(
		users.rest("CSC Manager"),
		"Complaint Analysis",
		group_by=group_by,
		hall=data.hall,
		staff="Administrator",
		**MARCH,
	)


@pytest.mark.parametrize(
	"filters, message",
	[
		({"from_date": "2026-03-31", "to_date": "2026-03-01"}, "cannot be before"),
		({"periodicity": "Hourly"}, "Unknown"),
		({"hall": "No Such Hall"}, "does not exist"),
		({"from_date": "2026-02-30"}, "valid dates"),
	],
)
def test_bad_filters(users, filters, message):
	r = users.rest("CSC Manager").call(
		"frappe.desk.query_report.run", report_name="CSC KPI Scorecard", filters=frappe.as_json(filters)
	)
	assert r.status_code >= 400 and message in r.messages, r


REPORTS = {
	"CSC KPI Scorecard": [{}, {"periodicity": "Weekly"}, {"periodicity": "Total"}],
	"Complaint Analysis": [{}, {"group_by": "Hall"}, {"merchant": "MER-00001"}],
	"Callback Register": [
		{},
		{"status": "Completed"},
		{"callback_type": "VIP"},
		{"assigned_to": "Administrator"},
	],
	"Callback Workbench": [{}, {"everyone": 1}, {"status": "Unreachable"}],
	"Visit Coverage": [{}],
	"Guide Vehicle Operations": [{}],
	"Customer Flow Summary": [{}, {"periodicity": "Monthly"}],
}


@pytest.mark.parametrize("report", list(REPORTS))
def test_every_report_over_its_filters_shows_only_allowed_halls(users, data, report):
	manager = users.rest("CSC Manager")
	other = make_hall()
	supervisor = users.rest("CSC Supervisor", halls=[other])
	for extra in REPORTS[report]:
		filters = {**MARCH, **extra}
		run(manager, report, **filters)
		run(manager, report, hall=data.hall, **filters)
		result = run(supervisor, report, **filters) if report != "Guide Vehicle Operations" else None
		if result:
			for row in result["result"]:
				if isinstance(row, dict) and row.get("hall"):
					assert row["hall"] == other, (report, row)


def test_scorecard_matches_raw_sql(users, data):
	"""The scorecard's valid-complaint count against the same aggregate written as plain SQL."""
	raw = frappe.db.sql(
		"""select count(*) from `tabCSC Complaint`
		where hall = %s and validity = 'Valid' and registered_on >= '2026-03-01' and registered_on < '2026-04-01'""",
		data.hall,
	)[0][0]
	result = run(users.rest("CSC Manager"), "CSC KPI Scorecard", hall=data.hall, **MARCH)
	assert [r["valid_complaints"] for r in result["result"] if isinstance(r, dict)] == [raw]


def test_workspace_cards_and_charts_are_hall_scoped(users, data):
	other = make_hall()
	supervisor = users.rest("CSC Supervisor", halls=[other])
	r = supervisor.call("csc_app.api.dashboard.on_time_departure_today")
	assert r.status_code == 200 and r.data["fieldtype"] == "Percent", r
	r = supervisor.call(
		"csc_app.csc_app.dashboard_chart_source.csc_complaints_by_hall.csc_complaints_by_hall.get",
		from_date="2026-03-01",
		to_date="2026-03-31",
	)
	assert r.status_code == 200, r
	assert data.hall not in [d["name"] for d in r.data["datasets"]]
	r = users.rest("CSC Manager").call(
		"csc_app.csc_app.dashboard_chart_source.csc_complaints_by_hall.csc_complaints_by_hall.get",
		from_date="2026-03-01",
		to_date="2026-03-31",
	)
	assert data.hall in [d["name"] for d in r.data["datasets"]]
	for card in ("Open Complaints", "SLA Breached", "Callbacks Due Today", "On-time Departure Today"):
		assert frappe.db.exists("Number Card", card)
	workspace = frappe.get_doc("Workspace", "CSC")
	assert {c.number_card_name for c in workspace.number_cards} >= {"Open Complaints", "SLA Breached"}
