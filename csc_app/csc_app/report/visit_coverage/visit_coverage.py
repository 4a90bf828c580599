"""Merchant visit coverage (商户拜访覆盖率): merchants visited ÷ active merchants, per hall."""

import frappe
from frappe import _

from csc_app.api.visits import get_coverage
from csc_app.kpi.scope import make_scope


def execute(filters=None):
	scope = make_scope(filters)
	rows = get_coverage(str(scope.from_date), str(scope.to_date), (filters or {}).get("hall"))
	columns = [
		{"fieldname": "hall", "label": _("Hall"), "fieldtype": "Link", "options": "CSC Hall", "width": 160},
		{"fieldname": "active_merchants", "label": _("Active Merchants"), "fieldtype": "Int", "width": 130},
		{"fieldname": "visited_merchants", "label": _("Merchants Visited"), "fieldtype": "Int", "width": 130},
		{
			"fieldname": "coverage",
			"label": _("Merchant Visit Coverage %"),
			"fieldtype": "Percent",
			"width": 160,
		},
	]
	chart = (
		{
			"data": {
				"labels": [r.hall for r in rows],
				"datasets": [{"name": _("Merchant Visit Coverage %"), "values": [r.coverage for r in rows]}],
			},
			"type": "bar",
		}
		if rows
		else None
	)
	return columns, rows, None, chart
