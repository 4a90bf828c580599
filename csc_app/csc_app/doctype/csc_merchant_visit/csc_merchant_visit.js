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
	status(frm) {
		if (frm.doc.status === "Done" && !frm.doc.visited_on) {
			frm.set_value("visited_on", frappe.datetime.now_datetime());
		}
		if (frm.doc.status !== "Done" && frm.doc.visited_on) {
			frm.set_value("visited_on", null);
		}
	},
});
