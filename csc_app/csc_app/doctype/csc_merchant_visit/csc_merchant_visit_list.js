frappe.listview_settings["CSC Merchant Visit"] = {
	add_fields: ["status", "planned_date"],
	get_indicator(doc) {
		const colors = { Planned: "blue", Done: "green", Missed: "red", Cancelled: "gray" };
		if (doc.status === "Planned" && doc.planned_date < frappe.datetime.get_today()) {
			return [__("Overdue"), "orange", "status,=,Planned"];
		}
		return [__(doc.status, null, "CSC Merchant Visit"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
