"""The complaint workflow (受理 → 处理 → 审批 → 解决 → 回访 → 归档), shipped as a Frappe Workflow.

It is created on install only when missing, so an admin's edits in the desk survive `bench migrate`.
The server enforces the rules the desk shows (see csc_app.workflow_guard and the controller).
"""

import frappe

WORKFLOW_NAME = "CSC Complaint"

DRAFT = "Draft"
REGISTERED = "Registered"
IN_PROGRESS = "In Progress"
PENDING_APPROVAL = "Pending Approval"
RESOLVED = "Resolved"
CALLBACK_DONE = "Callback Done"
CLOSED = "Closed"
REJECTED = "Rejected"
REOPENED = "Reopened"

OPEN_STATES = (REGISTERED, IN_PROGRESS, PENDING_APPROVAL, REOPENED)
DONE_STATES = (RESOLVED, CALLBACK_DONE, CLOSED)

MANAGER = "CSC Manager"
SUPERVISOR = "CSC Supervisor"
AGENT = "CSC Agent"
STAFF = (AGENT, SUPERVISOR, MANAGER)

# state -> (style, roles allowed to edit the record while it is in that state)
STATES = {
	DRAFT: ("", STAFF),
	REGISTERED: ("Info", STAFF),
	IN_PROGRESS: ("Primary", STAFF),
	PENDING_APPROVAL: ("Warning", (MANAGER,)),
	RESOLVED: ("Success", (SUPERVISOR, MANAGER)),
	CALLBACK_DONE: ("Success", (SUPERVISOR, MANAGER)),
	CLOSED: ("Inverse", (MANAGER,)),
	REJECTED: ("Danger", (MANAGER,)),
	REOPENED: ("Warning", STAFF),
}

# (from state, action, to state, roles, condition, allow self approval)
TRANSITIONS = (
	(DRAFT, "Register", REGISTERED, STAFF, "", True),
	(REGISTERED, "Start Handling", IN_PROGRESS, STAFF, "", True),
	(REGISTERED, "Reject", REJECTED, (SUPERVISOR, MANAGER), "", True),
	(IN_PROGRESS, "Submit for Approval", PENDING_APPROVAL, STAFF, "doc.needs_approval", True),
	(IN_PROGRESS, "Resolve", RESOLVED, STAFF, "not doc.needs_approval", True),
	(IN_PROGRESS, "Reject", REJECTED, (SUPERVISOR, MANAGER), "", True),
	(PENDING_APPROVAL, "Approve", RESOLVED, (MANAGER,), "", False),
	(PENDING_APPROVAL, "Decline", IN_PROGRESS, (MANAGER,), "", True),
	(RESOLVED, "Confirm Callback", CALLBACK_DONE, STAFF, "doc.callback_status == 'Completed'", True),
	(RESOLVED, "Close", CLOSED, (MANAGER,), "", True),
	(RESOLVED, "Reopen", REOPENED, (SUPERVISOR, MANAGER), "", True),
	# an unhappy callback reopens the case, whoever made the call
	(RESOLVED, "Reopen", REOPENED, (AGENT,), "doc.callback_status == 'Unhappy'", True),
	(CALLBACK_DONE, "Close", CLOSED, (SUPERVISOR, MANAGER), "", True),
	(CALLBACK_DONE, "Reopen", REOPENED, (SUPERVISOR, MANAGER), "", True),
	(CLOSED, "Reopen", REOPENED, (MANAGER,), "", True),
	(REJECTED, "Reopen", REOPENED, (MANAGER,), "", True),
	(REOPENED, "Start Handling", IN_PROGRESS, STAFF, "", True),
)


def ensure_workflow() -> None:
	"""Create the workflow, its states and actions if missing. Never overwrites an admin's edits."""
	for state, (style, _roles) in STATES.items():
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(
				ignore_permissions=True  # install step
			)
	for action in dict.fromkeys(t[1] for t in TRANSITIONS):
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True  # install step
			)
	if frappe.db.exists("Workflow", WORKFLOW_NAME):
		return
	workflow = frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": WORKFLOW_NAME,
			"document_type": "CSC Complaint",
			"workflow_state_field": "workflow_state",
			"is_active": 1,
			"send_email_alert": 0,
			"override_status": 1,
		}
	)
	for state, (_style, roles) in STATES.items():
		for role in roles:
			workflow.append("states", {"state": state, "doc_status": "0", "allow_edit": role})
	_append_transitions(workflow, TRANSITIONS)
	workflow.insert(ignore_permissions=True)  # install step


def add_transitions(rows) -> None:
	"""Add shipped transitions a site's workflow lacks (for patches; an admin's other edits stay)."""
	if not frappe.db.exists("Workflow", WORKFLOW_NAME):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	if _append_transitions(workflow, rows):
		workflow.save(ignore_permissions=True)  # migration step


def _append_transitions(workflow, rows) -> int:
	"""Append each (state, action, next state, roles, condition, self-approval) row, one per role,
	unless the workflow has it already. Returns how many were added."""
	existing = {(t.state, t.action, t.next_state, t.allowed) for t in workflow.transitions}
	added = 0
	for state, action, next_state, roles, condition, self_approval in rows:
		for role in roles:
			if (state, action, next_state, role) in existing:
				continue
			workflow.append(
				"transitions",
				{
					"state": state,
					"action": action,
					"next_state": next_state,
					"allowed": role,
					"condition": condition,
					"allow_self_approval": int(self_approval),
				},
			)
			added += 1
	return added
