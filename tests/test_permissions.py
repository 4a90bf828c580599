"""Role matrix and hall isolation on the masters, through the REST API as real users."""

import frappe
import pytest

from tests.utils import make_hall, make_merchant

ALL_ROLES = (
	"CSC Manager",
	"CSC Supervisor",
	"CSC Agent",
	"CSC Archivist",
	"CSC Department Handler",
	"Guide Vehicle Captain",
	"Guide Vehicle Driver",
)

HALL_BOUND = ("CSC Supervisor", "CSC Agent", "CSC Archivist")

# doctype -> role -> the rights DESIGN.md gives it (r: read, w: write, c: create, d: delete)
MATRIX = {
	"CSC Hall": {
		"CSC Manager": "rwcd",
		"CSC Supervisor": "r",
		"CSC Agent": "r",
		"CSC Archivist": "r",
		"CSC Department Handler": "r",
		"Guide Vehicle Captain": "r",
		"Guide Vehicle Driver": "r",
	},
	"CSC Merchant": {
		"CSC Manager": "rwcd",
		"CSC Supervisor": "rwc",
		"CSC Agent": "r",
		"CSC Archivist": "rwc",
		"CSC Department Handler": "r",
		"Guide Vehicle Captain": "",
		"Guide Vehicle Driver": "",
	},
	"CSC Complaint Category": {
		"CSC Manager": "rwcd",
		"CSC Supervisor": "r",
		"CSC Agent": "r",
		"CSC Archivist": "r",
		"CSC Department Handler": "r",
		"Guide Vehicle Captain": "",
		"Guide Vehicle Driver": "",
	},
}


@pytest.fixture(scope="module")
def two_halls():
	hall_a, hall_b = make_hall(), make_hall()
	return hall_a, hall_b


def _new_record(doctype, hall, unique):
	if doctype == "CSC Hall":
		return {"hall_name": f"New Hall {unique}", "hall_code": f"N{unique[:6]}"}
	if doctype == "CSC Merchant":
		return {"merchant_name": f"New Shop {unique}", "hall": hall, "phone": "02162345678"}
	return {"category_name": f"New Category {unique}"}


def _existing_record(doctype, hall):
	if doctype == "CSC Hall":
		return hall
	if doctype == "CSC Merchant":
		return make_merchant(hall)
	return (
		frappe.get_doc(
			{"doctype": "CSC Complaint Category", "category_name": frappe.generate_hash(length=10)}
		)
		.insert()
		.name
	)


@pytest.mark.parametrize("doctype", list(MATRIX))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_matrix(users, two_halls, unique, doctype, role):
	hall = two_halls[0]
	rights = MATRIX[doctype][role]
	client = users.rest(role, halls=[hall] if role in HALL_BOUND else [])
	existing = _existing_record(doctype, hall)
	frappe.db.commit()

	read = client.get_doc(doctype, existing)
	assert (read.status_code == 200) == ("r" in rights), (role, "read", read)

	created = client.insert(doctype, _new_record(doctype, hall, unique))
	assert (created.status_code == 200) == ("c" in rights), (role, "create", created)

	if doctype == "CSC Hall":
		change = {"description": f"changed by {role}"}
	elif doctype == "CSC Merchant":
		change = {"contact_person": f"changed by {role}"}
	else:
		change = {"description": f"changed by {role}"}
	written = client.update(doctype, existing, change)
	assert (written.status_code == 200) == ("w" in rights), (role, "write", written)

	victim = created.data["name"] if created.status_code == 200 else _existing_record(doctype, hall)
	if doctype == "CSC Hall" and created.status_code != 200:
		victim = make_hall()
	frappe.db.commit()
	deleted = client.delete(doctype, victim)
	assert (deleted.status_code in (200, 202)) == ("d" in rights), (role, "delete", deleted)
	assert bool(frappe.db.exists(doctype, victim)) == ("d" not in rights)


def test_settings_are_read_by_supervisors_and_written_only_by_managers(users):
	assert users.rest("CSC Manager").get_doc("CSC Settings", "CSC Settings").status_code == 200
	assert users.rest("CSC Supervisor", halls=[]).get_doc("CSC Settings", "CSC Settings").status_code == 200
	agent = users.rest("CSC Agent")
	assert agent.get_doc("CSC Settings", "CSC Settings").status_code == 403
	supervisor = users.rest("CSC Supervisor")
	assert supervisor.update("CSC Settings", "CSC Settings", {"response_hours": 3}).status_code == 403


