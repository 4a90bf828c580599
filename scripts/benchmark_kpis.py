"""KPI benchmark (not a test): bulk-load 100k complaints and 500k callbacks into a scratch site, then
time the month scorecard and the complaint analysis beside the same aggregates as raw SQL.

Run through scripts/benchmark.sh (it prepares the scratch site). Loading is done once per site.
"""

import os
import sys
import time

import frappe

COMPLAINTS = int(os.environ.get("CSC_BENCH_COMPLAINTS", 100_000))
CALLBACKS = int(os.environ.get("CSC_BENCH_CALLBACKS", 500_000))
HALLS = ("Bench Hall A", "Bench Hall B", "Bench Hall C")
MONTH = {"from_date": "2026-06-01", "to_date": "2026-06-30", "periodicity": "Monthly"}


def setup_masters():
	for i, hall in enumerate(HALLS):
		if not frappe.db.exists("CSC Hall", hall):
			frappe.get_doc({"doctype": "CSC Hall", "hall_name": hall, "hall_code": f"BENCH{i}"}).insert()
	for name in ("Bench Quality", "Bench Delivery", "Bench Service"):
		if not frappe.db.exists("CSC Complaint Category", name):
			frappe.get_doc({"doctype": "CSC Complaint Category", "category_name": name}).insert()
	frappe.db.commit()


def load():
	have = frappe.db.count("CSC Complaint", {"name": ("like", "BENCH-%")})
	if have < COMPLAINTS:
		print(f"loading {COMPLAINTS - have} complaints …", flush=True)
		frappe.db.sql(
			"""
			INSERT INTO `tabCSC Complaint` (name, creation, modified, modified_by, owner, docstatus, idx,
				hall, complainant_type, phone, complainant_name, channel, category, severity, respondent_type,
				description, validity, responsibility, registered_on, response_by, first_responded_on,
				resolution_by, resolved_on, sla_status, escalation_level, workflow_state, paused_minutes,
				customer_agreement, needs_approval, subject)
			SELECT CONCAT('BENCH-CMP-', seq), t, t, 'Administrator', 'Administrator', 0, 0,
				ELT(1 + seq %% 3, %(a)s, %(b)s, %(c)s), 'Shopper', CONCAT('139', LPAD(seq, 8, '0')), 'bench',
				ELT(1 + seq %% 4, 'Phone', 'Walk-in', 'Web', 'Email'),
				ELT(1 + seq %% 3, 'Bench Quality', 'Bench Delivery', 'Bench Service'),
				IF(seq %% 50 = 0, 'Major', 'Normal'), 'Mall', 'bench complaint',
				ELT(1 + seq %% 4, 'Valid', 'Valid', 'Invalid', 'Pending'),
				ELT(1 + seq %% 5, 'Mall', 'Merchant', 'Merchant', 'Shopper', 'Third Party'),
				t, t + INTERVAL 4 HOUR, t + INTERVAL (seq %% 300) MINUTE, t + INTERVAL 24 HOUR,
				t + INTERVAL (seq %% 40) HOUR, IF(seq %% 40 > 24, 'Breached', 'Met'), 0, 'Closed', 0, 'Agreed', 0, 'bench'
			FROM (SELECT seq, TIMESTAMP('2026-01-01') + INTERVAL (seq %% 365) DAY + INTERVAL (seq %% 720) MINUTE AS t
				FROM seq_1_to_%(n)s WHERE seq > %(have)s) s
			""".replace("%(n)s", str(COMPLAINTS)),
			{"a": HALLS[0], "b": HALLS[1], "c": HALLS[2], "have": have},
		)
		frappe.db.commit()
	have = frappe.db.count("CSC Callback", {"name": ("like", "BENCH-%")})
	if have < CALLBACKS:
		print(f"loading {CALLBACKS - have} callbacks …", flush=True)
		frappe.db.sql(
			"""
			INSERT INTO `tabCSC Callback` (name, creation, modified, modified_by, owner, docstatus, idx,
				callback_type, hall, phone, contact_name, due_by, status, completed_on, is_on_time, satisfaction,
				escalated)
			SELECT CONCAT('BENCH-CB-', seq), t, t, 'Administrator', 'Administrator', 0, 0,
				ELT(1 + seq %% 3, 'VIP', 'Service Quality', 'Birthday'), ELT(1 + seq %% 3, %(a)s, %(b)s, %(c)s),
				CONCAT('138', LPAD(seq, 8, '0')), 'bench', t,
				ELT(1 + seq %% 5, 'Completed', 'Completed', 'Completed', 'Unreachable', 'Cancelled'),
				IF(seq %% 5 < 3, t - INTERVAL (seq %% 7) HOUR + INTERVAL 3 HOUR, NULL),
				IF(seq %% 5 < 3 AND seq %% 7 >= 3, 1, 0), IF(seq %% 5 < 3, 1 + seq %% 5, 0), 0
			FROM (SELECT seq, TIMESTAMP('2026-01-01') + INTERVAL (seq %% 365) DAY + INTERVAL (seq %% 600) MINUTE AS t
				FROM seq_1_to_%(n)s WHERE seq > %(have)s) s
			""".replace("%(n)s", str(CALLBACKS)),
			{"a": HALLS[0], "b": HALLS[1], "c": HALLS[2], "have": have},
		)
		frappe.db.commit()
	frappe.db.sql("ANALYZE TABLE `tabCSC Complaint`, `tabCSC Callback`")


