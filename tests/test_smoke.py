import frappe


def test_admin_lists_halls_through_rest(admin_rest):
	response = admin_rest.get_list("CSC Hall")
	assert response.status_code == 200, response
	assert isinstance(response.data, list)
