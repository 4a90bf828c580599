"""Helpers shared by the tests: users with roles and halls, a REST client, record builders."""

import json
import threading
import uuid
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import frappe
import pytz
from frappe.utils import get_datetime, get_system_timezone, get_test_client
from freezegun import freeze_time

from csc_app.api.halls import set_user_halls


class Response:
	def __init__(self, raw):
		self.status_code = raw.status_code
		self.text = raw.get_data(as_text=True)
		try:
			self.json = json.loads(self.text) if self.text else {}
		except ValueError:
			self.json = {}
		self.headers = raw.headers

	@property
	def data(self):
		return self.json.get("data", self.json.get("message"))

	@property
	def messages(self) -> str:
		"""Every message the server sent the user, joined (errors included)."""
		parts = []
		for item in json.loads(self.json.get("_server_messages") or "[]"):
			try:
				parts.append(json.loads(item).get("message", ""))
			except (ValueError, AttributeError):
				parts.append(str(item))
		if self.json.get("exception"):
			parts.append(self.json["exception"])
		return "\n".join(parts)

	@property
	def exc_type(self) -> str:
		return self.json.get("exc_type", "")

	def __repr__(self):
		return f"<Response {self.status_code} {self.text[:300]}>"


class RestClient:
	"""Calls the site's REST API in-process, as ``user``, the way a remote client would.

	Token auth by default; ``login(password)`` switches to a desk session cookie instead.
	"""

	def __init__(self, user: str, lang: str | None = None):
		self.user = user
		self.headers = {"Authorization": f"token {api_credentials(user)}"}
		if lang:
			self.headers["Accept-Language"] = lang
		self._client = get_test_client()

	def login(self, password: str) -> "Response":
		self.headers.pop("Authorization", None)
		return self.request("post", "/api/method/login", json={"usr": self.user, "pwd": password})

	def request(self, method: str, path: str, **kwargs) -> Response:
		kwargs.setdefault("headers", {}).update(self.headers)
		kwargs.setdefault("base_url", f"http://{frappe.local.site}")
		result: dict[str, Any] = {}

		def run():
			# A new thread has its own frappe.local: the request initialises and tears down the site
			# exactly as it would under gunicorn, and commits its own transaction.
			try:
				result["response"] = getattr(self._client, method)(path, **kwargs)
			except BaseException as e:  # surfaced in the test's thread below
				result["error"] = e

		thread = threading.Thread(target=run)
		thread.start()
		thread.join()
		frappe.db.commit()  # end the test's snapshot so that it sees what the request committed
		if "error" in result:
			raise result["error"]
		return Response(result["response"])

	# REST resources
	def get_list(self, doctype: str, **params) -> Response:
		return self.request("get", f"/api/resource/{quote(doctype)}", query_string=_encode(params))

	def get_doc(self, doctype: str, name: str) -> Response:
		return self.request("get", f"/api/resource/{quote(doctype)}/{quote(str(name), safe='')}")

	def insert(self, doctype: str, data: dict) -> Response:
		return self.request("post", f"/api/resource/{quote(doctype)}", json=data)

	def update(self, doctype: str, name: str, data: dict) -> Response:
		return self.request("put", f"/api/resource/{quote(doctype)}/{quote(str(name), safe='')}", json=data)

	def delete(self, doctype: str, name: str) -> Response:
		return self.request("delete", f"/api/resource/{quote(doctype)}/{quote(str(name), safe='')}")

	# whitelisted methods
	def call(self, method: str, http: str = "post", **params) -> Response:
		if http == "get":
			return self.request("get", f"/api/method/{method}", query_string=_encode(params))
		return self.request("post", f"/api/method/{method}", json=params)


def _encode(params: dict) -> dict:
	return {k: (json.dumps(v) if isinstance(v, list | dict) else v) for k, v in params.items()}


_CREDENTIALS: dict[str, str] = {}


def api_credentials(user: str) -> str:
	"""API key and secret for ``user``, generated once per session and committed."""
	if user in _CREDENTIALS:
		return _CREDENTIALS[user]
	key = frappe.db.get_value("User", user, "api_key")
	doc = frappe.get_doc("User", user)
	secret = frappe.generate_hash(length=15)
	if not key:
		doc.api_key = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.flags.ignore_permissions = True
	doc.save()
	frappe.db.commit()
	_CREDENTIALS[user] = f"{doc.api_key}:{secret}"
	return _CREDENTIALS[user]


class UserFactory:
	"""Real users with real roles and halls; cached per (roles, halls) within a test session."""

	def __init__(self):
		self._cache: dict[tuple, str] = {}

	def make(
		self, *roles: str, halls: list[str] | tuple[str, ...] = (), lang: str = "en", fresh: bool = False
	) -> str:
		"""A user with these roles and halls; ``fresh`` makes a new one even if such a user exists."""
		key = (tuple(sorted(roles)), tuple(sorted(halls)), lang)
		if key in self._cache and not fresh:
			return self._cache[key]
		email = f"csc-test-{uuid.uuid4().hex[:10]}@example.com"
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "Test " + "/".join(r.replace("CSC ", "") for r in roles)[:60],
				"send_welcome_email": 0,
				"user_type": "System User",
				"language": lang,
				"roles": [{"role": r} for r in roles],
			}
		).insert(ignore_permissions=True)
		if halls:
			set_user_halls(user.name, list(halls))
		frappe.db.commit()
		if not fresh:
			self._cache[key] = user.name
		return user.name

	def rest_for(self, user: str) -> RestClient:
		return RestClient(user)

	def rest(self, *roles: str, halls=(), lang: str = "en") -> RestClient:
		"""A token-authenticated client; an API client states its language with Accept-Language."""
		return RestClient(self.make(*roles, halls=halls, lang=lang), lang=None if lang == "en" else lang)


@contextmanager
def frozen_at(moment):
	"""Freeze the clock at ``moment`` in the site's time zone (freezegun expects UTC)."""
	timezone = pytz.timezone(get_system_timezone())
	with freeze_time(timezone.localize(get_datetime(moment)).astimezone(pytz.utc)):
		yield


def make_hall(suffix: str | None = None, **values) -> str:
	suffix = suffix or uuid.uuid4().hex[:8]
	doc = frappe.get_doc(
		{
			"doctype": "CSC Hall",
			"hall_name": values.pop("hall_name", f"Test Hall {suffix}"),
			"hall_code": values.pop("hall_code", f"T{suffix[:8].upper()}"),
			**values,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return doc.name


def make_merchant(hall: str, **values) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "CSC Merchant",
			"merchant_name": values.pop("merchant_name", f"Test Shop {uuid.uuid4().hex[:6]}"),
			"hall": hall,
			"phone": values.pop("phone", "13800138000"),
			**values,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return doc.name
