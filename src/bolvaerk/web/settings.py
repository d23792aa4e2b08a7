"""Django settings, all from the environment (see docs/web.md for the table).

BOLVAERK_HOME         data folder (default ./bolvaerk-home): SQLite database, uploads, secret key
DATABASE_URL          e.g. postgres://user@127.0.0.1:5432/db; default SQLite (WAL) in BOLVAERK_HOME
BOLVAERK_SECRET_KEY   required unless BOLVAERK_EMBEDDED=true (the demo), then generated once
BOLVAERK_DEBUG        false by default
BOLVAERK_ALLOWED_HOSTS comma-separated, default localhost,127.0.0.1
Production (neither debug nor embedded) also reads BOLVAERK_BEHIND_TLS_PROXY, BOLVAERK_SSL_REDIRECT,
BOLVAERK_SECURE_COOKIES, BOLVAERK_HSTS_*, BOLVAERK_CSRF_TRUSTED_ORIGINS, BOLVAERK_STATIC_ROOT and
BOLVAERK_LOG_LEVEL (docs/operations.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from bolvaerk.web.settings_env import (
    database_url,
    env_bool,
    env_choice,
    env_days,
    env_int,
    env_list,
    env_secret,
    home_folder,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent
HOME = home_folder()
EMBEDDED = env_bool("BOLVAERK_EMBEDDED", default=False)
DEBUG = env_bool("BOLVAERK_DEBUG", default=False)
SECRET_KEY = secret_key(HOME, allow_generated=EMBEDDED or DEBUG)
# production: served by `bolvaerk serve` behind a TLS proxy (the demo and tests are embedded)
PRODUCTION = not (EMBEDDED or DEBUG)
ALLOWED_HOSTS = env_list("BOLVAERK_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "bolvaerk.adapters.db",
    "bolvaerk.web",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "bolvaerk.web.middleware.UserLanguageMiddleware",  # after auth: the user's own language
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "bolvaerk.web.middleware.LoginRequiredMiddleware",
]
ROOT_URLCONF = "bolvaerk.web.urls"
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
                "bolvaerk.web.context.common",
            ],
        },
    },
]
WSGI_APPLICATION = "bolvaerk.web.wsgi.application"

_SQLITE = f"sqlite:///{HOME / 'bolvaerk.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(database_url(_SQLITE), conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers go on while one request writes; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "facilities"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True

STATIC_URL = "static/"
# collectstatic target (bolvaerk serve writes it before it starts); the demo and the tests serve
# from the app folders through the finders, so they need no collected copy.
_STATIC_ROOT = os.environ.get("BOLVAERK_STATIC_ROOT", "")
STATIC_ROOT: Path | None = (
    Path(_STATIC_ROOT).resolve() if _STATIC_ROOT else (HOME / "static" if PRODUCTION else None)
)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": HOME / "uploads"},
    },
    # production: content-hashed, pre-compressed names that whitenoise serves as immutable
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# HTTPS. Production runs behind a TLS-terminating proxy (docs/operations.md); the defaults are the
# safe ones there and off in the demo, which is plain http on the loopback.
if env_bool("BOLVAERK_BEHIND_TLS_PROXY", default=False):
    # only behind a proxy that sets this header itself: a client could forge it otherwise
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("BOLVAERK_SSL_REDIRECT", default=PRODUCTION)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("BOLVAERK_SECURE_COOKIES", default=PRODUCTION)
SECURE_HSTS_SECONDS = env_int("BOLVAERK_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("BOLVAERK_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("BOLVAERK_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # security.W021 asks for the preload directive. Preloading is the domain owner's decision
    # (a submission to the browsers' lists that is slow to undo), not a default of ours:
    # BOLVAERK_HSTS_PRELOAD=true sets it.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
CSRF_TRUSTED_ORIGINS = env_list("BOLVAERK_CSRF_TRUSTED_ORIGINS", "")

# Logging: to stderr, where gunicorn, systemd and containers collect it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
        }
    },
    "root": {
        "handlers": ["stderr"],
        "level": env_choice(
            "BOLVAERK_LOG_LEVEL",
            "INFO" if PRODUCTION else "WARNING",
            ("DEBUG", "INFO", "WARNING", "ERROR"),
        ),
    },
}

# Background jobs: Django's task framework (django-tasks backport) on the database, so the same
# queue runs on SQLite in the demo and on PostgreSQL in production (docs/adr/0008-job-queue.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail (reminders): the console in the embedded demo, SMTP otherwise.
EMAIL_BACKEND = os.environ.get(
    "BOLVAERK_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if EMBEDDED
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("BOLVAERK_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("BOLVAERK_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("BOLVAERK_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_secret("BOLVAERK_EMAIL_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("BOLVAERK_EMAIL_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("BOLVAERK_EMAIL_FROM", "bolvaerk@localhost")
# Reminders: days before the submit-by date and before expiry (services/reminders.py).
BOLVAERK_REMINDER_LEADS = {
    "submit_by": env_days("BOLVAERK_REMINDER_DAYS_SUBMIT", (60, 14)),
    "expiry": env_days("BOLVAERK_REMINDER_DAYS_EXPIRY", (30, 7)),
}
