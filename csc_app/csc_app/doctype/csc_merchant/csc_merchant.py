import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from csc_app.utils.phone import normalize_phone


class CSCMerchant(Document):
	def validate(self):
		self.clean_text_fields()
		self.validate_phone()
		self.validate_lease_dates()
		self.validate_hall_is_active()
		self.validate_unit_is_free()

	def clean_text_fields(self):
		for fieldname in ("merchant_name", "floor", "unit_no", "contact_person"):
			if self.get(fieldname):
				self.set(fieldname, self.get(fieldname).strip())
		if self.brands:
			brands = [b.strip() for b in self.brands.replace("，", ",").replace("、", ",").split(",")]
			self.brands = ", ".join(dict.fromkeys(b for b in brands if b))

	def validate_phone(self):
		self.phone = normalize_phone(self.phone, _("Phone"))

	def validate_lease_dates(self):
		if self.lease_start and self.lease_end and getdate(self.lease_end) < getdate(self.lease_start):
			frappe.throw(
				_("Lease End {0} cannot be before Lease Start {1}.").format(
					frappe.format(self.lease_end, "Date"), frappe.format(self.lease_start, "Date")
				),
				title=_("Invalid Lease Dates"),
			)

	def validate_hall_is_active(self):
		if self.status == "Active" and self.has_value_changed("hall"):
			if not frappe.db.get_value("CSC Hall", self.hall, "is_active"):
				frappe.throw(
					_("Hall {0} is not active; an active merchant cannot be placed there.").format(
						frappe.bold(self.hall)
					),
					title=_("Inactive Hall"),
				)

	def validate_unit_is_free(self):
		"""Two active merchants cannot occupy the same unit of the same hall and floor."""
		if self.status != "Active" or not self.unit_no:
			return
		other = frappe.db.get_value(
			"CSC Merchant",
			{
				"hall": self.hall,
				"floor": self.floor or "",
				"unit_no": self.unit_no,
				"status": "Active",
				"name": ("!=", self.name or ""),
			},
			"merchant_name",
		)
		if other:
			frappe.throw(
				_("Unit {0} on floor {1} of {2} is already occupied by active merchant {3}.").format(
					frappe.bold(self.unit_no), self.floor or "-", self.hall, frappe.bold(other)
				),
				title=_("Unit Occupied"),
			)
