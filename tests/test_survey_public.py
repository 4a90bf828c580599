"""The public survey page and its guest endpoint: no login, only the survey, every bad answer refused."""

import frappe
import pytest
from frappe.utils import add_days, nowdate

from tests.factories_surveys import GuestClient, full_answers, make_campaign
from tests.utils import frozen_at, make_hall

SUBMIT = "csc_app.api.surveys.submit_response"


@pytest.fixture(scope="module")
def hall():
	return make_hall()


@pytest.fixture
def campaign(hall):
	return make_campaign(hall)


@pytest.fixture
def guest():
	return GuestClient()


def responses_of(campaign) -> list[dict]:
	return frappe.get_all(
		"CSC Survey Response",
		filters={"campaign": campaign.name},
		fields=["name", "source", "owner", "hall", "overall_score", "comments", "respondent_name", "phone"],
	)


class TestPage:
	def test_page_shows_the_title_and_questions_without_login(self, campaign, guest):
		page = guest.page(campaign.public_token)
		assert page.status_code == 200, page
		assert campaign.title in page.text
		for question in campaign.questions:
			assert question.question in page.text
			assert question.name in page.text  # the answer form refers to the question rows
		assert 'name="robots" content="noindex' in page.text

	def test_page_shows_nothing_else_of_the_site(self, users, hall, guest):
		owner = users.make("CSC Supervisor", halls=[hall], fresh=True)
		campaign = make_campaign(hall, owner=owner)
		frappe.db.set_value("CSC Survey Campaign", campaign.name, "owner", owner)
		frappe.db.commit()
		page = guest.page(campaign.public_token)
		assert page.status_code == 200, page
		staff_name = frappe.db.get_value("User", owner, "full_name")
		for secret in (hall, campaign.name, owner, staff_name, "Administrator", "/app", "csrf_token"):
			assert secret not in page.text, secret

	def test_unknown_or_malformed_token_is_not_found(self, guest):
		assert guest.page(frappe.generate_hash(length=32)).status_code == 404
		assert guest.page("..%2F..%2Fapp").status_code == 404
		assert guest.page("x" * 300).status_code == 404
		assert guest.request("get", "/survey").status_code == 404

	def test_regenerated_token_retires_the_old_link(self, users, campaign, guest):
		old = campaign.public_token
		manager = users.rest("CSC Manager")
		response = manager.call("csc_app.api.surveys.regenerate_token", campaign=campaign.name)
		assert response.status_code == 200, response
		new = frappe.db.get_value("CSC Survey Campaign", campaign.name, "public_token")
		assert new != old and new in response.data["url"]
		assert guest.page(old).status_code == 404
		assert guest.page(new).status_code == 200

	@pytest.mark.parametrize(
		"values",
		[
			{"status": "Draft"},
			{"status": "Closed"},
			{"from_date": add_days(nowdate(), 2), "to_date": add_days(nowdate(), 9)},
			{"from_date": add_days(nowdate(), -9), "to_date": add_days(nowdate(), -2)},
		],
		ids=["draft", "closed", "not-started", "ended"],
	)
	def test_a_survey_not_taking_answers_shows_a_notice_and_no_questions(self, hall, guest, values):
		campaign = make_campaign(hall, **values)
		page = guest.page(campaign.public_token)
		assert page.status_code == 200, page
		assert campaign.title in page.text
		assert 'id="survey-form"' not in page.text
		for question in campaign.questions:
			assert question.question not in page.text

	def test_markup_and_jinja_typed_by_staff_are_shown_as_text(self, hall, guest):
		campaign = make_campaign(
			hall,
			title='["<img src=x onerror=alert(1)>", "{{ 7*7 }}"]',  # JSON: Frappe's sanitiser skips it
			introduction='{"a": "<script>alert(1)</script>"} {% raw %}{{ frappe.session.user }}',
			questions=[
				{
					"question": '["<svg onload=alert(2)>"] {{ 6*7 }}',
					"question_type": "Rating",
					"is_required": 1,
				}
			],
		)
		page = guest.page(campaign.public_token)
		assert page.status_code == 200, page
		assert "<img src=x" not in page.text
		assert "<script>alert(1)" not in page.text
		assert "<svg onload" not in page.text
		assert "&lt;img src=x onerror=alert(1)&gt;" in page.text
		assert "{{ 7*7 }}" in page.text and "{{ 6*7 }}" in page.text  # never rendered
		assert ">49<" not in page.text and "42" not in page.text
		assert "{{ frappe.session.user }}" in page.text

	def test_language_from_the_lang_parameter_and_accept_language(self, campaign):
		english = GuestClient(lang="en").page(campaign.public_token, lang="en")
		assert "Submit" in english.text and '<html lang="en">' in english.text
		chinese = GuestClient(lang="en").page(campaign.public_token, lang="zh")
		assert "提交" in chinese.text and '<html lang="zh">' in chinese.text
		browser = GuestClient(lang="zh-CN,zh;q=0.9").page(campaign.public_token)
		assert "提交" in browser.text


