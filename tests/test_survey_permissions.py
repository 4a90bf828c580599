"""Who may do what with survey campaigns and responses, through REST as each role; hall isolation."""

import frappe
import pytest

from tests.factories_surveys import full_answers, make_campaign
from tests.utils import make_hall

HALL_BOUND = ("CSC Supervisor", "CSC Agent", "CSC Archivist")

# doctype -> role -> rights on a record of the user's hall (r: read, w: write, c: create, d: delete)
MATRIX = {
	"CSC Survey Campaign": {
		"CSC Manager": "rwcd",
		"CSC Supervisor": "rwc",
		"CSC Agent": "r",
		"CSC Archivist": "r",
		"CSC Department Handler": "",
		"Guide Vehicle Captain": "",
		"Guide Vehicle Driver": "",
	},
	"CSC Survey Response": {
		"CSC Manager": "rwcd",
		"CSC Supervisor": "rwc",
		"CSC Agent": "rwc",
		"CSC Archivist": "r",
		"CSC Department Handler": "",
		"Guide Vehicle Captain": "",
		"Guide Vehicle Driver": "",
	},
}


@pytest.fixture(scope="module")
def hall():
	return make_hall()


@pytest.fixture(scope="module")
def campaign(hall):
	return make_campaign(hall, quota=1000)


