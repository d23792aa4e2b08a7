"""Typed, loud reading of the environment: a bad value stops the start with a clear message."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "")
    if value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_days(name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    """A comma-separated list of whole days, e.g. BOLVAERK_REMINDER_DAYS_SUBMIT=60,14."""
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    parts = [part.strip() for part in value.split(",")]
    if not all(part.isdigit() for part in parts):
        raise ImproperlyConfigured(f"{name} must be whole days separated by commas, not {value!r}")
    return tuple(int(part) for part in parts)


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str) -> list[str]:
    """A comma-separated list; blanks around the commas are ignored."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, "") or default
    if value.upper() not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value.upper()


def database_url(default: str) -> str:
    """DATABASE_URL, checked for a scheme Django can use (the URL itself is never printed: it may
    hold a password)."""
    value = os.environ.get("DATABASE_URL", "") or default
    scheme = value.partition("://")[0]
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            "DATABASE_URL must start with postgres:// or sqlite:// "
            f"(for example postgres://user@127.0.0.1:5432/bolvaerk), not {scheme or 'nothing'}://"
        )
    return value


def env_secret(name: str) -> str | None:
    """NAME, or the content of the file NAME_FILE (container secrets)."""
    value = os.environ.get(name)
    file = os.environ.get(f"{name}_FILE")
    if value and file:
        raise ImproperlyConfigured(f"set {name} or {name}_FILE, not both")
    if file:
        try:
            return Path(file).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(
                f"{name}_FILE names {file}, which cannot be read: {error.strerror}"
            ) from None
    return value or None


def home_folder() -> Path:
    return Path(os.environ.get("BOLVAERK_HOME", "bolvaerk-home")).resolve()


def secret_key(home: Path, *, allow_generated: bool) -> str:
    """BOLVAERK_SECRET_KEY; for the embedded demo a key generated once into the data folder.
    There is never a default key in the code."""
    key = env_secret("BOLVAERK_SECRET_KEY")
    if key:
        return key
    if not allow_generated:
        raise ImproperlyConfigured(
            "BOLVAERK_SECRET_KEY (or BOLVAERK_SECRET_KEY_FILE) must be set in production"
        )
    path = home / "secret_key"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
