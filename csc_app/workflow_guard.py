"""Server-side workflow rules Frappe only checks in the browser or in apply_workflow (SECURITY.md 1, 2, 4, 8).

Controllers of workflow-driven records call ``enforce(doc, protected_fields=...)`` first in ``validate``:

- "Only Allow Edit For": a field change needs an allow-edit role of the state the record is in;
- self-approval: a transition that forbids it cannot be made by the record's owner, whatever the path
  (REST PUT, frappe.client.set_value, savedocs, apply_workflow);
- read-only fields are the server's: a client cannot set or change them;
- lost updates: a REST update must say which version it edits (``modified``).

Server code that legitimately changes a record (jobs, callbacks, the complaint API) wraps the save in
``system_update(doc)``.
"""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.model.workflow import WorkflowPermissionError, get_workflow_name
from frappe.utils import cint, flt, get_datetime, getdate

_IGNORED_FIELDS = frozenset({"modified", "modified_by", "creation", "owner", "idx", "docstatus", "_assign"})


@contextmanager
def system_update(doc):
	"""Let server code change protected fields and edit in any state."""
	doc.flags.csc_system_update = True
	try:
		yield doc
	finally:
		doc.flags.csc_system_update = False


def is_system_update(doc) -> bool:
	return bool(doc.flags.csc_system_update or frappe.flags.in_install or frappe.flags.in_migrate)


def enforce(doc, protected_fields: tuple[str, ...] = (), protected_tables: tuple[str, ...] = ()) -> None:
	if is_system_update(doc):
		return
	if doc.is_new():
		_clear_protected(doc, protected_fields, protected_tables)
		return
	before = doc.get_doc_before_save()
	if not before:
		return
	_require_version_on_rest_update(doc)
	_check_protected(doc, before, protected_fields, protected_tables)
	workflow = get_workflow_name(doc.doctype)
	if not workflow:
		return
	state_field = frappe.get_cached_value("Workflow", workflow, "workflow_state_field")
	old_state, new_state = before.get(state_field), doc.get(state_field)
	_check_allow_edit(doc, before, workflow, old_state, state_field)
	if old_state != new_state:
		_check_self_approval(doc, before, workflow, old_state, new_state)


_LAYOUT = frozenset({"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Heading", "Fold"})


def changed_fields(doc, before, exclude=()) -> list[str]:
	"""Fields whose value differs from the saved version (values compared by type, not by format)."""
	out = []
	for df in doc.meta.fields:
		if df.fieldname in _IGNORED_FIELDS or df.fieldname in exclude or df.fieldtype in _LAYOUT:
			continue
		if _differs(doc, before, df.fieldname):
			out.append(df.fieldname)
	return out


def _differs(doc, before, fieldname) -> bool:
	df = doc.meta.get_field(fieldname)
	if df and df.fieldtype in ("Table", "Table MultiSelect"):
		return _rows(doc.get(fieldname)) != _rows(before.get(fieldname))
	return _norm(doc.get(fieldname), df) != _norm(before.get(fieldname), df)


def _norm(value, df=None):
	if value in (None, ""):
		return None
	fieldtype = df.fieldtype if df else None
	if fieldtype == "Datetime":
		return get_datetime(value)
	if fieldtype == "Date":
		return getdate(value)
	if fieldtype in ("Int", "Check"):
		return cint(value)
	if fieldtype in ("Float", "Currency", "Percent"):
		return flt(value)
	if isinstance(value, float) and value.is_integer():
		return int(value)
	return str(value) if not isinstance(value, int | float) else value


_ROW_META = frozenset(
	{
		"name",
		"parent",
		"parenttype",
		"parentfield",
		"idx",
		"modified",
		"modified_by",
		"creation",
		"owner",
		"doctype",
		"docstatus",
		"__islocal",
		"__unsaved",
	}
)


def _rows(rows) -> list[tuple]:
	result = []
	for row in rows or []:
		meta = getattr(row, "meta", None)
		data = row.as_dict() if hasattr(row, "as_dict") else dict(row)
		result.append(
			tuple(
				(k, _norm(v, meta.get_field(k) if meta else None))
				for k, v in sorted(data.items())
				if k not in _ROW_META
			)
		)
	return result


def _clear_protected(doc, fields, tables):
	for fieldname in fields:
		df = doc.meta.get_field(fieldname)
		doc.set(fieldname, df.default if df and df.default else None)
	for table in tables:
		doc.set(table, [])


def _check_protected(doc, before, fields, tables):
	changed = [f for f in (*fields, *tables) if _differs(doc, before, f)]
	if changed:
		labels = ", ".join(_(doc.meta.get_label(f)) for f in changed)
		frappe.throw(
			_("{0} are kept by the system and cannot be changed: {1}").format(_(doc.doctype), labels),
			frappe.PermissionError,
			title=_("Read-only Field"),
		)


def _require_version_on_rest_update(doc):
	request = getattr(frappe.local, "request", None)
	if not request or request.method not in ("PUT", "PATCH"):
		return
	if not request.path.startswith(("/api/resource/", "/api/v1/resource/", "/api/v2/document/")):
		return
	body = request.get_json(silent=True) or {}
	if isinstance(body, dict) and "data" in body and isinstance(body["data"], str | dict):
		body = frappe.parse_json(body["data"]) or {}
	if not (isinstance(body, dict) and body.get("modified")):
		frappe.throw(
			_(
				"Send the 'modified' value of the version you edited, so that a change made meanwhile by someone else is not overwritten."
			),
			frappe.TimestampMismatchError,
			title=_("Version Required"),
		)


def _allow_edit_roles(workflow: str, state: str) -> set[str]:
	return set(
		frappe.get_all(
			"Workflow Document State", filters={"parent": workflow, "state": state}, pluck="allow_edit"
		)
	)


def _check_allow_edit(doc, before, workflow, old_state, state_field):
	if frappe.session.user == "Administrator":
		return
	changed = changed_fields(doc, before, exclude=(state_field,))
	if not changed:
		return
	roles = _allow_edit_roles(workflow, old_state)
	if roles and not roles.intersection(frappe.get_roles()):
		frappe.throw(
			_("A {0} in state {1} can only be edited by {2}.").format(
				_(doc.doctype), frappe.bold(_(old_state)), ", ".join(_(r) for r in sorted(roles))
			),
			WorkflowPermissionError,
			title=_("Not Allowed in This State"),
		)


def _check_self_approval(doc, before, workflow, old_state, new_state):
	user = frappe.session.user
	if user == "Administrator":
		return
	roles = set(frappe.get_roles())
	transitions = frappe.get_all(
		"Workflow Transition",
		filters={"parent": workflow, "state": old_state, "next_state": new_state},
		fields=["allowed", "allow_self_approval"],
	)
	usable = [t for t in transitions if t.allowed in roles]
	if usable and not any(t.allow_self_approval for t in usable) and user in _authors(doc, before):
		frappe.throw(
			_("You cannot approve a {0} you created or sent for approval yourself.").format(_(doc.doctype)),
			WorkflowPermissionError,
			title=_("Self Approval Not Allowed"),
		)


def _authors(doc, before) -> set[str]:
	"""The owner and whoever last moved the record into its current state."""
	authors = {doc.owner}
	if before.get("modified_by"):
		authors.add(before.modified_by)
	return authors
