"""Settings of the WSIS Portal.

Every value comes from the environment (or a `.env` file beside `manage.py`) through one reader,
`env`. Without any variable set, the portal runs on the embedded local default: a SQLite file,
Celery tasks run eagerly in the web process, the local-memory cache and e-mail printed on the
console. `DJANGO_ENV=production` switches to production mode, which refuses to start without the
values it needs and turns on every security setting that `manage.py check --deploy` asks for.
Each variable is listed with its meaning in `.env.example`.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from wsis.country_names import un_country_overrides
from wsis.object_storage import s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="local")
if DJANGO_ENV not in {"local", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'local' or 'production', not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"

PRODUCTION_REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "EMAIL_URL")
if PRODUCTION:
    missing = [name for name in PRODUCTION_REQUIRED if not env.str(name, default="")]
    if missing:
        raise ImproperlyConfigured(
            "Production mode (DJANGO_ENV=production) needs these environment variables: "
            + ", ".join(missing)
            + ". See .env.example."
        )

SECRET_KEY = env.str(
    "SECRET_KEY", default="local-development-only-key-never-used-in-production-0123456789"
)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The portal's public address (scheme and host, no path): every link in a mail starts with it.
# In production it defaults to https:// and the first of ALLOWED_HOSTS.
PORTAL_BASE_URL = env.str(
    "PORTAL_BASE_URL",
    default=f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000",
).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "django_celery_beat",
    "csp",
    "axes",
    "wsis",
    "stocktaking",
    "stocktaking.prizes",
    "roadmaps",
    "hubs",
    "evidence",
    "publications",
    "events",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # /healthz, answered before anything touches the cache, the database or a session.
    "wsis.probes.LivenessProbeMiddleware",
    # The client's address for the audit log (wsis/network.py).
    "wsis.network.ClientAddressMiddleware",
    # Cached public pages for cookie-less visitors, answered before sessions and CSRF run.
    # A first visit to an English URL by a French browser goes to the French URL, before the
    # page cache, which keys pages by their URL (so by its language).
    "wsis.i18n.LanguageRedirectMiddleware",
    "wsis.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wsis.i18n.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into a 429 page.
    "axes.middleware.AxesMiddleware",
]

# Reverse proxies of our own in front of the portal, each appending to X-Forwarded-For: the one
# truth about the client's address (wsis/network.py). 0: the header is never believed.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured("PROXY_COUNT must be 0 or more.")

# The benchmark (bench/run.py) turns this on to get a floor view and per-request query counts.
BENCH_INSTRUMENTATION = env.bool("BENCH_INSTRUMENTATION", default=False)
if BENCH_INSTRUMENTATION:
    MIDDLEWARE.insert(0, "wsis.middleware.QueryCountHeaderMiddleware")

ROOT_URLCONF = "wsis.urls"
WSGI_APPLICATION = "wsis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wsis.context_processors.portal",
            ],
        },
    },
]

# Django's widget templates, with choices' options written inline (wsis/form_rendering.py).
FORM_RENDERER = "wsis.form_rendering.PortalFormRenderer"

# Database: a SQLite file in the project unless DATABASE_URL names another (PostgreSQL in
# production and CI).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
IS_POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# Behind PgBouncer in transaction mode a server-side cursor cannot outlive its transaction.
DB_POOLER = env.str("DB_POOLER", default="")
if DB_POOLER == "pgbouncer":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# A streaming replica serves the reads that may lag a little (anonymous pages and API lists,
# exports); whoever just wrote reads from the primary for DB_PRIMARY_STICKY_SECONDS
# (wsis/db_router.py). Absent, every read goes to the primary.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
DB_PRIMARY_STICKY_SECONDS = env.int("DB_PRIMARY_STICKY_SECONDS", default=15)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["DISABLE_SERVER_SIDE_CURSORS"] = DB_POOLER == "pgbouncer"
    # Tests run against one database: the replica is the primary's mirror there.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["wsis.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "wsis.db_router.ReplicaReadsMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "wsis.User"

# Cache: Redis when REDIS_URL is set, the process's own memory otherwise. An unreachable Redis
# fails open (a miss, nothing stored): the portal runs uncached, see wsis/cache_backend.py and
# docs/operations-cache-outage.md.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "wsis.cache_backend.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="wsis"),
            "TIMEOUT": 300,
            "OPTIONS": {
                # Seconds before an unreachable Redis counts as down, and left alone after.
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
                "socket_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=1.0),
                "RETRY_SECONDS": env.float("CACHE_RETRY_SECONDS", default=5.0),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: a broker when CELERY_BROKER_URL (or REDIS_URL) is set; tasks run eagerly otherwise.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    # With a host named: kombu warned "No hostname was supplied" at every eager task.
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=90)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message not acknowledged within this time goes back to the queue; it must exceed the
# longest task, so a slow task is never delivered twice while it still runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = env.str("TIME_ZONE", default="Europe/Zurich")
# django-celery-beat's database scheduler behind a Redis lock: with several beat processes
# (one per host), only the lock holder sends; another takes over when it stops renewing.
CELERY_BEAT_SCHEDULER = "wsis.beat:LockedDatabaseScheduler"
BEAT_LOCK_SECONDS = env.int("BEAT_LOCK_SECONDS", default=30)
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-notifications": {
        "task": "wsis.tasks.task_requeue_stale_notifications",
        "schedule": timedelta(minutes=5),
    },
    "delete-expired-api-tokens": {
        "task": "wsis.tasks.task_delete_expired_api_tokens",
        "schedule": crontab(hour=3, minute=15),
    },
    "stocktaking-moderation-digest": {
        "task": "stocktaking.tasks.task_send_moderation_digest",
        "schedule": crontab(hour=7, minute=0),
    },
    "prizes-record-contest-phases": {
        "task": "stocktaking.prizes.tasks.task_record_contest_phases",
        "schedule": timedelta(minutes=1),
    },
    "prizes-send-reminders": {
        "task": "stocktaking.prizes.tasks.task_send_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "events-outcome-reminders": {
        "task": "events.tasks.task_send_outcome_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "events-outcome-digest": {
        "task": "events.tasks.task_send_outcome_digest",
        "schedule": crontab(hour=7, minute=30),
    },
    # Yearly, mid-January: one mail per organiser member and year (the key makes reruns harmless).
    "events-commitment-followups": {
        "task": "events.tasks.task_send_commitment_followups",
        "schedule": crontab(month_of_year=1, day_of_month=15, hour=9, minute=0),
    },
    # The year's open-data archive, on its last evening (so it holds the whole year).
    "publications-open-data-dump": {
        "task": "publications.tasks.task_open_data_build",
        "schedule": crontab(month_of_year=12, day_of_month=31, hour=20, minute=0),
    },
}

# E-mail: printed on the console locally; EMAIL_URL (smtp://user:password@host:587) otherwise.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="WSIS Portal <wsis-portal@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SECRETARIAT_EMAIL = env.str("SECRETARIAT_EMAIL", default="wsis-secretariat@localhost")
# The portal's address as people reach it: mails link to absolute addresses under it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=6)
NOTIFICATION_RETRY_BASE_SECONDS = env.int("NOTIFICATION_RETRY_BASE_SECONDS", default=30)
# One sending task takes up to this many messages of a transaction, over one SMTP connection,
# and stops taking more after this many seconds (well inside CELERY_TASK_SOFT_TIME_LIMIT).
NOTIFICATION_SEND_BATCH_SIZE = env.int("NOTIFICATION_SEND_BATCH_SIZE", default=100)
NOTIFICATION_SEND_BATCH_SECONDS = env.int("NOTIFICATION_SEND_BATCH_SECONDS", default=20)

# Accounts (django-allauth): sign in by e-mail; the address must be verified before first use.
AUTHENTICATION_BACKENDS = [
    # First: refuses any sign-in for a locked-out address before a password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_ADAPTER = "wsis.adapters.AccountAdapter"
# Sign-up that neither tells who has an account nor lets an unconfirmed address block anyone.
ACCOUNT_FORMS = {"signup": "wsis.accounts.forms.SignupForm"}
NOTIFICATION_SUBJECT_PREFIX = "[WSIS] "
ACCOUNT_EMAIL_SUBJECT_PREFIX = NOTIFICATION_SUBJECT_PREFIX
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# Brute-force protection (django-axes), one policy for both sign-in forms (allauth's and the
# admin's): after AXES_FAILURE_LIMIT failed sign-ins naming one address (normalised, from any
# network), that address is locked out for AXES_COOLOFF_MINUTES on both forms and gets 429.
# allauth's own failed-login limit is off so that one mechanism (axes) decides, with one answer.
# See docs/accounts-and-tokens.md.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "email"
AXES_USERNAME_CALLABLE = "wsis.lockout.lockout_username"
# axes.W006 warns that a lockout without the IP address can be dodged by rotating user agents
# or cookies: true of a lockout keyed by those, not of one keyed by the address alone.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
# The client's address, for axes as for the throttles, vote hashes and audit log: one function.
AXES_CLIENT_IP_CALLABLE = "wsis.network.axes_client_address"
# Signing in lands on My WSIS: the person's work, per role (portal/).
LOGIN_REDIRECT_URL = "my_wsis"
LOGIN_URL = "account_login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the six official languages of the UN. Pages carry their language in the
# URL (English unprefixed), see wsis/i18n.py; the catalogues are in locale/ (docs/i18n.md).
LANGUAGE_CODE = "en"
# In the UN's order (as the languages' English names sort).
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date and number format per language across the portal (wsis/formats/<language>/).
FORMAT_MODULE_PATH = ["wsis.formats"]
# Countries are named as the UN names them ("Viet Nam", "Türkiye"), in each language.
COUNTRIES_OVERRIDE = un_country_overrides()
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Zurich")
USE_I18N = True
USE_TZ = True

# Static files are served by WhiteNoise; uploaded media go to MEDIA_ROOT.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded files on S3-compatible object storage (django-storages) when S3_ENDPOINT_URL is set,
# so no web host keeps them on its disk: "default" is the private bucket (attachments, drafts'
# files, imports; served only through permission-checked views, or by URLs signed for
# S3_SIGNED_URL_SECONDS), "public" the bucket of what anyone may fetch, with long cache headers.
S3_ENDPOINT_URL = env.str("S3_ENDPOINT_URL", default="")
if S3_ENDPOINT_URL:
    STORAGES |= s3_storages(
        endpoint_url=S3_ENDPOINT_URL,
        access_key=env.str("S3_ACCESS_KEY_ID"),
        secret_key=env.str("S3_SECRET_ACCESS_KEY"),
        region=env.str("S3_REGION", default="us-east-1"),
        private_bucket=env.str("S3_PRIVATE_BUCKET", default="wsis-private"),
        public_bucket=env.str("S3_PUBLIC_BUCKET", default="wsis-public"),
        signed_url_seconds=env.int("S3_SIGNED_URL_SECONDS", default=300),
        public_domain=env.str("S3_PUBLIC_DOMAIN", default=""),
    )
else:
    STORAGES["public"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT / "public", "base_url": f"{MEDIA_URL}public/"},
    }
# Locally WhiteNoise serves straight from the source folders; production serves collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# API (Django REST framework).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an unauthenticated client gets 401 with a WWW-Authenticate header.
        # DRF's token authentication that also reads whether the address is confirmed.
        "wsis.api.authentication.VerifiedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "wsis.api.pagination.PortalPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "wsis.api.filters.PortalFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "wsis.api.schema.PortalAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        # DRF's anonymous and user rates, counting clients by `wsis.network.client_address`.
        "wsis.throttling.AnonThrottle",
        "wsis.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
    },
    "EXCEPTION_HANDLER": "wsis.api.errors.portal_exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# API tokens (django-rest-knox): stored as SHA-512 hashes, each named by its owner and valid
# for API_TOKEN_TTL_DAYS; sent as `Authorization: Token <key>`. See docs/accounts-and-tokens.md.
KNOX_TOKEN_MODEL = "wsis.ApiToken"  # noqa: S105 - a model name, not a secret
# knox's own migrations create its default token table even when the model is swapped out: an
# unused table whose key to the user table stops PostgreSQL from emptying the users in tests.
# Without them knox has no table at all; wsis/migrations/0004_api_tokens makes ours.
MIGRATION_MODULES = {"knox": None}
API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=90)
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_TTL_DAYS),
    # Marks a key as this portal's, for secret scanners and for people tidying their notes.
    "TOKEN_PREFIX": "wsis_",
    "AUTH_HEADER_PREFIX": "Token",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "WSIS Portal API",
    "DESCRIPTION": (
        "Open data of the World Summit on the Information Society: stocktaking entries, prizes, "
        "events and outcome documents, Action Line roadmaps and the reference lists they use. "
        "Every public record is also published once a year as one archive (JSON Lines and CSV, "
        "with a README of the fields): [the open-data archives](/open-data/)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several apps have a "status" or "kind" field with their own choices: name each set.
    "ENUM_NAME_OVERRIDES": {
        "StocktakingEntryStatusEnum": "stocktaking.enums.EntryStatus",
        "StocktakingEntryKindEnum": "stocktaking.enums.EntryKind",
        "StocktakingActivityStatusEnum": "stocktaking.enums.ActivityStatus",
        "PrizeEntryStatusEnum": "stocktaking.prizes.enums.PrizeEntryStatus",
        "EventKindEnum": "events.enums.EventKind",
        "OutcomeStatusEnum": "events.enums.OutcomeStatus",
        "RoadmapVersionStatusEnum": "roadmaps.enums.VersionStatus",
        "RoadmapCitationKindEnum": "roadmaps.enums.CitationKind",
    },
}

# Creating and handing in stocktaking entries, prize entries and outcome documents: per person
# (per address for anonymous clients), pages and API together.
SUBMISSION_THROTTLE_RATE = env.str("SUBMISSION_THROTTLE_RATE", default="30/hour")
# The PDFs one stocktaking entry may carry: how many, and how many megabytes together.
STOCKTAKING_ATTACHMENTS_MAX_COUNT = env.int("STOCKTAKING_ATTACHMENTS_MAX_COUNT", default=10)
STOCKTAKING_ATTACHMENTS_MAX_TOTAL_MB = env.int("STOCKTAKING_ATTACHMENTS_MAX_TOTAL_MB", default=30)

# WSIS Prizes: votes one person, and one IP address (schools and offices share one), may cast.
PRIZES_VOTE_RATE_USER = env.str("PRIZES_VOTE_RATE_USER", default="30/minute")
PRIZES_VOTE_RATE_IP = env.str("PRIZES_VOTE_RATE_IP", default="300/minute")
# WSIS Prizes: experts with unfinished reviews are reminded once a day during the last N days
# of the expert review (it ends when the nominees are published).
PRIZES_EXPERT_REMINDER_DAYS = env.int("PRIZES_EXPERT_REMINDER_DAYS", default=3)

# Events: days after a session before its organisers are reminded of a missing outcome, and days
# before an event's outcome deadline for the last reminder.
EVENTS_OUTCOME_REMINDER_DAYS = env.int("EVENTS_OUTCOME_REMINDER_DAYS", default=3)
EVENTS_OUTCOME_DEADLINE_REMINDER_DAYS = env.int("EVENTS_OUTCOME_DEADLINE_REMINDER_DAYS", default=7)

# Content Security Policy (django-csp): only this site's own scripts, styles and images. The
# nonce joins style-src only on a page that asks for it (`request.csp_nonce`): the rich-text
# editor's pages, whose vendored editor injects its default CSS with it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The health probes are asked over plain HTTP by the load balancer on the host itself.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Content management (Wagtail, in cms/; see docs/cms.md): pages, news and the document library.
# Kept in one block so the other apps' settings stay as they were.
INSTALLED_APPS += [
    "django.contrib.sitemaps",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
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
    "cms",
]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("cms.context_processors.navigation")
# Editable redirects answer what would otherwise be a 404.
MIDDLEWARE += ["wagtail.contrib.redirects.middleware.RedirectMiddleware"]
WAGTAIL_SITE_NAME = "WSIS Portal"
WAGTAILADMIN_BASE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# One sign-in: the Wagtail admin sends signed-out people to the portal's own sign-in page.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILIMAGES_IMAGE_MODEL = "cms.PortalImage"
# The library's images and their renditions are public: the "public" storage (cms/models/images.py).
WAGTAILIMAGES_RENDITION_STORAGE = "public"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Embeds only from these providers (oEmbed); any other address is refused in the editor.
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [
            {
                "endpoint": "https://www.youtube.com/oembed",
                "urls": [
                    r"^https?://(?:[-\w]+\.)?youtube\.com/watch.+$",
                    r"^https?://youtu\.be/.+$",
                ],
            },
            {
                "endpoint": "https://vimeo.com/api/oembed.json",
                "urls": [r"^https?://(?:www\.)?vimeo\.com/.+$"],
            },
        ],
    }
]
# Translations of pages (wagtail-localize) in the portal's languages.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A long policy document is one form of many fields in the editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
CELERY_BEAT_SCHEDULE["cms-publish-scheduled"] = {
    "task": "cms.tasks.task_publish_scheduled",
    "schedule": timedelta(minutes=1),
}
# Embedded videos come from the embed providers' players only.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] = [
    "https://www.youtube.com",
    "https://player.vimeo.com",
]
# Wagtail runs its search-index and reference-index updates as tasks, each logged at INFO.
LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# No avatars from gravatar.com in the Wagtail admin: the portal loads nothing from elsewhere.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
SPECTACULAR_SETTINGS["PREPROCESSING_HOOKS"] = ["cms.openapi.exclude_wagtail_admin"]
