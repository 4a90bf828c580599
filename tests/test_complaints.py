"""CSC Complaint end to end through the REST API as real users: intake, routing, the closed loop,
approval, outcome, and every forbidden path (SECURITY.md)."""

import json

import frappe
import pytest

from tests.factories import ComplaintWorld, unique_phone
from tests.utils import RestClient


@pytest.fixture(scope="module")
def world(users):
	return ComplaintWorld(users)


def act(client: RestClient, name: str, action: str):
	return client.call(
		"frappe.model.workflow.apply_workflow",
		doc=frappe.as_json({"doctype": "CSC Complaint", "name": name}),
		action=action,
	)


def put(client: RestClient, name: str, **values):
	"""A REST update that says which version it edits, as a careful client does."""
	modified = str(frappe.db.get_value("CSC Complaint", name, "modified"))
	return client.update("CSC Complaint", name, {"modified": modified, **values})


def new_complaint(world, client=None, **values) -> str:
	response = (client or world.agent).insert("CSC Complaint", world.body(**values))
	assert response.status_code == 200, response
	return response.data["name"]


def registered(world, **values) -> str:
	name = new_complaint(world, **values)
	assert act(world.agent, name, "Register").status_code == 200
	return name


def outcome(**extra):
	return {
		"resolution": "商户上门更换扶手，顾客认可。",
		"responsibility": "Merchant",
		"validity": "Valid",
		**extra,
	}


def doc(name):
	return frappe.get_doc("CSC Complaint", name)


class TestHappyPath:
	def test_intake_to_close(self, world):
		phone = unique_phone()
		response = world.agent.insert(
			"CSC Complaint",
			world.body(phone=f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}", complainant_name="张先生"),
		)
		assert response.status_code == 200, response
		name = response.data["name"]
		c = doc(name)
		assert name.startswith("CMP-")
		assert c.workflow_state == "Draft"
		assert c.phone == phone
		assert c.department == world.department  # from the category
		assert c.customer and frappe.db.get_value("Customer", c.customer, "customer_name") == "张先生"
		assert c.subject

		assert act(world.agent, name, "Register").status_code == 200
		c = doc(name)
		assert c.workflow_state == "Registered"
		assert c.registered_on and c.response_by and c.resolution_by
		assert c.response_by < c.resolution_by
		assert c.sla_status == "On Track"
		assert [a.action for a in c.actions] == ["Registered", "Routed"]
		assert [(r.department, r.outcome) for r in c.routings] == [(world.department, "Pending")]
		# the department's handler got it through the Assignment Rule
		assert frappe.db.exists(
			"ToDo",
			{
				"reference_type": "CSC Complaint",
				"reference_name": name,
				"allocated_to": world.handler.user,
				"status": "Open",
			},
		)

		# the handler takes it and calls the shopper: the first response is stamped
		assert world.handler.get_doc("CSC Complaint", name).status_code == 200
		assert world.handler.call("csc_app.api.complaints.accept_routing", complaint=name).status_code == 200
		r = world.handler.call(
			"csc_app.api.complaints.record_action",
			complaint=name,
			action="Contacted Complainant",
			note="已电话联系顾客",
		)
		assert r.status_code == 200, r
		c = doc(name)
		assert c.routings[-1].outcome == "Accepted" and c.handler == world.handler.user
		assert c.first_responded_on

		assert act(world.agent, name, "Start Handling").status_code == 200
		assert (
			put(
				world.agent,
				name,
				proposed_resolution="更换扶手",
				compensation_type="Gift",
				compensation_amount=200,
				customer_agreement="Agreed",
				**outcome(),
			).status_code
			== 200
		)
		r = act(world.agent, name, "Resolve")
		assert r.status_code == 200, r
		c = doc(name)
		assert c.workflow_state == "Resolved" and c.resolved_on and c.sla_status == "Met"

		# closing needs the callback, unless a manager overrides with a reason
		assert act(world.agent, name, "Close").status_code >= 400
		assert act(world.agent, name, "Confirm Callback").status_code >= 400
		assert act(world.manager, name, "Close").status_code == 417
		assert put(world.manager, name, close_override_reason="顾客出国，无法回访").status_code == 200
		r = act(world.manager, name, "Close")
		assert r.status_code == 200, r
		c = doc(name)
		assert c.workflow_state == "Closed" and c.closed_on
		assert "Closed by Override" in [a.action for a in c.actions]

		# every state change is in the Version history
		versions = frappe.get_all(
			"Version", filters={"ref_doctype": "CSC Complaint", "docname": name}, pluck="data"
		)
		assert any('"workflow_state"' in v and "Closed" in v for v in versions)

	def test_known_shopper_is_found_by_phone(self, world):
		first = registered(world, complainant_name="王女士")
		phone, customer = frappe.db.get_value("CSC Complaint", first, ["phone", "customer"])
		second = new_complaint(world, phone=phone, complainant_name="")
		assert doc(second).customer == customer
		assert doc(second).complainant_name == "王女士"

	def test_merchant_complainant(self, world):
		name = new_complaint(
			world,
			complainant_type="Merchant",
			complainant_merchant=world.merchant,
			complainant_name="",
			respondent_type="Mall",
		)
		c = doc(name)
		assert c.customer is None and c.complainant_name and c.respondent_merchant is None


