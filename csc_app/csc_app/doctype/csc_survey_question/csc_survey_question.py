from csc_app.permissions import HallScopedChildRow


class CSCSurveyQuestion(HallScopedChildRow):
	pass
