// Staff enter a respondent's answers: choosing the survey lists its questions; the server checks everything.
frappe.ui.form.on("CSC Survey Response", {
	setup(frm) {
		frm.set_query("campaign", () => ({ filters: { status: "Open" } }));
		frm.set_query("merchant", () => ({ filters: { hall: frm.doc.hall || "" } }));
	},

	campaign(frm) {
		if (!frm.doc.campaign) return;
		frappe.db.get_doc("CSC Survey Campaign", frm.doc.campaign).then((campaign) => {
			frm.set_value("hall", campaign.hall);
			frm.set_value("respondent_type", campaign.audience === "Merchants" ? "Merchant" : "Shopper");
			frm.clear_table("answers");
			(campaign.questions || []).forEach((question) => {
				frm.add_child("answers", {
					question: question.name,
					question_text: question.question,
					question_type: question.question_type,
				});
			});
			frm.refresh_field("answers");
		});
	},
});
