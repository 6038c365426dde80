"""Local development (`make run`): embedded SQLite in var/, no secrets needed.

`make run` shows the product's own 404 and 500 pages, as users see them. Developers who want
Django's debug page set OPENSEND_DEBUG=1 (never in production: it shows settings and code).
"""

import os

import dj_database_url

from .base import *

DEBUG = os.environ.get("OPENSEND_DEBUG", "") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'opensend.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Static files straight from opensend/static (collectstatic is for production only).
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
