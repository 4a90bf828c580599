// The public link and its QR code are made on the server; the form only shows them.
frappe.ui.form.on("CSC Survey Campaign", {
	refresh(frm) {
		frm.trigger("show_public_link");
		if (!frm.is_new() && frappe.user.has_role(["CSC Manager", "System Manager"])) {
			frm.add_custom_button(__("Regenerate Public Link"), () => {
				frappe.confirm(
					__("The current link and QR code will stop working at once. Make a new public link?"),
					() =>
						frappe
							.call({
								method: "csc_app.api.surveys.regenerate_token",
								args: { campaign: frm.doc.name },
								freeze: true,
							})
							.then(() => frm.reload_doc())
				);
			});
		}
	},

	show_public_link(frm) {
		const wrapper = frm.get_field("public_link_html").$wrapper;
		if (frm.is_new()) {
			wrapper.html(
				`<p class="text-muted">${__("The public link and QR code appear once the survey is saved.")}</p>`
			);
			return;
		}
		frappe
			.call({
				method: "csc_app.api.surveys.get_public_link",
				type: "GET",
				args: { campaign: frm.doc.name },
			})
			.then((r) => {
				const { url, qr_code } = r.message;
				const safe_url = frappe.utils.escape_html(url);
				wrapper.html(`
					<div class="csc-survey-link">
						<p><a href="${safe_url}" target="_blank" rel="noopener noreferrer">${safe_url}</a></p>
						<img src="${qr_code}" alt="${__("QR code of the survey link")}" style="width: 220px; height: 220px;">
						<p class="text-muted small">${__(
							"Print the QR code or share the link: respondents answer without logging in, while the survey is Open and within its period."
						)}</p>
					</div>`);
			});
	},
});
