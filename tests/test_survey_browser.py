"""Real browser: a shopper answers the public survey on a phone; a manager sees the link and QR code in
the desk; an agent enters a paper answer sheet. Headless Chromium against gunicorn (see test_browser)."""

import os
from pathlib import Path

import frappe
import pytest
from frappe.utils.password import update_password

from tests.factories_surveys import make_campaign
from tests.test_browser import (
	CHROMIUM,
	PASSWORD,
	server,  # the gunicorn fixture, reached through site_url below
)
from tests.utils import make_hall

BROWSER_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


@pytest.fixture(scope="module")
def site_url(request) -> str:
	"""The URL of test_browser's gunicorn serving the test site."""
	return request.getfixturevalue("server")


@pytest.fixture(scope="module")
def browser():
	assert os.path.exists(CHROMIUM), "install Debian's chromium package (scripts/test.sh does)"
	from playwright.sync_api import sync_playwright

	with sync_playwright() as p:
		chromium = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
		try:
			yield chromium
		finally:
			chromium.close()


def _run(page, name, steps):
	page.set_default_timeout(30000)
	try:
		steps()
	except Exception:
		shot = Path(frappe.utils.get_bench_path()) / "logs" / f"browser-test-failure-{name}.png"
		page.screenshot(path=str(shot), full_page=True)
		print(f"screenshot of the failure: {shot}")
		raise


def _login(page, url, user):
	page.goto(f"{url}/login")
	page.fill("#login_email", user)
	page.fill("#login_password", PASSWORD)
	page.click(".btn-login")
	page.wait_for_url("**/app**")


def test_shopper_answers_on_a_phone(site_url, browser):
	from playwright.sync_api import expect

	campaign = make_campaign(make_hall())
	page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")

	def steps():
		page.goto(f"{site_url}/survey/{campaign.public_token}?lang=zh")
		expect(page.get_by_role("heading", name=campaign.title)).to_be_visible()
		# nothing fits wider than the phone
		assert page.evaluate("document.documentElement.scrollWidth") <= 390
		page.get_by_role("button", name="提交").click()
		expect(page.get_by_text("请回答所有必答问题。")).to_be_visible()

		first, second, text = campaign.questions
		page.locator(f'fieldset[data-question="{first.name}"] label').nth(4).click()
		page.locator(f'fieldset[data-question="{second.name}"] label').nth(2).click()
		page.locator(f'textarea[name="comment-{text.name}"]').fill("洗手间很干净 👍")
		page.locator("#respondent_name").fill("陈女士")
		page.get_by_role("button", name="提交").click()
		expect(page.get_by_text("谢谢！我们已收到您的回答。")).to_be_visible()

	_run(page, "survey-phone", steps)
	page.close()
	frappe.db.commit()
	[response] = frappe.get_all(
		"CSC Survey Response",
		filters={"campaign": campaign.name},
		fields=["name", "source", "overall_score", "respondent_name"],
	)
	assert (response.source, response.overall_score, response.respondent_name) == ("Web", 4, "陈女士")
	answers = frappe.get_all(
		"CSC Survey Answer", filters={"parent": response.name}, fields=["comment"], order_by="idx"
	)
	assert answers[-1].comment == "洗手间很干净 👍"


def test_manager_sees_the_link_and_qr_code_and_an_agent_enters_answers(site_url, browser, users):
	from playwright.sync_api import expect

	hall = make_hall()
	campaign = make_campaign(hall)
	manager = users.make("CSC Manager", fresh=True)
	agent = users.make("CSC Agent", halls=[hall], fresh=True)
	for user in (manager, agent):
		update_password(user, PASSWORD)
	frappe.db.commit()

	context = browser.new_context(viewport={"width": 1400, "height": 1000})
	page = context.new_page()

	def manager_steps():
		_login(page, site_url, manager)
		page.goto(f"{site_url}/app/csc-survey-campaign/{campaign.name}")
		link = page.locator(".csc-survey-link a")
		expect(link).to_contain_text(f"/survey/{campaign.public_token}")
		expect(page.locator('.csc-survey-link img[src^="data:image/svg+xml;base64,"]')).to_be_visible()

	_run(page, "survey-desk-manager", manager_steps)
	context.close()

	context = browser.new_context(viewport={"width": 1400, "height": 1000})
	page = context.new_page()

	def agent_steps():
		_login(page, site_url, agent)
		page.goto(f"{site_url}/app/csc-survey-response/new")
		field = page.locator('input[data-fieldname="campaign"]')
		field.click()
		field.fill(campaign.name)
		page.locator('div[role="option"]:visible').filter(has_text=campaign.name).first.click()
		rows = page.locator('[data-fieldname="answers"] .grid-body .rows .grid-row')
		expect(rows).to_have_count(3)
		for i, score in ((0, "5"), (1, "3")):
			rows.nth(i).locator('[data-fieldname="score"]').click()
			rows.nth(i).locator('select[data-fieldname="score"]').select_option(score)
		page.keyboard.press("Control+s")
		page.wait_for_url("**/app/csc-survey-response/SVR-*")

	_run(page, "survey-desk-agent", agent_steps)
	name = page.url.rstrip("/").split("/")[-1]
	context.close()
	frappe.db.commit()
	doc = frappe.get_doc("CSC Survey Response", name)
	assert (doc.campaign, doc.hall, doc.source, doc.overall_score, doc.owner) == (
		campaign.name,
		hall,
		"Staff",
		4,
		agent,
	)
