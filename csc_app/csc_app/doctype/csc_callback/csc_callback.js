// CSC Callback form: buttons for the call's outcome. The server decides what they do.

frappe.ui.form.on("CSC Callback", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Open") return;
		const call = (method, args) =>
			frappe
				.xcall(`csc_app.api.callbacks.${method}`, { callback: frm.doc.name, ...args })
				.then(() => frm.reload_doc());

		frm.add_custom_button(__("Log Attempt"), () => {
			frappe.prompt(
				[
					{
						fieldname: "result",
						fieldtype: "Select",
						label: __("Result"),
						reqd: 1,
						options: ["No Answer", "Wrong Number", "Refused"].map((v) => ({ value: v, label: __(v) })),
					},
					{
						fieldname: "channel",
						fieldtype: "Select",
						label: __("Channel"),
						default: "Phone",
						options: ["Phone", "SMS", "WeChat", "Visit"].map((v) => ({ value: v, label: __(v) })),
					},
					{ fieldname: "note", fieldtype: "Small Text", label: __("Note") },
				],
				(values) => call("log_attempt", values),
				__("Log Attempt")
			);
		});

		frm.add_custom_button(__("Complete"), () => {
			frappe.prompt(
				[
					{ fieldname: "satisfaction", fieldtype: "Rating", label: __("Satisfaction (1-5)"), reqd: 1 },
					{ fieldname: "opinions", fieldtype: "Small Text", label: __("Opinions and Suggestions") },
					{
						fieldname: "pass_opinions_to",
						fieldtype: "Link",
						options: "Department",
						label: __("Opinions Passed To"),
					},
					{
						fieldname: "escalate",
						fieldtype: "Check",
						label: __("Not resolved: reopen the complaint"),
					},
				],
				(values) => {
					// Rating gives 0..1; the server wants 1..5
					const stars = Math.round((values.satisfaction || 0) * 5);
					call("complete", { ...values, satisfaction: stars });
				},
				__("Complete Callback"),
				__("Complete")
			);
		}).addClass("btn-primary");

		if (frappe.user.has_role(["CSC Supervisor", "CSC Manager"])) {
			frm.add_custom_button(__("Cancel Callback"), () =>
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
					(values) => call("cancel", values),
					__("Cancel Callback")
				)
			);
		}
	},
});
