import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType


class CSCInspectionTemplate(Document):
	def validate(self):
		self.clean_items()
		self.validate_items()
		self.validate_default_is_active()

	def on_update(self):
		self.unset_other_defaults()

	def clean_items(self):
		for row in self.items:
			row.check_item = (row.check_item or "").strip()

	def validate_items(self):
		seen = set()
		for row in self.items:
			key = row.check_item.casefold()
			if key in seen:
				frappe.throw(
					_("Check item {0} is listed twice.").format(frappe.bold(_(row.check_item))),
					title=_("Duplicate Check Item"),
				)
			seen.add(key)

	def validate_default_is_active(self):
		if self.is_default and not self.is_active:
			frappe.throw(_("The default template must be active."), title=_("Inactive Default Template"))

	def unset_other_defaults(self):
		"""Only one template is the default: ticking it here unticks it everywhere else."""
		if not self.is_default:
			return
		t = DocType("CSC Inspection Template")
		frappe.qb.update(t).set(t.is_default, 0).where((t.name != self.name) & (t.is_default == 1)).run()


def get_default_template() -> str | None:
	return frappe.db.get_value("CSC Inspection Template", {"is_default": 1, "is_active": 1}, "name")
