"""WSGI entry point (gunicorn opensend.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensend.settings.dev")
application = get_wsgi_application()
