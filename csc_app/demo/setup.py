"""Load the demo (idempotent): `bench --site <site> execute csc_app.demo.setup.setup_demo`.

Never run on the test site. Each step creates only what is missing, so running it again changes nothing.
"""

import frappe
from frappe.utils import add_days, add_years, getdate, nowdate

from csc_app.api.halls import set_user_halls
from csc_app.demo import complaints, data
from csc_app.setup.email_reports import ensure_email_reports


def setup_demo():
	if frappe.conf.allow_tests:
		frappe.throw("Refusing to load demo data into a test site")
	frappe.set_user("Administrator")
	complete_erpnext_setup()
	company = frappe.db.get_value(
		"Company", {"company_name": data.COMPANY["company_name"]}
	) or frappe.defaults.get_global_default("company")
	departments = ensure_departments(company)
	halls = ensure_halls()
	ensure_merchants(halls)
	ensure_categories(departments)
	ensure_users(halls, departments)
	ensure_employees(company, departments)
	ensure_guide_vehicles()
	ensure_shoppers(halls)
	complaints.setup(halls)
	complaints.setup_callbacks(halls)
	frappe.get_attr("csc_app.demo.visits.setup")()
	ensure_email_reports()
	frappe.get_attr("csc_app.demo.vehicles.setup")()  # guide-vehicle operations
	frappe.get_attr("csc_app.demo.surveys.setup")(halls)
	frappe.db.commit()  # a command-line loader (bench execute), not a request: it ends its own transaction
	print("csc_app demo data is ready")


def complete_erpnext_setup():
	if frappe.db.a_row_exists("Company"):
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	year = getdate().year
	setup_complete(
		{
			**data.COMPANY,
			"full_name": "CSC Admin",
			"email": "admin@csc.example",
			"password": "admin",
			"language": "english",
			"industry": "Retail",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
			"chart_of_accounts": "Standard",
			"company_tagline": "客户服务中心",
		}
	)
	frappe.db.commit()  # the setup wizard's records must exist before the demo records that link to them


def ensure_departments(company: str) -> dict[str, str]:
	out = {}
	for name in data.DEPARTMENTS:
		existing = frappe.db.get_value("Department", {"department_name": name, "company": company})
		if not existing:
			existing = (
				frappe.get_doc(
					{
						"doctype": "Department",
						"department_name": name,
						"company": company,
						"parent_department": "All Departments",
					}
				)
				.insert()
				.name
			)
		out[name] = existing
	return out


def ensure_halls() -> dict[str, str]:
	out = {}
	for hall_name, code, address, description in data.HALLS:
		if not frappe.db.exists("CSC Hall", hall_name):
			frappe.get_doc(
				{
					"doctype": "CSC Hall",
					"hall_name": hall_name,
					"hall_code": code,
					"address": address,
					"description": description,
				}
			).insert()
		out[code] = hall_name
	return out


def ensure_merchants(halls: dict[str, str]) -> None:
	today = getdate(nowdate())
	for i, (name, code, floor, unit, category, brands, person, phone) in enumerate(data.MERCHANTS):
		if frappe.db.exists("CSC Merchant", {"merchant_name": name, "hall": halls[code]}):
			continue
		start = add_days(add_years(today, -2), i * 11)
		frappe.get_doc(
			{
				"doctype": "CSC Merchant",
				"merchant_name": name,
				"hall": halls[code],
				"floor": floor,
				"unit_no": unit,
				"category": category,
				"brands": brands,
				"contact_person": person,
				"phone": phone,
				"lease_start": start,
				"lease_end": add_years(start, 3),
				"status": "Active",
				"visit_every_days": 30 if i % 3 else 14,
			}
		).insert()


def ensure_categories(departments: dict[str, str]) -> None:
	for name, department, severity in data.COMPLAINT_CATEGORIES:
		if not frappe.db.exists("CSC Complaint Category", name):
			frappe.get_doc(
				{
					"doctype": "CSC Complaint Category",
					"category_name": name,
					"default_department": departments[department],
					"default_severity": severity,
				}
			).insert()


def ensure_users(halls: dict[str, str], departments: dict[str, str]) -> None:
	for email, first_name, roles, hall_codes, language, _department in data.USERS:
		if not frappe.db.exists("User", email):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": first_name,
					"language": language,
					"send_welcome_email": 0,
					"user_type": "System User",
					"new_password": data.DEMO_PASSWORD,
					"roles": [{"role": r} for r in roles],
				}
			)
			user.flags.no_welcome_mail = True
			user.insert()
		set_user_halls(email, [halls[c] for c in hall_codes])


def ensure_employees(company: str, departments: dict[str, str]) -> None:
	for user, name, gender, department in data.EMPLOYEES:
		if frappe.db.exists("Employee", {"user_id": user}):
			continue
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": name,
				"gender": gender,
				"date_of_birth": "1988-05-20",
				"date_of_joining": "2020-03-01",
				"company": company,
				"status": "Active",
				"user_id": user,
				"department": departments[department],
			}
		).insert()


def ensure_guide_vehicles() -> None:
	uom = "Nos" if frappe.db.exists("UOM", "Nos") else frappe.db.get_value("UOM", {}, "name")
	for plate, cart_no, seats, make, model in data.GUIDE_VEHICLES:
		if frappe.db.exists("Vehicle", plate):
			continue
		frappe.get_doc(
			{
				"doctype": "Vehicle",
				"license_plate": plate,
				"make": make,
				"model": model,
				"last_odometer": 1000,
				"fuel_type": "Electric",
				"uom": uom,
				"is_guide_vehicle": 1,
				"cart_no": cart_no,
				"seats": seats,
			}
		).insert()


def ensure_shoppers(halls: dict[str, str]) -> None:
	year = getdate().year
	for name, mobile, vip, birthday, hall_code in data.SHOPPERS:
		if frappe.db.exists("Customer", {"customer_name": name, "mobile_no": mobile}):
			continue
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": name,
				"customer_type": "Individual",
				"mobile_no": mobile,
				"vip_card_no": vip,
				"birthday": f"{year - 35}-{birthday}" if birthday else None,
				"preferred_hall": halls[hall_code],
			}
		).insert()
