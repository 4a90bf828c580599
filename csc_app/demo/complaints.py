"""Demo complaints in several states, so that a new user sees the closed loop at work. Idempotent."""

import frappe
from frappe.model.workflow import apply_workflow

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
