import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from csc_app.utils.fleet import validate_active_employee, validate_guide_vehicle, validate_not_in_future

# status before -> statuses it may change to
TRANSITIONS = {
	"Out": {"Out", "Returned", "Lost"},
	"Lost": {"Lost", "Returned"},  # a lost item that turns up is returned
	"Returned": {"Returned"},  # hand it out again with a new record
}


class CSCKeyCustody(Document):
	def validate(self):
		self.clean_label()
		self.validate_item()
		self.validate_issue()
		self.validate_status_change()
		self.set_return()
		self.validate_lost_remarks()
		self.set_open_item_key()
		self.validate_item_not_out()

	def clean_label(self):
		self.item_label = (self.item_label or "").strip() or None

	def validate_item(self):
		if self.item_type == "Vehicle Key" and not self.vehicle:
			frappe.throw(_("Choose the vehicle whose key is handed out."), title=_("Vehicle Missing"))
		if self.item_type != "Vehicle Key" and not self.item_label:
			frappe.throw(
				_("Name the {0} in Item Label, e.g. tape 3 (weekend promotion).").format(
					_(self.item_type, context=self.doctype)
				),
				title=_("Item Label Missing"),
			)
		validate_guide_vehicle(self.vehicle)

	def validate_issue(self):
		"""Who handed the item out is the user who recorded it; it cannot be changed afterwards."""
		before = self.get_doc_before_save()
		if before:
			self.issued_by = before.issued_by
			return
		self.issued_by = frappe.session.user
		validate_active_employee(self.issued_to, _("Issued To"))
		validate_not_in_future(self.issued_on, _("Issued On"))
		if self.status != "Out":
			frappe.throw(
				_("A new custody record hands an item out: its status must be Out."),
				title=_("Invalid Status"),
			)

	def validate_status_change(self):
		before = self.get_doc_before_save()
		if before and self.status not in TRANSITIONS[before.status]:
			frappe.throw(
				_("A {0} item cannot be marked {1}. Record a new hand-out instead.").format(
					_(before.status, context=self.doctype).lower(), _(self.status, context=self.doctype)
				),
				title=_("Invalid Status"),
			)

	def set_return(self):
		before = self.get_doc_before_save()
		if self.status != "Returned":
			self.returned_on = None
			self.received_by = None
			return
		if before and before.status == "Returned":
			self.returned_on, self.received_by = before.returned_on, before.received_by
			return
		self.returned_on = self.returned_on or now_datetime()
		self.received_by = frappe.session.user
		validate_not_in_future(self.returned_on, _("Returned On"))
		if get_datetime(self.returned_on) < get_datetime(self.issued_on):
			frappe.throw(
				_("Returned On {0} cannot be before Issued On {1}.").format(
					frappe.format(self.returned_on, "Datetime"), frappe.format(self.issued_on, "Datetime")
				),
				title=_("Return Before Issue"),
			)

	def validate_lost_remarks(self):
		if self.status == "Lost" and self.has_value_changed("status") and not (self.remarks or "").strip():
			frappe.throw(_("Say in Remarks how the item was lost."), title=_("Remarks Missing"))

	def item_key(self) -> str:
		return "|".join((self.item_type, self.vehicle or "", (self.item_label or "").casefold()))

	def set_open_item_key(self):
		"""Non-empty (and unique in the database) while the item is out: one item cannot be out twice."""
		self.open_item_key = self.item_key() if self.status == "Out" else None

	def validate_item_not_out(self):
		if not self.open_item_key:
			return
		other = frappe.db.get_value(
			"CSC Key Custody",
			{"open_item_key": self.open_item_key, "name": ("!=", self.name or "")},
			["name", "issued_to", "issued_to_name", "issued_on"],
			as_dict=True,
		)
		if other:
			self.throw_item_out(other)

	def throw_item_out(self, other=None):
		item = " ".join(
			filter(None, (_(self.item_type, context=self.doctype), self.vehicle, self.item_label))
		)
		if other:
			message = _(
				"{0} is already out to {1} since {2} ({3}); it must be returned before it is issued again."
			).format(
				frappe.bold(item),
				frappe.bold(other.issued_to_name or other.issued_to),
				frappe.format(other.issued_on, "Datetime"),
				other.name,
			)
		else:
			message = _("{0} is already out; it must be returned before it is issued again.").format(
				frappe.bold(item)
			)
		frappe.throw(message, frappe.UniqueValidationError, title=_("Item Already Out"))

	def show_unique_validation_message(self, e):
		# a concurrent request handed the same item out first
		self.throw_item_out()
