from frappe.model.document import Document


class CSCComplaintAction(Document):
	pass