def restricted_user() -> str:
	"""A CSC Supervisor given the first bench hall (reports then filter by hall)."""
	email = "bench-supervisor@example.com"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "Bench",
				"send_welcome_email": 0,
				"roles": [{"role": "CSC Supervisor"}],
			}
		).insert(ignore_permissions=True)
		from csc_app.api.halls import set_user_halls

		set_user_halls(email, [HALLS[0]])
		frappe.db.commit()
	return email


def timed(label, fn, repeat=3):
	best = None
	for _ in range(repeat):
		start = time.perf_counter()
		result = fn()
		elapsed = time.perf_counter() - start
		best = elapsed if best is None else min(best, elapsed)
	print(f"  {label:<58} {best * 1000:8.1f} ms")
	return best, result


def run_report(name, filters):
	from frappe.desk.query_report import run

	return run(name, filters=filters)


def main():
	setup_masters()
	load()
	counts = (frappe.db.count("CSC Complaint"), frappe.db.count("CSC Callback"))
	print(f"site {frappe.local.site}: {counts[0]:,} complaints, {counts[1]:,} callbacks\n")
	results = {}
	for user, label in (("Administrator", "all halls"), (restricted_user(), f"supervisor of {HALLS[0]}")):
		frappe.set_user(user)
		print(f"as {user} ({label}), month {MONTH['from_date']} … {MONTH['to_date']}:")
		scorecard, _ = timed(
			"CSC KPI Scorecard (month, all KPIs)", lambda: run_report("CSC KPI Scorecard", MONTH)
		)
		analysis, _ = timed(
			"Complaint Analysis (month, by category)",
			lambda: run_report("Complaint Analysis", {**MONTH, "group_by": "Category"}),
		)
		results["scorecard"] = max(results.get("scorecard", 0), scorecard)
		results["analysis"] = max(results.get("analysis", 0), analysis)
	frappe.set_user("Administrator")
	print("\nthe same aggregates as raw SQL:")
	timed(
		"raw SQL: valid complaints per hall in the month",
		lambda: frappe.db.sql(
			"""select hall, count(*), sum(validity='Valid'), sum(validity='Valid' and responsibility='Mall')
			from `tabCSC Complaint` where registered_on >= %s and registered_on < %s group by hall""",
			("2026-06-01", "2026-07-01"),
		),
	)
	timed(
		"raw SQL: callbacks due / on time per hall in the month",
		lambda: frappe.db.sql(
			"""select hall, count(*), sum(status='Completed' and is_on_time=1) from `tabCSC Callback`
			where due_by >= %s and due_by < %s and status != 'Cancelled' group by hall""",
			("2026-06-01", "2026-07-01"),
		),
	)
	timed(
		"raw SQL: complaints by category in the month",
		lambda: frappe.db.sql(
			"""select category, count(*), sum(validity='Valid'), avg(timestampdiff(minute, registered_on, first_responded_on))
			from `tabCSC Complaint` where registered_on >= %s and registered_on < %s group by category""",
			("2026-06-01", "2026-07-01"),
		),
	)
	ok = results["scorecard"] < 1 and results["analysis"] < 1
	print("\nresult:", "both under 1 s" if ok else "TOO SLOW")
	return 0 if ok else 1


if __name__ == "__main__":
	frappe.init(site=sys.argv[1], sites_path=os.environ.get("SITES_PATH", "."))
	frappe.connect()
	try:
		code = main()
	finally:
		frappe.destroy()
	sys.exit(code)
