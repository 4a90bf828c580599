// Keys and tapes handed out and not yet back, longest out first.

frappe.query_reports["Outstanding Keys and Tapes"] = {
	filters: [
		{
			fieldname: "item_type",
			label: __("Item"),
			fieldtype: "Select",
			options: ["", "Vehicle Key", "Broadcast Tape", "Other"],
		},
		{
			fieldname: "vehicle",
			label: __("Vehicle"),
			fieldtype: "Link",
			options: "Vehicle",
			get_query: () => ({ filters: { is_guide_vehicle: 1 } }),
		},
		{
			fieldname: "issued_to",
			label: __("Issued To"),
			fieldtype: "Link",
			options: "Employee",
			ignore_user_permissions: 1,
		},
		{
			fieldname: "overdue_only",
			label: __("Overdue Only"),
			fieldtype: "Check",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "hours_out" && data && data.is_overdue) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
