from csc_app.permissions import HallScopedChildRow


class CSCCallbackAttempt(HallScopedChildRow):
	pass
