import frappe
from frappe import _
from frappe.model.document import Document

from csc_app.csc_app.doctype.csc_inspection_template.csc_inspection_template import get_default_template
from csc_app.permissions_fleet import is_own_record
from csc_app.utils.fleet import (
	get_active_employee,
	validate_active_employee,
	validate_guide_vehicle,
	validate_not_in_future,
)


class CSCVehicleInspection(Document):
	def validate(self):
		self.set_inspector()
		self.set_template()
		self.validate_vehicle()
		self.validate_inspector()
		self.validate_inspected_on()
		self.validate_items()
		self.validate_template_items_are_checked()
		self.validate_odometer()
		self.set_result()

	def on_submit(self):
		self.update_vehicle_odometer()

	def set_inspector(self):
		if not self.inspected_by:
			self.inspected_by = get_active_employee()
		if not self.inspected_by:
			frappe.throw(
				_("Your user is not linked to an active Employee. Choose who inspected the vehicle."),
				title=_("Inspector Missing"),
			)

	def set_template(self):
		if not self.template:
			self.template = get_default_template()
		elif not frappe.db.get_value("CSC Inspection Template", self.template, "is_active"):
			frappe.throw(
				_("Checklist template {0} is not active.").format(frappe.bold(self.template)),
				title=_("Inactive Template"),
			)

	def validate_vehicle(self):
		validate_guide_vehicle(self.vehicle)

	def validate_inspector(self):
		validate_active_employee(self.inspected_by, _("Inspected By"))
		if not is_own_record(self):
			frappe.throw(
				_("You can only record inspections you did yourself."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)

	def validate_inspected_on(self):
		validate_not_in_future(self.inspected_on, _("Inspected On"))

	def validate_items(self):
		if not self.items:
			frappe.throw(_("Add the check items of the inspection."), title=_("Checklist Missing"))
		seen = set()
		unmarked = []
		for row in self.items:
			row.check_item = (row.check_item or "").strip()
			if row.check_item.casefold() in seen:
				frappe.throw(
					_("Check item {0} is listed twice.").format(frappe.bold(_(row.check_item))),
					title=_("Duplicate Check Item"),
				)
			seen.add(row.check_item.casefold())
			if row.result not in ("Pass", "Fail"):
				unmarked.append(_(row.check_item) or _("Row {0}").format(row.idx))
		if unmarked:
			frappe.throw(
				_("Mark every check item Pass or Fail. Not marked: {0}").format(", ".join(unmarked)),
				title=_("Checklist Incomplete"),
			)

	def validate_template_items_are_checked(self):
		if not self.template:
			return
		required = frappe.get_all(
			"CSC Inspection Template Item",
			filters={"parent": self.template, "parenttype": "CSC Inspection Template"},
			pluck="check_item",
			order_by="idx",
		)
		done = {row.check_item.casefold() for row in self.items}
		missing = [_(item) for item in required if item.strip().casefold() not in done]
		if missing:
			frappe.throw(
				_("Checklist {0} also requires: {1}").format(frappe.bold(self.template), ", ".join(missing)),
				title=_("Checklist Incomplete"),
			)

	def validate_odometer(self):
		if not self.odometer:
			return
		last = frappe.db.get_value("Vehicle", self.vehicle, "last_odometer") or 0
		if self.odometer < last:
			frappe.throw(
				_("Odometer reading {0} is lower than the last reading {1} of vehicle {2}.").format(
					self.odometer, last, frappe.bold(self.vehicle)
				),
				title=_("Odometer Going Backwards"),
			)

	def set_result(self):
		failed = [row.check_item for row in self.items if row.result == "Fail"]
		self.result = "Fail" if failed else "Pass"
		self.failed_items = ", ".join(failed) if failed else None

	def update_vehicle_odometer(self):
		"""Keep ERPNext's Vehicle.last_odometer up to date with the latest reading.

		Vehicle marks the field set-only-once, so a save would refuse it; like HRMS's Vehicle Log, the reading
		is written straight to the field. This submitted inspection is the record of who read what when.
		"""
		if not self.odometer:
			return
		last = frappe.db.get_value("Vehicle", self.vehicle, "last_odometer", for_update=True) or 0
		if self.odometer < last:
			self.validate_odometer()  # a higher reading was submitted meanwhile
		if self.odometer > last:
			frappe.db.set_value("Vehicle", self.vehicle, "last_odometer", self.odometer)
