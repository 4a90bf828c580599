import re

import frappe
from frappe import _
from frappe.model.document import Document

_HALL_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,19}$")


class CSCHall(Document):
	def validate(self):
		self.validate_hall_code()

	def validate_hall_code(self):
		self.hall_code = (self.hall_code or "").strip().upper()
		if not _HALL_CODE.match(self.hall_code):
			frappe.throw(
				_("Hall Code may use only letters, digits, - and _ (at most 20), for example A or NORTH-1."),
				title=_("Invalid Hall Code"),
			)
