"""One real browser: an agent logs into the desk, registers a complaint through the form, finds it in
the list. Headless Chromium (Debian's chromium) driven by Playwright, against a gunicorn serving the
test site on 127.0.0.1."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import frappe
import pytest
from frappe.utils.password import update_password

from tests.factories import make_category, make_department, unique_phone
from tests.utils import make_hall, make_merchant

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "Browser-Test-2026!"
REPO = Path(__file__).resolve().parent.parent


def _free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
	bench = frappe.utils.get_bench_path()
	port = _free_port()
	env = {**os.environ, "CSC_SITE": frappe.local.site, "PYTHONPATH": f"{REPO}:{REPO / 'scripts'}"}
	process = subprocess.Popen(
		[
			f"{bench}/env/bin/gunicorn",
			"--bind",
			f"127.0.0.1:{port}",
			"--workers",
			"2",
			"--timeout",
			"120",
			"--chdir",
			f"{bench}/sites",
			"site_wsgi:application",
		],
		env=env,
		stdout=subprocess.DEVNULL,
		stderr=subprocess.PIPE,
	)
	url = f"http://127.0.0.1:{port}"
	try:
		for _ in range(60):
			try:
				urllib.request.urlopen(f"{url}/api/method/ping", timeout=2)
				break
			except OSError:
				if process.poll() is not None:
					pytest.fail("gunicorn exited: " + process.stderr.read().decode()[-2000:])
				time.sleep(0.5)
		else:
			pytest.fail("the test server did not answer")
		yield url
	finally:
		process.terminate()
		process.wait(timeout=20)


@pytest.fixture(scope="module")
def agent(users):
	hall = make_hall()
	make_merchant(hall, merchant_name=f"浏览器测试家居 {frappe.generate_hash(length=4)}")
	category = make_category(make_department())
	user = users.make("CSC Agent", halls=[hall], fresh=True)
	update_password(user, PASSWORD)
	frappe.db.commit()
	return frappe._dict(user=user, hall=hall, category=category)


def test_agent_registers_a_complaint_in_the_desk(server, agent):
	assert os.path.exists(CHROMIUM), "install Debian's chromium package (scripts/test.sh does)"
	from playwright.sync_api import expect, sync_playwright

	phone = unique_phone()
	subject = f"浏览器登记 {frappe.generate_hash(length=6)}"
	with sync_playwright() as p:
		browser = p.chromium.launch(
			executable_path=CHROMIUM,
			args=[
				"--no-sandbox",
				"--disable-gpu",
				"--disable-quic",
				"--no-first-run",
				"--disable-background-networking",
				"--disable-component-update",
				"--disable-sync",
			],
		)
		try:
			page = browser.new_page(viewport={"width": 1400, "height": 1000})
			page.set_default_timeout(30000)
			page.goto(f"{server}/login")
			page.fill("#login_email", agent.user)
			page.fill("#login_password", PASSWORD)
			page.click(".btn-login")
			page.wait_for_url("**/app**")

			page.goto(f"{server}/app/csc-complaint/new")
			form = page.locator(".form-layout")
			_fill_link(page, "hall", agent.hall)
			page.locator('input[data-fieldname="phone"]').fill(phone)
			page.locator('input[data-fieldname="complainant_name"]').fill("赵先生")
			_fill_link(page, "category", agent.category)
			page.locator('select[data-fieldname="respondent_type"]').select_option("Mall")
			page.locator('input[data-fieldname="subject"]').fill(subject)
			page.locator('textarea[data-fieldname="description"]').fill("卖场电梯停运，顾客被困十分钟。")
			expect(form).to_be_visible()
			page.keyboard.press("Control+s")
			page.wait_for_url("**/app/csc-complaint/CMP-*")
			name = page.url.rstrip("/").split("/")[-1]

			page.get_by_role("button", name="Actions").click()
			page.locator(".dropdown-menu.show").get_by_text("Register", exact=True).click()
			# once registered the clock runs: the form shows its SLA headline
			expect(page.get_by_text("On Track").first).to_be_visible()

			page.goto(f"{server}/app/csc-complaint?hall={agent.hall}")
			expect(page.locator(f'.list-row-container a[data-name="{name}"]').first).to_be_visible()
		except Exception:
			shot = Path(frappe.utils.get_bench_path()) / "logs" / "browser-test-failure.png"
			page.screenshot(path=str(shot), full_page=True)
			print(f"screenshot of the failure: {shot}")
			raise
		finally:
			browser.close()

	frappe.db.commit()
	complaint = frappe.get_doc("CSC Complaint", name)
	assert complaint.subject == subject
	assert complaint.phone == phone
	assert complaint.workflow_state == "Registered"
	assert complaint.owner == agent.user


def _fill_link(page, fieldname, value):
	field = page.locator(f'input[data-fieldname="{fieldname}"]')
	field.click()
	field.fill(value)
	page.locator('div[role="option"]:visible').filter(has_text=value).first.click()
	page.wait_for_timeout(300)
