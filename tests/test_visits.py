"""CSC Merchant Visit through the REST API as real users: role matrix, hall isolation, every rule."""

import frappe
import pytest
from frappe.utils import add_days, add_to_date, now_datetime, nowdate

from tests.factories_visits import VISIT, an_hour_ago, done_body, make_visit, planned_body, tomorrow
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

# role -> rights on CSC Merchant Visit (r: read, w: write, c: create, d: delete)
MATRIX = {
	"CSC Manager": "rwcd",
	"CSC Supervisor": "rwc",
	"CSC Agent": "rwc",
	"CSC Archivist": "r",
	"CSC Department Handler": "",
	"Guide Vehicle Captain": "",
	"Guide Vehicle Driver": "",
}


@pytest.fixture(scope="module")
def hall():
	return make_hall()


@pytest.fixture(scope="module")
def merchant(hall):
	return make_merchant(hall)


@pytest.fixture
def agent(users, hall):
	return users.rest("CSC Agent", halls=[hall])


def field(name, fieldname):
	return frappe.db.get_value(VISIT, name, fieldname)


def visits_of(merchant):
	return frappe.get_all(VISIT, filters={"merchant": merchant}, pluck="name")


# --- role matrix ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_matrix(users, hall, merchant, role):
	rights = MATRIX[role]
	client = users.rest(role, halls=[hall] if role in HALL_BOUND else [])
	existing = make_visit(merchant)

	read = client.get_doc(VISIT, existing)
	assert (read.status_code == 200) == ("r" in rights), (role, "read", read)

	listed = client.get_list(VISIT, filters=[["name", "=", existing]])
	assert (listed.status_code == 200 and listed.data == [{"name": existing}]) == ("r" in rights), listed

	created = client.insert(VISIT, planned_body(merchant))
	assert (created.status_code == 200) == ("c" in rights), (role, "create", created)
	if created.status_code == 200:
		assert created.data["visitor"] == client.user  # the visitor defaults to whoever plans it

	written = client.update(VISIT, existing, {"merchant_opinions": f"noted by {role}"})
	assert (written.status_code == 200) == ("w" in rights), (role, "write", written)
	assert (field(existing, "merchant_opinions") == f"noted by {role}") == ("w" in rights)

	victim = make_visit(merchant)
	deleted = client.delete(VISIT, victim)
	assert (deleted.status_code in (200, 202)) == ("d" in rights), (role, "delete", deleted)
	assert bool(frappe.db.exists(VISIT, victim)) == ("d" not in rights)


def test_only_planned_visits_can_be_deleted(users, merchant):
	manager = users.rest("CSC Manager")
	done = make_visit(merchant, done=True)
	response = manager.delete(VISIT, done)
	assert response.status_code == 417, response
	assert "Only planned visits can be deleted" in response.messages
	assert frappe.db.exists(VISIT, done)


# --- hall isolation -------------------------------------------------------------------------------


