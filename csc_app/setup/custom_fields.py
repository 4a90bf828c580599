"""Custom fields csc_app adds to ERPNext DocTypes, created on install and removed on uninstall."""


def get_custom_fields() -> dict[str, list[dict]]:
	return {
		"Customer": [
			{
				"fieldname": "csc_section",
				"fieldtype": "Section Break",
				"label": "Customer Service",
				"insert_after": "customer_details",
				"collapsible": 1,
			},
			{
				"fieldname": "vip_card_no",
				"fieldtype": "Data",
				"label": "VIP Card No.",
				"insert_after": "csc_section",
				"length": 40,
				"search_index": 1,
				"unique": 1,
			},
			{
				"fieldname": "birthday",
				"fieldtype": "Date",
				"label": "Birthday",
				"insert_after": "vip_card_no",
			},
			{
				"fieldname": "csc_column_break",
				"fieldtype": "Column Break",
				"insert_after": "birthday",
			},
			{
				"fieldname": "preferred_hall",
				"fieldtype": "Link",
				"options": "CSC Hall",
				"label": "Preferred Hall",
				"insert_after": "csc_column_break",
			},
		],
		"Vehicle": [
			{
				"fieldname": "csc_section",
				"fieldtype": "Section Break",
				"label": "Guide Vehicle",
				"insert_after": "model",
			},
			{
				"fieldname": "is_guide_vehicle",
				"fieldtype": "Check",
				"label": "Is Guide Vehicle",
				"insert_after": "csc_section",
				"in_standard_filter": 1,
				"search_index": 1,
			},
			{
				"fieldname": "cart_no",
				"fieldtype": "Data",
				"label": "Cart No.",
				"insert_after": "is_guide_vehicle",
				"length": 40,
				"depends_on": "is_guide_vehicle",
				"mandatory_depends_on": "is_guide_vehicle",
				"unique": 1,
				"in_list_view": 1,
			},
			{
				"fieldname": "csc_column_break",
				"fieldtype": "Column Break",
				"insert_after": "cart_no",
			},
			{
				"fieldname": "seats",
				"fieldtype": "Int",
				"label": "Seats",
				"insert_after": "csc_column_break",
				"depends_on": "is_guide_vehicle",
				"non_negative": 1,
			},
		],
	}
