from csc_app.permissions import HallScopedChildRow


class CSCSurveyAnswer(HallScopedChildRow):
	pass
