"""Who may do what with the guide-vehicle records, through the REST API as real users.

The captain sees and edits the whole fleet; a driver creates and reads only their own logs, inspections
and keys; the manager reads everything; the front desk (CSC Agent) hands out keys and tapes and counts
customer flow in its halls. Hall scoping applies to the records that carry a hall (logs, customer flow).
"""

import itertools
import uuid

import frappe
import pytest
from frappe.utils import add_days, today

from csc_app.api.halls import set_user_halls
from tests.factories_vehicles import (
	SHIFT_DAY,
	FleetMember,
	at,
	inspection_items,
	log_body,
	make_guide_vehicle,
	make_inspection,
	make_log,
	make_maintenance,
)
from tests.test_permissions import ALL_ROLES, HALL_BOUND
from tests.utils import make_hall

# doctype -> role -> rights (r: read, w: write, c: create, d: delete); a driver's rights are on their own records
MATRIX = {
	"CSC Inspection Template": {
		"CSC Manager": "r",
		"Guide Vehicle Captain": "rwcd",
		"Guide Vehicle Driver": "r",
	},
	"CSC Vehicle Inspection": {
		"CSC Manager": "r",
		"Guide Vehicle Captain": "rwcd",
		"Guide Vehicle Driver": "rwc",
	},
	"CSC Guide Vehicle Log": {
		"CSC Manager": "r",
		"Guide Vehicle Captain": "rwcd",
		"Guide Vehicle Driver": "rwc",
	},
	"CSC Vehicle Maintenance": {
		"CSC Manager": "r",
		"Guide Vehicle Captain": "rwcd",
		"Guide Vehicle Driver": "r",
	},
	"CSC Key Custody": {
		"CSC Manager": "rwcd",
		"CSC Supervisor": "r",
		"CSC Agent": "rwc",
		"Guide Vehicle Captain": "rwc",
		"Guide Vehicle Driver": "r",
	},
	"CSC Customer Flow": {
		"CSC Manager": "rwcd",
		"CSC Supervisor": "rwc",
		"CSC Agent": "rwc",
		"CSC Archivist": "r",
		"Guide Vehicle Captain": "rwc",
	},
}

_dates = itertools.count(2)


def past_date() -> str:
	"""A distinct past date per call: customer flow is unique per hall, date, period and source."""
	return add_days(today(), -next(_dates))


@pytest.fixture(scope="module")
def world():
	hall = make_hall()
	members = {}
	for role in ALL_ROLES:
		member = FleetMember(role)
		if role in HALL_BOUND:
			set_user_halls(member.user, [hall])
			frappe.db.commit()
		members[role] = member
	return frappe._dict(hall=hall, members=members)


def existing_record(doctype, member, hall):
	unique = uuid.uuid4().hex[:8]
	if doctype == "CSC Inspection Template":
		return (
			frappe.get_doc(
				{
					"doctype": doctype,
					"template_name": f"Checklist {unique}",
					"items": [{"check_item": "Horn"}],
				}
			)
			.insert()
			.name
		)
	if doctype == "CSC Vehicle Inspection":
		return make_inspection(make_guide_vehicle(), member.employee, submit=False)
	if doctype == "CSC Guide Vehicle Log":
		return make_log(make_guide_vehicle(), hall, member.employee)
	if doctype == "CSC Vehicle Maintenance":
		return make_maintenance(make_guide_vehicle(), start=at("07:00"))
	if doctype == "CSC Key Custody":
		return (
			frappe.get_doc(
				{
					"doctype": doctype,
					"item_type": "Broadcast Tape",
					"item_label": f"Tape {unique}",
					"issued_to": member.employee,
				}
			)
			.insert()
			.name
		)
	return (
		frappe.get_doc(
			{"doctype": doctype, "hall": hall, "date": past_date(), "period": "Morning", "count": 10}
		)
		.insert()
		.name
	)


