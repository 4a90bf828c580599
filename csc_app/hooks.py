app_name = "csc_app"
app_title = "CSC App"
app_publisher = "csc_app developers"
app_description = "Customer-service centre (客户服务中心) for a home-furnishing market"
app_email = "csc-app@example.com"
app_license = "MIT"

required_apps = ["frappe/erpnext"]
