"""Benchmark: the grid page 6.2.1 and saving one risk form, on PostgreSQL, against a bare
Django view in the same run.

    .venv/bin/python benchmarks/web.py [--sizes 100,900,2700] [--repeat 3] [--profile 900]

DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; the benchmark
creates its own database `bolvaerk_bench` there, migrates it and drops it at the end. Django
runs with bolvaerk.web.settings_test (a throw-away BOLVAERK_HOME) and DEBUG off.

For each size the synthetic assessment (benchmarks/synthetic.py: N crosses) is stored as a new
version of the cast's assessment, then, logged in as the RSO lead consultant through
django.test.Client (the whole middleware stack):

- bare: a plain Django view defined here that loads the same AssessmentVersion row and renders
  an HTML table of the same size (rows = S+V items, columns = threats, cell = form number) from
  a Django template string, without the domain;
- grid: GET of the grid page;
- save: POST of risk form no. 1 as its page would post it, with the likelihood changed (the
  next run changes it back); the time to the redirect.

Times are the minimum of --repeat runs after one warm-up. Target (issue 5): the 900-cross grid
page <= 3x the bare view, and linear growth (µs per cross roughly constant).
--profile N prints the cProfile of the grid page at size N (one run, after the table).
"""

# Django is configured from the command line (DATABASE_URL, a fresh database) before the
# application can be imported, so its imports sit inside the functions.
# ruff: noqa: PLC0415

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import types
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

BENCH_DB = "bolvaerk_bench"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"

BARE_TEMPLATE = (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
    "<title>Grid {{ record_id }}</title></head><body>\n<table>\n<thead><tr><th>Item \\ Threat</th>"
    "{% for threat in threats %}<th>{{ threat }}</th>{% endfor %}</tr></thead>\n<tbody>"
    "{% for row in rows %}\n<tr><th>{{ row.name }}</th>{% for number in row.cells %}"
    '<td>{{ number|default_if_none:"" }}</td>{% endfor %}</tr>{% endfor %}\n'
    "</tbody></table>\n</body></html>\n"
)


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(url: str, sql: str) -> None:
    """Run CREATE/DROP DATABASE on the server's own database (autocommit)."""
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname=parts.path.lstrip("/") or "postgres",
        autocommit=True,
    ) as connection:
        connection.execute(sql.encode())


def _bare_urlconf() -> str:
    """A URLconf module: the bare view, then the application's own URLs."""
    from django.db.models import F
    from django.http import HttpRequest, HttpResponse
    from django.template import Context, Template
    from django.urls import include, path

    from bolvaerk.adapters.db.models import AssessmentVersion

    template = Template(BARE_TEMPLATE)

    def bare_grid(_request: HttpRequest, record_id: int) -> HttpResponse:
        version = AssessmentVersion.objects.only("document").get(
            assessment_id=record_id, assessment__current_version=F("number")
        )
        sections = version.document["sections"]
        rows_items = [
            item
            for item in sections["5"]["items"]
            if item.get("vulnerable") is True and item.get("significant") is True
        ]
        threats = [threat["id"] for threat in sections["6"]["threats"]]
        numbers = {(f["item"], f["threat"]): f["number"] for f in sections["7"]["forms"]}
        rows = [
            {
                "name": item.get("name") or item["id"],
                "cells": [numbers.get((item["id"], threat)) for threat in threats],
            }
            for item in rows_items
        ]
        context = Context({"record_id": record_id, "threats": threats, "rows": rows})
        return HttpResponse(template.render(context))

    module = types.ModuleType("bolvaerk_bench_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("bench/<int:record_id>/grid/", bare_grid, name="bench-bare-grid"),
        path("", include("bolvaerk.web.urls")),
    ]
    sys.modules[module.__name__] = module
    return module.__name__


def _post_data(form: Any, likelihood: str) -> dict[str, str]:
    """What the risk form page posts for `form`, with the likelihood set to `likelihood`."""
    from bolvaerk.web.forms_risk.risk import initial_of, measures_of

    data = {
        name: ""
        if value is None
        else (value.strftime("%d-%m-%Y") if isinstance(value, date) else str(value))
        for name, value in initial_of(form).items()
    }
    data["likelihood"] = likelihood
    for name, measures in measures_of(form).as_dict().items():
        data[f"{name}-count"] = str(len(measures))
        for index, measure in enumerate(measures):
            data[f"{name}-{index}-text"] = measure.text
            data[f"{name}-{index}-catalogue"] = measure.catalogue or ""
            data[f"{name}-{index}-type"] = measure.type.value if measure.type else ""
    return data


