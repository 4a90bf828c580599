from frappe.model.document import Document


class CSCInspectionTemplateItem(Document):
	pass