class TestForbiddenPaths:
	def test_state_cannot_be_skipped_through_put(self, world):
		name = new_complaint(world)
		r = put(world.agent, name, workflow_state="Resolved")
		assert r.status_code == 417, r
		assert doc(name).workflow_state == "Draft"

	def test_insert_cannot_start_in_a_later_state(self, world):
		r = world.agent.insert("CSC Complaint", world.body(workflow_state="Closed"))
		assert r.status_code == 417, r

	def test_set_value_cannot_skip_states(self, world):
		name = registered(world)
		r = world.agent.call(
			"frappe.client.set_value",
			doctype="CSC Complaint",
			name=name,
			fieldname="workflow_state",
			value="Closed",
		)
		assert r.status_code == 417, r
		assert doc(name).workflow_state == "Registered"

	def test_savedocs_cannot_skip_states(self, world):
		name = registered(world)
		d = doc(name).as_dict()
		d["workflow_state"] = "Resolved"
		r = world.agent.call("frappe.desk.form.save.savedocs", doc=frappe.as_json(d), action="Save")
		assert r.status_code == 417, r
		assert doc(name).workflow_state == "Registered"

	def test_agent_cannot_use_manager_transitions(self, world):
		name = registered(world)
		assert act(world.agent, name, "Reject").status_code >= 400
		assert doc(name).workflow_state == "Registered"

	def test_only_allow_edit_for_holds_through_put(self, world):
		name = registered(world)
		act(world.agent, name, "Start Handling")
		put(world.agent, name, **outcome())
		assert act(world.agent, name, "Resolve").status_code == 200
		r = put(world.agent, name, description="改写已解决投诉的描述")
		assert r.status_code == 417, r
		assert "can only be edited by" in r.messages
		assert "改写" not in doc(name).description
		assert put(world.supervisor, name, description="主管补充说明").status_code == 200

	@pytest.mark.parametrize(
		"field, value",
		[
			("sla_status", "Met"),
			("resolved_on", "2020-01-01 00:00:00"),
			("escalation_level", 3),
			("compensation_approved_by", "Administrator"),
			("callback_status", "Completed"),
			("first_responded_on", "2020-01-01 00:00:00"),
		],
	)
	def test_read_only_fields_cannot_be_written(self, world, field, value):
		name = registered(world)
		before = doc(name).get(field)
		r = put(world.agent, name, **{field: value})
		assert r.status_code == 403, r
		assert doc(name).get(field) == before

	def test_read_only_fields_in_a_new_record_are_ignored(self, world):
		name = new_complaint(
			world,
			sla_status="Met",
			callback_status="Completed",
			escalation_level=5,
			actions=[{"action_datetime": "2020-01-01 00:00:00", "user": "Administrator", "action": "Note"}],
		)
		c = doc(name)
		assert not c.sla_status and not c.callback_status and c.escalation_level == 0 and not c.actions

	def test_action_log_is_append_only(self, world):
		name = registered(world)
		rows = json.loads(frappe.as_json([a.as_dict() for a in doc(name).actions]))
		rows[0]["note"] = "tampered"
		r = put(world.agent, name, actions=rows)
		assert r.status_code == 403, r
		r = put(world.agent, name, actions=[])
		assert r.status_code == 403, r
		assert doc(name).actions[0].note != "tampered"

	def test_staff_cannot_delete_complaints(self, world):
		name = new_complaint(world)
		for client in (world.agent, world.supervisor, world.manager):
			assert client.delete("CSC Complaint", name).status_code == 403
		assert frappe.db.exists("CSC Complaint", name)

	def test_manual_action_must_be_a_known_kind(self, world):
		name = registered(world)
		r = world.agent.call("csc_app.api.complaints.record_action", complaint=name, action="SLA Breached")
		assert r.status_code == 417, r


class TestConcurrency:
	def test_second_writer_gets_an_error(self, world):
		name = registered(world)
		stale = str(frappe.db.get_value("CSC Complaint", name, "modified"))
		first = world.agent.update("CSC Complaint", name, {"modified": stale, "floor": "2F"})
		assert first.status_code == 200, first
		second = world.supervisor.update("CSC Complaint", name, {"modified": stale, "floor": "3F"})
		assert second.status_code == 417, second
		assert second.exc_type == "TimestampMismatchError"
		assert doc(name).floor == "2F"

	def test_update_without_version_is_refused(self, world):
		name = registered(world)
		r = world.agent.update("CSC Complaint", name, {"floor": "5F"})
		assert r.status_code == 417, r
		assert "modified" in r.messages
		assert doc(name).floor != "5F"


