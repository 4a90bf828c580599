import frappe
import pytest

from csc_app.utils.phone import normalize_phone


@pytest.mark.parametrize(
	"raw, expected",
	[
		("13812345678", "13812345678"),
		("138 1234 5678", "13812345678"),
		("+86 138-1234-5678", "13812345678"),
		("008613812345678", "13812345678"),
		("8613812345678", "13812345678"),
		("021-62345678", "021-62345678"),
		("(021) 6234 5678", "021-62345678"),
		("010-8765432", "010-8765432"),
		("0755-23456789", "0755-23456789"),
		("021-62345678-801", "021-62345678-801"),
		("021-62345678转801", "021-62345678-801"),
		("87654321", "87654321"),
		("400-123-4567", "4001234567"),
		("", None),
		(None, None),
	],
)
def test_normal_forms(raw, expected):
	assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
	"raw",
	[
		"12345678901",  # mobiles start 13-19
		"1381234567",  # ten digits
		"138123456789",  # twelve digits
		"abc",
		"021-1234",  # local part too short
		"0000000",
		"13812345678转12",  # a mobile has no extension
		"<script>alert(1)</script>",
		"１３８１２３４５６７８",  # full-width digits are not silently accepted
	],
)
def test_malformed_numbers_are_refused_with_a_clear_error(raw):
	with pytest.raises(frappe.ValidationError) as caught:
		normalize_phone(raw)
	assert "not a valid phone number" in str(caught.value)
	assert "<script>" not in str(caught.value)
