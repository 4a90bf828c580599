frappe.query_reports["Customer Flow Summary"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.month_start(), reqd: 1 },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "hall", label: __("Hall"), fieldtype: "Link", options: "CSC Hall" },
		{
			fieldname: "periodicity",
			label: __("Periodicity"),
			fieldtype: "Select",
			options: ["Daily", "Weekly", "Monthly", "Yearly"].map((v) => ({ value: v, label: __(v) })),
			default: "Daily",
		},
	],
};
