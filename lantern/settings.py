"""Lantern settings: one module, configured from environment variables."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from lantern.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("LANTERN_VAR_DIR", str(BASE_DIR / "var")))
# The default SQLite file and the static root live here; a fresh clone has no var/ yet.
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("LANTERN_DEBUG", False)
ALLOWED_HOSTS = env_list("LANTERN_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
# The demo and the tests serve this machine only; anything else is a deployment, held to safe settings below.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
THIS_MACHINE_ONLY = all(host in LOOPBACK_HOSTS for host in ALLOWED_HOSTS)
DEPLOYED = not DEBUG and not THIS_MACHINE_ONLY
# The fallback key only exists so that a development checkout starts; a deployment must set its own.
DEVELOPMENT_KEY = "lantern-development-key-not-for-production"
SECRET_KEY = env_str("LANTERN_SECRET_KEY", DEVELOPMENT_KEY)
if DEPLOYED and (SECRET_KEY == DEVELOPMENT_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "LANTERN_SECRET_KEY must be set to a secret of at least 50 characters when Lantern serves "
        f"{', '.join(h for h in ALLOWED_HOSTS if h not in LOOPBACK_HOSTS)} (make one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))")'
    )
CSRF_TRUSTED_ORIGINS = env_list("LANTERN_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    # Serves swagger-ui for /api/docs from its own static files (no CDN, a pinned version).
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "lantern.core",
    "lantern.workingdays",
    "lantern.accounts",
    "lantern.people",
    "lantern.workforce",
    "lantern.journey",
    "lantern.frontdoor",
    "lantern.staffing",
    "lantern.care",
    "lantern.missing",
    "lantern.leaving_care",
    "lantern.liberty",
    "lantern.sharing",
    "lantern.casework",
    "lantern.timescales",
    "lantern.record",
    "lantern.subject_access",
    "lantern.dfe_api",
    "lantern.audits",
    "lantern.staff",
    "lantern.worklists",
    "lantern.returns",
    "lantern.performance",
    "lantern.improvement",
    "lantern.demo",
    "lantern.ssd",
]

MIDDLEWARE = [
    # First: logs every request, whatever answers it (a path without its query string).
    "lantern.core.http.request_logging",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication, so that it knows a signed-in user's response must not be cached.
    "lantern.core.http.response_headers",
    "lantern.accounts.security_events.SecurityEvents",
    "django_otp.middleware.OTPMiddleware",
    "lantern.accounts.middleware.two_factor_required",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages (it says why a session ended) and after CSRF (a kept post has passed its check).
    "lantern.accounts.sessions.SessionLimits",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lantern.urls"
WSGI_APPLICATION = "lantern.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "lantern.pages.context_processors.lantern",
            ],
        },
    },
]

# Long jobs (statutory returns) are queued in Lantern's own database and run by `lantern db_worker` processes.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

DATABASE_URL = env_str("LANTERN_DATABASE_URL", f"sqlite:///{VAR_DIR / 'lantern.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("LANTERN_DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while the generator or an import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("LANTERN_TEST_SQLITE_NAME", "") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# A password link from an administrator (lantern/staff) works once, for 3 days.
PASSWORD_RESET_TIMEOUT = env_int("LANTERN_PASSWORD_LINK_SECONDS", 3 * 24 * 60 * 60)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in while its username and address are locked out after repeated failures.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = env_int("LANTERN_SIGN_IN_ATTEMPTS", 5)
AXES_COOLOFF_TIME = env_int("LANTERN_LOCKOUT_MINUTES", 30) / 60
# Lock the pair, so that guessing someone's username from elsewhere cannot lock them out everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Managers, administrators, inspectors and the DPO must use an authenticator app (TOTP) as well as a password.
LANTERN_REQUIRE_2FA = env_bool("LANTERN_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = env_str("LANTERN_OTP_ISSUER", "Lantern")
# `lantern backup` encrypts with this key (make one with `lantern backup --new-key`); kept apart from the backups.
LANTERN_BACKUP_KEY = env_str("LANTERN_BACKUP_KEY", "")
# A first authenticator app is set up with a one-time code from an administrator, valid this many hours; after
# this many wrong tries the code is spent and a new one is needed.
LANTERN_ENROLMENT_CODE_HOURS = env_int("LANTERN_ENROLMENT_CODE_HOURS", 72)
LANTERN_ENROLMENT_CODE_TRIES = env_int("LANTERN_ENROLMENT_CODE_TRIES", 5)
# Account notices (an authenticator added or removed) go by email; a council sets its SMTP relay here.
DEFAULT_FROM_EMAIL = env_str("LANTERN_FROM_EMAIL", "lantern@localhost")
EMAIL_BACKEND = env_str("LANTERN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("LANTERN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("LANTERN_EMAIL_PORT", 25)

SESSION_COOKIE_AGE = env_int("LANTERN_SESSION_SECONDS", 8 * 60 * 60)
# A session ends after this long without a request (lantern/accounts/sessions.py); SESSION_COOKIE_AGE is the most
# a session lasts from sign-in, however busy.
LANTERN_IDLE_MINUTES = env_int("LANTERN_IDLE_MINUTES", 30)
# The longest an inspector's account may be given at once (`lantern inspector_account --days N`).
LANTERN_INSPECTOR_MAX_DAYS = env_int("LANTERN_INSPECTOR_MAX_DAYS", 28)
# How long the access log is kept before `lantern audit prune` may remove it: 7 years (2557 days), the
# "6 years plus the current year" councils' retention schedules give records kept for possible claims.
LANTERN_ACCESS_LOG_RETENTION_DAYS = env_int("LANTERN_ACCESS_LOG_RETENTION_DAYS", 7 * 365 + 2)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Secure (HTTPS-only) cookies unless Lantern serves this machine alone: a deployment that also lists 127.0.0.1 keeps
# them, and a deployment may not switch them off.
SESSION_COOKIE_SECURE = env_bool("LANTERN_SECURE_COOKIES", not THIS_MACHINE_ONLY)
if DEPLOYED and not SESSION_COOKIE_SECURE:
    raise ImproperlyConfigured(
        "LANTERN_SECURE_COOKIES=0 is refused when Lantern serves other hosts than this machine: session and CSRF "
        "cookies would travel over plain HTTP. Serve over HTTPS and remove LANTERN_SECURE_COOKIES."
    )
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = env_int("LANTERN_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("LANTERN_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = env_bool("LANTERN_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("LANTERN_SSL_REDIRECT", False)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
if env_bool("LANTERN_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The front-end build (npm + sass) writes here; it is not committed.
STATICFILES_DIRS = [BASE_DIR / "frontend" / "build"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LANTERN_LOG_LEVEL", "INFO")},
    # Django's request logs carry whole URLs, whose query strings can hold search terms (names): runserver's is
    # switched off, and lantern.requests (lantern/core/http.py) logs each request by its path alone.
    "loggers": {
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "lantern.requests": {"level": env_str("LANTERN_REQUEST_LOG_LEVEL", "INFO")},
        "django.request": {"level": "ERROR"},
        # axes logs every sign-in at INFO; failures and lockouts (WARNING) are what matter.
        "axes": {"level": "WARNING"},
        # WeasyPrint logs each page it lays out at INFO: forty lines for one subject access file.
        "weasyprint": {"level": "WARNING"},
    },
}

AUDITLOG_INCLUDE_ALL_MODELS = False

# Rows per page on every list.
LANTERN_PAGE_SIZE = env_int("LANTERN_PAGE_SIZE", 25)
# Ask "why are you opening this record?" when a record is outside the user's own team's work.
LANTERN_ASK_REASON_OUTSIDE_OWN_WORK = env_bool("LANTERN_ASK_REASON", True)

# A return run's worker says it is alive every LANTERN_JOB_HEARTBEAT_SECONDS; a run not heard from for
# LANTERN_JOB_LEASE_SECONDS is taken as stopped (its worker killed) and marked failed, so it can be started again.
LANTERN_JOB_HEARTBEAT_SECONDS = env_int("LANTERN_JOB_HEARTBEAT_SECONDS", 10)
LANTERN_JOB_LEASE_SECONDS = env_int("LANTERN_JOB_LEASE_SECONDS", 120)
