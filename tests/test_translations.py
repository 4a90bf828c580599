"""Chinese (zh) is a first-class UI language: every user-facing string of csc_app is translated."""

import frappe
from frappe.translate import get_messages_for_app, get_translation_dict_from_file, get_translations_from_apps

from csc_app.complaints import workflow as complaint_workflow
from csc_app.setup.custom_fields import get_custom_fields


def app_messages() -> set[str]:
	messages = set()
	for message in get_messages_for_app("csc_app"):
		text = message[1] if isinstance(message, list | tuple) else message
		context = message[2] if isinstance(message, list | tuple) and len(message) > 2 else None
		if context == "Label of a Navbar Item":  # frappe's own navbar, translated by frappe
			continue
		messages.add(text)
	for fields in get_custom_fields().values():
		messages.update(f["label"] for f in fields if f.get("label"))
	# workflow states and actions are shown through __() in the desk
	messages.update(complaint_workflow.STATES)
	messages.update(t[1] for t in complaint_workflow.TRANSITIONS)
	# labels kept in tables and passed to _() at run time
	from csc_app.csc_app.report.complaint_analysis.complaint_analysis import GROUPS
	from csc_app.csc_app.report.csc_kpi_scorecard.csc_kpi_scorecard import COUNTS, KPIS

	messages.update(label for _f, label, _p in KPIS)
	messages.update(label for _f, label, _t in COUNTS)
	messages.update(GROUPS)
	messages.update(label for _c, label, _l in GROUPS.values())
	for doctype in ("Number Card", "Dashboard Chart"):
		messages.update(frappe.get_all(doctype, filters={"module": "CSC App"}, pluck="name"))
	return messages


def test_every_user_facing_string_has_a_chinese_translation():
	translations = get_translations_from_apps("zh")
	missing = sorted(m for m in app_messages() if m not in translations)
	assert not missing, "missing zh translations:\n" + "\n".join(missing)


def test_translation_file_is_well_formed():
	path = frappe.get_app_path("csc_app", "translations", "zh.csv")
	ours = get_translation_dict_from_file(path, "zh", "csc_app")
	assert ours
	empty = [source for source, target in ours.items() if not target.strip()]
	assert not empty
	for source, target in ours.items():
		for placeholder in ("{0}", "{1}", "{2}", "{3}"):
			assert (placeholder in source) == (placeholder in target), (source, target)
