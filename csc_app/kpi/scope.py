"""Who and when a KPI is computed for: the period, its buckets, and the halls the user may see."""

from dataclasses import dataclass
from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, getdate, nowdate
from pypika import CustomFunction
from pypika.terms import Term

from csc_app.permissions import get_user_halls, user_can_access_hall

DateFormat = CustomFunction("DATE_FORMAT", ["date", "format"])

# periodicity -> MariaDB DATE_FORMAT pattern of the bucket label
PERIOD_FORMATS = {
	"Daily": "%Y-%m-%d",
	"Weekly": "%x-W%v",  # ISO year and week
	"Monthly": "%Y-%m",
	"Quarterly": None,  # computed below
	"Yearly": "%Y",
	"Total": None,
}


@dataclass
class Scope:
	from_date: date
	to_date: date
	periodicity: str
	halls: list[str] | None  # None: every hall

	@property
	def end_exclusive(self) -> date:
		return add_days(self.to_date, 1)

	def bucket(self, column: Term) -> Term:
		"""The period label of a date/datetime column for this periodicity."""
		if self.periodicity == "Total":
			from pypika.terms import ValueWrapper

			return ValueWrapper(f"{self.from_date} ~ {self.to_date}")
		if self.periodicity == "Quarterly":
			from pypika.functions import Concat

			Quarter = CustomFunction("QUARTER", ["date"])
			return Concat(DateFormat(column, "%Y"), "-Q", Quarter(column))
		return DateFormat(column, PERIOD_FORMATS[self.periodicity])

	def label(self, day: date) -> str:
		"""The same bucket label in Python (for periods that have no rows, e.g. days without a count)."""
		if self.periodicity == "Total":
			return f"{self.from_date} ~ {self.to_date}"
		if self.periodicity == "Quarterly":
			return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
		if self.periodicity == "Weekly":
			year, week, _day = day.isocalendar()
			return f"{year}-W{week:02d}"
		return day.strftime(PERIOD_FORMATS[self.periodicity])

	def days(self, until: date | None = None) -> list[date]:
		"""Every day of the period (up to ``until``)."""
		last = min(self.to_date, until) if until else self.to_date
		return [add_days(self.from_date, i) for i in range((last - self.from_date).days + 1)]

	def within(self, column: Term):
		return (column >= self.from_date) & (column < self.end_exclusive)

	def hall_filter(self, column: Term):
		if self.halls is None:
			return None
		return column.isin(self.halls or ["\0none"])


def make_scope(filters) -> Scope:
	"""Validate report filters and resolve the halls the user may see (never more than allowed)."""
	filters = frappe._dict(filters or {})
	try:
		from_date = getdate(filters.from_date) if filters.from_date else getdate(nowdate()).replace(day=1)
		to_date = getdate(filters.to_date) if filters.to_date else getdate(nowdate())
	except Exception:
		frappe.throw(_("From Date and To Date must be valid dates."), title=_("Invalid Period"))
	if to_date < from_date:
		frappe.throw(_("To Date cannot be before From Date."), title=_("Invalid Period"))
	periodicity = filters.periodicity or "Monthly"
	if periodicity not in PERIOD_FORMATS:
		frappe.throw(
			_("Unknown periodicity {0}.").format(frappe.bold(periodicity)), title=_("Invalid Filter")
		)
	halls = get_user_halls()
	if filters.hall:
		if not frappe.db.exists("CSC Hall", filters.hall):
			frappe.throw(
				_("Hall {0} does not exist.").format(frappe.bold(filters.hall)), frappe.DoesNotExistError
			)
		if not user_can_access_hall(filters.hall):
			frappe.throw(
				_("You are not permitted to see hall {0}.").format(frappe.bold(filters.hall)),
				frappe.PermissionError,
				title=_("Hall Not Permitted"),
			)
		halls = [filters.hall]
	return Scope(from_date, to_date, periodicity, halls)


def where(query, *conditions):
	for condition in conditions:
		if condition is not None:
			query = query.where(condition)
	return query


def doctype_ready(doctype: str) -> bool:
	"""The record exists on this site and the user may read it (else its KPIs are left blank)."""
	return bool(frappe.db.exists("DocType", doctype)) and frappe.has_permission(doctype, "read")
