"""Merchant 360 (商户全景): everything recorded about a merchant, with counts, on the merchant form.

The connections count complaints against the merchant, its visits and its callbacks; complaints the
merchant itself raised are counted by ``csc_app.api.merchants.get_summary`` (shown by the form).
"""

from frappe import _


def get_data():
	return {
		"fieldname": "merchant",
		"non_standard_fieldnames": {"CSC Complaint": "respondent_merchant"},
		"transactions": [
			{"label": _("Complaints Against"), "items": ["CSC Complaint"]},
			{"label": _("Merchant Visits"), "items": ["CSC Merchant Visit"]},
			{"label": _("Callbacks"), "items": ["CSC Callback"]},
		],
	}