class TestHallIsolation:
	@pytest.fixture(scope="class")
	def world(self, users):
		tag = f"VisIso{frappe.generate_hash(length=6)}"
		hall_a, hall_b = make_hall(), make_hall()
		shop_a = make_merchant(hall_a, merchant_name=f"{tag} A shop")
		shop_b = make_merchant(hall_b, merchant_name=f"{tag} B shop")
		return frappe._dict(
			tag=tag,
			hall_a=hall_a,
			hall_b=hall_b,
			shop_a=shop_a,
			shop_b=shop_b,
			visit_a=make_visit(shop_a),
			visit_b=make_visit(shop_b),
			agent=users.rest("CSC Agent", halls=[hall_a]),
			supervisor=users.rest("CSC Supervisor", halls=[hall_a]),
			archivist=users.rest("CSC Archivist", halls=[hall_a]),
			manager=users.rest("CSC Manager"),
		)

	def tagged(self, world):
		return [["merchant_name", "like", f"{world.tag}%"]]

	def test_list_and_get(self, world):
		for client in (world.agent, world.supervisor, world.archivist):
			response = client.get_list(VISIT, filters=self.tagged(world), fields=["name", "hall"])
			assert response.status_code == 200, response
			assert [row["name"] for row in response.data] == [world.visit_a]
			assert client.get_doc(VISIT, world.visit_a).status_code == 200
			assert client.get_doc(VISIT, world.visit_b).status_code == 403
		listed = world.manager.get_list(VISIT, filters=self.tagged(world))
		assert {row["name"] for row in listed.data} == {world.visit_a, world.visit_b}

	def test_count(self, world):
		for method in ("frappe.client.get_count", "frappe.desk.reportview.get_count"):
			response = world.agent.call(method, http="get", doctype=VISIT, filters=self.tagged(world))
			assert response.status_code == 200, response
			assert response.data == 1, method

	def test_report_view_and_group_by(self, world):
		response = world.agent.call(
			"frappe.desk.reportview.get",
			doctype=VISIT,
			fields=[f"`tab{VISIT}`.`name`"],
			filters=[[VISIT, "merchant_name", "like", f"{world.tag}%"]],
		)
		assert response.status_code == 200, response
		assert response.data["values"] == [[world.visit_a]]
		response = world.agent.call(
			"frappe.desk.listview.get_group_by_count",
			doctype=VISIT,
			current_filters=frappe.as_json([[VISIT, "merchant_name", "like", f"{world.tag}%"]]),
			field="hall",
		)
		assert response.status_code == 200, response
		assert {row["name"] for row in response.data} == {world.hall_a}

	@pytest.mark.parametrize("ignore_user_permissions", [0, 1])
	def test_link_search(self, world, ignore_user_permissions):
		response = world.agent.call(
			"frappe.desk.search.search_link",
			doctype=VISIT,
			txt=world.tag,
			ignore_user_permissions=ignore_user_permissions,
		)
		assert response.status_code == 200, response
		assert [row["value"] for row in response.data] == [world.visit_a]

	def test_export_and_print(self, world):
		response = world.supervisor.request(
			"post",
			"/api/method/frappe.desk.reportview.export_query",
			data={
				"doctype": VISIT,
				"file_format_type": "CSV",
				"fields": f'["`tab{VISIT}`.`name`", "`tab{VISIT}`.`merchant_name`"]',
				"filters": frappe.as_json([[VISIT, "merchant_name", "like", f"{world.tag}%"]]),
			},
		)
		assert response.status_code == 200, response
		assert world.visit_a in response.text and world.visit_b not in response.text
		for name, allowed in ((world.visit_a, True), (world.visit_b, False)):
			response = world.agent.call(
				"frappe.www.printview.get_html_and_style", doc=VISIT, name=name, print_format="Standard"
			)
			assert (response.status_code == 200) == allowed, response

	def test_cannot_create_a_visit_in_another_hall(self, world):
		before = visits_of(world.shop_b)
		for body in (planned_body(world.shop_b), planned_body(world.shop_b, hall=world.hall_a)):
			response = world.agent.insert(VISIT, body)
			assert response.status_code == 403, response
		assert visits_of(world.shop_b) == before

	def test_cannot_move_a_visit_to_another_halls_merchant(self, world):
		response = world.agent.update(VISIT, world.visit_a, {"merchant": world.shop_b})
		assert response.status_code == 403, response
		assert field(world.visit_a, "merchant") == world.shop_a
		assert field(world.visit_a, "hall") == world.hall_a
		response = world.agent.update(VISIT, world.visit_b, {"findings": "sneaky"})
		assert response.status_code == 403, response

	def test_hall_always_follows_the_merchant(self, world):
		response = world.manager.insert(VISIT, planned_body(world.shop_a, hall=world.hall_b))
		assert response.status_code == 200, response
		assert response.data["hall"] == world.hall_a
		response = world.manager.update(VISIT, response.data["name"], {"hall": world.hall_b})
		assert response.status_code == 200, response
		assert response.data["hall"] == world.hall_a

	def test_share_and_assignment_cannot_open_another_hall(self, world):
		with pytest.raises(frappe.PermissionError):
			frappe.share.add(VISIT, world.visit_b, world.agent.user, read=1)
		frappe.db.rollback()
		response = world.manager.call(
			"frappe.desk.form.assign_to.add", doctype=VISIT, name=world.visit_b, assign_to=[world.agent.user]
		)
		assert response.status_code >= 400, response
		assert world.agent.get_doc(VISIT, world.visit_b).status_code == 403

	def test_hall_bound_user_without_halls_sees_nothing(self, users, world):
		lost = users.rest("CSC Agent")
		assert lost.get_list(VISIT, filters=self.tagged(world)).data == []
		assert lost.get_doc(VISIT, world.visit_a).status_code == 403
		assert lost.insert(VISIT, planned_body(world.shop_a)).status_code == 403


# --- recording a visit ----------------------------------------------------------------------------


