frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["CSC Complaints by Hall"] = {
	method: "csc_app.csc_app.dashboard_chart_source.csc_complaints_by_hall.csc_complaints_by_hall.get",
	filters: [],
};
