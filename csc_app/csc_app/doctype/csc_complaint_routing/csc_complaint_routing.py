from frappe.model.document import Document


class CSCComplaintRouting(Document):
	pass
