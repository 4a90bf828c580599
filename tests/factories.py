"""Builders for records the complaint, callback and KPI tests share (committed, uniquely named)."""

import uuid

import frappe

from tests.utils import make_hall, make_merchant


def company() -> str:
	return frappe.defaults.get_global_default("company") or frappe.db.get_value("Company", {}, "name")


def make_department(label: str | None = None) -> str:
	name = label or f"Dept {uuid.uuid4().hex[:6]}"
	doc = frappe.get_doc(
		{
			"doctype": "Department",
			"department_name": name,
			"company": company(),
			"parent_department": "All Departments",
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return doc.name


def make_employee(user: str, department: str | None = None) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": f"Emp {uuid.uuid4().hex[:6]}",
			"gender": frappe.db.get_value("Gender", {}, "name") or "Male",
			"date_of_birth": "1990-01-01",
			"date_of_joining": "2020-01-01",
			"company": company(),
			"status": "Active",
			"user_id": user,
			"department": department,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return doc.name


def make_category(department: str | None = None, severity: str = "Normal") -> str:
	doc = frappe.get_doc(
		{
			"doctype": "CSC Complaint Category",
			"category_name": f"Category {uuid.uuid4().hex[:8]}",
			"default_department": department,
			"default_severity": severity,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return doc.name


def unique_phone() -> str:
	return "139" + str(uuid.uuid4().int)[:8]


class ComplaintWorld:
	"""Two halls, a merchant each, a routed category, and the staff around them."""

	def __init__(self, users):
		self.hall = make_hall()
		self.other_hall = make_hall()
		self.merchant = make_merchant(self.hall, merchant_name=f"Shop {uuid.uuid4().hex[:6]}")
		self.other_merchant = make_merchant(self.other_hall)
		self.department = make_department()
		self.category = make_category(self.department)
		self.major_category = make_category(self.department, severity="Major")
		self.agent = users.rest("CSC Agent", halls=[self.hall])
		self.other_agent = users.rest("CSC Agent", halls=[self.other_hall])
		self.supervisor = users.rest("CSC Supervisor", halls=[self.hall])
		self.manager = users.rest("CSC Manager")
		self.second_manager = users.rest_for(users.make("CSC Manager", fresh=True))
		# a handler is a user with the handler role whose Employee belongs to the department
		handler_user = users.make("CSC Department Handler", fresh=True)
		make_employee(handler_user, self.department)
		self.handler = users.rest_for(handler_user)

	def body(self, **values) -> dict:
		return {
			"hall": self.hall,
			"complainant_type": "Shopper",
			"complainant_name": "李女士",
			"phone": unique_phone(),
			"channel": "Phone",
			"category": self.category,
			"respondent_type": "Merchant",
			"respondent_merchant": self.merchant,
			"description": "沙发送货时外包装破损，扶手有明显划痕。",
			**values,
		}
