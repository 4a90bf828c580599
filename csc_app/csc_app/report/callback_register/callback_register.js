frappe.query_reports["Callback Register"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.month_start(), reqd: 1 },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.month_end(), reqd: 1 },
		{ fieldname: "hall", label: __("Hall"), fieldtype: "Link", options: "CSC Hall" },
		{
			fieldname: "callback_type",
			label: __("Callback Type"),
			fieldtype: "Select",
			options: ["", "Complaint Follow-up", "VIP", "Birthday", "Holiday Greeting", "Service Quality", "Insurance Card Feedback"].map(
				(v) => ({ value: v, label: __(v) })
			),
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Open", "Completed", "Unreachable", "Cancelled"].map((v) => ({ value: v, label: __(v) })),
		},
		{ fieldname: "assigned_to", label: __("Assigned To"), fieldtype: "Link", options: "User" },
	],
};
