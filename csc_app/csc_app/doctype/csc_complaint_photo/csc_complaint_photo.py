from frappe.model.document import Document


class CSCComplaintPhoto(Document):
	pass
