"""Production settings: `manage.py check --deploy` is clean, and the environment turns into the
right security, static-file and logging settings. Each runs the real settings module in a fresh
process (the tests' own settings are the embedded ones)."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings

from tests.installation import ROOT, environment

SHOW = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "ssl_redirect": s.SECURE_SSL_REDIRECT,
    "proxy_header": getattr(s, "SECURE_PROXY_SSL_HEADER", None),
    "cookies_secure": [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE],
    "hsts": [s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD],
    "trusted": s.CSRF_TRUSTED_ORIGINS,
    "hosts": s.ALLOWED_HOSTS,
    "static_root": str(s.STATIC_ROOT),
    "static_storage": s.STORAGES["staticfiles"]["BACKEND"],
    "finders": s.WHITENOISE_USE_FINDERS,
    "log": [s.LOGGING["root"]["level"], s.LOGGING["handlers"]["stderr"]["stream"]],
}))
"""


def _production(home: Path, **extra: str) -> dict[str, str]:
    env = environment(home)
    del env["BOLVAERK_EMBEDDED"]
    return env | {
        "DJANGO_SETTINGS_MODULE": "bolvaerk.web.settings",
        "BOLVAERK_SECRET_KEY": secrets.token_urlsafe(50),
        "BOLVAERK_BEHIND_TLS_PROXY": "true",
        "BOLVAERK_ALLOWED_HOSTS": "pfsa.example.dk",
        **extra,
    }


def _python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )


def _show(env: dict[str, str]) -> dict[str, Any]:
    result = _python(["-c", SHOW], env)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    result = _python(
        ["-m", "bolvaerk.web.manage", "check", "--deploy", "--fail-level", "WARNING"],
        _production(tmp_path / "home"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # the one silenced check is security.W021 (HSTS preload), with its reason in settings.py
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_check_deploy_has_nothing_silenced_when_preload_is_chosen(tmp_path: Path) -> None:
    env = _production(tmp_path / "home", BOLVAERK_HSTS_PRELOAD="true")
    result = _python(["-m", "bolvaerk.web.manage", "check", "--deploy"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_from_the_environment(tmp_path: Path) -> None:
    home = tmp_path / "home"
    shown = _show(
        _production(
            home,
            BOLVAERK_CSRF_TRUSTED_ORIGINS="https://pfsa.example.dk, https://www.pfsa.example.dk",
        )
    )
    assert shown == {
        "ssl_redirect": True,
        "proxy_header": ["HTTP_X_FORWARDED_PROTO", "https"],
        "cookies_secure": [True, True],
        "hsts": [31_536_000, True, False],
        "trusted": ["https://pfsa.example.dk", "https://www.pfsa.example.dk"],
        "hosts": ["pfsa.example.dk"],
        "static_root": str(home.resolve() / "static"),
        "static_storage": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "finders": False,
        "log": ["INFO", "ext://sys.stderr"],
    }


def test_the_proxy_header_is_trusted_only_when_told(tmp_path: Path) -> None:
    env = _production(tmp_path / "home", BOLVAERK_SSL_REDIRECT="false")
    del env["BOLVAERK_BEHIND_TLS_PROXY"]
    shown = _show(env)
    assert shown["proxy_header"] is None
    assert shown["ssl_redirect"] is False


def test_the_embedded_settings_stay_plain_http_and_unhashed() -> None:
    """The demo and these tests: no redirect to https, no Secure cookies, files from the finders."""
    assert settings.SECURE_SSL_REDIRECT is False
    assert settings.SESSION_COOKIE_SECURE is False
    assert settings.SECURE_HSTS_SECONDS == 0
    assert settings.STATIC_ROOT is None
    assert settings.WHITENOISE_USE_FINDERS is True
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    assert backend == "django.contrib.staticfiles.storage.StaticFilesStorage"