def new_body(doctype, member, hall, unique):
	vehicle = make_guide_vehicle()
	return {
		"CSC Inspection Template": {"template_name": f"New {unique}", "items": [{"check_item": "Lights"}]},
		"CSC Vehicle Inspection": {
			"vehicle": vehicle,
			"inspected_by": member.employee,
			"inspected_on": at("08:00"),
			"items": inspection_items(),
		},
		"CSC Guide Vehicle Log": log_body(vehicle, hall, driver=member.employee),
		"CSC Vehicle Maintenance": {
			"vehicle": vehicle,
			"description": "保养",
			"maintenance_type": "Maintenance",
		},
		"CSC Key Custody": {"item_type": "Vehicle Key", "vehicle": vehicle, "issued_to": member.employee},
		"CSC Customer Flow": {"hall": hall, "date": past_date(), "period": "Evening", "count": 42},
	}[doctype]


CHANGE = {
	"CSC Inspection Template": {"description": "changed"},
	"CSC Vehicle Inspection": {"remarks": "changed"},
	"CSC Guide Vehicle Log": {"incidents": "changed"},
	"CSC Vehicle Maintenance": {"performed_by": "changed"},
	"CSC Key Custody": {"remarks": "changed"},
	"CSC Customer Flow": {"remarks": "changed"},
}


@pytest.mark.parametrize("doctype", list(MATRIX))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_matrix(world, unique, doctype, role):
	rights = MATRIX[doctype].get(role, "")
	member = world.members[role]
	client = member.rest
	existing = existing_record(doctype, member, world.hall)
	frappe.db.commit()

	read = client.get_doc(doctype, existing)
	assert (read.status_code == 200) == ("r" in rights), (role, "read", read)

	created = client.insert(doctype, new_body(doctype, member, world.hall, unique))
	assert (created.status_code == 200) == ("c" in rights), (role, "create", created)

	written = client.update(doctype, existing, CHANGE[doctype])
	assert (written.status_code == 200) == ("w" in rights), (role, "write", written)

	victim = (
		created.data["name"] if created.status_code == 200 else existing_record(doctype, member, world.hall)
	)
	frappe.db.commit()
	deleted = client.delete(doctype, victim)
	assert (deleted.status_code in (200, 202)) == ("d" in rights), (role, "delete", deleted)
	assert bool(frappe.db.exists(doctype, victim)) == ("d" not in rights)