def new_response(campaign) -> str:
	doc = frappe.get_doc(
		{"doctype": "CSC Survey Response", "campaign": campaign.name, "answers": full_answers(campaign)}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return doc.name


def new_body(doctype, hall, campaign, unique) -> dict:
	if doctype == "CSC Survey Campaign":
		body = make_campaign(hall).as_dict(no_default_fields=True)
		body["title"] = f"New survey {unique}"
		for question in body["questions"]:
			for key in ("name", "parent", "parenttype", "parentfield"):
				question.pop(key, None)
		return body
	return {"campaign": campaign.name, "answers": full_answers(campaign)}


@pytest.mark.parametrize("doctype", list(MATRIX))
@pytest.mark.parametrize("role", list(MATRIX["CSC Survey Campaign"]))
def test_role_matrix(users, hall, campaign, unique, doctype, role):
	rights = MATRIX[doctype][role]
	client = users.rest(role, halls=[hall] if role in HALL_BOUND else [])

	def existing():
		return make_campaign(hall).name if doctype == "CSC Survey Campaign" else new_response(campaign)

	name = existing()
	read = client.get_doc(doctype, name)
	assert (read.status_code == 200) == ("r" in rights), (role, "read", read)

	created = client.insert(doctype, new_body(doctype, hall, campaign, unique))
	assert (created.status_code == 200) == ("c" in rights), (role, "create", created)

	modified = str(frappe.db.get_value(doctype, name, "modified"))
	change = {"introduction": role} if doctype == "CSC Survey Campaign" else {"comments": role}
	written = client.update(doctype, name, {**change, "modified": modified})
	assert (written.status_code == 200) == ("w" in rights), (role, "write", written)

	victim = existing()
	deleted = client.delete(doctype, victim)
	assert (deleted.status_code in (200, 202)) == ("d" in rights), (role, "delete", deleted)
	assert bool(frappe.db.exists(doctype, victim)) == ("d" not in rights)


class TestHallIsolation:
	"""A hall-A user gets nothing of hall B's surveys through any path."""

	@pytest.fixture(scope="class")
	def world(self, users):
		tag = f"Iso{frappe.generate_hash(length=6)}"
		hall_a, hall_b = make_hall(), make_hall()
		campaign_a = make_campaign(hall_a, title=f"{tag} A")
		campaign_b = make_campaign(hall_b, title=f"{tag} B")
		return frappe._dict(
			tag=tag,
			hall_a=hall_a,
			hall_b=hall_b,
			campaign_a=campaign_a,
			campaign_b=campaign_b,
			response_a=new_response(campaign_a),
			response_b=new_response(campaign_b),
			agent=users.rest("CSC Agent", halls=[hall_a]),
			supervisor=users.rest("CSC Supervisor", halls=[hall_a]),
			archivist=users.rest("CSC Archivist", halls=[hall_a]),
			manager=users.rest("CSC Manager"),
		)

	def test_list(self, world):
		campaigns = world.agent.get_list("CSC Survey Campaign", filters=[["title", "like", f"{world.tag}%"]])
		assert [row["name"] for row in campaigns.data] == [world.campaign_a.name]
		responses = world.archivist.get_list(
			"CSC Survey Response", filters=[["name", "in", [world.response_a, world.response_b]]]
		)
		assert [row["name"] for row in responses.data] == [world.response_a]

	def test_get(self, world):
		assert world.agent.get_doc("CSC Survey Campaign", world.campaign_a.name).status_code == 200
		assert world.agent.get_doc("CSC Survey Campaign", world.campaign_b.name).status_code == 403
		assert world.archivist.get_doc("CSC Survey Response", world.response_a).status_code == 200
		assert world.archivist.get_doc("CSC Survey Response", world.response_b).status_code == 403

	def test_count(self, world):
		for method in ("frappe.client.get_count", "frappe.desk.reportview.get_count"):
			response = world.supervisor.call(
				method,
				http="get" if method == "frappe.client.get_count" else "post",
				doctype="CSC Survey Response",
				filters=[["campaign", "in", [world.campaign_a.name, world.campaign_b.name]]],
			)
			assert response.status_code == 200, response
			assert response.data == 1, method

	def test_report_view(self, world):
		response = world.supervisor.call(
			"frappe.desk.reportview.get",
			doctype="CSC Survey Campaign",
			fields=["`tabCSC Survey Campaign`.`name`"],
			filters=[["CSC Survey Campaign", "title", "like", f"{world.tag}%"]],
		)
		assert response.status_code == 200, response
		assert response.data["values"] == [[world.campaign_a.name]]

	def test_group_by_sidebar(self, world):
		response = world.supervisor.call(
			"frappe.desk.listview.get_group_by_count",
			doctype="CSC Survey Response",
			current_filters=frappe.as_json(
				[["CSC Survey Response", "campaign", "in", [world.campaign_a.name, world.campaign_b.name]]]
			),
			field="campaign",
		)
		assert response.status_code == 200, response
		assert {row["name"] for row in response.data} == {world.campaign_a.name}

	@pytest.mark.parametrize("ignore_user_permissions", [0, 1])
	def test_link_search(self, world, ignore_user_permissions):
		response = world.agent.call(
			"frappe.desk.search.search_link",
			doctype="CSC Survey Campaign",
			txt=world.tag,
			ignore_user_permissions=ignore_user_permissions,
		)
		assert response.status_code == 200, response
		assert [row["value"] for row in response.data] == [world.campaign_a.name]

	def test_export(self, world):
		response = world.supervisor.request(
			"post",
			"/api/method/frappe.desk.reportview.export_query",
			data={
				"doctype": "CSC Survey Response",
				"file_format_type": "CSV",
				"fields": '["`tabCSC Survey Response`.`name`"]',
				"filters": frappe.as_json(
					[["CSC Survey Response", "name", "in", [world.response_a, world.response_b]]]
				),
			},
		)
		assert response.status_code == 200, response
		assert world.response_a in response.text and world.response_b not in response.text

	def test_child_rows_of_another_hall(self, world):
		"""Answers and questions are read through their parent: only the user's hall's rows."""
		for doctype, parent, mine, theirs in (
			("CSC Survey Answer", "CSC Survey Response", world.response_a, world.response_b),
			("CSC Survey Question", "CSC Survey Campaign", world.campaign_a.name, world.campaign_b.name),
		):
			response = world.archivist.get_list(
				doctype, parent=parent, fields=["name", "parent"], filters=[["parent", "in", [mine, theirs]]]
			)
			assert response.status_code == 200, response
			assert {row["parent"] for row in response.data} == {mine}, doctype
			theirs_row = frappe.db.get_value(doctype, {"parent": theirs}, "name")
			single = world.archivist.request(
				"get",
				f"/api/method/frappe.client.get?doctype={doctype}&name={theirs_row}&parent={parent}",
			)
			assert single.status_code == 403, single
			assert world.archivist.get_doc(doctype, theirs_row).status_code == 403
			mine_row = frappe.db.get_value(doctype, {"parent": mine}, "name")
			assert world.archivist.get_doc(doctype, mine_row).status_code == 200

	def test_cannot_create_or_move_into_another_hall(self, world, unique):
		response = world.agent.insert(
			"CSC Survey Response",
			{"campaign": world.campaign_b.name, "answers": full_answers(world.campaign_b)},
		)
		assert response.status_code == 403, response
		response = world.agent.insert(
			"CSC Survey Response",
			{
				"campaign": world.campaign_b.name,
				"hall": world.hall_a,
				"answers": full_answers(world.campaign_b),
			},
		)
		assert response.status_code in (403, 417), response
		assert frappe.db.count("CSC Survey Response", {"campaign": world.campaign_b.name}) == 1

		body = world.campaign_a.as_dict(no_default_fields=True)
		body.update(title=f"Sneaky {unique}", hall=world.hall_b)
		body["questions"] = [{"question": "好吗", "question_type": "Rating"}]
		assert world.supervisor.insert("CSC Survey Campaign", body).status_code == 403
		modified = str(frappe.db.get_value("CSC Survey Campaign", world.campaign_a.name, "modified"))
		moved = world.supervisor.update(
			"CSC Survey Campaign", world.campaign_a.name, {"hall": world.hall_b, "modified": modified}
		)
		assert moved.status_code in (403, 417), moved
		assert frappe.db.get_value("CSC Survey Campaign", world.campaign_a.name, "hall") == world.hall_a
		assert not frappe.db.exists("CSC Survey Campaign", {"title": f"Sneaky {unique}"})

	def test_share_cannot_open_another_hall(self, world):
		with pytest.raises(frappe.PermissionError):
			frappe.share.add("CSC Survey Response", world.response_b, world.agent.user, read=1)
		frappe.db.rollback()
		assert world.agent.get_doc("CSC Survey Response", world.response_b).status_code == 403

	def test_manager_sees_every_hall(self, world):
		response = world.manager.get_list(
			"CSC Survey Response", filters=[["name", "in", [world.response_a, world.response_b]]]
		)
		assert {row["name"] for row in response.data} == {world.response_a, world.response_b}
