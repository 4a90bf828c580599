"""Sites installed before callbacks existed lack the agent's "Reopen" on an unhappy callback."""

from csc_app.complaints import workflow as wf


def execute():
	wf.add_transitions(
		[t for t in wf.TRANSITIONS if t[1] == "Reopen" and t[4] == "doc.callback_status == 'Unhappy'"]
	)
