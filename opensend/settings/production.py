"""Production: everything from the environment; refuses to start without a secret key."""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None or value == "":
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


DEBUG = False
SECRET_KEY = _env("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 random characters.")
ALLOWED_HOSTS = [h.strip() for h in _env("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
DATABASES = {"default": dj_database_url.parse(_env("DATABASE_URL"), conn_max_age=600)}
OPENSEND_COUNCIL_NAME = os.environ.get("OPENSEND_COUNCIL_NAME", OPENSEND_COUNCIL_NAME)
OPENSEND_LA_CODE = os.environ.get("OPENSEND_LA_CODE", OPENSEND_LA_CODE)
OPENSEND_SITE_URL = os.environ.get("OPENSEND_SITE_URL", OPENSEND_SITE_URL)
OPENSEND_REQUIRE_STAFF_MFA = os.environ.get("OPENSEND_REQUIRE_STAFF_MFA", "1") == "1"
OPENSEND_SESSION_IDLE_MINUTES = int(os.environ.get("OPENSEND_SESSION_IDLE_MINUTES", "30"))
OPENSEND_SESSION_MAX_HOURS = int(os.environ.get("OPENSEND_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = OPENSEND_SESSION_MAX_HOURS * 60 * 60
OPENSEND_TRUSTED_PROXY_COUNT = int(os.environ.get("OPENSEND_TRUSTED_PROXY_COUNT", "0"))
OPENSEND_ADDRESS_FAILURE_LIMIT = int(os.environ.get("OPENSEND_ADDRESS_FAILURE_LIMIT", "50"))
OPENSEND_NOTIFY_BACKEND = os.environ.get("OPENSEND_NOTIFY_BACKEND", OPENSEND_NOTIFY_BACKEND)
OPENSEND_NOTIFY_TEMPLATE_IDS = json.loads(os.environ.get("OPENSEND_NOTIFY_TEMPLATE_IDS", "{}"))
OPENSEND_NOTIFY_CONTACT_DETAILS = os.environ.get(
    "OPENSEND_NOTIFY_CONTACT_DETAILS", OPENSEND_NOTIFY_CONTACT_DETAILS
)
OPENSEND_MEDIATION_CONTACT = os.environ.get("OPENSEND_MEDIATION_CONTACT", "")
OPENSEND_SENDIASS_CONTACT = os.environ.get("OPENSEND_SENDIASS_CONTACT", "")
OPENSEND_UPLOAD_MAX_BYTES = int(
    os.environ.get("OPENSEND_UPLOAD_MAX_BYTES", str(OPENSEND_UPLOAD_MAX_BYTES))
)
OPENSEND_CLAMD_SOCKET = os.environ.get("OPENSEND_CLAMD_SOCKET", "")
OPENSEND_CLAMD_HOST = os.environ.get("OPENSEND_CLAMD_HOST", "")
OPENSEND_CLAMD_PORT = int(os.environ.get("OPENSEND_CLAMD_PORT", "3310"))
OPENSEND_CLAMD_TIMEOUT = float(os.environ.get("OPENSEND_CLAMD_TIMEOUT", "30"))
GOVUK_NOTIFY_API_KEY = os.environ.get("GOVUK_NOTIFY_API_KEY", "")
GOVUK_NOTIFY_BASE_URL = os.environ.get("GOVUK_NOTIFY_BASE_URL", GOVUK_NOTIFY_BASE_URL)
if OPENSEND_NOTIFY_BACKEND.endswith("GovukNotifyBackend") and not GOVUK_NOTIFY_API_KEY:
    raise ImproperlyConfigured("Set GOVUK_NOTIFY_API_KEY to send through GOV.UK Notify.")
OPENSEND_ONE_LOGIN_ISSUER = os.environ.get("OPENSEND_ONE_LOGIN_ISSUER", "")
OPENSEND_ONE_LOGIN_CLIENT_ID = os.environ.get("OPENSEND_ONE_LOGIN_CLIENT_ID", "")
OPENSEND_ONE_LOGIN_PRIVATE_KEY = os.environ.get("OPENSEND_ONE_LOGIN_PRIVATE_KEY", "")
if os.environ.get("OPENSEND_ONE_LOGIN_PRIVATE_KEY_FILE"):
    OPENSEND_ONE_LOGIN_PRIVATE_KEY = Path(
        os.environ["OPENSEND_ONE_LOGIN_PRIVATE_KEY_FILE"]
    ).read_text()
OPENSEND_ONE_LOGIN_VTR = os.environ.get("OPENSEND_ONE_LOGIN_VTR", OPENSEND_ONE_LOGIN_VTR)
_one_login = [
    OPENSEND_ONE_LOGIN_ISSUER,
    OPENSEND_ONE_LOGIN_CLIENT_ID,
    OPENSEND_ONE_LOGIN_PRIVATE_KEY,
]
if any(_one_login) and not all(_one_login):
    raise ImproperlyConfigured(
        "GOV.UK One Login needs all of OPENSEND_ONE_LOGIN_ISSUER, OPENSEND_ONE_LOGIN_CLIENT_ID and "
        "OPENSEND_ONE_LOGIN_PRIVATE_KEY (or OPENSEND_ONE_LOGIN_PRIVATE_KEY_FILE)."
    )
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", str(STATIC_ROOT)))
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", str(MEDIA_ROOT)))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