class TestApproval:
	def test_compensation_above_limit_needs_a_manager_who_is_not_the_author(self, world):
		limit = frappe.db.get_single_value("CSC Settings", "compensation_approval_limit")
		name = registered(world)
		act(world.agent, name, "Start Handling")
		assert (
			put(
				world.agent,
				name,
				compensation_type="Refund",
				compensation_amount=limit + 100,
				customer_agreement="Agreed",
				**outcome(),
			).status_code
			== 200
		)
		assert doc(name).needs_approval == 1
		r = act(world.agent, name, "Resolve")
		assert r.status_code >= 400 and doc(name).workflow_state == "In Progress"
		assert act(world.agent, name, "Submit for Approval").status_code == 200
		assert act(world.agent, name, "Approve").status_code >= 400  # not a manager

		# a manager who registered and submitted it cannot approve it
		own = new_complaint(world, client=world.manager)
		act(world.manager, own, "Register")
		act(world.manager, own, "Start Handling")
		put(
			world.manager,
			own,
			compensation_type="Refund",
			compensation_amount=limit + 100,
			customer_agreement="Agreed",
			**outcome(),
		)
		act(world.manager, own, "Submit for Approval")
		r = act(world.manager, own, "Approve")
		assert r.status_code == 417, r
		assert "approv" in r.messages.lower()
		assert doc(own).workflow_state == "Pending Approval"
		r = world.manager.call(
			"frappe.client.set_value",
			doctype="CSC Complaint",
			name=own,
			fieldname="workflow_state",
			value="Resolved",
		)
		assert r.status_code == 417 and doc(own).workflow_state == "Pending Approval"

		r = act(world.second_manager, name, "Approve")
		assert r.status_code == 200, r
		c = doc(name)
		assert c.workflow_state == "Resolved"
		assert c.compensation_approved_by == world.second_manager.user

	def test_within_limit_resolves_directly_and_cannot_be_sent_for_approval(self, world):
		name = registered(world)
		act(world.agent, name, "Start Handling")
		put(
			world.agent,
			name,
			compensation_type="Gift",
			compensation_amount=10,
			customer_agreement="Agreed",
			**outcome(),
		)
		assert act(world.agent, name, "Submit for Approval").status_code >= 400
		assert act(world.agent, name, "Resolve").status_code == 200

	def test_declined_compensation_goes_back_to_handling(self, world):
		limit = frappe.db.get_single_value("CSC Settings", "compensation_approval_limit")
		name = registered(world)
		act(world.agent, name, "Start Handling")
		put(
			world.agent,
			name,
			compensation_type="Refund",
			compensation_amount=limit * 3,
			customer_agreement="Agreed",
			**outcome(),
		)
		act(world.agent, name, "Submit for Approval")
		assert act(world.manager, name, "Decline").status_code == 200
		c = doc(name)
		assert c.workflow_state == "In Progress" and not c.compensation_approved_by
		assert "Compensation Declined" in [a.action for a in c.actions]


class TestOutcome:
	def test_resolution_requires_the_outcome(self, world):
		name = registered(world)
		act(world.agent, name, "Start Handling")
		r = act(world.agent, name, "Resolve")
		assert r.status_code == 417, r
		for label in ("Resolution Summary", "Responsibility", "Valid Complaint"):
			assert label in r.messages
		assert doc(name).workflow_state == "In Progress"

	def test_invalid_ruling_needs_a_reason(self, world):
		name = registered(world)
		act(world.agent, name, "Start Handling")
		put(world.agent, name, resolution="不属于商场责任", responsibility="Shopper", validity="Invalid")
		r = act(world.agent, name, "Resolve")
		assert r.status_code == 417 and "Validity Reason" in r.messages

	def test_reject_needs_an_invalid_ruling(self, world):
		name = registered(world)
		assert act(world.supervisor, name, "Reject").status_code == 417
		put(world.supervisor, name, validity="Invalid", validity_reason="重复投诉")
		assert act(world.supervisor, name, "Reject").status_code == 200
		assert doc(name).workflow_state == "Rejected"

	def test_reopen_restarts_the_clock(self, world):
		name = registered(world)
		act(world.agent, name, "Start Handling")
		put(world.agent, name, **outcome())
		act(world.agent, name, "Resolve")
		assert act(world.supervisor, name, "Reopen").status_code == 200
		c = doc(name)
		assert c.workflow_state == "Reopened" and not c.resolved_on and c.sla_status == "On Track"


