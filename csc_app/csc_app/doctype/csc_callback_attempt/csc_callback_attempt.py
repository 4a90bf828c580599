from frappe.model.document import Document


class CSCCallbackAttempt(Document):
	pass
