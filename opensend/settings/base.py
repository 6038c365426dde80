"""Settings shared by every environment. Nothing here is a secret or a demo-grade default."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "opensend.core",
    "opensend.accounts",
    "opensend.audit",
    "opensend.people",
    "opensend.notify",
    "opensend.messaging",
    "opensend.feedback",
    "opensend.disputes",
    "opensend.casework",
    "opensend.plans",
    "opensend.reviews",
    "opensend.directory",
    "opensend.insights",
    "opensend.improvement",
    "opensend.portal",
    "opensend.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "opensend.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "opensend.accounts.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "opensend.accounts.middleware.StaffMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "opensend.accounts.middleware.OneLoginSignOutCSPMiddleware",
    "opensend.audit.middleware.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "opensend.urls"
WSGI_APPLICATION = "opensend.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "opensend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opensend.accounts.context_processors.may",
                "opensend.portal.context_processors.service",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failed sign-ins (django-axes), docs/security.md: 5 wrong passwords for
# one account from one address, or OPENSEND_ADDRESS_FAILURE_LIMIT from one address for any
# accounts, then an hour's wait. The address is found through OPENSEND_TRUSTED_PROXY_COUNT
# proxies (0: REMOTE_ADDR, X-Forwarded-For ignored).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "opensend.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "opensend.core.network.client_ip"
OPENSEND_ADDRESS_FAILURE_LIMIT = 50
OPENSEND_TRUSTED_PROXY_COUNT = 0
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Staff must use a second factor (TOTP) where this is on; production turns it on.
OPENSEND_REQUIRE_STAFF_MFA = False
OTP_TOTP_ISSUER = "OpenSEND"

# Signed-in sessions end after this long idle, and this long after sign-in however busy; the
# timeout warning opens this many seconds before (docs/security.md).
OPENSEND_SESSION_IDLE_MINUTES = 30
OPENSEND_SESSION_MAX_HOURS = 12
OPENSEND_SESSION_WARNING_SECONDS = 120

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "opensend" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

REST_FRAMEWORK = {
    # Sessions only (from the sign-in form, with the second factor where it is due): no API
    # tokens, which would skip the second factor (docs/security.md).
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["opensend.core.api.IsStaffOrFamilyUser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "opensend.core.api.problem_details_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OpenSEND API",
    "DESCRIPTION": (
        "The OpenSEND API: children and young people, their families and education settings. "
        "Every endpoint applies the same permission rules as the web pages, and every read of a "
        "child's record is audited. Errors are JSON problem details (RFC 9457)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "SENTypeEnum": "opensend.people.codes.SENType",
        "SettingKindEnum": "opensend.people.codes.SettingKind",
        "AdviceKindEnum": "opensend.casework.models.AdviceKind",
        "RequestSourceEnum": "opensend.casework.models.RequestSource",
        "CaseStageEnum": "opensend.casework.models.Stage",
        "ComplaintStageEnum": "opensend.disputes.models.ComplaintStage",
        "ComplaintOutcomeEnum": "opensend.disputes.models.ComplaintOutcome",
        "ComplaintStatusEnum": "opensend.disputes.models.ComplaintStatus",
        "AppealOutcomeEnum": "opensend.disputes.models.AppealOutcome",
        "PlanStatusEnum": "opensend.plans.models.PlanStatus",
        "ReviewKindEnum": "opensend.reviews.models.ReviewKind",
        "ReviewLeadEnum": "opensend.reviews.models.ReviewLead",
        "ReviewStageEnum": "opensend.reviews.models.ReviewStage",
        "ReviewDecisionEnum": "opensend.reviews.models.ReviewDecision",
        "ContributionKindEnum": "opensend.reviews.models.ContributionKind",
        "AmendmentSourceEnum": "opensend.reviews.models.AmendmentSource",
        "AmendmentStatusEnum": "opensend.reviews.models.AmendmentStatus",
        "TransferKindEnum": "opensend.reviews.models.TransferKindChoice",
        "CessationStatusEnum": "opensend.reviews.models.CessationStatus",
    },
}

# Content Security Policy (django-csp 4): nothing inline without a nonce, nothing from elsewhere.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12  # the absolute limit; the idle limit is in accounts.sessions

# The name of the council running this instance, shown in the header and letters.
OPENSEND_COUNCIL_NAME = "Anytown City Council"
OPENSEND_LA_CODE = "999"
# Where this instance is reached, for the links in messages sent with no web request at hand
# (every family message links to the page it is about: docs/family-portal.md).
OPENSEND_SITE_URL = "http://127.0.0.1:8000"
# Families' one-time sign-in links (accounts.sign_in_links): minutes a link works, links sent to
# one address in 15 minutes, requests accepted from one network address in an hour.
OPENSEND_SIGN_IN_LINK_MINUTES = 15
OPENSEND_SIGN_IN_LINKS_PER_ADDRESS = 3
OPENSEND_SIGN_IN_LINKS_PER_IP = 20
# GOV.UK One Login for families (accounts.one_login, docs/security.md): off unless the issuer,
# client id and private key are all set. The issuer is e.g. "https://oidc.integration.account.gov.uk/";
# the key is the PEM private key whose public half One Login holds (private_key_jwt).
OPENSEND_ONE_LOGIN_ISSUER = ""
OPENSEND_ONE_LOGIN_CLIENT_ID = ""
OPENSEND_ONE_LOGIN_PRIVATE_KEY = ""
OPENSEND_ONE_LOGIN_VTR = '["Cl.Cm"]'  # medium authentication: a password and a second factor
OPENSEND_ONE_LOGIN_TIMEOUT = 10  # seconds for each call to One Login

# Notifications (docs/notifications.md). The outbox keeps every message here and sends nothing;
# switch to "opensend.notify.backends.GovukNotifyBackend" with an API key to send for real.
OPENSEND_NOTIFY_BACKEND = "opensend.notify.backends.OutboxBackend"
OPENSEND_NOTIFY_TEMPLATE_IDS: dict[str, str | dict[str, str]] = {}
OPENSEND_NOTIFY_CONTACT_DETAILS = ""  # e.g. "the SEND team on 0123 456 7890 or send@council.gov.uk"
# Who families contact about mediation and for independent advice, as the plan's appeal page says
# (opensend/plans/pdf.py; empty: a plain fallback). e.g. "Anytown Mediation on 0123 456 7100".
OPENSEND_MEDIATION_CONTACT = ""
# Our customer charter: working days to answer a family's message (a local standard, not law).
OPENSEND_MESSAGE_REPLY_WORKING_DAYS = 5
OPENSEND_SENDIASS_CONTACT = ""  # e.g. "Anytown SENDIASS on 0123 456 7000 or sendiass@example.org"

# Uploads (opensend/core/uploads.py; docs/security.md "Uploads and downloads"). The limit is per
# file; the virus scanner (ClamAV's clamd, INSTREAM) is off unless a socket or a host is set.
OPENSEND_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
OPENSEND_CLAMD_SOCKET = ""  # e.g. "/run/clamav/clamd.ctl"
OPENSEND_CLAMD_HOST = ""  # e.g. "clamav.internal"
OPENSEND_CLAMD_PORT = 3310
OPENSEND_CLAMD_TIMEOUT = 30.0  # seconds
GOVUK_NOTIFY_API_KEY = ""
GOVUK_NOTIFY_BASE_URL = "https://api.notifications.service.gov.uk"
GOVUK_NOTIFY_TIMEOUT = 10  # seconds

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
