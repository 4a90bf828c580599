from csc_app.permissions import HallScopedChildRow


class CSCComplaintRouting(HallScopedChildRow):
	pass
