"""Survey results: responses collected against the quota (满意度调查完成率) and the mean score.

``refresh`` keeps the numbers stored on a campaign current in one set-based statement each time a
response is added, changed or removed; ``completion`` is the one GROUP BY query behind the API and the
KPIs. Both read the same columns, so the stored numbers and the KPI cannot disagree.
"""

import frappe
from frappe.query_builder import DocType, Order
from frappe.query_builder.functions import Avg, Count, NullIf
from frappe.utils import flt, getdate

from csc_app.permissions import get_user_halls


def refresh(campaign: str) -> None:
	"""Recount ``campaign``'s responses in the database itself (no read-modify-write race).

	``modified`` is left alone on purpose: a response arriving must not make a manager's open edit of
	the campaign fail as a conflicting change.
	"""
	frappe.db.sql(
		"""
		update `tabCSC Survey Campaign` campaign
		join (
			select count(*) as responses, avg(nullif(overall_score, 0)) as mean_score
			from `tabCSC Survey Response`
			where campaign = %(campaign)s
		) result
		set campaign.responses_count = result.responses,
			campaign.completion_rate = if(campaign.quota > 0, round(100 * result.responses / campaign.quota, 2), 0),
			campaign.average_score = round(ifnull(result.mean_score, 0), 2)
		where campaign.name = %(campaign)s
		""",
		{"campaign": campaign},
	)


def of_campaign(campaign: str, quota: int) -> dict:
	"""The numbers ``refresh`` stores, computed for a campaign being saved."""
	response = DocType("CSC Survey Response")
	row = (
		frappe.qb.from_(response)
		.select(Count(response.name), Avg(NullIf(response.overall_score, 0)))
		.where(response.campaign == campaign)
		.run()
	)[0]
	responses, mean_score = row[0] or 0, row[1]
	return {
		"responses_count": responses,
		"completion_rate": flt(100 * responses / quota, 2) if quota else 0,
		"average_score": flt(mean_score or 0, 2),
	}


def completion(
	campaign: str | None = None,
	hall: str | None = None,
	from_date=None,
	to_date=None,
	user: str | None = None,
) -> list[dict]:
	"""Quota, responses, completion rate and mean score per campaign the user may see.

	A campaign is in the period when its own period overlaps [from_date, to_date]; all its responses
	count, because a quota belongs to the whole campaign. Draft campaigns are left out.
	"""
	halls = get_user_halls(user)
	if halls == []:
		return []

	c = DocType("CSC Survey Campaign")
	r = DocType("CSC Survey Response")
	query = (
		frappe.qb.from_(c)
		.left_join(r)
		.on(r.campaign == c.name)
		.select(
			c.name.as_("campaign"),
			c.title,
			c.hall,
			c.audience,
			c.status,
			c.from_date,
			c.to_date,
			c.quota,
			Count(r.name).as_("responses"),
			Avg(NullIf(r.overall_score, 0)).as_("mean_score"),
		)
		.where(c.status != "Draft")
		.groupby(c.name, c.title, c.hall, c.audience, c.status, c.from_date, c.to_date, c.quota)
		.orderby(c.from_date, order=Order.desc)
		.orderby(c.name)
	)
	if halls is not None:
		query = query.where(c.hall.isin(halls))
	if hall:
		query = query.where(c.hall == hall)
	if campaign:
		query = query.where(c.name == campaign)
	if from_date:
		query = query.where(c.to_date >= getdate(from_date))
	if to_date:
		query = query.where(c.from_date <= getdate(to_date))

	rows = query.run(as_dict=True)
	for row in rows:
		row.completion_rate = flt(100 * row.responses / row.quota, 2) if row.quota else 0
		row.mean_score = flt(row.mean_score, 2) if row.mean_score is not None else None
	return rows
