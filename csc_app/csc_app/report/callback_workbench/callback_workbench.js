frappe.query_reports["Callback Workbench"] = {
	filters: [
		{
			fieldname: "assigned_to",
			label: __("Assigned To"),
			fieldtype: "Link",
			options: "User",
			default: frappe.session.user,
		},
		{ fieldname: "everyone", label: __("Everyone's"), fieldtype: "Check" },
		{ fieldname: "hall", label: __("Hall"), fieldtype: "Link", options: "CSC Hall" },
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["Open", "Completed", "Unreachable", "Cancelled"].map((v) => ({ value: v, label: __(v) })),
			default: "Open",
		},
		{ fieldname: "days_ahead", label: __("Due Within (Days)"), fieldtype: "Int", default: 7 },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "phone" && data && data.phone) {
			return `<a href="tel:${encodeURIComponent(data.phone)}">${value}</a>`;
		}
		if (data && data.overdue && column.fieldname === "due_by") {
			return `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
