"""Settings of the load benchmark's server: the production settings plus the bare baseline views
(benchmarks/load_urls.py). Only the benchmark uses this module."""

from __future__ import annotations

from bolvaerk.web.settings import *  # noqa: F403 - the real settings, production mode

ROOT_URLCONF = "load_urls"
