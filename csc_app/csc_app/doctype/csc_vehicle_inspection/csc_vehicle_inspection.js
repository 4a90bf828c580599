// Fills the checklist from the chosen (or default) template; the server checks that every item of
// the template is marked and computes the result.

frappe.ui.form.on("CSC Vehicle Inspection", {
	setup(frm) {
		frm.set_query("vehicle", () => ({ filters: { is_guide_vehicle: 1 } }));
		frm.set_query("template", () => ({ filters: { is_active: 1 } }));
		frm.set_query("inspected_by", () => ({ filters: { status: "Active" } }));
	},

	onload(frm) {
		if (!frm.is_new()) return;
		if (!frm.doc.inspected_by) {
			frappe.db
				.get_value("Employee", { user_id: frappe.session.user, status: "Active" }, "name")
				.then(({ message }) => message && message.name && frm.set_value("inspected_by", message.name));
		}
		if (!frm.doc.template) {
			frappe.db
				.get_value("CSC Inspection Template", { is_default: 1, is_active: 1 }, "name")
				.then(({ message }) => message && message.name && frm.set_value("template", message.name));
		}
	},

	async template(frm) {
		if (!frm.doc.template || frm.doc.docstatus !== 0) return;
		const template = await frappe.db.get_doc("CSC Inspection Template", frm.doc.template);
		const listed = new Set((frm.doc.items || []).map((row) => (row.check_item || "").toLowerCase()));
		(frm.doc.items || [])
			.filter((row) => !row.check_item)
			.forEach((row) => frm.get_field("items").grid.grid_rows_by_docname[row.name]?.remove());
		template.items.forEach((item) => {
			if (!listed.has(item.check_item.toLowerCase())) {
				frm.add_child("items", { check_item: item.check_item });
			}
		});
		frm.refresh_field("items");
	},
});
