// Form helpers only: every rule is enforced on the server (csc_merchant_visit.py).
frappe.ui.form.on("CSC Merchant Visit", {
	setup(frm) {
		frm.set_query("merchant", () =>
			frm.doc.status === "Planned" ? { filters: { status: "Active" } } : {}
		);
		frm.set_query("visitor", () => ({
			query: "frappe.core.doctype.user.user.user_query",
			filters: { enabled: 1 },
		}));
	},
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Done" || !frm.doc.follow_up) return;
		const raise = (kind, args = {}) =>
			frappe
				.xcall("csc_app.api.visits.raise_follow_up", { visit: frm.doc.name, kind, ...args })
				.then((name) => {
					frm.reload_doc();
					frappe.set_route("Form", kind === "Complaint" ? "CSC Complaint" : "CSC Callback", name);
				});
		if (!frm.doc.follow_up_complaint) {
			frm.add_custom_button(
				__("Complaint"),
				() =>
					frappe.prompt(
						{
							fieldname: "category",
							fieldtype: "Link",
							options: "CSC Complaint Category",
							label: __("Category"),
							reqd: 1,
						},
						(values) => raise("Complaint", values),
						__("Raise Follow-up")
					),
				__("Raise Follow-up")
			);
		}
		if (!frm.doc.follow_up_callback) {
			frm.add_custom_button(__("Callback"), () => raise("Callback"), __("Raise Follow-up"));
		}
	},
	status(frm) {
		if (frm.doc.status === "Done" && !frm.doc.visited_on) {
			frm.set_value("visited_on", frappe.datetime.now_datetime());
		}
		if (frm.doc.status !== "Done" && frm.doc.visited_on) {
			frm.set_value("visited_on", null);
		}
	},
});
