"""WSGI entry serving one site (CSC_SITE) for every request, so http://127.0.0.1:PORT works.

Used by scripts/run.sh and the browser test, with gunicorn bound to 127.0.0.1 (bench serve binds 0.0.0.0).
"""

import os

import frappe.app

frappe.app._site = os.environ["CSC_SITE"]
application = frappe.app.application_with_statics()
