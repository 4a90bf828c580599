// CSC Complaint form: helps the agent on the phone. Every rule is enforced on the server.

frappe.ui.form.on("CSC Complaint", {
	setup(frm) {
		const active_merchant_in_hall = () => ({
			filters: { hall: frm.doc.hall || "", status: "Active" },
		});
		frm.set_query("respondent_merchant", active_merchant_in_hall);
		frm.set_query("complainant_merchant", active_merchant_in_hall);
		frm.set_query("category", () => ({ filters: { is_active: 1 } }));
	},

	refresh(frm) {
		csc_complaint.render_history(frm);
		csc_complaint.show_clock(frm);
		csc_complaint.add_handling_buttons(frm);
	},

	phone: frappe.utils.debounce((frm) => csc_complaint.load_history(frm, true), 400),

	category(frm) {
		if (!frm.doc.category) return;
		csc_complaint
			.get("get_category_defaults", { category: frm.doc.category })
			.then((defaults) => {
				if (defaults.department && !frm.doc.department) {
					frm.set_value("department", defaults.department);
				}
				if (defaults.severity === "Major") frm.set_value("severity", "Major");
			});
	},

	hall(frm) {
		["respondent_merchant", "complainant_merchant"].forEach((f) => frm.set_value(f, null));
	},
});

const csc_complaint = {
	get(method, args) {
		return frappe
			.call({ method: `csc_app.api.complaints.${method}`, args, type: "GET" })
			.then((r) => r.message);
	},

	load_history(frm, fill_caller) {
		const phone = (frm.doc.phone || "").trim();
		if (phone.replace(/\D/g, "").length < 7) return;
		csc_complaint
			.get("get_caller_history", { phone, exclude: frm.is_new() ? null : frm.doc.name })
			.then((history) => {
				frm.__caller_history = history;
				if (fill_caller && frm.is_new() && history.customer && !frm.doc.customer) {
					frm.set_value("customer", history.customer);
					if (!frm.doc.complainant_name) frm.set_value("complainant_name", history.customer_name);
				}
				csc_complaint.render_history(frm);
			})
			.catch(() => {
				frm.__caller_history = null;
				csc_complaint.render_history(frm);
			});
	},

	render_history(frm) {
		const wrapper = frm.get_field("caller_history").$wrapper;
		const history = frm.__caller_history;
		if (!history) {
			wrapper.empty();
			if (frm.doc.phone && !frm.__history_requested) {
				frm.__history_requested = true;
				csc_complaint.load_history(frm, false);
			}
			return;
		}
		const rows = (history.complaints || [])
			.map(
				(c) => `<tr>
					<td><a href="/app/csc-complaint/${encodeURIComponent(c.name)}">${frappe.utils.escape_html(c.name)}</a></td>
					<td>${frappe.datetime.str_to_user(c.creation)}</td>
					<td>${frappe.utils.escape_html(c.subject || "")}</td>
					<td>${__(c.workflow_state || "")}</td>
				</tr>`
			)
			.join("");
		const callbacks = (history.callbacks || [])
			.map(
				(c) => `<tr>
					<td><a href="/app/csc-callback/${encodeURIComponent(c.name)}">${frappe.utils.escape_html(c.name)}</a></td>
					<td>${frappe.datetime.str_to_user(c.due_by)}</td>
					<td>${__(c.callback_type || "")}</td>
					<td>${__(c.status || "")}</td>
				</tr>`
			)
			.join("");
		if (!rows && !callbacks) {
			wrapper.html(`<div class="text-muted small">${__("No earlier complaints from this number.")}</div>`);
			return;
		}
		wrapper.html(`
			<div class="alert alert-warning small mb-2">${frappe.utils.escape_html(history.message || "")}</div>
			<table class="table table-sm table-bordered small">
				<thead><tr><th>${__("Complaint")}</th><th>${__("Date")}</th><th>${__("Subject")}</th><th>${__("State")}</th></tr></thead>
				<tbody>${rows}</tbody>
			</table>
			${
				callbacks
					? `<table class="table table-sm table-bordered small">
				<thead><tr><th>${__("Callback")}</th><th>${__("Due")}</th><th>${__("Type")}</th><th>${__("Status")}</th></tr></thead>
				<tbody>${callbacks}</tbody></table>`
					: ""
			}`);
	},

	show_clock(frm) {
		if (frm.is_new() || !frm.doc.sla_status) return;
		const colors = {
			"On Track": "green",
			Warning: "orange",
			Breached: "red",
			Paused: "blue",
			Met: "green",
		};
		const due = frm.doc.first_responded_on ? frm.doc.resolution_by : frm.doc.response_by;
		const label = frm.doc.first_responded_on ? __("Resolve by {0}") : __("Respond by {0}");
		frm.dashboard.set_headline_alert(
			`<span class="indicator ${colors[frm.doc.sla_status] || "gray"}">${__(frm.doc.sla_status)}</span>
			${frm.doc.resolved_on ? "" : label.replace("{0}", frappe.datetime.str_to_user(due))}`
		);
	},

	add_handling_buttons(frm) {
		const open = ["Registered", "In Progress", "Pending Approval", "Reopened"];
		if (frm.is_new() || !open.includes(frm.doc.workflow_state)) return;
		const call = (method, args) =>
			frappe
				.xcall(`csc_app.api.complaints.${method}`, { complaint: frm.doc.name, ...args })
				.then(() => frm.reload_doc());

		frm.add_custom_button(
			__("Record Action"),
			() => {
				const d = new frappe.ui.Dialog({
					title: __("Record Action"),
					fields: [
						{
							fieldname: "action",
							fieldtype: "Select",
							label: __("Action"),
							reqd: 1,
							options: [
								"Contacted Complainant",
								"Contacted Merchant",
								"Site Visit",
								"Replied",
								"Note",
								"Handed Back",
							].map((value) => ({ value, label: __(value) })),
						},
						{ fieldname: "note", fieldtype: "Small Text", label: __("Note") },
					],
					primary_action_label: __("Save"),
					primary_action: (values) => {
						d.hide();
						call("record_action", values);
					},
				});
				d.show();
			},
			__("Handling")
		);

		const pending = (frm.doc.routings || []).some((r) => r.outcome === "Pending");
		if (pending && frm.doc.department) {
			frm.add_custom_button(__("Accept Routing"), () => call("accept_routing", {}), __("Handling"));
			frm.add_custom_button(
				__("Send Back as Mis-routed"),
				() =>
					frappe.prompt(
						{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
						(values) => call("send_back", values),
						__("Send Back as Mis-routed")
					),
				__("Handling")
			);
		}
	},
};
