// Merchant 360: the numbers behind the connections, including complaints the merchant raised.

frappe.ui.form.on("CSC Merchant", {
	refresh(frm) {
		if (frm.is_new()) return;
		frappe
			.call({
				method: "csc_app.api.merchants.get_summary",
				args: { merchant: frm.doc.name },
				type: "GET",
			})
			.then(({ message }) => {
				if (!message) return;
				const parts = Object.keys(message.labels)
					.filter((key) => message[key] !== null && message[key] !== undefined)
					.map(
						(key) =>
							`<span class="mr-4">${frappe.utils.escape_html(message.labels[key])}: <b>${cint(
								message[key]
							)}</b></span>`
					);
				frm.dashboard.set_headline(parts.join(""));
			});
	},
});