class TestDriverSeesOnlyOwnRecords:
	"""A driver reaches another driver's logs, inspections and keys through no path."""

	@pytest.fixture(scope="class")
	def drivers(self):
		hall = make_hall()
		mine, theirs = FleetMember("Guide Vehicle Driver"), FleetMember("Guide Vehicle Driver")
		vehicle = make_guide_vehicle()
		records = frappe._dict(hall=hall, me=mine, other=theirs, vehicle=vehicle)
		for who in ("me", "other"):
			member = records[who]
			records[f"{who}_inspection"] = make_inspection(vehicle, member.employee, submit=False)
			records[f"{who}_log"] = make_log(
				vehicle, hall, member.employee, shift="Morning" if who == "me" else "Evening"
			)
			records[f"{who}_key"] = (
				frappe.get_doc(
					{
						"doctype": "CSC Key Custody",
						"item_type": "Broadcast Tape",
						"item_label": f"Tape {uuid.uuid4().hex[:6]}",
						"issued_to": member.employee,
					}
				)
				.insert()
				.name
			)
		frappe.db.commit()
		return records

	@pytest.mark.parametrize(
		("doctype", "suffix"),
		[
			("CSC Guide Vehicle Log", "log"),
			("CSC Vehicle Inspection", "inspection"),
			("CSC Key Custody", "key"),
		],
	)
	def test_get_list_count_report(self, drivers, doctype, suffix):
		client = drivers.me.rest
		mine, theirs = drivers[f"me_{suffix}"], drivers[f"other_{suffix}"]
		assert client.get_doc(doctype, mine).status_code == 200
		assert client.get_doc(doctype, theirs).status_code == 403
		listed = client.get_list(doctype, filters=[["name", "in", [mine, theirs]]])
		assert [row["name"] for row in listed.data] == [mine]
		filters = [["name", "in", [mine, theirs]]]
		count = client.call("frappe.client.get_count", http="get", doctype=doctype, filters=filters)
		assert count.data == 1, count
		report = client.call(
			"frappe.desk.reportview.get",
			doctype=doctype,
			fields=[f"`tab{doctype}`.`name`"],
			filters=[[doctype, "name", "in", [mine, theirs]]],
		)
		assert report.data["values"] == [[mine]], report

	def test_child_rows_of_another_drivers_inspection(self, drivers):
		for who, expected in (("other", []), ("me", [drivers.me_inspection])):
			response = drivers.me.rest.get_list(
				"CSC Vehicle Inspection Item",
				parent="CSC Vehicle Inspection",
				fields=["parent"],
				filters=[["parent", "=", drivers[f"{who}_inspection"]]],
			)
			assert response.status_code == 200, response
			assert sorted({row["parent"] for row in response.data}) == expected

	@pytest.mark.parametrize("ignore_user_permissions", [0, 1])
	def test_link_search(self, drivers, ignore_user_permissions):
		response = drivers.me.rest.call(
			"frappe.desk.search.search_link",
			doctype="CSC Vehicle Inspection",
			txt="GVI-",
			filters={"vehicle": drivers.vehicle},
			ignore_user_permissions=ignore_user_permissions,
		)
		assert response.status_code == 200, response
		assert [row["value"] for row in response.data] == [drivers.me_inspection]

	def test_print_and_write(self, drivers):
		client = drivers.me.rest
		response = client.call(
			"frappe.www.printview.get_html_and_style",
			doc="CSC Guide Vehicle Log",
			name=drivers.other_log,
			print_format="Standard",
		)
		assert response.status_code == 403, response
		response = client.update("CSC Guide Vehicle Log", drivers.other_log, {"incidents": "hijacked"})
		assert response.status_code == 403, response
		assert not frappe.db.get_value("CSC Guide Vehicle Log", drivers.other_log, "incidents")

	def test_outstanding_report_shows_only_own_items(self, drivers):
		response = drivers.me.rest.call(
			"frappe.desk.query_report.run", report_name="Outstanding Keys and Tapes", filters={}
		)
		assert response.status_code == 200, response
		names = {row["name"] for row in response.data["result"] if isinstance(row, dict)}
		assert drivers.me_key in names and drivers.other_key not in names

	def test_captain_and_manager_see_both(self, drivers, users):
		captain = FleetMember("Guide Vehicle Captain").rest
		manager = users.rest("CSC Manager")
		for client in (captain, manager):
			listed = client.get_list(
				"CSC Guide Vehicle Log", filters=[["name", "in", [drivers.me_log, drivers.other_log]]]
			)
			assert {row["name"] for row in listed.data} == {drivers.me_log, drivers.other_log}

	def test_sharing_or_assigning_cannot_open_another_drivers_record(self, drivers, users):
		with pytest.raises(frappe.PermissionError):
			frappe.share.add("CSC Vehicle Inspection", drivers.other_inspection, drivers.me.user, read=1)
		frappe.db.rollback()
		captain = FleetMember("Guide Vehicle Captain").rest
		response = captain.call(
			"frappe.desk.form.assign_to.add",
			doctype="CSC Guide Vehicle Log",
			name=drivers.other_log,
			assign_to=[drivers.me.user],
		)
		assert response.status_code >= 400, response
		assert drivers.me.rest.get_doc("CSC Guide Vehicle Log", drivers.other_log).status_code == 403
		# assigning a driver their own log is fine
		response = captain.call(
			"frappe.desk.form.assign_to.add",
			doctype="CSC Guide Vehicle Log",
			name=drivers.me_log,
			assign_to=[drivers.me.user],
		)
		assert response.status_code == 200, response

	def test_a_driver_without_an_employee_sees_nothing(self, drivers, users):
		lost = users.rest("Guide Vehicle Driver")
		listed = lost.get_list(
			"CSC Guide Vehicle Log", filters=[["name", "in", [drivers.me_log, drivers.other_log]]]
		)
		assert listed.data == []


