"""Merchant 360 (商户全景): everything recorded about a merchant, with counts, on the merchant form."""

from frappe import _


def get_data():
	return {
		"fieldname": "merchant",
		"transactions": [
			{"label": _("Merchant Visits"), "items": ["CSC Merchant Visit"]},
		],
	}
