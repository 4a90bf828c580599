"""Merchant 360 numbers for the merchant form: one permission-aware count per kind of record."""

import frappe
from frappe import _


@frappe.whitelist(methods=["GET"])
def get_summary(merchant: str) -> dict:
	"""Counts of everything recorded about ``merchant`` that the user may see."""
	frappe.get_doc("CSC Merchant", merchant).check_permission("read")

	def count(doctype: str, filters: dict) -> int | None:
		if not frappe.db.exists("DocType", doctype) or not frappe.has_permission(doctype, "read"):
			return None
		return frappe.get_list(doctype, filters=filters, fields=["count(*) as n"], order_by=None)[0].n

	summary = {
		"complaints_against": count("CSC Complaint", {"respondent_merchant": merchant}),
		"valid_complaints_against": count(
			"CSC Complaint", {"respondent_merchant": merchant, "validity": "Valid"}
		),
		"complaints_by": count("CSC Complaint", {"complainant_merchant": merchant}),
		"visits": count("CSC Merchant Visit", {"merchant": merchant}),
		"visits_done": count("CSC Merchant Visit", {"merchant": merchant, "status": "Done"}),
		"callbacks": count("CSC Callback", {"merchant": merchant}),
		"survey_responses": count("CSC Survey Response", {"merchant": merchant}),
	}
	summary["labels"] = {
		"complaints_against": _("Complaints Against"),
		"valid_complaints_against": _("Valid Complaints Against"),
		"complaints_by": _("Complaints Raised"),
		"visits": _("Visits"),
		"visits_done": _("Visits Done"),
		"callbacks": _("Callbacks"),
		"survey_responses": _("Survey Responses"),
	}
	return summary
