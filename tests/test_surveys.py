"""Survey campaigns and responses entered by staff through REST: rules, results and completion."""

import frappe
import pytest
from frappe.utils import add_days, nowdate

from tests.factories import unique_phone
from tests.factories_surveys import campaign_body, full_answers, make_campaign
from tests.utils import make_hall, make_merchant


@pytest.fixture(scope="module")
def hall():
	return make_hall()


@pytest.fixture(scope="module")
def agent(users, hall):
	return users.rest("CSC Agent", halls=[hall])


@pytest.fixture(scope="module")
def manager(users):
	return users.rest("CSC Manager")


@pytest.fixture
def campaign(hall):
	return make_campaign(hall)


def response_body(campaign, **values) -> dict:
	return {"campaign": campaign.name, "answers": full_answers(campaign), **values}


def count(campaign) -> int:
	return frappe.db.count("CSC Survey Response", {"campaign": campaign.name})


def stored(campaign, fieldname):
	return frappe.db.get_value("CSC Survey Campaign", campaign.name, fieldname)


class TestCampaign:
	def test_supervisor_opens_a_campaign_and_gets_a_server_made_token(self, users, hall, unique):
		supervisor = users.rest("CSC Supervisor", halls=[hall])
		body = campaign_body(
			hall,
			title=f"商户满意度 {unique}",
			audience="Merchants",
			public_token="guessable",
			responses_count=99,
			completion_rate=80,
		)
		response = supervisor.insert("CSC Survey Campaign", body)
		assert response.status_code == 200, response
		doc = frappe.get_doc("CSC Survey Campaign", response.data["name"])
		assert doc.name.startswith("SVC-")
		assert doc.public_token != "guessable" and len(doc.public_token) >= 32
		assert (doc.responses_count, doc.completion_rate) == (0, 0)

	def test_token_and_results_cannot_be_written_through_rest(self, manager, campaign):
		modified = str(stored(campaign, "modified"))
		response = manager.update(
			"CSC Survey Campaign",
			campaign.name,
			{"public_token": "a" * 32, "responses_count": 7, "average_score": 5, "modified": modified},
		)
		assert response.status_code == 200, response
		assert stored(campaign, "public_token") == campaign.public_token
		assert (stored(campaign, "responses_count"), stored(campaign, "average_score")) == (0, 0)

	def test_copies_get_their_own_token(self, hall, campaign):
		copy = frappe.copy_doc(campaign)
		copy.insert(ignore_permissions=True)
		assert copy.public_token and copy.public_token != campaign.public_token

	@pytest.mark.parametrize(
		"values, message",
		[
			({"from_date": "2026-05-10", "to_date": "2026-05-01"}, "cannot be before From Date"),
			({"quota": 0}, "must be greater than zero"),
			({"quota": -5}, "must be greater than zero"),
			({"questions": []}, "Questions"),
			({"status": "Running"}, "Status"),
			({"audience": "Everyone"}, "Audience"),
			({"questions": [{"question": "  ", "question_type": "Rating"}]}, "Question"),
			({"questions": [{"question": "好吗", "question_type": "Stars"}]}, "Question Type"),
			({"from_date": "2026-02-30"}, ""),
		],
		ids=[
			"period",
			"zero-quota",
			"negative-quota",
			"no-questions",
			"status",
			"audience",
			"blank",
			"type",
			"date",
		],
	)
	def test_bad_campaigns_are_refused(self, manager, hall, unique, values, message):
		title = f"Bad survey {unique}"
		response = manager.insert("CSC Survey Campaign", campaign_body(hall, title=title, **values))
		assert response.status_code in (417, 400), response
		assert message in response.messages
		assert not frappe.db.exists("CSC Survey Campaign", {"title": title})

	def test_answered_campaign_keeps_hall_audience_and_answered_questions(self, manager, agent, campaign):
		assert agent.insert("CSC Survey Response", response_body(campaign)).status_code == 200
		other_hall = make_hall()

		def update(**values):
			doc = manager.get_doc("CSC Survey Campaign", campaign.name).data
			doc.update(values)
			return manager.update("CSC Survey Campaign", campaign.name, doc)

		for values, message in (
			({"hall": other_hall}, "already has responses"),
			({"audience": "Merchants"}, "already has responses"),
			({"status": "Draft"}, "cannot go back to Draft"),
		):
			response = update(**values)
			assert response.status_code == 417, (values, response)
			assert message in response.messages
		questions = manager.get_doc("CSC Survey Campaign", campaign.name).data["questions"]
		response = update(questions=questions[1:])
		assert response.status_code == 417, response
		assert "already has answers" in response.messages
		questions[0]["question_type"] = "Text"
		response = update(questions=questions)
		assert response.status_code == 417, response
		doc = frappe.get_doc("CSC Survey Campaign", campaign.name)
		assert (doc.hall, doc.audience, doc.status, len(doc.questions)) == (
			campaign.hall,
			"Shoppers",
			"Open",
			3,
		)
		assert doc.questions[0].question_type == "Rating"
		# adding a question, renaming one and closing the survey are fine
		questions = manager.get_doc("CSC Survey Campaign", campaign.name).data["questions"]
		questions[0]["question"] = "服务态度（导购、收银）是否满意？"
		questions.append({"question": "会推荐给朋友吗？", "question_type": "Rating", "is_required": 0})
		response = update(questions=questions, status="Closed")
		assert response.status_code == 200, response

	def test_a_campaign_with_responses_is_not_deleted(self, manager, agent, campaign):
		assert agent.insert("CSC Survey Response", response_body(campaign)).status_code == 200
		response = manager.delete("CSC Survey Campaign", campaign.name)
		assert response.status_code == 417, response
		assert "is linked with" in response.messages
		assert frappe.db.exists("CSC Survey Campaign", campaign.name)

	def test_status_changes_are_versioned(self, manager, campaign):
		modified = str(stored(campaign, "modified"))
		closed = manager.update(
			"CSC Survey Campaign", campaign.name, {"status": "Closed", "modified": modified}
		)
		assert closed.status_code == 200, closed
		versions = frappe.get_all(
			"Version", filters={"ref_doctype": "CSC Survey Campaign", "docname": campaign.name}, pluck="data"
		)
		changes = [change for data in versions for change in frappe.parse_json(data).get("changed", [])]
		assert ["status", "Open", "Closed"] in changes


