"""Customer flow (客流统计) per hall and period, and how many days have a count (完成情况)."""

from frappe import _

from csc_app.kpi import measures
from csc_app.kpi.scope import make_scope


def execute(filters=None):
	scope = make_scope(filters)
	data = measures.customer_flow(scope)
	rows = []
	for (hall, period), values in sorted(data.items(), key=lambda kv: (kv[0][1] or "", kv[0][0] or "")):
		rows.append(
			{
				"hall": hall,
				"period": period,
				"customer_flow": values.get("customer_flow") or 0,
				"recorded": values.get("flow_periods_recorded") or 0,
				"expected": values.get("flow_periods_expected") or 0,
				"completion": measures.rate(
					values.get("flow_periods_recorded"), values.get("flow_periods_expected")
				),
			}
		)
	columns = [
		{"fieldname": "hall", "label": _("Hall"), "fieldtype": "Link", "options": "CSC Hall", "width": 160},
		{"fieldname": "period", "label": _("Period"), "fieldtype": "Data", "width": 110},
		{"fieldname": "customer_flow", "label": _("Customer Flow"), "fieldtype": "Int", "width": 120},
		{"fieldname": "recorded", "label": _("Days Counted"), "fieldtype": "Int", "width": 110},
		{"fieldname": "expected", "label": _("Days Expected"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "completion",
			"label": _("Flow-count Completion %"),
			"fieldtype": "Percent",
			"width": 160,
		},
	]
	return columns, rows
