"""The daily / weekly / monthly reports (日报 / 周报 / 月报) are Auto Email Reports that really reach the
CSC Managers: delivered to an SMTP server on loopback with the scorecard in them."""

import email
from email import policy

import frappe
import pytest

from csc_app.setup import email_reports
from tests.smtp_sink import SMTPSink
from tests.utils import make_hall


@pytest.fixture
def sink():
	with SMTPSink() as server:
		account = frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": f"CSC Test Sink {frappe.generate_hash(length=6)}",
				"email_id": "csc-reports@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"smtp_port": server.port,
				"use_tls": 0,
				"use_ssl_for_outgoing": 0,
				"no_smtp_authentication": 1,
				"enable_incoming": 0,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		muted = frappe.local.conf.get("mute_emails")
		frappe.local.conf.mute_emails = 0
		try:
			yield server
		finally:
			frappe.local.conf.mute_emails = muted
			frappe.delete_doc("Email Account", account.name, force=True, ignore_permissions=True)
			frappe.db.commit()


def test_three_reports_are_shipped_for_the_managers(users):
	manager = users.make("CSC Manager", fresh=True)
	for name, *_ in email_reports.SCHEDULED:
		frappe.delete_doc("Auto Email Report", name, force=True, ignore_permissions=True, ignore_missing=True)
	created = email_reports.ensure_email_reports()
	assert created == [name for name, *_ in email_reports.SCHEDULED]
	assert email_reports.ensure_email_reports() == []  # idempotent
	daily = frappe.get_doc("Auto Email Report", email_reports.SCHEDULED[0][0])
	assert daily.enabled and daily.frequency == "Daily" and daily.report == "CSC KPI Scorecard"
	assert manager in daily.email_to.split()
	assert {
		r.frequency for r in map(lambda n: frappe.get_doc("Auto Email Report", n[0]), email_reports.SCHEDULED)
	} == {
		"Daily",
		"Weekly",
		"Monthly",
	}
	frappe.db.commit()


def test_daily_report_is_delivered_with_the_scorecard(users, sink):
	hall = make_hall()
	users.make("CSC Manager", fresh=True)
	for name, *_ in email_reports.SCHEDULED:
		frappe.delete_doc("Auto Email Report", name, force=True, ignore_permissions=True, ignore_missing=True)
	email_reports.ensure_email_reports()
	name = email_reports.SCHEDULED[0][0]
	report = frappe.get_doc("Auto Email Report", name)
	frappe.db.commit()

	from frappe.email.doctype.auto_email_report.auto_email_report import send_now
	from frappe.email.queue import flush

	# Frappe hands a many-recipient mail to a background worker; run that job here, and let it really
	# talk SMTP (in_test alone would skip the socket).
	frappe.flags.in_test = frappe.flags.testing_email = True
	try:
		send_now(name)
		flush()
	finally:
		frappe.flags.in_test = frappe.flags.testing_email = False
	frappe.db.commit()

	received = [email.message_from_string(m, policy=policy.default) for m in sink.messages]
	reports = [m for m in received if name in str(m["Subject"])]
	assert reports, f"the report did not reach the SMTP server ({len(received)} other messages did)"
	message = reports[-1]
	body = "".join(part.get_content() for part in message.walk() if part.get_content_type() == "text/html")
	assert "Valid Complaints" in body and hall in body
	assert set(report.email_to.split()) <= set(sink.recipients)