class TestResponse:
	def test_agent_enters_a_response_and_the_campaign_is_recounted(self, agent, campaign):
		customer = frappe.get_doc(
			{"doctype": "Customer", "customer_name": "刘女士", "customer_type": "Individual"}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		response = agent.insert(
			"CSC Survey Response",
			response_body(
				campaign,
				answers=full_answers(campaign, scores=(5, 3), comment="希望增加休息区 🪑"),
				customer=customer.name,
				respondent_name="刘女士",
				phone="021 6234 5678",
				comments="总体满意",
				source="Web",
				submitted_on="2020-01-01 00:00:00",
				overall_score=1,
			),
		)
		assert response.status_code == 200, response
		doc = frappe.get_doc("CSC Survey Response", response.data["name"])
		assert doc.name.startswith("SVR-")
		assert (doc.hall, doc.respondent_type, doc.source) == (campaign.hall, "Shopper", "Staff")
		assert doc.overall_score == 4
		assert doc.phone == "021-62345678"
		assert str(doc.submitted_on) > "2025"
		assert [a.question_text for a in doc.answers] == [q.question for q in campaign.questions]
		assert doc.answers[2].comment == "希望增加休息区 🪑"
		assert stored(campaign, "responses_count") == 1
		assert stored(campaign, "completion_rate") == 10
		assert stored(campaign, "average_score") == 4

	def test_a_second_response_and_a_deletion_are_recounted(self, agent, manager, campaign):
		first = agent.insert(
			"CSC Survey Response", response_body(campaign, answers=full_answers(campaign, (5, 5)))
		)
		second = agent.insert(
			"CSC Survey Response", response_body(campaign, answers=full_answers(campaign, (2, 3)))
		)
		assert first.status_code == second.status_code == 200
		assert (stored(campaign, "responses_count"), stored(campaign, "average_score")) == (2, 3.75)
		assert stored(campaign, "completion_rate") == 20
		assert manager.delete("CSC Survey Response", first.data["name"]).status_code == 202
		assert (stored(campaign, "responses_count"), stored(campaign, "average_score")) == (1, 2.5)

	def test_text_only_responses_do_not_drag_the_mean_down(self, hall, agent):
		campaign = make_campaign(
			hall,
			questions=[
				{"question": "评分", "question_type": "Rating", "is_required": 0},
				{"question": "建议", "question_type": "Text", "is_required": 0},
			],
		)
		agent.insert("CSC Survey Response", response_body(campaign, answers=full_answers(campaign, (4,))))
		only_text = agent.insert(
			"CSC Survey Response",
			response_body(campaign, answers=[{"question": campaign.questions[1].name, "comment": "无"}]),
		)
		assert only_text.status_code == 200, only_text
		assert frappe.db.get_value("CSC Survey Response", only_text.data["name"], "overall_score") == 0
		assert (stored(campaign, "responses_count"), stored(campaign, "average_score")) == (2, 4)

	def test_merchant_survey_takes_a_merchant_of_its_hall(self, hall, agent):
		campaign = make_campaign(hall, audience="Merchants")
		merchant = make_merchant(hall)
		response = agent.insert("CSC Survey Response", response_body(campaign, merchant=merchant))
		assert response.status_code == 200, response
		assert (
			frappe.db.get_value("CSC Survey Response", response.data["name"], "respondent_type") == "Merchant"
		)

	@pytest.mark.parametrize(
		"change, message",
		[
			(lambda c, a: a[0].update(score=0), "from 1 to 5"),
			(lambda c, a: a[0].update(score=6), "from 1 to 5"),
			(lambda c, a: a[0].update(score="五"), "from 1 to 5"),
			(lambda c, a: a[2].update(score=3), "text question"),
			(lambda c, a: a.pop(1), "required question"),
			(lambda c, a: a[0].update(question="no-such-row"), "not part of survey"),
			(lambda c, a: a.append(dict(a[0])), "answered twice"),
			(lambda c, a: a[2].update(comment="长" * 1001), "too long"),
			(lambda c, a: a.clear(), "required question"),
		],
		ids=["zero", "six", "text-score", "score-on-text", "missing", "unknown", "twice", "long", "none"],
	)
	def test_bad_answers_are_refused(self, agent, campaign, change, message):
		answers = full_answers(campaign)
		change(campaign, answers)
		response = agent.insert("CSC Survey Response", response_body(campaign, answers=answers))
		assert response.status_code == 417, response
		assert message in response.messages
		assert count(campaign) == 0
		assert stored(campaign, "responses_count") == 0

	def test_answer_for_another_campaigns_question_is_refused(self, hall, agent, campaign):
		other = make_campaign(hall)
		answers = full_answers(campaign)
		answers[1]["question"] = other.questions[1].name
		response = agent.insert("CSC Survey Response", response_body(campaign, answers=answers))
		assert response.status_code == 417, response
		assert "not part of survey" in response.messages
		assert count(campaign) == count(other) == 0

	def test_moving_an_answer_to_another_campaign_is_refused(self, hall, agent, campaign):
		created = agent.insert("CSC Survey Response", response_body(campaign))
		assert created.status_code == 200, created
		other = make_campaign(hall)
		doc = agent.get_doc("CSC Survey Response", created.data["name"]).data
		moved = agent.update(
			"CSC Survey Response", doc["name"], {"campaign": other.name, "modified": doc["modified"]}
		)
		assert moved.status_code == 417, moved
		assert frappe.db.get_value("CSC Survey Response", doc["name"], "campaign") == campaign.name
		assert count(other) == 0

	@pytest.mark.parametrize(
		"values, message",
		[
			({"status": "Draft"}, "is not open yet"),
			({"status": "Closed"}, "is closed"),
			({"from_date": add_days(nowdate(), 3), "to_date": add_days(nowdate(), 9)}, "opens on"),
			({"from_date": add_days(nowdate(), -9), "to_date": add_days(nowdate(), -1)}, "ended on"),
		],
		ids=["draft", "closed", "not-started", "ended"],
	)
	def test_campaign_not_taking_answers_refuses_staff_too(self, hall, agent, values, message):
		campaign = make_campaign(hall, **values)
		response = agent.insert("CSC Survey Response", response_body(campaign))
		assert response.status_code == 417, response
		assert message in response.messages
		assert count(campaign) == 0

	def test_respondent_must_fit_the_audience_and_hall(self, hall, agent, manager):
		shoppers = make_campaign(hall)
		merchants = make_campaign(hall, audience="Merchants")
		customer = frappe.get_doc(
			{"doctype": "Customer", "customer_name": "Test Shopper", "customer_type": "Individual"}
		).insert(ignore_permissions=True)
		other_hall = make_hall()
		elsewhere = make_merchant(other_hall)
		frappe.db.commit()
		cases = [
			(agent, shoppers, {"merchant": make_merchant(hall)}, "is for shoppers"),
			(agent, merchants, {"customer": customer.name}, "is for merchants"),
			(agent, shoppers, {"respondent_type": "Merchant"}, "the respondent must be"),
			(manager, merchants, {"merchant": elsewhere}, "is not in hall"),
			(manager, shoppers, {"hall": other_hall}, "is not the hall of survey"),
			(agent, shoppers, {"phone": "12345"}, "not a valid phone number"),
			(agent, shoppers, {"comments": "长" * 2001}, "too long"),
		]
		for client, campaign, values, message in cases:
			response = client.insert("CSC Survey Response", response_body(campaign, **values))
			assert response.status_code == 417, (values, response)
			assert message in response.messages, (values, response.messages)
		assert count(shoppers) == count(merchants) == 0

	def test_markup_is_stored_harmless_and_emoji_intact(self, agent, campaign):
		response = agent.insert(
			"CSC Survey Response",
			response_body(
				campaign,
				comments='["<script>alert(1)</script>"] 😀',
				respondent_name="<img src=x onerror=alert(1)>王 🧧",
			),
		)
		assert response.status_code == 200, response
		doc = frappe.get_doc("CSC Survey Response", response.data["name"])
		assert "<" not in doc.comments and "<" not in doc.respondent_name
		assert doc.comments.endswith("😀") and doc.respondent_name.endswith("王 🧧")

	def test_a_response_is_changed_while_the_campaign_is_open(self, agent, campaign):
		created = agent.insert("CSC Survey Response", response_body(campaign))
		doc = agent.get_doc("CSC Survey Response", created.data["name"]).data
		doc["answers"][0]["score"] = "1"
		doc["source"] = "Web"
		updated = agent.update("CSC Survey Response", doc["name"], doc)
		assert updated.status_code == 200, updated
		saved = frappe.get_doc("CSC Survey Response", doc["name"])
		assert (saved.overall_score, saved.source) == (2.5, "Staff")
		assert stored(campaign, "average_score") == 2.5


class TestCompletion:
	def test_completion_per_campaign(self, users, hall, agent):
		first = make_campaign(hall, quota=4)
		second = make_campaign(
			hall, quota=3, from_date=add_days(nowdate(), -40), to_date=add_days(nowdate(), -35)
		)
		draft = make_campaign(hall, status="Draft")
		other = make_campaign(make_hall())
		for scores in ((5, 5), (3, 4)):
			assert (
				agent.insert(
					"CSC Survey Response", response_body(first, answers=full_answers(first, scores))
				).status_code
				== 200
			)
		supervisor = users.rest("CSC Supervisor", halls=[hall])
		rows = supervisor.call("csc_app.api.surveys.get_completion", http="get", hall=hall).data
		by_name = {row["campaign"]: row for row in rows}
		assert by_name[first.name]["quota"] == 4
		assert by_name[first.name]["responses"] == 2
		assert by_name[first.name]["completion_rate"] == 50
		assert by_name[first.name]["mean_score"] == 4.25
		assert by_name[second.name]["responses"] == 0 and by_name[second.name]["mean_score"] is None
		assert draft.name not in by_name and other.name not in by_name

		recent = supervisor.call(
			"csc_app.api.surveys.get_completion", http="get", hall=hall, from_date=add_days(nowdate(), -7)
		).data
		assert {row["campaign"] for row in recent} >= {first.name}
		assert second.name not in {row["campaign"] for row in recent}
		one = supervisor.call("csc_app.api.surveys.get_completion", http="get", campaign=first.name).data
		assert [row["campaign"] for row in one] == [first.name]

	def test_completion_is_hall_scoped_and_for_managers_and_supervisors(self, users, hall):
		mine, theirs = make_campaign(hall), make_campaign(make_hall())
		supervisor = users.rest("CSC Supervisor", halls=[hall])
		rows = supervisor.call("csc_app.api.surveys.get_completion", http="get").data
		names = {row["campaign"] for row in rows}
		assert mine.name in names and theirs.name not in names
		forbidden = supervisor.call("csc_app.api.surveys.get_completion", http="get", hall=theirs.hall)
		assert forbidden.status_code == 403, forbidden
		assert (
			supervisor.call("csc_app.api.surveys.get_completion", http="get", campaign=theirs.name).data == []
		)
		manager_rows = users.rest("CSC Manager").call("csc_app.api.surveys.get_completion", http="get").data
		assert {mine.name, theirs.name} <= {row["campaign"] for row in manager_rows}
		for role in ("CSC Agent", "CSC Archivist", "CSC Department Handler", "Guide Vehicle Driver"):
			client = users.rest(role, halls=[hall] if role in ("CSC Agent", "CSC Archivist") else [])
			response = client.call("csc_app.api.surveys.get_completion", http="get")
			assert response.status_code == 403, (role, response)

	def test_supervisor_without_halls_gets_nothing(self, users, hall):
		make_campaign(hall)
		lost = users.rest("CSC Supervisor")
		assert lost.call("csc_app.api.surveys.get_completion", http="get").data == []


class TestPublicLink:
	def test_link_and_qr_code(self, agent, campaign):
		response = agent.call("csc_app.api.surveys.get_public_link", http="get", campaign=campaign.name)
		assert response.status_code == 200, response
		assert response.data["url"].endswith(f"/survey/{campaign.public_token}")
		assert response.data["qr_code"].startswith("data:image/svg+xml;base64,")

	def test_link_of_another_hall_is_not_given(self, users, campaign):
		stranger = users.rest("CSC Agent", halls=[make_hall()])
		response = stranger.call("csc_app.api.surveys.get_public_link", http="get", campaign=campaign.name)
		assert response.status_code == 403, response
		assert campaign.public_token not in response.text

	def test_only_managers_regenerate_the_token(self, users, hall, campaign):
		supervisor = users.rest("CSC Supervisor", halls=[hall])
		response = supervisor.call("csc_app.api.surveys.regenerate_token", campaign=campaign.name)
		assert response.status_code == 403, response
		assert stored(campaign, "public_token") == campaign.public_token
		other_manager = users.rest("CSC Manager", halls=[make_hall()])
		response = other_manager.call("csc_app.api.surveys.regenerate_token", campaign=campaign.name)
		assert response.status_code == 403, response
		assert stored(campaign, "public_token") == campaign.public_token


def test_demo_surveys_load_once(hall):
	"""The demo module (run on the demo site only) makes its two surveys and answers, and only once."""
	from csc_app.demo import surveys as demo

	halls = {"A": hall, "B": make_hall()}
	make_merchant(halls["B"])
	try:
		for _ in range(2):
			demo.setup(halls)
		for title, expected in ((demo.SHOPPER_SURVEY, 3), (demo.MERCHANT_SURVEY, 1)):
			[name] = frappe.get_all("CSC Survey Campaign", filters={"title": title}, pluck="name")
			assert frappe.db.count("CSC Survey Response", {"campaign": name}) == expected
			assert frappe.db.get_value("CSC Survey Campaign", name, "responses_count") == expected
		shopper_survey = frappe.db.get_value("CSC Survey Campaign", {"title": demo.SHOPPER_SURVEY})
		assert frappe.db.count("CSC Survey Response", {"campaign": shopper_survey, "source": "Web"}) == 2
	finally:
		frappe.db.rollback()
