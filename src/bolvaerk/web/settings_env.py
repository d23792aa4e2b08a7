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


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_secret(name: str) -> str | None:
    """NAME, or the content of the file NAME_FILE (container secrets)."""
    value = os.environ.get(name)
    file = os.environ.get(f"{name}_FILE")
    if value and file:
        raise ImproperlyConfigured(f"set {name} or {name}_FILE, not both")
    if file:
        return Path(file).read_text(encoding="utf-8").strip()
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
