"""Load benchmark (issue 6): `bolvaerk serve` with 2 workers on PostgreSQL under wrk.

    .venv/bin/python benchmarks/load.py [--duration 10] [--connections 20] [--facilities 10000]
                                        [--crosses 900] [--workers 2]

It creates its own database `bolvaerk_load` on the server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/test), migrates it, stores N facilities
(benchmarks/portfolio_data.py) and the cast of the web tests with a synthetic assessment of
--crosses crosses (benchmarks/synthetic.py), starts `bolvaerk serve` on a free loopback port
with settings benchmarks/load_settings.py (the production settings plus the bare views of
benchmarks/load_urls.py) and drives it with wrk (Debian package) for --duration seconds per
page at --connections concurrent clients:

- portfolio: the facility list, first page, as the maritime authority (sees every facility);
  baseline: a bare view rendering a table of the same page size from the same table;
- grid: the grid page 6.2.1 of the big assessment as its RSO; baseline: a bare view rendering
  the same table (items x threats, form numbers) from the same stored version;
- save: POST of risk forms as their pages post them (each request another form, the
  likelihood changed); baseline: the bare grid view.

Printed: p50 / p95 latency and requests/s of each, with the ratio of throughput to its
baseline. Targets: p95 < 150 ms at 20 clients; throughput >= 0.5x the bare view.
"""

# Django is configured from the command line (a fresh database) before it is imported.
# ruff: noqa: PLC0415, S603, S310

from __future__ import annotations

import argparse
import html.parser
import http.cookiejar
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
DB_NAME = "bolvaerk_load"
PASSWORD = "not-a-real-password-1"  # noqa: S105 - the personas of tests/personas.py

LUA_DONE = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"p50": %d, "p95": %d, "p99": %d, "requests": %d, "seconds": %f, "bad": %d}\\n',
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests, summary.duration / 1e6, summary.errors.status + bad_total()))
end
"""
LUA_COUNT = """
bad = 0
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)  -- each thread posts its own forms (no save repeated by another)
end
response = function(status, headers, body)
  local location = headers["Location"] or ""
  if status ~= EXPECTED or string.find(location, "/login/", 1, true) then bad = bad + 1 end
end
bad_total = function()
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get("bad") or 0) end
  return total
end
"""


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _admin(url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        dbname=parts.path.lstrip("/") or "postgres",
        autocommit=True,
    ) as connection:
        connection.execute(sql.encode())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def seed(facilities: int, crosses: int) -> dict[str, Any]:
    """Migrate and fill the database; returns the ids the requests need."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from dataclasses import replace

    from tests.personas import build_cast

    from bolvaerk.adapters.file import decode
    from bolvaerk.domain.assessment import Assessment
    from bolvaerk.domain.enums import LifecycleState
    from bolvaerk.services.workspace import store_version
    from portfolio_data import make_facilities
    from synthetic import synthetic

    cast = build_cast()
    make_facilities(facilities)
    assessment = decode(Assessment, synthetic(crosses))
    meta = replace(assessment.meta, state=LifecycleState.DRAFT)
    assessment = replace(assessment, id=cast.record.document_id, meta=meta)
    store_version(cast.anne, cast.record, assessment, f"load benchmark {crosses} crosses")
    forms = [
        (f.id, f.likelihood.value if f.likelihood else "") for f in assessment.sections.risk.forms
    ]
    return {"record": cast.record.pk, "forms": forms}


