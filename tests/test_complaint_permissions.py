"""Who may do what with complaints, through REST as each role; hall and department isolation."""

import frappe
import pytest

from tests.factories import ComplaintWorld, make_department, make_employee
from tests.test_complaints import act, registered

ROLES = {
	# role: (read, write, create) on a complaint of the user's hall; nobody on staff deletes
	"CSC Manager": (True, True, True),
	"CSC Supervisor": (True, True, True),
	"CSC Agent": (True, True, True),
	"CSC Archivist": (True, False, False),
	"Guide Vehicle Captain": (False, False, False),
	"Guide Vehicle Driver": (False, False, False),
}


@pytest.fixture(scope="module")
def world(users):
	return ComplaintWorld(users)


@pytest.mark.parametrize("role", list(ROLES))
def test_role_matrix(users, world, role):
	can_read, can_write, can_create = ROLES[role]
	halls = [] if role in ("CSC Manager", "Guide Vehicle Captain", "Guide Vehicle Driver") else [world.hall]
	client = users.rest(role, halls=halls)
	name = registered(world)
	assert (client.get_doc("CSC Complaint", name).status_code == 200) == can_read
	modified = str(frappe.db.get_value("CSC Complaint", name, "modified"))
	written = client.update("CSC Complaint", name, {"modified": modified, "floor": "B1"})
	assert (written.status_code == 200) == can_write, written
	created = client.insert("CSC Complaint", world.body())
	assert (created.status_code == 200) == can_create, created
	assert client.delete("CSC Complaint", name).status_code == 403
	assert frappe.db.exists("CSC Complaint", name)


class TestIsolation:
	@pytest.fixture(scope="class")
	def cases(self, world):
		mine = registered(world)
		theirs = frappe.get_doc(
			{
				**world.body(hall=world.other_hall, respondent_merchant=world.other_merchant),
				"doctype": "CSC Complaint",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		return frappe._dict(mine=mine, theirs=theirs.name)

	def test_agent_sees_only_own_hall(self, world, cases):
		names = {cases.mine, cases.theirs}
		listed = world.agent.get_list("CSC Complaint", filters=[["name", "in", list(names)]])
		assert [row["name"] for row in listed.data] == [cases.mine]
		assert world.agent.get_doc("CSC Complaint", cases.theirs).status_code == 403
		count = world.agent.call(
			"frappe.client.get_count",
			http="get",
			doctype="CSC Complaint",
			filters=[["name", "in", list(names)]],
		)
		assert count.data == 1
		report = world.agent.call(
			"frappe.desk.reportview.get",
			doctype="CSC Complaint",
			fields=["`tabCSC Complaint`.`name`"],
			filters=[["CSC Complaint", "name", "in", list(names)]],
		)
		assert report.data["values"] == [[cases.mine]]
		search = world.agent.call(
			"frappe.desk.search.search_link",
			doctype="CSC Complaint",
			txt=cases.theirs,
			ignore_user_permissions=1,
		)
		assert search.data == []
		assert act(world.agent, cases.theirs, "Start Handling").status_code == 403

	def test_handler_sees_only_cases_routed_to_the_department(self, users, world, cases):
		other_department = make_department()
		stranger = users.make("CSC Department Handler", fresh=True)
		make_employee(stranger, other_department)
		client = users.rest_for(stranger)
		assert client.get_doc("CSC Complaint", cases.mine).status_code == 403
		listed = client.get_list("CSC Complaint", filters=[["name", "=", cases.mine]])
		assert listed.data == []
		assert world.handler.get_doc("CSC Complaint", cases.mine).status_code == 200

	def test_handler_without_employee_sees_nothing(self, users, world, cases):
		client = users.rest_for(users.make("CSC Department Handler", fresh=True))
		assert client.get_list("CSC Complaint", filters=[["name", "=", cases.mine]]).data == []

	def test_assignment_cannot_open_another_hall(self, world, cases):
		r = world.manager.call(
			"frappe.desk.form.assign_to.add",
			doctype="CSC Complaint",
			name=cases.theirs,
			assign_to=[world.agent.user],
		)
		assert r.status_code >= 400, r
		assert world.agent.get_doc("CSC Complaint", cases.theirs).status_code == 403

	def test_assignment_to_a_handler_of_another_department_is_refused(self, users, world, cases):
		other_department = make_department()
		stranger = users.make("CSC Department Handler", fresh=True)
		make_employee(stranger, other_department)
		r = world.manager.call(
			"frappe.desk.form.assign_to.add", doctype="CSC Complaint", name=cases.mine, assign_to=[stranger]
		)
		assert r.status_code >= 400, r
		assert users.rest_for(stranger).get_doc("CSC Complaint", cases.mine).status_code == 403


@pytest.mark.parametrize("child", ["CSC Complaint Action", "CSC Complaint Routing"])
def test_child_rows_of_another_hall_are_not_listed(world, child):
	theirs = frappe.get_doc(
		{
			**world.body(hall=world.other_hall, respondent_merchant=world.other_merchant),
			"doctype": "CSC Complaint",
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	act(world.other_agent, theirs.name, "Register")
	response = world.agent.get_list(
		child, parent="CSC Complaint", fields=["parent"], filters=[["parent", "=", theirs.name]]
	)
	assert response.status_code == 200, response
	assert response.data == []
	assert world.other_agent.get_list(
		child, parent="CSC Complaint", fields=["parent"], filters=[["parent", "=", theirs.name]]
	).data


def test_hooks_and_permission_registry_agree():
	from csc_app import hooks
	from csc_app.permissions import CHILD_OF, HALL_FIELD

	assert set(hooks._HALL_SCOPED) == set(HALL_FIELD)
	assert set(hooks._HALL_SCOPED_CHILDREN) == set(CHILD_OF)


def test_a_child_row_of_another_hall_cannot_be_read_on_its_own(world):
	theirs = frappe.get_doc(
		{
			**world.body(hall=world.other_hall, respondent_merchant=world.other_merchant),
			"doctype": "CSC Complaint",
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	act(world.other_agent, theirs.name, "Register")
	row = frappe.db.get_value("CSC Complaint Action", {"parent": theirs.name}, "name")
	assert world.agent.get_doc("CSC Complaint Action", row).status_code == 403
	assert world.other_agent.get_doc("CSC Complaint Action", row).status_code == 200
