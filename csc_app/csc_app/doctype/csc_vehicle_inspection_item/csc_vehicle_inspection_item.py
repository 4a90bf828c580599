from frappe.model.document import Document


class CSCVehicleInspectionItem(Document):
	pass