class Session:
    """A logged-in browser-like client (cookies, CSRF) for preparing the wrk requests."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.get("/login/")
        self.post("/login/", {"username": username, "password": PASSWORD})
        assert "sessionid" in self.cookies(), f"login of {username} failed"

    def cookies(self) -> dict[str, str]:
        return {c.name: c.value for c in self.jar if c.value is not None}

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return str(response.read().decode("utf-8"))

    def post(self, path: str, data: dict[str, str]) -> int:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.cookies()["csrftoken"]})
        request = urllib.request.Request(
            self.base + path,
            data=body.encode(),
            headers={"Referer": self.base + path, "X-CSRFToken": self.cookies()["csrftoken"]},
        )
        with self.opener.open(request, timeout=60) as response:
            return int(response.status)

    def header(self) -> str:
        return "Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies().items())


class FormFields(html.parser.HTMLParser):
    """The fields a page's POST form sends, as a browser would (the form with `likelihood`)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.current: dict[str, str] | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.current = {}
            self.forms.append(self.current)
        if self.current is None or "name" not in a:
            if tag == "option" and self.select and ("selected" in a):
                assert self.current is not None
                self.current[self.select] = a.get("value", "")
            return
        if tag == "input" and a.get("type") in {"checkbox", "radio"}:
            if "checked" in a:
                self.current[a["name"]] = a.get("value", "on")
        elif tag == "input" and a.get("type") not in {"submit", "button", "file"}:
            self.current[a["name"]] = a.get("value", "")
        elif tag == "select":
            self.select = a["name"]
            self.current.setdefault(self.select, "")
        elif tag == "textarea":
            self.textarea = a["name"]
            self.current[self.textarea] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.textarea and self.current is not None:
            self.current[self.textarea] += data


def risk_form_posts(
    session: Session, record: int, forms: list[tuple[str, str]], n: int
) -> list[tuple[str, str]]:
    """(path, urlencoded body) of `n` different risk forms, each with its likelihood changed."""
    posts = []
    for form_id, likelihood in forms[:n]:
        path = f"/assessments/{record}/forms/{form_id}/"
        parser = FormFields()
        parser.feed(session.get(path))
        fields = next(f for f in parser.forms if "likelihood" in f)
        fields["likelihood"] = "IV" if likelihood != "IV" else "II"
        fields["csrfmiddlewaretoken"] = session.cookies()["csrftoken"]
        posts.append((path, urllib.parse.urlencode(fields)))
    return posts


def wrk(base: str, script: str, args: argparse.Namespace, path: str) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(args.connections),
        "-d",
        f"{args.duration}s",
        "--timeout",
        "10s",
        "-s",
        file.name,
        base + path,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    Path(file.name).unlink()
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def get_script(session: Session, expected: int = 200) -> str:
    return (
        f"EXPECTED = {expected}\n{LUA_COUNT}\n"
        f'wrk.headers["Cookie"] = {json.dumps(session.header()[8:])}\n{LUA_DONE}'
    )


