// Front desk: hand a key or tape out, take it back, or report it lost. The server refuses an item
// that is already out and records who handed it out and who took it back.

frappe.ui.form.on("CSC Key Custody", {
	setup(frm) {
		frm.set_query("vehicle", () => ({ filters: { is_guide_vehicle: 1 } }));
		frm.set_query("issued_to", () => ({ filters: { status: "Active" } }));
	},

	refresh(frm) {
		if (frm.is_new() || !frm.perm[0]?.write) return;
		if (["Out", "Lost"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Mark Returned"), () => {
				frm.set_value("status", "Returned");
				frm.save();
			});
		}
		if (frm.doc.status === "Out") {
			frm.add_custom_button(__("Mark Lost"), () => {
				frappe.prompt(
					{ fieldname: "remarks", fieldtype: "Small Text", label: __("How was it lost?"), reqd: 1 },
					({ remarks }) => {
						frm.set_value("remarks", remarks);
						frm.set_value("status", "Lost");
						frm.save();
					},
					__("Mark Lost")
				);
			});
		}
	},
});
