"""Settings for tests and type checks: an embedded, throw-away data folder per process."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("BOLVAERK_HOME", tempfile.mkdtemp(prefix="bolvaerk-test-"))
os.environ.setdefault("BOLVAERK_EMBEDDED", "true")

from bolvaerk.web.settings import *  # noqa: F403 - the real settings, with the above

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast personas in tests