class TestHallIsolation:
	"""A hall-A user gets nothing of hall B through any path (SECURITY.md "Hall isolation")."""

	@pytest.fixture(scope="class")
	def world(self, users):
		unique = frappe.generate_hash(length=6)
		hall_a, hall_b = make_hall(), make_hall()
		tag = f"Iso{unique}"
		shop_a = make_merchant(hall_a, merchant_name=f"{tag} A shop", brands="Alpha")
		shop_b = make_merchant(hall_b, merchant_name=f"{tag} B shop", brands="Beta")
		return frappe._dict(
			hall_a=hall_a,
			hall_b=hall_b,
			tag=tag,
			shop_a=shop_a,
			shop_b=shop_b,
			agent=users.rest("CSC Agent", halls=[hall_a]),
			supervisor=users.rest("CSC Supervisor", halls=[hall_a]),
			manager=users.rest("CSC Manager"),
		)

	def test_list(self, world):
		response = world.agent.get_list(
			"CSC Merchant", filters=[["merchant_name", "like", f"{world.tag}%"]], fields=["name", "hall"]
		)
		assert response.status_code == 200
		assert [row["name"] for row in response.data] == [world.shop_a]

	def test_list_of_halls(self, world):
		response = world.agent.get_list("CSC Hall", filters=[["name", "in", [world.hall_a, world.hall_b]]])
		assert [row["name"] for row in response.data] == [world.hall_a]

	def test_get(self, world):
		assert world.agent.get_doc("CSC Merchant", world.shop_a).status_code == 200
		assert world.agent.get_doc("CSC Merchant", world.shop_b).status_code == 403
		assert world.agent.get_doc("CSC Hall", world.hall_b).status_code == 403

	def test_count(self, world):
		filters = [["merchant_name", "like", f"{world.tag}%"]]
		response = world.agent.call(
			"frappe.client.get_count", http="get", doctype="CSC Merchant", filters=filters
		)
		assert response.status_code == 200, response
		assert response.data == 1
		response = world.agent.call(
			"frappe.desk.reportview.get_count", doctype="CSC Merchant", filters=filters
		)
		assert response.data == 1
		assert (
			world.manager.call(
				"frappe.client.get_count", http="get", doctype="CSC Merchant", filters=filters
			).data
			== 2
		)

	def test_report_view(self, world):
		response = world.agent.call(
			"frappe.desk.reportview.get",
			doctype="CSC Merchant",
			fields=["`tabCSC Merchant`.`name`"],
			filters=[["CSC Merchant", "merchant_name", "like", f"{world.tag}%"]],
		)
		assert response.status_code == 200, response
		assert response.data["values"] == [[world.shop_a]]

	def test_group_by_sidebar(self, world):
		response = world.agent.call(
			"frappe.desk.listview.get_group_by_count",
			doctype="CSC Merchant",
			current_filters=frappe.as_json([["CSC Merchant", "merchant_name", "like", f"{world.tag}%"]]),
			field="hall",
		)
		assert response.status_code == 200, response
		assert {row["name"] for row in response.data} == {world.hall_a}

	@pytest.mark.parametrize("ignore_user_permissions", [0, 1])
	def test_link_search(self, world, ignore_user_permissions):
		response = world.agent.call(
			"frappe.desk.search.search_link",
			doctype="CSC Merchant",
			txt=world.tag,
			ignore_user_permissions=ignore_user_permissions,
		)
		assert response.status_code == 200, response
		assert [row["value"] for row in response.data] == [world.shop_a]

	def test_export(self, world):
		response = world.supervisor.request(
			"post",
			"/api/method/frappe.desk.reportview.export_query",
			data={
				"doctype": "CSC Merchant",
				"file_format_type": "CSV",
				"fields": '["`tabCSC Merchant`.`name`", "`tabCSC Merchant`.`merchant_name`"]',
				"filters": frappe.as_json([["CSC Merchant", "merchant_name", "like", f"{world.tag}%"]]),
			},
		)
		assert response.status_code == 200, response
		assert world.shop_a in response.text
		assert world.shop_b not in response.text

	def test_print(self, world):
		for name, allowed in ((world.shop_a, True), (world.shop_b, False)):
			response = world.agent.call(
				"frappe.www.printview.get_html_and_style",
				doc="CSC Merchant",
				name=name,
				print_format="Standard",
			)
			assert (response.status_code == 200) == allowed, response

	def test_cannot_write_or_create_in_another_hall(self, world, unique):
		assert world.supervisor.update("CSC Merchant", world.shop_b, {"floor": "9F"}).status_code == 403
		moved = world.supervisor.update("CSC Merchant", world.shop_a, {"hall": world.hall_b})
		assert moved.status_code == 403, moved
		assert frappe.db.get_value("CSC Merchant", world.shop_a, "hall") == world.hall_a
		created = world.supervisor.insert(
			"CSC Merchant",
			{"merchant_name": f"Sneaky {unique}", "hall": world.hall_b, "phone": "13700000000"},
		)
		assert created.status_code == 403, created
		assert not frappe.db.exists("CSC Merchant", {"merchant_name": f"Sneaky {unique}"})

	def test_record_without_a_hall_is_invisible(self, world):
		orphan = make_merchant(world.hall_a, merchant_name=f"{world.tag} orphan")
		frappe.db.sql("update `tabCSC Merchant` set hall=NULL where name=%s", orphan)  # legacy data
		frappe.db.commit()
		assert world.agent.get_doc("CSC Merchant", orphan).status_code == 403
		listed = world.agent.get_list("CSC Merchant", filters=[["name", "=", orphan]])
		assert listed.data == []
		assert world.manager.get_doc("CSC Merchant", orphan).status_code == 200

	def test_hall_bound_user_without_halls_sees_nothing(self, users, world):
		lost = users.rest("CSC Agent")
		response = lost.get_list("CSC Merchant", filters=[["merchant_name", "like", f"{world.tag}%"]])
		assert response.data == []
		assert lost.get_doc("CSC Merchant", world.shop_a).status_code == 403

	def test_manager_sees_every_hall(self, world):
		response = world.manager.get_list(
			"CSC Merchant", filters=[["name", "in", [world.shop_a, world.shop_b]]]
		)
		assert {row["name"] for row in response.data} == {world.shop_a, world.shop_b}

	def test_share_cannot_open_another_hall(self, world):
		with pytest.raises(frappe.PermissionError):
			frappe.share.add("CSC Merchant", world.shop_b, world.agent.user, read=1)
		frappe.db.rollback()
		assert world.agent.get_doc("CSC Merchant", world.shop_b).status_code == 403

	def test_assignment_cannot_open_another_hall(self, world):
		response = world.manager.call(
			"frappe.desk.form.assign_to.add",
			doctype="CSC Merchant",
			name=world.shop_b,
			assign_to=[world.agent.user],
		)
		assert response.status_code >= 400, response
		assert world.agent.get_doc("CSC Merchant", world.shop_b).status_code == 403


