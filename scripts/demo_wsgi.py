"""WSGI entry for the demo server: every request goes to one site, so http://127.0.0.1:PORT works.

Used by scripts/run.sh with gunicorn bound to 127.0.0.1 (bench serve would bind 0.0.0.0).
"""

import os

import frappe.app

frappe.app._site = os.environ["CSC_SITE"]
application = frappe.app.application_with_statics()
