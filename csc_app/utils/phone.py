"""Mainland China phone numbers: validation and one normal form, so a caller is found by phone.

Accepted (spaces, dots, hyphens and brackets are ignored; +86 / 0086 / 86 prefixes dropped):
- mobile: 11 digits starting 13-19                        -> ``13812345678``
- landline with area code: 0 + 2-3 digit area + 7-8 digits -> ``021-62345678`` (``-ext`` kept)
- local landline without area code: 7-8 digits, not 0/1    -> ``12345678``
- national service numbers: 400 / 800 + 7 digits          -> ``4001234567``
"""

import re

import frappe
from frappe import _

_SEPARATORS = re.compile(r"[\s\-\.\(\)（）]")
_MOBILE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)
_SERVICE = re.compile(r"^[48]00\d{7}$", re.ASCII)
# Two-digit area codes: 010 and 020-029; all other area codes have three digits after the 0.
_LANDLINE = re.compile(r"^(0(?:10|2\d|[3-9]\d{2}))([2-9]\d{6,7})$", re.ASCII)
_LOCAL = re.compile(r"^[2-9]\d{6,7}$", re.ASCII)
_EXTENSION = re.compile(r"^(.*?)(?:转|ext\.?|x|#|,)(\d{1,6})$", re.IGNORECASE | re.ASCII)


def normalize_phone(value: str | None, label: str | None = None) -> str | None:
	"""Return the normal form of a mainland phone number, or throw a translated error."""
	if value is None or not str(value).strip():
		return None

	raw = str(value).strip()
	number, extension = raw, None
	if match := _EXTENSION.match(raw):
		number, extension = match.group(1), match.group(2)

	digits = _SEPARATORS.sub("", number)
	if digits.startswith("+86"):
		digits = digits[3:]
	elif digits.startswith("0086"):
		digits = digits[4:]
	elif digits.startswith("86") and len(digits) == 13:
		digits = digits[2:]

	# A landline written with its extension after a hyphen: 021-62345678-123
	if extension is None and (m := re.match(r"^(0\d{2,3})[\s\-]?(\d{7,8})[\s\-](\d{1,6})$", raw, re.ASCII)):
		digits, extension = m.group(1) + m.group(2), m.group(3)

	if digits.isascii() and digits.isdigit():
		if _MOBILE.match(digits) and not extension:
			return digits
		if _SERVICE.match(digits) and not extension:
			return digits
		if m := _LANDLINE.match(digits):
			return f"{m.group(1)}-{m.group(2)}" + (f"-{extension}" if extension else "")
		if _LOCAL.match(digits):
			return digits + (f"-{extension}" if extension else "")

	frappe.throw(
		_(
			"{0} {1} is not a valid phone number. Enter a mobile number (13812345678) or a landline with its area code (021-62345678)."
		).format(label or _("Phone"), frappe.bold(frappe.utils.escape_html(raw[:40]))),
		frappe.ValidationError,
		title=_("Invalid Phone Number"),
	)
