frappe.query_reports["Complaint Analysis"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -1),
			reqd: 1,
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				"Category",
				"Department",
				"Respondent Merchant",
				"Channel",
				"Validity",
				"Responsibility",
				"Hall",
				"Severity",
				"Staff",
				"Handler",
			].map((v) => ({ value: v, label: __(v) })),
			default: "Category",
		},
		{ fieldname: "hall", label: __("Hall"), fieldtype: "Link", options: "CSC Hall" },
		{ fieldname: "merchant", label: __("Respondent Merchant"), fieldtype: "Link", options: "CSC Merchant" },
		{ fieldname: "staff", label: __("Registered By"), fieldtype: "Link", options: "User" },
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "CSC Complaint Category" },
	],
};