def run(sizes: list[int], repeat: int, profile: int | None) -> None:
    from django.test import Client, override_settings
    from tests.personas import PASSWORD, build_cast

    cast = build_cast()
    client = Client()
    assert client.login(username="anne", password=PASSWORD)
    urlconf = _bare_urlconf()
    header = ("crosses", "bare", "grid", "grid/bare", "µs/cross", "save", "save/bare", "µs/cross")
    print("{:>8} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8}".format(*header, "grid KB"))
    with override_settings(ROOT_URLCONF=urlconf):
        for size in sizes:
            measure(client, cast, size, repeat, profile=profile == size)


def measure(client: Any, cast: Any, size: int, repeat: int, *, profile: bool) -> None:
    """Store the synthetic assessment of `size` crosses, time the three requests, print a row."""
    from dataclasses import replace

    from bolvaerk.adapters.file import decode
    from bolvaerk.domain.assessment import Assessment
    from bolvaerk.domain.enums import LifecycleState
    from bolvaerk.services.workspace import load, store_version
    from synthetic import best_of, synthetic

    record = cast.record
    assessment = decode(Assessment, synthetic(size))
    meta = replace(assessment.meta, state=LifecycleState.DRAFT)
    assessment = replace(assessment, id=record.document_id, meta=meta)
    store_version(cast.anne, record, assessment, f"benchmark {size} crosses")
    form = next(f for f in assessment.sections.risk.forms if f.number == 1)
    original = form.likelihood.value if form.likelihood else ""
    other = "IV" if original != "IV" else "II"
    grid_url = f"/assessments/{record.pk}/grid/"
    bare_url = f"/bench/{record.pk}/grid/"
    form_url = f"/assessments/{record.pk}/forms/{form.id}/"
    posts = [_post_data(form, other), _post_data(form, original)]
    turn = [0]

    def get(url: str) -> bytes:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return bytes(response.content)

    def save() -> None:
        # the page posts the version it was loaded from; every save here makes the next one
        data = {**posts[turn[0] % 2], "base_version": str(record.current_version + turn[0])}
        response = client.post(form_url, data)
        assert response.status_code == 302, (form_url, response.status_code)
        turn[0] += 1

    bare_page, grid_page = get(bare_url), get(grid_url)  # warm the caches
    assert bare_page.count(b"<td>") == grid_page.count(b'<td id="cell-') > 0
    save()
    save()
    bare_time = best_of(repeat, lambda: get(bare_url))
    grid_time = best_of(repeat, lambda: get(grid_url))
    save_time = best_of(repeat, save)
    if turn[0] % 2:
        save()  # back to the original likelihood
    record.refresh_from_db()
    saved = next(f for f in load(record).sections.risk.forms if f.id == form.id)
    assert saved == form, "the form did not come back to what it was"
    print(
        f"{size:>8} {bare_time * 1000:>7.1f}ms {grid_time * 1000:>7.1f}ms "
        f"{grid_time / bare_time:>9.2f} {grid_time / size * 1e6:>9.1f} "
        f"{save_time * 1000:>7.1f}ms {save_time / bare_time:>9.2f} "
        f"{save_time / size * 1e6:>9.1f} {len(grid_page) / 1024:>8.0f}"
    )
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(get, grid_url)
        stats = pstats.Stats(profiler, stream=sys.stdout)
        print(f"\ncProfile of the grid page, {size} crosses (cumulative):")
        stats.sort_stats("cumulative").print_stats(35)
        print(f"cProfile of the grid page, {size} crosses (own time):")
        stats.sort_stats("tottime").print_stats(20)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100,900,2700")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, default=None, help="cProfile the grid at size N")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    server = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not server.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must name a PostgreSQL server (postgres://...)")
    with tempfile.TemporaryDirectory(prefix="bolvaerk-bench-") as home:
        os.environ["BOLVAERK_HOME"] = home
        os.environ["DATABASE_URL"] = _with_database(server, BENCH_DB)
        os.environ["DJANGO_SETTINGS_MODULE"] = "bolvaerk.web.settings_test"
        _admin(server, f"DROP DATABASE IF EXISTS {BENCH_DB}")
        _admin(server, f"CREATE DATABASE {BENCH_DB}")
        try:
            import django
            from django.core.management import call_command

            django.setup()
            call_command("migrate", verbosity=0)
            run(sizes, args.repeat, args.profile)
        finally:
            from django.db import connections

            connections.close_all()
            _admin(server, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
