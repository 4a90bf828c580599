"""What counts as "open" for csc_app records: shown as the open count on form dashboards (connections)."""


def get_notification_config() -> dict:
	return {
		"for_doctype": {
			"CSC Merchant Visit": {"status": "Planned"},
		},
	}
