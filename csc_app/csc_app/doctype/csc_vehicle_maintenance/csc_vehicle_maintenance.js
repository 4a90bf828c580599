// While a maintenance or repair keeps a vehicle out of service, the server refuses its departures.

frappe.ui.form.on("CSC Vehicle Maintenance", {
	setup(frm) {
		frm.set_query("vehicle", () => ({ filters: { is_guide_vehicle: 1 } }));
		frm.set_query("inspection", () => ({ filters: { vehicle: frm.doc.vehicle, docstatus: 1 } }));
	},
});