def test_agent_plans_then_records_a_visit_and_the_status_change_is_versioned(agent, merchant):
	planned = agent.insert(VISIT, planned_body(merchant, purpose="Training"))
	assert planned.status_code == 200, planned
	name = planned.data["name"]
	assert name.startswith("VIS-")
	assert planned.data["status"] == "Planned"
	assert planned.data["visit_type"] == "Planned"
	assert planned.data["from_visit_plan"] == 0

	done = agent.update(
		VISIT,
		name,
		{
			"status": "Done",
			"visited_on": an_hour_ago(),
			"findings": "培训完成，店员掌握新的退换货流程。",
			"merchant_opinions": "希望增加周末停车位",
			"satisfaction": 4,
			"follow_up": "Pass the parking request to 物业部",
			"photo_1": "/private/files/visit-photo.jpg",
		},
	)
	assert done.status_code == 200, done
	doc = frappe.get_doc(VISIT, name)
	assert (doc.status, doc.satisfaction, doc.visitor) == ("Done", 4, agent.user)
	versions = frappe.get_all(
		"Version", filters={"ref_doctype": VISIT, "docname": name}, pluck="data", order_by="creation"
	)
	changes = [change for data in versions for change in frappe.parse_json(data).get("changed", [])]
	assert ["status", "Planned", "Done"] in changes


def test_ad_hoc_visit_is_recorded_done_by_the_visitor(agent, merchant):
	response = agent.insert(VISIT, done_body(merchant, purpose="Complaint Follow-up", visitor=None))
	assert response.status_code == 200, response
	assert response.data["visit_type"] == "Ad-hoc"
	assert response.data["visitor"] == agent.user
	assert not response.data.get("planned_date")


def test_read_only_fields_cannot_be_forged(agent, merchant):
	response = agent.insert(VISIT, planned_body(merchant, from_visit_plan=1, visit_type="Ad-hoc"))
	assert response.status_code == 200, response
	assert (response.data["from_visit_plan"], response.data["visit_type"]) == (0, "Planned")
	response = agent.update(VISIT, response.data["name"], {"from_visit_plan": 2, "visit_type": "Ad-hoc"})
	assert response.status_code == 200, response
	assert (response.data["from_visit_plan"], response.data["visit_type"]) == (0, "Planned")


def test_concurrent_edit_is_refused(agent, merchant):
	name = make_visit(merchant)
	stale = str(frappe.db.get_value(VISIT, name, "modified"))
	assert agent.update(VISIT, name, {"findings": "first writer"}).status_code == 200
	response = agent.update(VISIT, name, {"findings": "second writer", "modified": stale})
	assert response.status_code == 417, response
	assert response.exc_type == "TimestampMismatchError"
	assert field(name, "findings") == "first writer"


# --- bad input: a clear error and nothing saved ----------------------------------------------------


def refused_insert(client, body, expected: str, status: int = 417):
	before = visits_of(body["merchant"]) if frappe.db.exists("CSC Merchant", body.get("merchant")) else []
	response = client.insert(VISIT, body)
	assert response.status_code == status, response
	assert expected in response.messages, response.messages
	if frappe.db.exists("CSC Merchant", body.get("merchant")):
		assert visits_of(body["merchant"]) == before
	return response


@pytest.mark.parametrize(
	("values", "expected"),
	[
		({"visited_on": None}, "A done visit needs Visited On"),
		({"findings": "   "}, "A done visit needs Findings"),
		({"visited_on": None, "findings": ""}, "Visited On, Findings"),
		({"satisfaction": 6}, "must be between 1 and 5"),
		({"satisfaction": -1}, "must be between 1 and 5"),
		({"photo_2": "https://evil.example/x.png"}, "must be a photo uploaded to this visit"),
		({"purpose": "Shopping"}, "Purpose cannot be"),
		({"visited_on": "2024-02-30 10:00:00"}, "is not a valid date and time"),
	],
)
def test_invalid_done_visit_is_refused(agent, merchant, values, expected):
	refused_insert(agent, done_body(merchant, **values), expected)


def test_visit_time_in_the_future_is_refused(agent, merchant):
	later = str(add_to_date(now_datetime(), hours=2))
	refused_insert(agent, done_body(merchant, visited_on=later), "is in the future")
	# a browser clock a minute fast is not "the future"
	soon = str(add_to_date(now_datetime(), minutes=1))
	assert agent.insert(VISIT, done_body(merchant, visited_on=soon)).status_code == 200


def test_planned_visit_needs_a_date_today_or_later(agent, merchant):
	refused_insert(agent, planned_body(merchant, planned_date=None), "Planned Date is required")
	refused_insert(agent, planned_body(merchant, planned_date=add_days(nowdate(), -1)), "is in the past")
	assert agent.insert(VISIT, planned_body(merchant, planned_date=nowdate())).status_code == 200


def test_planned_visit_cannot_carry_a_visit_time(agent, merchant):
	refused_insert(agent, planned_body(merchant, visited_on=an_hour_ago()), "only when the visit is Done")


@pytest.mark.parametrize("status", ["Missed", "Cancelled"])
def test_new_visit_is_planned_or_done(agent, merchant, status):
	refused_insert(agent, planned_body(merchant, status=status), "either Planned or Done")


