"""Settings shared by every environment.

Values that differ between machines come from the environment (see `.env.example`).
Nothing here turns on DEBUG or holds a secret: `local.py` and `test.py` add the
conveniences of a developer's machine, `production.py` the hardening.

One file past ~500 lines, as Django expects one settings module per environment; each
feature's settings sit in one commented block at the end, named after its feature.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A developer may keep their variables in a .env file; the real environment wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = False
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The project's own apps come first so their templates and admin take precedence.
    "portal.core",
    "portal.payments",
    "portal.apps.PortalAdminConfig",
    "employers",
    "jobseekers",
    "placements",
    "cms",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    # The resource directory's printable list is a sub-route of its page (cms).
    "wagtail.contrib.routable_page",
    # Editors translate pages into Spanish with the editor's "Translate" action (cms).
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # API
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Background tasks
    "django_tasks",
    "django_tasks_db",
    # Security
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Pushes the 30-minute idle end forward, at most once a minute.
    "portal.core.session_limits.IdleEndMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.core.middleware.RequestContextMiddleware",
    # A successful change by someone signed in rebuilds their dashboard (core.panels).
    "portal.core.middleware.DashboardChangedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends staff and admin sessions 12 hours after sign-in (needs the user and messages).
    "portal.core.session_limits.StaffSessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.core.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite for `make run`, PostgreSQL (DATABASE_URL) in CI and production.
# An empty DATABASE_URL counts as unset.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set so that several app servers share them;
# otherwise memory of this one process (enough for one developer).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Sessions end after 30 idle minutes: a request pushes the expiry forward, at most once
# a minute (portal.core.session_limits.IdleEndMiddleware).
SESSION_COOKIE_AGE = 30 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Users and passwords
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: refuses a locked-out username+IP before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "portal.core.backends.RolePermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day: many people read their email rarely.

# Login throttling (django-axes): the 5th failure for one username from one IP locks that
# pair for 10 minutes, so the 6th try is refused even with the right password.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=10)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "portal.core.views.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind the load balancer the client's address is in X-Forwarded-For (set in production).
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Internationalization: English and Spanish; the program's time zone.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("PORTAL_TIME_ZONE", default="America/Chicago")

# Static and uploaded files. Uploads go through the storage API so that any app server
# can read what another one stored.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads larger than this are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Wagtail's page editor can post many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email through Django's email API; the backend comes from EMAIL_URL.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Second Chance Jobs <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django-tasks, the API Wagtail uses). "immediate" runs a task in the
# request that enqueued it; "database" stores it for `manage.py db_worker` processes.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env.str("TASKS_BACKEND", default="immediate")]}}

# Security headers that hold everywhere.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = False  # the language switcher and forms read no cookie in JS

# Content-Security-Policy on the portal's own pages. Wagtail's editor and the API docs
# bring inline scripts of their own and are only for signed-in staff, so they are left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/cms/admin/", "/django-admin/", "/api/docs/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Django REST framework: signed in by default; pages of 25; throttled.
REST_FRAMEWORK = {
    # Token first, so that an anonymous API call gets 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Hashed tokens that expire and can be revoked (portal.core.ApiToken).
        "portal.core.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "portal.core.drf.PortalPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_THROTTLE_CLASSES": [
        "portal.core.throttling.PortalAnonRateThrottle",
        "portal.core.throttling.PortalUserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "user": env.str("API_THROTTLE_USER", default="1200/minute"),
    },
    "EXCEPTION_HANDLER": "portal.core.drf.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Second Chance Jobs Portal API",
    "DESCRIPTION": (
        "JSON API of the Second Chance Jobs Portal. Authenticate with "
        "`Authorization: Token <token>` (POST /api/v1/auth/token/) or a browser session."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["portal.core.drf.only_portal_api_endpoints"],
}

# Wagtail
WAGTAIL_SITE_NAME = "Second Chance Jobs Portal"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Content in English and Spanish: each page has a Spanish translation at the same address,
# served in the visitor's language (cms). Pages created in the editor get a Spanish alias
# (the English text) until an editor translates them with "Translate".
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True

# The program itself.
PORTAL_NAME = "Second Chance Jobs Portal"
# Demo logins share one password; `make run` prints it. Override with DEMO_PASSWORD.
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="second-chance-demo")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # One line per task state change is noise; failures still show.
    "loggers": {"django_tasks": {"level": env.str("TASKS_LOG_LEVEL", default="WARNING")}},
}

# Program rules shared by several apps (see portal/core/rules.py for their sources).
PORTAL_MINIMUM_HOURLY_WAGE = env.str("PORTAL_MINIMUM_HOURLY_WAGE", default="15.00")

# Payments (portal/payments/): Stripe Checkout when both keys are set, otherwise invoices
# and checks confirmed by staff.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")

# Employers (see employers/rules.py for what each number means).
PORTAL_EMPLOYER_MODERATED_POSTINGS = env.int("PORTAL_EMPLOYER_MODERATED_POSTINGS", default=3)

# Participants (jobseekers/): Fernet keys that encrypt the most sensitive free text at rest
# (record descriptions, supervision details, case notes), comma-separated; the first
# encrypts, all decrypt, so a key is rotated by adding a new one in front. Production
# refuses to start without them; local and test settings use a fixed development key.
PORTAL_FIELD_ENCRYPTION_KEYS = env.list("PORTAL_FIELD_ENCRYPTION_KEYS", default=[])
# Days an invitation code stays valid (program policy: two weeks to hand it over).
PORTAL_INVITATION_DAYS = env.int("PORTAL_INVITATION_DAYS", default=14)

# Work Opportunity Tax Credit, bonding and cost savings: the numbers and their sources are
# in placements/rules.py (defaults there). A deployment changes these two when the law or
# the budget does: the credit's last covered start date (moved when Congress renews it) and
# the program's yearly operating cost (for the savings figure in reports).
PORTAL_WOTC_END_DATE = env.str("PORTAL_WOTC_END_DATE", default="2025-12-31")
PORTAL_PROGRAM_OPERATING_COST = env.str("PORTAL_PROGRAM_OPERATING_COST", default="500000.00")
# API schema names of the participants app's choice sets (several are called "status" or
# "kind"), so the generated enums keep readable names.
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "ParticipantStatusEnum": "jobseekers.models.ParticipantStatus",
        "AttendanceStatusEnum": "jobseekers.models.AttendanceStatus",
        "ConsentKindEnum": "jobseekers.models.ConsentKind",
        "CaseNoteKindEnum": "jobseekers.models.CaseNoteKind",
        "OffenseCategoryEnum": "portal.core.models.OffenseCategory",
        # The employers' fair kind shares the field name "kind" with the two above.
        "FairKindEnum": "employers.models.FairKind",
    }
)

# Polish (employers and participants): participant documents (jobseekers/rules.py). The
# largest PDF accepted, in bytes (checked while the upload streams in, before the file is
# read whole), and how many documents one participant's file may hold.
PORTAL_DOCUMENT_MAX_BYTES = env.int("PORTAL_DOCUMENT_MAX_BYTES", default=5 * 1024 * 1024)
PORTAL_DOCUMENTS_PER_PARTICIPANT = env.int("PORTAL_DOCUMENTS_PER_PARTICIPANT", default=20)
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {"DocumentKindEnum": "jobseekers.models.DocumentKind"}
)
# Participant documents live in a private storage: a folder outside MEDIA_ROOT (which
# DEBUG serves at /media/) and with no URL at all; only the permission-checked download
# view reads them. In production, point STORAGES["private"] to a private bucket instead.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES["private"] = {
    "BACKEND": "portal.core.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
}
# Placements, fairs area (fair RSVPs, check-in, interview slots): the shortest and longest
# interview slot an employer may offer at a hiring fair, in minutes (program policy; see
# placements/rules.py).
PORTAL_FAIR_INTERVIEW_MINIMUM_MINUTES = env.int("PORTAL_FAIR_INTERVIEW_MINIMUM_MINUTES", default=10)
PORTAL_FAIR_INTERVIEW_MAXIMUM_MINUTES = env.int("PORTAL_FAIR_INTERVIEW_MAXIMUM_MINUTES", default=60)

# --- Placements: matching (placements/matching/, read through placements.rules) --------
# Weights of the 0-100 score (relative; the work-readiness part counts only when the
# person has transitional-job ratings).
PORTAL_MATCHING_WEIGHT_SKILLS = env.float("PORTAL_MATCHING_WEIGHT_SKILLS", default=45)
PORTAL_MATCHING_WEIGHT_DISTANCE = env.float("PORTAL_MATCHING_WEIGHT_DISTANCE", default=15)
PORTAL_MATCHING_WEIGHT_WAGE = env.float("PORTAL_MATCHING_WEIGHT_WAGE", default=15)
PORTAL_MATCHING_WEIGHT_SHIFT = env.float("PORTAL_MATCHING_WEIGHT_SHIFT", default=10)
PORTAL_MATCHING_WEIGHT_READINESS = env.float("PORTAL_MATCHING_WEIGHT_READINESS", default=15)
# Without a car, a job off the bus lines is reachable within these distances (miles).
PORTAL_MATCHING_WALKING_MILES = env.float("PORTAL_MATCHING_WALKING_MILES", default=1.5)
PORTAL_MATCHING_BIKING_MILES = env.float("PORTAL_MATCHING_BIKING_MILES", default=5.0)
# The distance part of the score falls to 0 at this distance; "far" caution beyond this.
PORTAL_MATCHING_DISTANCE_ZERO_MILES = env.float("PORTAL_MATCHING_DISTANCE_ZERO_MILES", default=30)
PORTAL_MATCHING_FAR_MILES = env.float("PORTAL_MATCHING_FAR_MILES", default=15)
# Matches kept per participant, and how old stored matches may get before a page
# recomputes them for that person.
PORTAL_MATCHING_RESULTS_PER_PARTICIPANT = env.int(
    "PORTAL_MATCHING_RESULTS_PER_PARTICIPANT", default=20
)
PORTAL_MATCHING_MAX_AGE_HOURS = env.int("PORTAL_MATCHING_MAX_AGE_HOURS", default=24)
# Placements, transitional jobs (the numbers and their sources are in placements/rules.py):
# time rounding step in minutes, most hours a day, FLSA overtime threshold and multiplier,
# first weekday of the workweek (0 Monday ... 6 Sunday), hours a day that are flagged.
PORTAL_TIME_ROUNDING_MINUTES = env.int("PORTAL_TIME_ROUNDING_MINUTES", default=15)
PORTAL_MAX_HOURS_PER_DAY = env.str("PORTAL_MAX_HOURS_PER_DAY", default="12")
PORTAL_OVERTIME_WEEKLY_THRESHOLD = env.str("PORTAL_OVERTIME_WEEKLY_THRESHOLD", default="40")
PORTAL_OVERTIME_MULTIPLIER = env.str("PORTAL_OVERTIME_MULTIPLIER", default="1.5")
PORTAL_WORKWEEK_FIRST_WEEKDAY = env.int("PORTAL_WORKWEEK_FIRST_WEEKDAY", default=0)
PORTAL_ANOMALY_HOURS_PER_DAY = env.str("PORTAL_ANOMALY_HOURS_PER_DAY", default="10")
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "PayScheduleEnum": "placements.models.PaySchedule",
        "PayrollRunStatusEnum": "placements.models.PayrollRunStatus",
        "AssignmentStatusEnum": "placements.models.AssignmentStatus",
    }
)
# Applications, placements and retention (placements, applications area; the numbers and
# their sources are in placements/rules.py): business days between a pre-adverse action
# notice and a record-based decline, the retention check days and their grace period,
# and how far ahead Form 8850 deadlines are flagged.
PORTAL_FAIR_CHANCE_WAITING_BUSINESS_DAYS = env.int(
    "PORTAL_FAIR_CHANCE_WAITING_BUSINESS_DAYS", default=5
)
PORTAL_RETENTION_CHECK_DAYS = tuple(
    env.list("PORTAL_RETENTION_CHECK_DAYS", cast=int, default=[30, 90, 180, 365])
)
PORTAL_RETENTION_GRACE_DAYS = env.int("PORTAL_RETENTION_GRACE_DAYS", default=14)
PORTAL_WOTC_DEADLINE_WARNING_DAYS = env.int("PORTAL_WOTC_DEADLINE_WARNING_DAYS", default=7)
# API schema names of the two interview modes (a job interview may be by phone; a fair's
# interview slot is in person or by video), which share the field name "mode".
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["InterviewModeEnum"] = "placements.models.InterviewMode"
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["FairInterviewModeEnum"] = (
    "placements.models.FairInterviewMode"
)
# API schema name of the application stages (the fields "status" and "to" share them).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["ApplicationStatusEnum"] = (
    "placements.models.ApplicationStatus"
)

# API tokens and sessions (issue 16; portal/core/authentication.py, session_limits.py).
# How long an API token lives: short for staff and admins, who can read criminal records
# (CJIS-style hardening), longer for employers and participants.
PORTAL_API_TOKEN_HOURS_STAFF = env.int("PORTAL_API_TOKEN_HOURS_STAFF", default=8)
PORTAL_API_TOKEN_DAYS_OTHERS = env.int("PORTAL_API_TOKEN_DAYS_OTHERS", default=30)
# Staff and admin sessions end this many hours after sign-in, however active (the 30-minute
# idle end above still applies to everyone).
PORTAL_STAFF_SESSION_MAX_HOURS = env.int("PORTAL_STAFF_SESSION_MAX_HOURS", default=12)

# --- Two-factor sign-in (portal/core/mfa/, django-otp) ---------------------------------
# Staff and admins must sign in with a code from an authenticator app (TOTP) or a one-time
# recovery code; employers and participants may turn it on. Wrong codes count toward the
# django-axes lockout above. After the password, the code must come within this window.
PORTAL_MFA_SIGN_IN_WINDOW_MINUTES = env.int("PORTAL_MFA_SIGN_IN_WINDOW_MINUTES", default=5)
# One-time recovery codes given at enrolment (and each time they are made again).
PORTAL_MFA_RECOVERY_CODES = env.int("PORTAL_MFA_RECOVERY_CODES", default=10)
# The name an authenticator app shows beside the codes.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Second Chance Jobs Portal")
# The Django admin lists devices (to reset a lost phone) but never shows their keys.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Codes typed at sign-in are kept out of django-axes' record of failed attempts.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "recovery_code"]
# `seed_demo` enrols the demo staff and admin with this base32 TOTP secret. When unset it
# uses a fixed demo value (portal/core/demo.py) with DEBUG on only; with DEBUG off and no
# secret it leaves them unenrolled (they set it up at their first sign-in) and says so.
DEMO_TOTP_SECRET = env.str("DEMO_TOTP_SECRET", default="")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "portal.core.mfa.middleware.SecondFactorMiddleware",
)

# --- Hardening: limits, caching and payments (README "Security") ---------------------------
# How many proxies (load balancers) in front of the portal append the client's address to
# X-Forwarded-For. 0 (the default, `make run`): the header is ignored, the connection's
# address counts. One number for the sign-in lockout (django-axes), the audit trail and the
# API throttles, which all read the address with portal.core.throttling.client_address.
PORTAL_TRUSTED_PROXY_COUNT = env.int("PORTAL_TRUSTED_PROXY_COUNT", default=0)
# django-ipware is not installed, so axes would read REMOTE_ADDR only (its AXES_IPWARE_*
# settings above have no effect): the callable makes it read the same address as the API.
AXES_CLIENT_IP_CALLABLE = "portal.core.throttling.client_address"
AXES_IPWARE_PROXY_COUNT = PORTAL_TRUSTED_PROXY_COUNT
REST_FRAMEWORK["NUM_PROXIES"] = PORTAL_TRUSTED_PROXY_COUNT
# Nothing private stays in a browser's cache: no-store on API responses and signed-in pages
# (right after AuthenticationMiddleware, which it needs; see portal/core/middleware.py).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "portal.core.middleware.PrivateCacheControlMiddleware",
)
# API bodies: JSON within DATA_UPLOAD_MAX_MEMORY_SIZE like forms (an oversized body is a JSON
# 413 `request_too_large`, portal/core/drf.py); forms and uploads as DRF parses them.
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = [
    "portal.core.parsers.SizeLimitedJSONParser",
    "rest_framework.parsers.FormParser",
    "rest_framework.parsers.MultiPartParser",
]

# --- Participants: custody events and program exits (jobseekers/models/custody.py) -----
# Their "kind" and "reason" choice sets share field names with others: name their enums.
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "CustodyEventKindEnum": "jobseekers.models.CustodyEventKind",
        "ProgramExitReasonEnum": "jobseekers.models.ProgramExitReason",
    }
)

# Design system (templates/components/, `{% load formatting %}`): the portal's own date,
# time and number formats per language (portal/formats/<lang>/formats.py; Spanish as
# written in the US: "3 dic. 2026", "$1,336.56"), and the phone numbers' default region.
FORMAT_MODULE_PATH = ["portal.formats"]
PORTAL_PHONE_REGION = env.str("PORTAL_PHONE_REGION", default="US")

# Outcomes (placements, outcomes area; each number's source is in
# placements/outcomes/rules.py): the Missouri Reentry 2030 targets, the recidivism
# comparison rates, what a person-year kept out of prison saves the state (the yearly
# operating cost is PORTAL_PROGRAM_OPERATING_COST above), which jobs count as "still
# employed" (same_employer or any_employer_no_gap_over_4_weeks, printed on every report),
# the smallest cell a report shows, and the program's name on the funder report.
PORTAL_TARGET_EMPLOYED_WITHIN_30_DAYS = env.str(
    "PORTAL_TARGET_EMPLOYED_WITHIN_30_DAYS", default="0.85"
)
PORTAL_TARGET_EMPLOYED_AT_9_MONTHS = env.str("PORTAL_TARGET_EMPLOYED_AT_9_MONTHS", default="0.80")
PORTAL_RECIDIVISM_COMPARISON_MISSOURI = env.str(
    "PORTAL_RECIDIVISM_COMPARISON_MISSOURI", default="0.35"
)
PORTAL_RECIDIVISM_COMPARISON_MISSOURI_YEAR = env.int(
    "PORTAL_RECIDIVISM_COMPARISON_MISSOURI_YEAR", default=2023
)
PORTAL_RECIDIVISM_COMPARISON_HIGH_RISK = env.str(
    "PORTAL_RECIDIVISM_COMPARISON_HIGH_RISK", default="0.83"
)
PORTAL_SAVINGS_PER_PERSON_YEAR = env.str("PORTAL_SAVINGS_PER_PERSON_YEAR", default="18000.00")
PORTAL_RETENTION_DEFINITION = env.str("PORTAL_RETENTION_DEFINITION", default="same_employer")
PORTAL_REPORT_MINIMUM_CELL = env.int("PORTAL_REPORT_MINIMUM_CELL", default=5)
PORTAL_PROGRAM_NAME = env.str("PORTAL_PROGRAM_NAME", default="Second Chance")

# Rule fixes (issue 17): the travel time a shift must leave before a curfew starts, in
# matching and in every curfew reason or warning (placements/matching/rules.py).
PORTAL_CURFEW_TRAVEL_BUFFER_MINUTES = env.int("PORTAL_CURFEW_TRAVEL_BUFFER_MINUTES", default=60)

# --- Access review (portal/core/access_review/): an email goes to the program admins when
# someone reads the records (record, supervision terms, case notes) of more distinct
# participants within an hour than this (once per person per hour).
PORTAL_ACCESS_ALERT_READS_PER_HOUR = env.int("PORTAL_ACCESS_ALERT_READS_PER_HOUR", default=30)

# --- Direct supports (jobseekers/models/supports.py, issue 17): a support of more than
# this many dollars waits for a program admin's approval (DOMAIN_RULES.md: $200).
PORTAL_SUPPORT_APPROVAL_THRESHOLD = env.str("PORTAL_SUPPORT_APPROVAL_THRESHOLD", default="200.00")
# Their choices share the field names "kind" and "status" with others in the API schema.
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "SupportKindEnum": "jobseekers.models.SupportKind",
        "SupportStatusEnum": "jobseekers.models.SupportStatus",
        "GoalStatusEnum": "jobseekers.models.GoalStatus",
        "GoalOwnerEnum": "jobseekers.models.GoalOwner",
    }
)

# --- Referrals to partner organisations (issue 17) ---
# Days after a referral (and after each follow-up that leaves it open) when staff follow
# up with the person and the partner; the dashboard shows it until recorded.
PORTAL_REFERRAL_FOLLOW_UP_DAYS = env.int("PORTAL_REFERRAL_FOLLOW_UP_DAYS", default=7)
# The API names the referral enums after their models ("status" and "need" are common).
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "ReferralStatusEnum": "jobseekers.models.ReferralStatus",
        "ReferralNeedEnum": "jobseekers.models.ReferralNeed",
        "HelpKindEnum": "portal.core.models.HelpKind",
    }
)

# --- Search speed (issue 15): the job search counts its results exactly up to this many;
# past it the page says "about N jobs" (an estimate) and pages through this many only.
PORTAL_JOB_SEARCH_EXACT_COUNT_LIMIT = env.int("PORTAL_JOB_SEARCH_EXACT_COUNT_LIMIT", default=1000)

# --- Matching and payroll at statewide size (issue 15): the stored index of open jobs,
# the changes a page still applies to it itself, and the nightly run's chunks per task.
PORTAL_MATCHING_MAX_LIVE_CHANGES = env.int("PORTAL_MATCHING_MAX_LIVE_CHANGES", default=2000)
PORTAL_MATCHING_NIGHTLY_CHUNK = env.int("PORTAL_MATCHING_NIGHTLY_CHUNK", default=2500)

# --- Text messages (issue 17; portal/messaging/, jobseekers/services/texts.py) ----------
# Twilio sends them when the account SID, auth token and a sender (a phone number, or a
# Messaging Service SID, which wins) are set; otherwise the console provider prints them.
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM_NUMBER = env.str("TWILIO_FROM_NUMBER", default="")
TWILIO_MESSAGING_SERVICE_SID = env.str("TWILIO_MESSAGING_SERVICE_SID", default="")
# The public https address Twilio calls (e.g. https://jobs.example.org): webhook signatures
# are checked against it, and delivery reports are asked for only when it is set.
PORTAL_SMS_WEBHOOK_BASE_URL = env.str("PORTAL_SMS_WEBHOOK_BASE_URL", default="")
# No texts in the quiet hours, program time (TCPA: not before 8 a.m. nor after 9 p.m.);
# a text due then waits until the end of them.
PORTAL_SMS_QUIET_START = env.str("PORTAL_SMS_QUIET_START", default="21:00")
PORTAL_SMS_QUIET_END = env.str("PORTAL_SMS_QUIET_END", default="08:00")
# At most this many texts a day (program time) to one person (program policy).
PORTAL_SMS_DAILY_LIMIT = env.int("PORTAL_SMS_DAILY_LIMIT", default=3)
# Tries per message when the provider fails, minutes apart: 5, then 30 (then failed).
PORTAL_SMS_MAX_ATTEMPTS = env.int("PORTAL_SMS_MAX_ATTEMPTS", default=3)
# The program's phone that the HELP answer gives (carriers require a contact in it).
PORTAL_SMS_HELP_PHONE = env.str("PORTAL_SMS_HELP_PHONE", default="")

# --- A truthful API schema (portal/core/drf.py, `make fuzz`): the error answers every view
# can give, declared on each operation; and who may read /api/schema/ and /api/docs/. The
# schema maps every endpoint and field of criminal-justice data, so in production only a
# signed-in user reads it (local settings and the tests make it public; `make run` too).
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "portal.core.drf.json_request_bodies",
    "portal.core.drf.declare_error_responses",
    "portal.core.drf.decimals_need_a_digit",
]
PORTAL_API_SCHEMA_PUBLIC = env.bool("PORTAL_API_SCHEMA_PUBLIC", default=False)

# --- Outcomes report speed (issue 13) ---
# PostgreSQL compiles a query with JIT once its *estimated* cost passes jit_above_cost.
# The report's per-person lookups over a few hundred people are estimated high but run in
# milliseconds, and compiling them cost 0.1-1.7 s a query on the statewide data. JIT is
# off for the app's connections unless DATABASE_JIT is set (it helps only long analytics).


def without_jit(database: dict) -> dict:
    """`database` (a DATABASES entry) with PostgreSQL's JIT off unless DATABASE_JIT is set;
    production.py calls it again on its own DATABASES."""
    if "postgresql" in database["ENGINE"] and not env.bool("DATABASE_JIT", default=False):
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return database


without_jit(DATABASES["default"])

# --- Job search at statewide size (issue 15, the search's shared results): how long a
# search's page and API results are shared between visitors at most; any job change
# drops them at once (employers/search_cache.py). 0 turns the sharing off.
PORTAL_JOB_SEARCH_CACHE_SECONDS = env.int("PORTAL_JOB_SEARCH_CACHE_SECONDS", default=300)

# --- Dashboards at statewide size (issue 15, dashboards; portal/core/panels.py) ---------
# How long an admin's whole-program counts on the dashboard (open applications, retention
# checks, participants, the Reentry 2030 rates) are kept before they are counted again;
# the page says when they were counted. Staff and employer counts are never kept.
PORTAL_DASHBOARD_COUNTS_SECONDS = env.int("PORTAL_DASHBOARD_COUNTS_SECONDS", default=60)
# How long each person's dashboard panels are kept per session before they are built
# again (0: built on every visit). Their own changes and the Refresh link rebuild them at
# once; what others change shows within this time, and the page says when it was built.
PORTAL_DASHBOARD_SECONDS = env.int("PORTAL_DASHBOARD_SECONDS", default=30)
