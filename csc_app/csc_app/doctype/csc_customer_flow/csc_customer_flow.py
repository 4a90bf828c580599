import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Sum
from frappe.utils import getdate, today

GUIDE_VEHICLE = "Guide Vehicle"


class CSCCustomerFlow(Document):
	def validate(self):
		self.set_recorded_by()
		self.validate_source()
		self.validate_date()
		self.validate_hall()
		self.validate_unique_period()

	def set_recorded_by(self):
		if self.is_new() or not self.recorded_by:
			self.recorded_by = frappe.session.user

	def validate_source(self):
		"""Guide-vehicle counts are sums of submitted logs; people enter Manual or Counter counts."""
		if self.flags.from_guide_vehicle_logs:
			return
		before = self.get_doc_before_save()
		if self.source == GUIDE_VEHICLE or (before and before.source == GUIDE_VEHICLE):
			frappe.throw(
				_(
					"Guide Vehicle counts come from submitted guide vehicle logs and cannot be entered or changed by hand. Use the source Manual or Counter."
				),
				title=_("Counted by Guide Vehicle Logs"),
			)

	def validate_date(self):
		if getdate(self.date) > getdate(today()):
			frappe.throw(
				_("Date {0} is in the future; customer flow is counted after the fact.").format(
					frappe.format(self.date, "Date")
				),
				title=_("Date in the Future"),
			)

	def validate_hall(self):
		if self.has_value_changed("hall") and not frappe.db.get_value("CSC Hall", self.hall, "is_active"):
			frappe.throw(
				_("Hall {0} is not active.").format(frappe.bold(self.hall)), title=_("Inactive Hall")
			)

	def validate_unique_period(self):
		existing = frappe.db.get_value(
			"CSC Customer Flow",
			{
				"hall": self.hall,
				"date": self.date,
				"period": self.period,
				"source": self.source,
				"name": ("!=", self.name or ""),
			},
		)
		if existing:
			self.throw_duplicate(existing)

	def throw_duplicate(self, existing: str | None = None):
		frappe.throw(
			_("{0} already holds the {1} count of {2} for {3} ({4}); correct that record instead.").format(
				frappe.bold(existing) if existing else _("Another record"),
				_(self.source, context=self.doctype),
				frappe.bold(self.hall),
				frappe.format(self.date, "Date"),
				_(self.period, context=self.doctype),
			),
			frappe.UniqueValidationError,
			title=_("Already Counted"),
		)

	def show_unique_validation_message(self, e):
		# a concurrent request inserted the same hall, date, period and source first
		self.throw_duplicate()


def on_doctype_update():
	frappe.db.add_unique(
		"CSC Customer Flow",
		["hall", "date", "period", "source"],
		constraint_name="unique_hall_date_period_source",
	)
	frappe.db.add_index("CSC Customer Flow", ["hall", "date"])


def sync_guide_vehicle_flow(hall: str, date, period: str) -> str | None:
	"""Make the Guide Vehicle count of (hall, date, period) the sum of the customer flow its submitted logs
	counted (logs with no count, i.e. 0, add nothing; with none left the row goes).

	Recomputed from the logs, never incremented, so running it twice (or after a cancel or an amendment)
	leaves exactly one row with the right count. The hall row is locked first so that two logs submitted
	at the same moment are summed one after the other.
	"""
	frappe.qb.from_(DocType("CSC Hall")).select("name").where(
		DocType("CSC Hall").name == hall
	).for_update().run()
	log = DocType("CSC Guide Vehicle Log")
	total, logs = (
		frappe.qb.from_(log)
		.select(Sum(log.customer_flow), Count(log.customer_flow))
		.where(
			(log.hall == hall)
			& (log.log_date == date)
			& (log.shift == period)
			& (log.docstatus == 1)
			& (log.customer_flow > 0)
		)
		.for_update()
		.run()
	)[0]
	existing = frappe.db.get_value(
		"CSC Customer Flow",
		{"hall": hall, "date": date, "period": period, "source": GUIDE_VEHICLE},
		for_update=True,
	)
	# the driver submitting a log may not write customer flow; the system keeps this row for them
	if not logs:
		if existing:
			frappe.delete_doc("CSC Customer Flow", existing, ignore_permissions=True)
		return None
	doc = (
		frappe.get_doc("CSC Customer Flow", existing)
		if existing
		else frappe.new_doc("CSC Customer Flow", hall=hall, date=date, period=period, source=GUIDE_VEHICLE)
	)
	if doc.is_new() or doc.count != int(total or 0):
		doc.count = int(total or 0)
		doc.flags.from_guide_vehicle_logs = True
		doc.flags.ignore_permissions = True
		doc.save()
	return doc.name
