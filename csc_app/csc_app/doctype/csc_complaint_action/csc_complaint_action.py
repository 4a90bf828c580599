from csc_app.permissions import HallScopedChildRow


class CSCComplaintAction(HallScopedChildRow):
	pass
