from frappe.model.document import Document

from csc_app.permissions import child_parent_permitted


class CSCSurveyQuestion(Document):
	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		"""A row read on its own is readable only with its parent record (hall scoping)."""
		return super().has_permission(permtype, debug=debug, user=user) and (
			bool(self.flags.ignore_permissions) or child_parent_permitted(self, permtype, user)
		)
