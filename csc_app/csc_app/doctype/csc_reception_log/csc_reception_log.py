"""CSC Reception Log (来电来访登记): calls, visits, messages and letters at the service desk, and how
quickly each was attended to (来客准时接待率)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_to_date, cint, get_datetime, now_datetime

from csc_app.utils.phone import normalize_phone


class CSCReceptionLog(Document):
	def validate(self):
		self.phone = normalize_phone(self.phone, _("Phone"))
		self.validate_times()
		self.set_timing()

	def validate_times(self):
		now = add_to_date(now_datetime(), minutes=5)
		if get_datetime(self.arrived_at) > now:
			frappe.throw(_("Arrived / Received At cannot be in the future."), title=_("Invalid Time"))
		if self.received_at:
			if get_datetime(self.received_at) > now:
				frappe.throw(_("Attended At cannot be in the future."), title=_("Invalid Time"))
			if get_datetime(self.received_at) < get_datetime(self.arrived_at):
				frappe.throw(_("Attended At cannot be before the arrival."), title=_("Invalid Time"))
			self.received_by = self.received_by or frappe.session.user

	def set_timing(self):
		if not self.received_at:
			self.waiting_minutes = None
			self.is_on_time = 0
			return
		waited = (get_datetime(self.received_at) - get_datetime(self.arrived_at)).total_seconds() / 60
		self.waiting_minutes = round(waited, 1)
		limit = cint(frappe.get_cached_doc("CSC Settings").reception_within_minutes) or 5
		self.is_on_time = int(waited <= limit)
