app_name = "csc_app"
app_title = "CSC App"
app_publisher = "csc_app developers"
app_description = "Customer-service centre (客户服务中心) for a home-furnishing and building-materials market"
app_email = "csc-app@example.com"
app_license = "MIT"

required_apps = ["frappe/erpnext"]

# Install / uninstall
# -------------------
after_install = "csc_app.setup.install.after_install"
after_migrate = "csc_app.setup.install.after_migrate"
before_uninstall = "csc_app.setup.install.before_uninstall"

# Fixtures: only what csc_app owns, filtered by name
fixtures = [
	{
		"dt": "Role",
		"filters": [
			[
				"name",
				"in",
				[
					"CSC Manager",
					"CSC Supervisor",
					"CSC Agent",
					"CSC Archivist",
					"CSC Department Handler",
					"Guide Vehicle Captain",
					"Guide Vehicle Driver",
				],
			]
		],
	},
]

# Permissions: hall scoping lives in csc_app.permissions (one module for list and document access)
# ------------------------------------------------------------------------------------------------
_HALL_SCOPED = (
	"CSC Hall",
	"CSC Merchant",
	"CSC Complaint",
	"CSC Survey Campaign",
	"CSC Survey Response",
)

permission_query_conditions = {
	doctype: "csc_app.permissions.get_permission_query_conditions" for doctype in _HALL_SCOPED
}
has_permission = {doctype: "csc_app.permissions.has_permission" for doctype in _HALL_SCOPED}
# child tables of hall-scoped records (csc_app.permissions.HALL_SCOPED_CHILDREN)
for _child in ("CSC Survey Question", "CSC Survey Answer"):
	permission_query_conditions[_child] = "csc_app.permissions.get_child_permission_query_conditions"

doc_events = {
	"DocShare": {
		"validate": "csc_app.permissions.validate_share",
	},
	"Employee": {
		"on_update": "csc_app.complaints.routing.sync_for_employee",
	},
}

scheduler_events = {
	"cron": {
		"*/5 * * * *": [
			"csc_app.tasks.update_complaint_sla",
		],
	},
}

# Close framework gaps: get_count counts without permission checks (SECURITY.md 5); link search
# with ignore_user_permissions=1 skips every permission (SECURITY.md 6).
override_whitelisted_methods = {
	"frappe.client.get_count": "csc_app.overrides.frappe_client.get_count",
	"frappe.desk.search.search_link": "csc_app.overrides.frappe_search.search_link",
	"frappe.desk.search.search_widget": "csc_app.overrides.frappe_search.search_widget",
}

# Public satisfaction survey page (满意度调查): /survey/<token> renders csc_app/www/survey.html
website_route_rules = [
	{"from_route": "/survey/<token>", "to_route": "survey"},
]
