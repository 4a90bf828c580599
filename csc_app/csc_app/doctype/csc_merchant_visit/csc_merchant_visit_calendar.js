// Calendar of merchant visits: who visits which shop on which day (filter by Visitor for one person).
frappe.views.calendar["CSC Merchant Visit"] = {
	field_map: {
		start: "planned_date",
		end: "planned_date",
		id: "name",
		title: "title",
		allDay: "allDay",
	},
	filters: [
		{
			fieldtype: "Link",
			fieldname: "visitor",
			options: "User",
			label: __("Visitor", null, "CSC Merchant Visit"),
		},
		{
			fieldtype: "Link",
			fieldname: "hall",
			options: "CSC Hall",
			label: __("Hall"),
		},
	],
	get_css_class(visit) {
		return { Planned: "blue", Done: "green", Missed: "red", Cancelled: "gray" }[visit.status];
	},
	get_events_method: "csc_app.api.visits.get_visit_events",
};