class TestBadInput:
	@pytest.mark.parametrize(
		"values, message",
		[
			({"phone": ""}, "Phone"),
			({"phone": "1234"}, "not a valid phone number"),
			({"incident_datetime": "2099-01-01 10:00:00"}, "cannot be in the future"),
			({"description": ""}, "Description"),
			({"category": "No Such Category"}, "Could not find"),
		],
	)
	def test_refused_with_a_clear_error_and_nothing_saved(self, world, values, message):
		marker = f"bad-{frappe.generate_hash(length=8)}"
		r = world.agent.insert("CSC Complaint", world.body(subject=marker, **values))
		assert r.status_code == 417, r
		assert message in r.messages
		assert not frappe.db.exists("CSC Complaint", {"subject": marker})

	def test_unknown_hall(self, world):
		r = world.manager.insert("CSC Complaint", world.body(hall="No Such Hall"))
		assert r.status_code == 417 and "Could not find" in r.messages

	def test_hall_the_user_is_not_given(self, world):
		marker = f"hall-{frappe.generate_hash(length=8)}"
		r = world.agent.insert(
			"CSC Complaint",
			world.body(hall=world.other_hall, respondent_merchant=world.other_merchant, subject=marker),
		)
		assert r.status_code == 403, r
		assert not frappe.db.exists("CSC Complaint", {"subject": marker})

	def test_respondent_from_another_hall(self, world):
		r = world.manager.insert("CSC Complaint", world.body(respondent_merchant=world.other_merchant))
		assert r.status_code == 417 and "not in" in r.messages

	def test_hostile_and_long_text(self, world):
		long_text = "投诉内容很长。" * 3000 + " 😡🛋️"
		name = new_complaint(
			world,
			subject="{{ frappe.session.user }} <img src=x onerror=alert(1)>",
			description="<script>alert(1)</script>" + long_text,
		)
		c = doc(name)
		assert "<script" not in c.description
		assert c.description.endswith("😡🛋️")
		assert "onerror" not in c.subject
		assert "{{ frappe.session.user }}" in c.subject

	def test_negative_compensation(self, world):
		name = registered(world)
		act(world.agent, name, "Start Handling")
		r = put(world.agent, name, compensation_type="Refund", compensation_amount=-50)
		assert r.status_code == 417, r

	def test_amount_without_type(self, world):
		name = registered(world)
		act(world.agent, name, "Start Handling")
		r = put(world.agent, name, compensation_amount=50)
		assert r.status_code == 417 and "Compensation Type" in r.messages


class TestRoutingLoop:
	def test_sent_back_as_misrouted_and_rerouted(self, world, users):
		name = registered(world)
		r = world.handler.call("csc_app.api.complaints.send_back", complaint=name, reason="应由物业部处理")
		assert r.status_code == 200, r
		c = doc(name)
		assert c.department is None
		assert c.routings[-1].outcome == "Sent Back" and c.routings[-1].reason == "应由物业部处理"
		assert "Sent Back" in [a.action for a in c.actions]
		# once sent back the handler no longer sees it
		assert world.handler.get_doc("CSC Complaint", name).status_code == 403
		assert put(world.supervisor, name, department=world.department).status_code == 200
		c = doc(name)
		assert [r.outcome for r in c.routings] == ["Sent Back", "Pending"]

	def test_send_back_needs_a_reason(self, world):
		name = registered(world)
		r = world.handler.call("csc_app.api.complaints.send_back", complaint=name, reason="  ")
		assert r.status_code == 417

	def test_other_users_cannot_answer_a_routing(self, world):
		name = registered(world)
		assert world.agent.call("csc_app.api.complaints.accept_routing", complaint=name).status_code == 403
		assert (
			world.other_agent.call(
				"csc_app.api.complaints.record_action", complaint=name, action="Note"
			).status_code
			== 403
		)


class TestCallerHistory:
	def test_repeat_caller_sees_earlier_complaints_of_own_halls_only(self, world):
		phone = unique_phone()
		first = registered(world, phone=phone)
		elsewhere = new_complaint(
			world,
			client=world.other_agent,
			phone=phone,
			hall=world.other_hall,
			respondent_merchant=world.other_merchant,
		)
		r = world.agent.call("csc_app.api.complaints.get_caller_history", http="get", phone=phone)
		assert r.status_code == 200, r
		names = [c["name"] for c in r.data["complaints"]]
		assert first in names and elsewhere not in names
		assert r.data["customer"] and "Repeat caller" in r.data["message"]
		assert (
			world.manager.call("csc_app.api.complaints.get_caller_history", http="get", phone=phone).data[
				"complaint_count"
			]
			== 2
		)

	def test_malformed_phone(self, world):
		r = world.agent.call("csc_app.api.complaints.get_caller_history", http="get", phone="abc")
		assert r.status_code == 417
