import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

_POSITIVE_HOURS = ("response_hours", "resolution_hours", "major_response_hours", "major_resolution_hours")


class CSCSettings(Document):
	def validate(self):
		self.validate_windows()
		self.validate_warning_percent()
		self.validate_departure_window()

	def validate_windows(self):
		for fieldname in _POSITIVE_HOURS:
			if (self.get(fieldname) or 0) <= 0:
				frappe.throw(
					_("{0} must be greater than zero.").format(_(self.meta.get_label(fieldname))),
					title=_("Invalid Setting"),
				)
		if self.resolution_hours < self.response_hours:
			frappe.throw(
				_("Resolve Within cannot be shorter than Response Within."), title=_("Invalid Setting")
			)
		if self.major_resolution_hours < self.major_response_hours:
			frappe.throw(
				_("Major: Resolve Within cannot be shorter than Major: Response Within."),
				title=_("Invalid Setting"),
			)

	def validate_warning_percent(self):
		if not 0 < (self.sla_warning_percent or 0) < 100:
			frappe.throw(_("Warn At must be between 1 and 99 percent."), title=_("Invalid Setting"))

	def validate_departure_window(self):
		"""The window that refuses departures outside the shift must be wider than the on-time tolerance."""
		if flt(self.departure_window_hours) * 60 <= flt(self.departure_tolerance_minutes):
			frappe.throw(
				_("Departure Window must be longer than Departure Tolerance."), title=_("Invalid Setting")
			)
