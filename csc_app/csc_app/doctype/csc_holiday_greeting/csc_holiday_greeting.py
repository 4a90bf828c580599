from frappe.model.document import Document


class CSCHolidayGreeting(Document):
	pass
