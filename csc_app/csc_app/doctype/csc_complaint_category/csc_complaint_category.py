from frappe.model.document import Document


class CSCComplaintCategory(Document):
	def validate(self):
		self.category_name = (self.category_name or "").strip()