def test_status_outside_the_options_is_refused(agent, merchant):
	refused_insert(agent, planned_body(merchant, status="Postponed"), "either Planned or Done")


def test_unknown_merchant_is_refused(agent, unique):
	response = refused_insert(agent, planned_body(f"MER-NOPE-{unique}"), "Could not find")
	assert response.exc_type == "LinkValidationError"


def test_visits_are_planned_only_for_active_merchants(users, hall, unique):
	suspended = make_merchant(hall, status="Suspended", merchant_name=f"Suspended {unique}")
	supervisor = users.rest("CSC Supervisor", halls=[hall])
	refused_insert(supervisor, planned_body(suspended), "only be planned for active merchants")
	# a rectification check at a suspended shop is still recorded
	response = supervisor.insert(VISIT, done_body(suspended, purpose="Rectification Check"))
	assert response.status_code == 200, response


@pytest.mark.parametrize(
	("start", "change", "expected"),
	[
		(
			"Done",
			{"status": "Planned", "planned_date": tomorrow()},
			"A Done visit cannot be changed to Planned",
		),
		("Done", {"status": "Cancelled"}, "A Done visit cannot be changed to Cancelled"),
		("Cancelled", {"status": "Planned"}, "A Cancelled visit cannot be changed to Planned"),
		("Cancelled", {"status": "Done", "visited_on": an_hour_ago()}, "cannot be changed to Done"),
		("Planned", {"status": "Missed"}, "after its planned date has passed"),
	],
)
def test_invalid_status_change_is_refused(agent, merchant, start, change, expected):
	name = make_visit(merchant, done=start == "Done")
	if start == "Cancelled":
		doc = frappe.get_doc(VISIT, name)
		doc.status = "Cancelled"
		doc.save()
		frappe.db.commit()
	response = agent.update(VISIT, name, change)
	assert response.status_code == 417, response
	assert expected in response.messages, response.messages
	assert field(name, "status") == start


def test_visitor_must_work_in_the_hall(users, hall, merchant):
	agent = users.rest("CSC Agent", halls=[hall])
	outsider = users.make("CSC Agent", halls=[make_hall()])
	archivist = users.make("CSC Archivist", halls=[hall])
	colleague = users.make("CSC Supervisor", halls=[hall])
	for visitor in (outsider, archivist, "Guest"):
		refused_insert(agent, planned_body(merchant, visitor=visitor), "cannot visit merchants of hall")
	response = agent.insert(VISIT, planned_body(merchant, visitor=colleague))
	assert response.status_code == 200, response
	assert response.data["visitor_name"]


def test_hostile_text_is_stored_harmless_and_emoji_intact(agent, merchant):
	response = agent.insert(
		VISIT,
		done_body(
			merchant,
			findings="<img src=x onerror=alert(1)>货架整洁 😀 {{ frappe.session.user }}",
			merchant_opinions="<script>alert('x')</script>希望多办活动 🛋️",
			follow_up="长" * 5000,
		),
	)
	assert response.status_code == 200, response
	doc = frappe.get_doc(VISIT, response.data["name"])
	assert "onerror" not in doc.findings and "<script" not in doc.merchant_opinions
	assert "😀" in doc.findings and "🛋️" in doc.merchant_opinions
	assert "{{ frappe.session.user }}" in doc.findings
	assert doc.follow_up == "长" * 5000


def test_error_is_translated_for_a_chinese_client(users, hall, merchant):
	zh_agent = users.rest("CSC Agent", halls=[hall], lang="zh")
	response = refused_insert(zh_agent, done_body(merchant, findings=""), "已完成的拜访需要填写")
	assert "拜访发现" in response.messages
	# visit statuses use words for visits, not frappe's generic ones ("DONE", "错过")
	done = make_visit(merchant, done=True)
	response = zh_agent.update(VISIT, done, {"status": "Planned", "planned_date": tomorrow()})
	assert response.status_code == 417, response
	assert "状态为“已完成”的拜访不能改为“已计划”" in response.messages


def test_settings_patch_stores_the_visit_plan_default():
	from csc_app.patches.v0_1 import store_visit_plan_defaults

	assert "csc_app.patches.v0_1.store_visit_plan_defaults" in frappe.get_file_items(
		frappe.get_app_path("csc_app", "patches.txt")
	)
	frappe.db.delete("Singles", {"doctype": "CSC Settings", "field": "visit_plan_ahead_days"})
	store_visit_plan_defaults.execute()
	assert frappe.db.get_single_value("CSC Settings", "visit_plan_ahead_days") == 7
	frappe.db.rollback()