def post_script(session: Session, posts: list[tuple[str, str]]) -> str:
    table = ",\n".join(f"{{{json.dumps(p)}, {json.dumps(b)}}}" for p, b in posts)
    return (
        f"EXPECTED = 302\n{LUA_COUNT}\nlocal posts = {{\n{table}\n}}\nlocal i = 0\n"
        f'wrk.headers["Cookie"] = {json.dumps(session.header()[8:])}\n'
        f'wrk.headers["X-CSRFToken"] = {json.dumps(session.cookies()["csrftoken"])}\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        "request = function()\n  i = i + 1\n  local p = posts[((i * 2 + id) % #posts) + 1]\n"
        '  local referer = "http://" .. wrk.host .. ":" .. wrk.port .. p[1]\n'
        "  local headers = {Referer = referer}\n"
        "  for k, v in pairs(wrk.headers) do headers[k] = v end\n"
        '  return wrk.format("POST", p[1], headers, p[2])\n'
        f"end\n{LUA_DONE}"
    )


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [
        str(ROOT / ".venv/bin/bolvaerk"),
        "serve",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                died = server.stderr.read().decode() if server.stderr else "serve died"
                raise RuntimeError(died) from None
            time.sleep(0.2)
    raise RuntimeError("bolvaerk serve did not answer within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--facilities", type=int, default=10_000)
    parser.add_argument("--crosses", type=int, default=900)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    _admin(server_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    _admin(server_url, f"CREATE DATABASE {DB_NAME}")
    home = tempfile.mkdtemp(prefix="bolvaerk-load-")
    env = {
        **os.environ,
        "DATABASE_URL": _with_database(server_url, DB_NAME),
        "BOLVAERK_HOME": home,
        "BOLVAERK_SECRET_KEY": secrets.token_urlsafe(50),
        "BOLVAERK_EMBEDDED": "false",
        "BOLVAERK_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # plain http on loopback: no TLS proxy in front of the benchmark
        "BOLVAERK_SSL_REDIRECT": "false",
        "BOLVAERK_SECURE_COOKIES": "false",
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT)]),
    }
    os.environ.update(env)
    sys.path[:0] = [str(BENCH), str(ROOT)]
    server = None
    try:
        print(f"seeding {args.facilities} facilities and a {args.crosses}-cross assessment ...")
        ids = seed(args.facilities, args.crosses)
        port = _free_port()
        server = start_server(env, port, args.workers)
        base = f"http://127.0.0.1:{port}"
        eva, anne = Session(base, "eva"), Session(base, "anne")
        record = ids["record"]
        # every request saves another form, so each is a real change (never a no-op save)
        posts = risk_form_posts(anne, record, ids["forms"], len(ids["forms"]))
        pages = [
            (
                "portfolio",
                wrk(base, get_script(eva), args, "/"),
                "bare portfolio",
                wrk(base, get_script(eva), args, "/bench/portfolio/"),
            ),
        ]
        bare_grid = wrk(base, get_script(anne), args, f"/bench/{record}/grid/")
        pages.append(
            (
                "grid",
                wrk(base, get_script(anne), args, f"/assessments/{record}/grid/"),
                "bare grid",
                bare_grid,
            )
        )
        check_post(base, anne, posts[-1], record)
        before = versions(record)
        save = wrk(base, post_script(anne, posts), args, "/")
        save["versions"] = versions(record) - before
        pages.append(
            (
                "save risk form",
                save,
                "bare grid",
                bare_grid,
            )
        )
        report(pages, args)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        _admin(server_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def check_post(base: str, session: Session, post: tuple[str, str], record: int) -> None:
    """One save as wrk will send it: it must redirect back to the form, not to the login or an
    error page, and store a new version (so the load test measures real saves)."""
    import http.client

    before = versions(record)
    connection = http.client.HTTPConnection(urlsplit(base).hostname or "", urlsplit(base).port)
    headers = {
        "Cookie": session.header()[8:],
        "X-CSRFToken": session.cookies()["csrftoken"],
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": base + post[0],
    }
    connection.request("POST", post[0], body=post[1], headers=headers)
    response = connection.getresponse()
    location = response.getheader("Location", "")
    assert response.status == 302, (response.status, location)
    assert "login" not in location, location
    assert versions(record) == before + 1, "the save stored no new version"


def versions(record: int) -> int:
    from bolvaerk.adapters.db.models import AssessmentVersion

    return AssessmentVersion.objects.filter(assessment_id=record).count()


def report(
    pages: list[tuple[str, dict[str, float], str, dict[str, float]]], args: argparse.Namespace
) -> None:
    print(
        f"\n{args.connections} clients, {args.duration} s each, {args.workers} workers, "
        f"{args.facilities} facilities, {args.crosses} crosses"
    )
    head = (
        "page",
        "p50 ms",
        "p95 ms",
        "req/s",
        "bad",
        "baseline",
        "base req/s",
        "ratio",
        "p95<150",
    )
    print("{:<16} {:>7} {:>7} {:>7} {:>5}  {:<15} {:>10} {:>6} {:>8}".format(*head))
    for name, result, base_name, base in pages:
        print(
            "{:<16} {:>7.1f} {:>7.1f} {:>7.1f} {:>5d}  {:<15} {:>10.1f} {:>5.2f}x {:>8}".format(
                name,
                result["p50"] / 1000,
                result["p95"] / 1000,
                result["rps"],
                int(result["bad"]),
                base_name,
                base["rps"],
                result["rps"] / base["rps"],
                "yes" if result["p95"] < 150_000 else "no",
            )
        )
        if "versions" in result:
            print(
                f"  {name}: {int(result['versions'])} new versions for "
                f"{int(result['requests'])} requests (a form saved twice saves nothing new)"
            )


if __name__ == "__main__":
    main()
