"""Demo complaints in several states, so that a new user sees the closed loop at work. Idempotent."""

import frappe
from frappe.model.workflow import apply_workflow

from csc_app import workflow_guard
from csc_app.demo import data

STEPS = {
	"draft": (),
	"registered": ("Register",),
	"in_progress": ("Register", "Start Handling"),
	"resolved": ("Register", "Start Handling", "Resolve"),
}


def setup(halls: dict[str, str]) -> None:
	if frappe.db.exists("CSC Complaint", {"description": data.COMPLAINTS[0][4]}):
		return
	for hall_code, shopper, category, unit, description, stage in data.COMPLAINTS:
		name, mobile, *_ = data.SHOPPERS[shopper]
		merchant = (
			frappe.db.get_value("CSC Merchant", {"hall": halls[hall_code], "unit_no": unit}) if unit else None
		)
		complaint = frappe.get_doc(
			{
				"doctype": "CSC Complaint",
				"hall": halls[hall_code],
				"complainant_type": "Shopper",
				"complainant_name": name,
				"phone": mobile,
				"channel": "Phone",
				"category": category,
				"respondent_type": "Merchant" if merchant else "Mall",
				"respondent_merchant": merchant,
				"description": description,
			}
		).insert()
		for action in STEPS[stage]:
			if action == "Resolve":
				complaint.reload()
				complaint.update(
					{
						"resolution": "商户已上门维修并补偿，顾客表示满意。",
						"responsibility": "Merchant",
						"validity": "Valid",
						"compensation_type": "Gift",
						"compensation_amount": 200,
						"customer_agreement": "Agreed",
					}
				)
				complaint.save()
			apply_workflow(complaint.as_dict(), action)
			complaint.reload()


def setup_callbacks(halls: dict[str, str]) -> None:
	"""A few open callbacks for the demo agents' workbench (planned by the daily job in real use)."""
	from frappe.utils import add_to_date, now_datetime

	for key, (hall_code, agent, shopper, callback_type, hours) in {
		"DEMO:CB:1": ("A", "agent@csc.example", 0, "Service Quality", 3),
		"DEMO:CB:2": ("A", "agent@csc.example", 3, "VIP", 26),
		"DEMO:CB:3": ("B", "agent.b@csc.example", 1, "Birthday", 5),
	}.items():
		if frappe.db.exists("CSC Callback", {"dedupe_key": key}):
			continue
		name, mobile, *_ = data.SHOPPERS[shopper]
		customer = frappe.db.get_value("Customer", {"customer_name": name, "mobile_no": mobile})
		doc = frappe.get_doc(
			{
				"doctype": "CSC Callback",
				"callback_type": callback_type,
				"hall": halls[hall_code],
				"customer": customer,
				"contact_name": name,
				"phone": mobile,
				"due_by": add_to_date(now_datetime(), hours=hours),
				"assigned_to": agent,
			}
		)
		doc.dedupe_key = key
		with workflow_guard.system_update(doc):  # the key is server-owned
			doc.insert()