class TestSubmit:
	def test_guest_answers_are_stored_as_a_web_response(self, campaign, guest):
		response = guest.submit(
			campaign.public_token,
			full_answers(campaign, scores=(5, 2), comment="导购很热情 👍🏻"),
			comments="停车场指示牌不清楚 🚗",
			respondent_name="王先生",
			phone="+86 138-0013-8000",
		)
		assert response.status_code == 200, response
		assert "Thank you" in response.data["message"]
		[stored] = responses_of(campaign)
		assert stored.source == "Web"
		assert stored.owner == "Guest"
		assert stored.hall == campaign.hall
		assert stored.overall_score == 3.5
		assert stored.comments == "停车场指示牌不清楚 🚗"
		assert stored.phone == "13800138000"
		doc = frappe.get_doc("CSC Survey Response", stored.name)
		assert [a.comment for a in doc.answers if a.comment] == ["导购很热情 👍🏻"]
		assert frappe.db.get_value("CSC Survey Campaign", campaign.name, "responses_count") == 1

	def test_markup_is_stored_harmless_and_jinja_as_text(self, campaign, guest):
		response = guest.submit(
			campaign.public_token,
			full_answers(campaign, comment='["<script>alert(1)</script>"]'),
			comments="<img src=x onerror=alert(1)> {{ frappe.session.user }}",
			respondent_name='{"x": "<b onclick=alert(1)>me</b>"}',
		)
		assert response.status_code == 200, response
		[stored] = responses_of(campaign)
		doc = frappe.get_doc("CSC Survey Response", stored.name)
		texts = [doc.comments, doc.respondent_name, *(a.comment or "" for a in doc.answers)]
		for text in texts:
			assert "<" not in text and ">" not in text, text  # every tag escaped, JSON or not
		assert doc.comments.startswith("&lt;img") and "onerror" not in doc.comments
		assert doc.comments.endswith(" {{ frappe.session.user }}")

	def test_fields_a_guest_must_not_set_are_ignored(self, users, campaign, guest):
		other_hall = make_hall()
		response = guest.submit(
			campaign.public_token,
			full_answers(campaign),
			hall=other_hall,
			source="Staff",
			customer="Anything",
			overall_score=1,
			owner="Administrator",
		)
		assert response.status_code == 200, response
		[stored] = responses_of(campaign)
		assert (stored.hall, stored.source, stored.owner, stored.overall_score) == (
			campaign.hall,
			"Web",
			"Guest",
			4.5,
		)

	@pytest.mark.parametrize(
		"values, message",
		[
			({"status": "Draft"}, "is not open yet"),
			({"status": "Closed"}, "is closed"),
			({"from_date": add_days(nowdate(), 2), "to_date": add_days(nowdate(), 9)}, "opens on"),
			({"from_date": add_days(nowdate(), -9), "to_date": add_days(nowdate(), -2)}, "ended on"),
		],
		ids=["draft", "closed", "not-started", "ended"],
	)
	def test_a_survey_not_taking_answers_refuses_them(self, hall, guest, values, message):
		campaign = make_campaign(hall, **values)
		response = guest.submit(campaign.public_token, full_answers(campaign))
		assert response.status_code == 417, response
		assert message in response.messages
		assert responses_of(campaign) == []

	def test_the_period_ends_with_its_last_day(self, hall, guest):
		campaign = make_campaign(hall, from_date="2026-03-01", to_date="2026-03-31")
		with frozen_at("2026-03-31 23:59:00"):
			assert guest.submit(campaign.public_token, full_answers(campaign)).status_code == 200
		with frozen_at("2026-04-01 00:00:30"):
			late = guest.submit(campaign.public_token, full_answers(campaign))
		assert late.status_code == 417, late
		with frozen_at("2026-02-28 23:59:00"):
			early = guest.submit(campaign.public_token, full_answers(campaign))
		assert early.status_code == 417, early
		assert len(responses_of(campaign)) == 1

	def test_unknown_token_is_refused(self, guest):
		response = guest.submit(frappe.generate_hash(length=32), [{"question": "x", "score": 5}])
		assert response.status_code == 404, response
		assert "not valid" in response.messages
		assert guest.submit(None, []).status_code in (404, 417)

	def test_answers_for_another_campaigns_questions_are_refused(self, hall, campaign, guest):
		other = make_campaign(hall)
		answers = full_answers(campaign)
		answers[0]["question"] = other.questions[0].name
		response = guest.submit(campaign.public_token, answers)
		assert response.status_code == 417, response
		assert "not part of survey" in response.messages
		assert responses_of(campaign) == [] and responses_of(other) == []

	@pytest.mark.parametrize("score", [0, 6, -1, "5.5", "abc", True, 4.5, [5]])
	def test_scores_outside_one_to_five_are_refused(self, campaign, guest, score):
		answers = full_answers(campaign)
		answers[0]["score"] = score
		response = guest.submit(campaign.public_token, answers)
		assert response.status_code == 417, response
		assert "from 1 to 5" in response.messages
		assert responses_of(campaign) == []

	def test_a_score_for_a_text_question_is_refused(self, campaign, guest):
		answers = full_answers(campaign)
		answers[-1]["score"] = 5
		response = guest.submit(campaign.public_token, answers)
		assert response.status_code == 417, response
		assert "text question" in response.messages
		assert responses_of(campaign) == []

	def test_missing_required_answers_are_refused(self, campaign, guest):
		answers = [a for a in full_answers(campaign) if a["question"] != campaign.questions[1].name]
		response = guest.submit(campaign.public_token, answers)
		assert response.status_code == 417, response
		assert "required question" in response.messages
		assert campaign.questions[1].question in response.messages
		assert responses_of(campaign) == []

	def test_a_question_answered_twice_is_refused(self, campaign, guest):
		answers = [*full_answers(campaign), {"question": campaign.questions[0].name, "score": 1}]
		response = guest.submit(campaign.public_token, answers)
		assert response.status_code == 417, response
		assert "answered twice" in response.messages
		assert responses_of(campaign) == []

	@pytest.mark.parametrize(
		"field, length",
		[("comments", 2001), ("respondent_name", 141), ("answer", 1001)],
	)
	def test_over_long_text_is_refused(self, campaign, guest, field, length):
		answers = full_answers(campaign, comment="长" * length if field == "answer" else "好")
		values = {} if field == "answer" else {field: "长" * length}
		response = guest.submit(campaign.public_token, answers, **values)
		assert response.status_code == 417, response
		assert "too long" in response.messages
		assert responses_of(campaign) == []

	def test_malformed_phone_is_refused(self, campaign, guest):
		response = guest.submit(campaign.public_token, full_answers(campaign), phone="12345")
		assert response.status_code == 417, response
		assert "not a valid phone number" in response.messages
		assert responses_of(campaign) == []

	@pytest.mark.parametrize("answers", [[], "not json", {"question": "x"}, ["x"], [{"score": 5}]])
	def test_malformed_answers_are_refused(self, campaign, guest, answers):
		response = guest.submit(campaign.public_token, answers)
		assert response.status_code == 417, response
		assert responses_of(campaign) == []

	def test_errors_are_translated(self, campaign):
		answers = full_answers(campaign)
		answers[0]["score"] = 9
		response = GuestClient().submit(campaign.public_token, answers, _lang="zh")
		assert response.status_code == 417, response
		assert "1 到 5" in response.messages

	def test_get_is_not_allowed(self, campaign, guest):
		response = guest.call(SUBMIT, http="get", token=campaign.public_token, answers="[]")
		assert response.status_code in (403, 405), response
		assert responses_of(campaign) == []

	def test_rate_limit_per_ip(self, hall, campaign):
		before = frappe.db.get_single_value("CSC Settings", "survey_web_answers_per_hour")
		frappe.db.set_single_value("CSC Settings", "survey_web_answers_per_hour", 3)
		frappe.db.commit()
		try:
			phone = GuestClient()
			for _ in range(3):
				assert phone.submit(campaign.public_token, full_answers(campaign)).status_code == 200
			blocked = phone.submit(campaign.public_token, full_answers(campaign))
			assert blocked.status_code == 429, blocked
			# bad requests count too: probing tokens does not get around the limit
			assert phone.submit(frappe.generate_hash(length=32), []).status_code == 429
			assert GuestClient().submit(campaign.public_token, full_answers(campaign)).status_code == 200
		finally:
			frappe.db.set_single_value("CSC Settings", "survey_web_answers_per_hour", before)
			frappe.db.commit()
		assert len(responses_of(campaign)) == 4


class TestGuestHasNothingElse:
	def test_guest_cannot_use_the_rest_resources(self, campaign, guest):
		answers = full_answers(campaign)
		created = guest.insert("CSC Survey Response", {"campaign": campaign.name, "answers": answers})
		assert created.status_code == 403, created
		assert guest.get_list("CSC Survey Response").status_code == 403
		assert guest.get_doc("CSC Survey Campaign", campaign.name).status_code == 403
		assert guest.get_list("CSC Survey Campaign").status_code == 403
		assert responses_of(campaign) == []

	@pytest.mark.parametrize(
		"method, http",
		[
			("csc_app.api.surveys.get_public_link", "get"),
			("csc_app.api.surveys.get_completion", "get"),
			("csc_app.api.surveys.regenerate_token", "post"),
		],
	)
	def test_guest_cannot_call_the_staff_endpoints(self, campaign, guest, method, http):
		response = guest.call(method, http=http, campaign=campaign.name)
		assert response.status_code == 403, response
		assert campaign.public_token not in response.text
