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
	"CSC Callback",
	"CSC Merchant Visit",
	"CSC Reception Log",
	"CSC Guide Vehicle Log",
	"CSC Customer Flow",
	"CSC Survey Campaign",
	"CSC Survey Response",
)

_HALL_SCOPED_CHILDREN = (
	"CSC Complaint Action",
	"CSC Complaint Routing",
	"CSC Complaint Photo",
	"CSC Callback Attempt",
	"CSC Survey Question",
	"CSC Survey Answer",
)

permission_query_conditions = {
	doctype: "csc_app.permissions.get_permission_query_conditions"
	for doctype in (*_HALL_SCOPED, *_HALL_SCOPED_CHILDREN)
}
has_permission = {doctype: "csc_app.permissions.has_permission" for doctype in _HALL_SCOPED}

doc_events = {
	"DocShare": {
		"validate": "csc_app.permissions.validate_share",
	},
	"Employee": {
		"on_update": "csc_app.complaints.routing.sync_for_employee",
	},
}

scheduler_events = {
	"daily": [
		"csc_app.tasks.plan_periodic_callbacks",
		"csc_app.visit_plans.run_daily",
	],
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
	# the form dashboard (connections) counts linked records without permission checks
	"frappe.desk.notifications.get_open_count": "csc_app.overrides.frappe_notifications.get_open_count",
}

# "open" counts on form dashboards and in the sidebar
notification_config = "csc_app.notifications.get_notification_config"

# Guide-vehicle fleet: a driver sees only their own logs, inspections and keys (csc_app.permissions_fleet).
# These hooks run beside the hall hooks above; every one of them can only deny.
for _doctype in ("CSC Guide Vehicle Log", "CSC Vehicle Inspection", "CSC Key Custody"):
	permission_query_conditions[_doctype] = [
		*filter(None, [permission_query_conditions.get(_doctype)]),
		"csc_app.permissions_fleet.get_permission_query_conditions",
	]
	has_permission[_doctype] = [
		*filter(None, [has_permission.get(_doctype)]),
		"csc_app.permissions_fleet.has_permission",
	]
permission_query_conditions["CSC Vehicle Inspection Item"] = (
	"csc_app.permissions_fleet.get_permission_query_conditions"
)
doc_events["DocShare"]["validate"] = [
	doc_events["DocShare"]["validate"],
	"csc_app.permissions_fleet.validate_share",
]

# Public satisfaction survey page (满意度调查): /survey/<token> renders csc_app/www/survey.html
website_route_rules = [
	{"from_route": "/survey/<token>", "to_route": "survey"},
]