class TestHallIsolation:
	"""Customer flow and guide-vehicle logs carry a hall: a hall-A user gets nothing of hall B."""

	@pytest.fixture(scope="class")
	def halls(self, users):
		hall_a, hall_b = make_hall(), make_hall()
		date = SHIFT_DAY
		flow = {}
		for hall in (hall_a, hall_b):
			flow[hall] = (
				frappe.get_doc(
					{
						"doctype": "CSC Customer Flow",
						"hall": hall,
						"date": date,
						"period": "Full Day",
						"count": 300,
					}
				)
				.insert()
				.name
			)
		captain = FleetMember("Guide Vehicle Captain")
		logs = {hall: make_log(make_guide_vehicle(), hall, captain.employee) for hall in (hall_a, hall_b)}
		frappe.db.commit()
		return frappe._dict(
			a=hall_a,
			b=hall_b,
			flow=flow,
			logs=logs,
			agent=users.rest("CSC Agent", halls=[hall_a]),
			supervisor=users.rest("CSC Supervisor", halls=[hall_a]),
		)

	def test_list_get_count(self, halls):
		names = list(halls.flow.values())
		listed = halls.agent.get_list("CSC Customer Flow", filters=[["name", "in", names]])
		assert [row["name"] for row in listed.data] == [halls.flow[halls.a]]
		assert halls.agent.get_doc("CSC Customer Flow", halls.flow[halls.b]).status_code == 403
		count = halls.agent.call(
			"frappe.client.get_count",
			http="get",
			doctype="CSC Customer Flow",
			filters=[["name", "in", names]],
		)
		assert count.data == 1

	def test_report_view_and_export(self, halls):
		names = list(halls.flow.values())
		report = halls.agent.call(
			"frappe.desk.reportview.get",
			doctype="CSC Customer Flow",
			fields=["`tabCSC Customer Flow`.`name`"],
			filters=[["CSC Customer Flow", "name", "in", names]],
		)
		assert report.data["values"] == [[halls.flow[halls.a]]]
		export = halls.supervisor.request(
			"post",
			"/api/method/frappe.desk.reportview.export_query",
			data={
				"doctype": "CSC Customer Flow",
				"file_format_type": "CSV",
				"fields": '["`tabCSC Customer Flow`.`name`"]',
				"filters": frappe.as_json([["CSC Customer Flow", "name", "in", names]]),
			},
		)
		assert export.status_code == 200, export
		assert halls.flow[halls.a] in export.text and halls.flow[halls.b] not in export.text

	@pytest.mark.parametrize("ignore_user_permissions", [0, 1])
	def test_link_search(self, halls, ignore_user_permissions):
		response = halls.agent.call(
			"frappe.desk.search.search_link",
			doctype="CSC Customer Flow",
			txt="FLOW-",
			filters={"name": ["in", list(halls.flow.values())]},
			ignore_user_permissions=ignore_user_permissions,
		)
		assert [row["value"] for row in response.data] == [halls.flow[halls.a]]

	def test_cannot_count_for_another_hall(self, halls):
		response = halls.agent.insert(
			"CSC Customer Flow", {"hall": halls.b, "date": SHIFT_DAY, "period": "Morning", "count": 5}
		)
		assert response.status_code == 403, response
		assert not frappe.db.exists(
			"CSC Customer Flow", {"hall": halls.b, "period": "Morning", "date": SHIFT_DAY}
		)

	def test_a_hall_restricted_captain_sees_only_that_halls_logs(self, halls):
		captain = FleetMember("Guide Vehicle Captain")
		set_user_halls(captain.user, [halls.a])
		frappe.db.commit()
		listed = captain.rest.get_list(
			"CSC Guide Vehicle Log", filters=[["name", "in", list(halls.logs.values())]]
		)
		assert [row["name"] for row in listed.data] == [halls.logs[halls.a]]
		assert captain.rest.get_doc("CSC Guide Vehicle Log", halls.logs[halls.b]).status_code == 403


def test_desk_form_of_a_log_opens_for_its_driver_only():
	hall, vehicle = make_hall(), make_guide_vehicle()
	mine, theirs = FleetMember("Guide Vehicle Driver"), FleetMember("Guide Vehicle Driver")
	log = make_log(vehicle, hall, theirs.employee)
	meta = mine.rest.call("frappe.desk.form.load.getdoctype", http="get", doctype="CSC Guide Vehicle Log")
	assert meta.status_code == 200, meta
	assert "Depart Now" in meta.json["docs"][0]["__js"]  # the form script is served
	opened = theirs.rest.call(
		"frappe.desk.form.load.getdoc", http="get", doctype="CSC Guide Vehicle Log", name=log
	)
	assert opened.status_code == 200, opened
	refused = mine.rest.call(
		"frappe.desk.form.load.getdoc", http="get", doctype="CSC Guide Vehicle Log", name=log
	)
	assert refused.status_code == 403, refused
