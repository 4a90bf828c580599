from csc_app.permissions import HallScopedChildRow


class CSCComplaintPhoto(HallScopedChildRow):
	pass
