// Helps the driver: guide vehicles only, their own Employee filled in, departure and return in one
// click. Every rule (inspection, maintenance, times, override) is enforced on the server.

frappe.ui.form.on("CSC Guide Vehicle Log", {
	setup(frm) {
		frm.set_query("vehicle", () => ({ filters: { is_guide_vehicle: 1 } }));
		frm.set_query("driver", () => ({ filters: { status: "Active" } }));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.driver) {
			frappe.db
				.get_value("Employee", { user_id: frappe.session.user, status: "Active" }, "name")
				.then(({ message }) => message && message.name && frm.set_value("driver", message.name));
		}
	},

	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0) return;
		if (!frm.doc.actual_departure) {
			frm.add_custom_button(__("Depart Now"), () => {
				frm.set_value("actual_departure", frappe.datetime.now_datetime());
				frm.save();
			});
		} else if (!frm.doc.returned_at) {
			frm.add_custom_button(__("Return Now"), () => {
				frm.set_value("returned_at", frappe.datetime.now_datetime());
				frm.save();
			});
		}
	},

	log_date(frm) {
		if (frm.doc.log_date && !frm.doc.scheduled_departure) {
			frm.set_value("scheduled_departure", `${frm.doc.log_date} 09:00:00`);
		}
	},
});
