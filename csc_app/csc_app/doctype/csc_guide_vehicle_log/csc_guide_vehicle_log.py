import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, get_datetime, getdate, now_datetime, time_diff_in_seconds

from csc_app.csc_app.doctype.csc_customer_flow.csc_customer_flow import sync_guide_vehicle_flow
from csc_app.permissions_fleet import is_own_record
from csc_app.utils.fleet import (
	get_active_employee,
	get_latest_inspection,
	get_out_of_service,
	validate_active_employee,
	validate_guide_vehicle,
	validate_not_in_future,
)

OVERRIDE_ROLES = frozenset({"Guide Vehicle Captain"})


class CSCGuideVehicleLog(Document):
	def validate(self):
		self.set_driver()
		self.validate_vehicle()
		self.validate_driver()
		self.validate_hall()
		self.validate_schedule()
		self.validate_departure_and_return()
		self.validate_passengers()
		self.validate_one_log_per_shift()
		self.set_override()
		self.check_departure_allowed()
		self.set_punctuality()
		self.set_status()
		self.set_open_vehicle_key()
		self.validate_one_open_log()

	def before_submit(self):
		self.validate_complete()
		self.set_status()

	def on_submit(self):
		sync_guide_vehicle_flow(self.hall, self.log_date, self.shift)

	def before_cancel(self):
		self.set_status()
		self.set_open_vehicle_key()

	def on_cancel(self):
		sync_guide_vehicle_flow(self.hall, self.log_date, self.shift)

	# --- who, what, where ------------------------------------------------------------------------

	def set_driver(self):
		if not self.driver:
			self.driver = get_active_employee()
		if not self.driver:
			frappe.throw(
				_("Your user is not linked to an active Employee. Choose the driver of this log."),
				title=_("Driver Missing"),
			)

	def validate_vehicle(self):
		validate_guide_vehicle(self.vehicle)

	def validate_driver(self):
		if self.has_value_changed("driver"):
			validate_active_employee(self.driver, _("Driver"))
		if not is_own_record(self):
			frappe.throw(
				_("You can only keep logs of your own shifts."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)

	def validate_hall(self):
		if self.has_value_changed("hall") and not frappe.db.get_value("CSC Hall", self.hall, "is_active"):
			frappe.throw(
				_("Hall {0} is not active.").format(frappe.bold(self.hall)), title=_("Inactive Hall")
			)

	# --- times -----------------------------------------------------------------------------------

	def validate_schedule(self):
		if getdate(self.scheduled_departure) != getdate(self.log_date):
			frappe.throw(
				_("Scheduled Departure {0} is not on the log's date {1}.").format(
					frappe.format(self.scheduled_departure, "Datetime"), frappe.format(self.log_date, "Date")
				),
				title=_("Invalid Schedule"),
			)

	def validate_departure_and_return(self):
		validate_not_in_future(self.actual_departure, _("Actual Departure"))
		validate_not_in_future(self.returned_at, _("Returned At"))
		if self.returned_at and not self.actual_departure:
			frappe.throw(_("Record the departure before the return."), title=_("Departure Missing"))
		if self.returned_at and get_datetime(self.returned_at) <= get_datetime(self.actual_departure):
			frappe.throw(
				_("Returned At {0} must be after Actual Departure {1}.").format(
					frappe.format(self.returned_at, "Datetime"),
					frappe.format(self.actual_departure, "Datetime"),
				),
				title=_("Return Before Departure"),
			)
		if self.actual_departure and (
			self.has_value_changed("actual_departure") or self.has_value_changed("scheduled_departure")
		):
			window = flt(frappe.db.get_single_value("CSC Settings", "departure_window_hours")) or 3
			hours = abs(time_diff_in_seconds(self.actual_departure, self.scheduled_departure)) / 3600
			if hours > window:
				frappe.throw(
					_(
						"Actual Departure {0} is {1} hours away from the scheduled {2}: outside the shift (at most {3} hours). Check the date and time, or log it on the right shift."
					).format(
						frappe.format(self.actual_departure, "Datetime"),
						round(hours, 1),
						frappe.format(self.scheduled_departure, "Datetime"),
						window,
					),
					title=_("Departure Outside the Shift"),
				)

	def validate_complete(self):
		if not (self.actual_departure and self.returned_at):
			frappe.throw(
				_("Record the actual departure and the return before submitting the log."),
				title=_("Log Incomplete"),
			)

	# --- counts ----------------------------------------------------------------------------------

	def validate_passengers(self):
		seats = cint(frappe.db.get_value("Vehicle", self.vehicle, "seats"))
		if seats and cint(self.trips) > 0 and cint(self.passengers) > seats * cint(self.trips):
			frappe.throw(
				_("{0} passengers cannot fit in {1} trips of a {2}-seat vehicle.").format(
					self.passengers, self.trips, seats
				),
				title=_("Too Many Passengers"),
			)

	# --- one vehicle, one shift, one open log ----------------------------------------------------

	def validate_one_log_per_shift(self):
		other = frappe.db.get_value(
			"CSC Guide Vehicle Log",
			{
				"vehicle": self.vehicle,
				"log_date": self.log_date,
				"shift": self.shift,
				"docstatus": ("<", 2),
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			frappe.throw(
				_("Vehicle {0} already has log {1} for the {2} shift of {3}.").format(
					frappe.bold(self.vehicle),
					frappe.bold(other),
					_(self.shift, context=self.doctype),
					frappe.format(self.log_date, "Date"),
				),
				title=_("Shift Already Logged"),
			)

	def set_open_vehicle_key(self):
		"""Non-empty (and unique in the database) while the vehicle is out on this log."""
		is_open = self.docstatus == 0 and self.actual_departure and not self.returned_at
		self.open_vehicle_key = self.vehicle if is_open else None

	def validate_one_open_log(self):
		if not self.open_vehicle_key:
			return
		other = frappe.db.get_value(
			"CSC Guide Vehicle Log",
			{"open_vehicle_key": self.open_vehicle_key, "name": ("!=", self.name or "")},
			["name", "actual_departure"],
			as_dict=True,
		)
		if other:
			self.throw_vehicle_still_out(other.name)

	def throw_vehicle_still_out(self, other: str | None = None):
		frappe.throw(
			_("Vehicle {0} is still out on log {1}; record its return before it departs again.").format(
				frappe.bold(self.vehicle), frappe.bold(other or _("another log"))
			),
			frappe.UniqueValidationError,
			title=_("Vehicle Still Out"),
		)

	def show_unique_validation_message(self, e):
		# a concurrent request sent the same vehicle out first
		self.throw_vehicle_still_out()

	# --- departure rules -------------------------------------------------------------------------

	def set_override(self):
		"""Only the captain sets or changes the override; who and when are recorded by the server."""
		before = self.get_doc_before_save()
		self.departure_override_reason = (self.departure_override_reason or "").strip() or None
		previous = (before.departure_override_reason or None) if before else None
		if self.departure_override_reason == previous:
			self.overridden_by = before.overridden_by if before else None
			self.overridden_on = before.overridden_on if before else None
			return
		if not OVERRIDE_ROLES.intersection(frappe.get_roles()):
			frappe.throw(
				_("Only the Guide Vehicle Captain can override a blocked departure."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
		self.overridden_by = frappe.session.user if self.departure_override_reason else None
		self.overridden_on = now_datetime() if self.departure_override_reason else None

	def check_departure_allowed(self):
		"""A departure needs a passed inspection that day and a vehicle in service, or the captain's override."""
		before = self.get_doc_before_save()
		if not self.actual_departure:
			self.inspection = None
			return
		if before and not (self.has_value_changed("actual_departure") or self.has_value_changed("vehicle")):
			self.inspection = before.inspection  # set by the server at departure, not by the client
			return

		problems = []
		maintenance = get_out_of_service(self.vehicle, get_datetime(self.actual_departure))
		if maintenance:
			problems.append(
				_("Vehicle {0} is out of service for {1} {2} since {3}.").format(
					frappe.bold(self.vehicle),
					_(maintenance.maintenance_type, context="CSC Vehicle Maintenance").lower(),
					frappe.bold(maintenance.name),
					frappe.format(maintenance.out_of_service_from, "Datetime"),
				)
			)
		inspection = get_latest_inspection(self.vehicle, self.actual_departure)
		self.inspection = inspection.name if inspection else None
		if not inspection:
			problems.append(
				_("Vehicle {0} has no pre-trip inspection on {1} before the departure.").format(
					frappe.bold(self.vehicle), frappe.format(getdate(self.actual_departure), "Date")
				)
			)
		elif inspection.result != "Pass":
			failed = ", ".join(_(item.strip()) for item in (inspection.failed_items or "").split(","))
			problems.append(
				_("Its latest inspection {0} failed: {1}.").format(frappe.bold(inspection.name), failed)
			)
		if problems and not self.departure_override_reason:
			frappe.throw(
				" ".join(
					[
						*problems,
						_(
							"Fix the vehicle and pass an inspection, or ask the Guide Vehicle Captain to override with a reason."
						),
					]
				),
				title=_("Departure Blocked"),
			)

	def set_punctuality(self):
		if not self.actual_departure:
			self.is_on_time = 0
			self.departure_delay_minutes = 0
			return
		seconds = time_diff_in_seconds(self.actual_departure, self.scheduled_departure)
		tolerance = cint(frappe.db.get_single_value("CSC Settings", "departure_tolerance_minutes"))
		self.departure_delay_minutes = round(seconds / 60)
		self.is_on_time = 1 if abs(seconds) <= tolerance * 60 else 0

	def set_status(self):
		if self.docstatus == 2:
			self.status = "Cancelled"
		elif self.docstatus == 1:
			self.status = "Completed"
		elif self.returned_at:
			self.status = "Returned"
		elif self.actual_departure:
			self.status = "Departed"
		else:
			self.status = "Scheduled"
