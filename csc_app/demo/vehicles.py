"""Demo guide-vehicle operations: two days of inspections, logs, a repair, keys and tapes, customer flow.

Called from ``csc_app.demo.setup.setup_demo`` after the halls, staff and guide carts exist. Everything is
dated yesterday and the day before (a shift must lie in the past), plus today's scheduled logs. It runs
once: when the demo carts already have logs, it changes nothing.
"""

import frappe
from frappe.utils import add_days, today

from csc_app.demo import data
from csc_app.setup.fleet import ensure_default_template

CAPTAIN, DRIVER = "captain@csc.example", "driver@csc.example"


def setup() -> None:
	ensure_default_template()
	carts = [plate for plate, *_rest in data.GUIDE_VEHICLES]
	if frappe.db.exists("CSC Guide Vehicle Log", {"vehicle": ("in", carts)}):
		return
	driver = frappe.db.get_value("Employee", {"user_id": DRIVER}, "name")
	captain = frappe.db.get_value("Employee", {"user_id": CAPTAIN}, "name")
	halls = [hall_name for hall_name, *_rest in data.HALLS]
	day_before, yesterday = add_days(today(), -2), add_days(today(), -1)
	gv1, gv2, gv3 = carts

	for day, odometer in ((day_before, 1010), (yesterday, 1024)):
		for cart, hall, shift, flow in ((gv1, halls[0], "Morning", 236), (gv2, halls[1], "Afternoon", 188)):
			start = "09:00" if shift == "Morning" else "13:30"
			make_inspection(cart, driver, f"{day} {'08:40' if shift == 'Morning' else '13:10'}:00", odometer)
			make_completed_log(cart, hall, driver, day, shift, start, flow)

	# GV-03 failed its inspection yesterday and is in the workshop: it cannot depart until repaired
	failed = make_inspection(gv3, captain, f"{yesterday} 08:35:00", failed=("Brakes",))
	frappe.get_doc(
		{
			"doctype": "CSC Vehicle Maintenance",
			"vehicle": gv3,
			"maintenance_type": "Repair",
			"status": "In Progress",
			"inspection": failed,
			"performed_by": "星河车辆维修部",
			"description": "刹车片磨损，更换前后刹车片并调整制动间隙",
			"cost": 460,
			"out_of_service_from": f"{yesterday} 09:00:00",
		}
	).insert()

	for cart, hall in ((gv1, halls[0]), (gv2, halls[1])):  # today's schedule
		frappe.get_doc(
			{
				"doctype": "CSC Guide Vehicle Log",
				"vehicle": cart,
				"driver": driver,
				"hall": hall,
				"log_date": today(),
				"shift": "Full Day",
				"scheduled_departure": f"{today()} 09:00:00",
			}
		).insert()

	issue(gv1, driver, f"{yesterday} 08:45:00", "Vehicle Key")
	issue(gv1, driver, f"{yesterday} 08:46:00", "Broadcast Tape", "促销磁带 A（周末家居节）")
	returned = issue(gv2, driver, f"{yesterday} 13:15:00", "Vehicle Key")
	returned.status = "Returned"
	returned.returned_on = f"{yesterday} 17:40:00"
	returned.save()

	for hall, count in zip(halls, (5120, 4380, 2950), strict=True):
		frappe.get_doc(
			{
				"doctype": "CSC Customer Flow",
				"hall": hall,
				"date": yesterday,
				"period": "Full Day",
				"source": "Counter",
				"count": count,
				"remarks": "入口客流计数器",
			}
		).insert()


def make_inspection(vehicle, employee, inspected_on, odometer=None, failed=()) -> str:
	template = frappe.get_doc("CSC Inspection Template", {"is_default": 1})
	doc = frappe.get_doc(
		{
			"doctype": "CSC Vehicle Inspection",
			"vehicle": vehicle,
			"inspected_by": employee,
			"inspected_on": inspected_on,
			"odometer": odometer,
			"items": [
				{"check_item": row.check_item, "result": "Fail" if row.check_item in failed else "Pass"}
				for row in template.items
			],
		}
	).insert()
	doc.submit()
	return doc.name


def make_completed_log(vehicle, hall, driver, day, shift, start, flow) -> None:
	doc = frappe.get_doc(
		{
			"doctype": "CSC Guide Vehicle Log",
			"vehicle": vehicle,
			"driver": driver,
			"hall": hall,
			"log_date": day,
			"shift": shift,
			"scheduled_departure": f"{day} {start}:00",
		}
	).insert()
	late = 7 if shift == "Afternoon" else 2  # one late departure shows in the on-time rate
	hour, minute = start.split(":")
	doc.actual_departure = f"{day} {hour}:{int(minute) + late:02d}:00"
	doc.returned_at = f"{day} {int(hour) + 3}:{minute}:00"
	doc.trips, doc.passengers, doc.customer_flow = 6, 58, flow
	doc.promotions_broadcast = "周末家居节满减活动；新品发布会"
	doc.shopper_interests = "顾家家居, 慕思, 马可波罗瓷砖"
	doc.save()
	doc.submit()


def issue(vehicle, employee, issued_on, item_type, label=None):
	return frappe.get_doc(
		{
			"doctype": "CSC Key Custody",
			"item_type": item_type,
			"vehicle": vehicle,
			"item_label": label,
			"issued_to": employee,
			"issued_on": issued_on,
		}
	).insert()