class TestGivingHalls:
	def test_manager_gives_an_agent_halls_and_they_take_effect(self, users):
		hall_a, hall_b = make_hall(), make_hall()
		shop_b = make_merchant(hall_b)
		agent = users.rest("CSC Agent", halls=[hall_a])
		manager = users.rest("CSC Manager")
		assert agent.get_doc("CSC Merchant", shop_b).status_code == 403

		response = manager.call("csc_app.api.halls.set_user_halls", user=agent.user, halls=[hall_a, hall_b])
		assert response.status_code == 200, response
		assert agent.get_doc("CSC Merchant", shop_b).status_code == 200
		got = manager.call("csc_app.api.halls.get_user_halls", http="get", user=agent.user)
		assert got.data == sorted([hall_a, hall_b])

		manager.call("csc_app.api.halls.set_user_halls", user=agent.user, halls=[hall_a])
		assert agent.get_doc("CSC Merchant", shop_b).status_code == 403

	def test_agent_cannot_give_halls(self, users):
		hall = make_hall()
		agent = users.rest("CSC Agent", halls=[hall])
		other = make_hall()
		response = agent.call("csc_app.api.halls.set_user_halls", user=agent.user, halls=[hall, other])
		assert response.status_code == 403, response
		assert frappe.db.count("User Permission", {"user": agent.user, "allow": "CSC Hall"}) == 1

	def test_manager_cannot_restrict_a_system_manager(self, users):
		manager = users.rest("CSC Manager")
		response = manager.call("csc_app.api.halls.set_user_halls", user="Administrator", halls=[make_hall()])
		assert response.status_code == 403, response

	def test_unknown_hall_is_refused(self, users):
		manager = users.rest("CSC Manager")
		agent = users.make("CSC Agent", halls=[make_hall()])
		response = manager.call("csc_app.api.halls.set_user_halls", user=agent, halls=["No Such Hall"])
		assert response.status_code == 417, response
		assert "does not exist" in response.messages
