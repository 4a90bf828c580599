import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from csc_app.utils.fleet import validate_guide_vehicle


class CSCVehicleMaintenance(Document):
	def validate(self):
		self.validate_vehicle()
		self.validate_inspection()
		self.set_back_in_service()
		self.validate_service_period()

	def validate_vehicle(self):
		validate_guide_vehicle(self.vehicle)

	def validate_inspection(self):
		if (
			self.inspection
			and frappe.db.get_value("CSC Vehicle Inspection", self.inspection, "vehicle") != self.vehicle
		):
			frappe.throw(
				_("Inspection {0} is of another vehicle.").format(frappe.bold(self.inspection)),
				title=_("Wrong Inspection"),
			)

	def set_back_in_service(self):
		"""Completing the work puts the vehicle back in service now, unless a time was entered."""
		if self.status == "Completed" and self.out_of_service_from and not self.out_of_service_to:
			self.out_of_service_to = max(now_datetime(), get_datetime(self.out_of_service_from))

	def validate_service_period(self):
		if self.out_of_service_to and not self.out_of_service_from:
			frappe.throw(
				_("Enter Out of Service From as well as Back in Service."), title=_("Invalid Service Period")
			)
		if self.out_of_service_to and get_datetime(self.out_of_service_to) < get_datetime(
			self.out_of_service_from
		):
			frappe.throw(
				_("Back in Service {0} cannot be before Out of Service From {1}.").format(
					frappe.format(self.out_of_service_to, "Datetime"),
					frappe.format(self.out_of_service_from, "Datetime"),
				),
				title=_("Invalid Service Period"),
			)
