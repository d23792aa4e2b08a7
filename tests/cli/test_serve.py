"""`bolvaerk serve` as in production: gunicorn with two workers and one job worker in a real
process tree, behind a (simulated) TLS proxy, on SQLite and on a fresh PostgreSQL database."""

from __future__ import annotations

import http.client
import re
import secrets
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.installation import (
    BOLVAERK,
    ROOT,
    bolvaerk,
    environment,
    free_port,
    fresh_postgres,
    inspect,
    postgres_reachable,
    script,
)


def _production(home: Path, database_url: str | None = None) -> dict[str, str]:
    env = environment(home, database_url)
    del env["BOLVAERK_EMBEDDED"]
    return env | {
        "BOLVAERK_SECRET_KEY": secrets.token_urlsafe(50),
        "BOLVAERK_BEHIND_TLS_PROXY": "true",
    }


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="utf-8")
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


class Client:
    """HTTP to the server as the TLS proxy forwards it (X-Forwarded-Proto: https), with cookies
    kept by hand: they are Secure, so a plain-http cookie jar would drop them."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None, **headers: str
    ) -> tuple[http.client.HTTPResponse, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        origin = f"https://127.0.0.1:{self.port}"
        all_headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            all_headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + path,
            }
        all_headers |= {k.replace("_", "-"): v for k, v in headers.items()}
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        content = response.read()
        connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response, content


@contextmanager
def _serving(env: dict[str, str], port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command
            [str(BOLVAERK), "serve", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def _wait_until_up(process: subprocess.Popen[bytes], client: Client, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(encoding="utf-8")
        try:
            response, _ = client.request("GET", "/login/")
        except OSError:
            time.sleep(0.3)
            continue
        if response.status == 200:
            return
    raise AssertionError(f"not up after 90 s:\n{log.read_text(encoding='utf-8')}")


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_serve_runs_gunicorn_and_a_job_worker_and_stops_both(database: str, tmp_path: Path) -> None:
    if database == "postgresql" and not postgres_reachable():
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    home, port, log = tmp_path / "home", free_port(), tmp_path / "serve.log"
    with fresh_postgres("bolvaerk_serve") if database == "postgresql" else nullcontext() as url:
        env = _production(home, url)
        script("seed", env)  # the demo users, and one job waiting in the queue
        with _serving(env, port, log) as server:
            client = Client(port)
            _wait_until_up(server, client, log)
            processes = _descendants(server.pid)
            lines = [_command_line(pid) for pid in processes]
            assert sum("db_worker" in line for line in lines) == 1
            assert sum("gunicorn" in line for line in lines) == 3  # the master and 2 workers

            response, page = client.request("GET", "/login/")
            assert response.getheader("Strict-Transport-Security", "").startswith("max-age=")
            assert "Secure" in (response.getheader("Set-Cookie") or "")
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            assert token is not None
            password = (home / "demo-users.txt").read_text(encoding="utf-8").split("\t")[1]
            response, _ = client.request(
                "POST",
                "/login/",
                {
                    "username": "konsulent",
                    "password": password,
                    "csrfmiddlewaretoken": token.group(1).decode(),
                },
            )
            assert response.status == 302, log.read_text(encoding="utf-8")
            response, page = client.request("GET", "/")
            assert response.status == 200
            assert b"Fjordby" in page

            # static files: collected with hashed names, served by whitenoise as immutable
            css = re.search(rb'href="(/static/bolvaerk/app\.[0-9a-f]{12}\.css)"', page)
            assert css is not None
            response, content = client.request("GET", css.group(1).decode())
            assert response.status == 200
            assert response.getheader("Content-Type", "").startswith("text/css")
            assert "immutable" in response.getheader("Cache-Control", "")
            assert content
            response, _ = client.request("GET", css.group(1).decode(), Accept_Encoding="gzip")
            assert response.getheader("Content-Encoding") == "gzip"

            # the job worker runs the queued job
            deadline = time.monotonic() + 30
            while inspect(env)["jobs"][0]["status"] != "SUCCESSFUL":
                assert time.monotonic() < deadline, "the queued job did not run"
                time.sleep(0.5)

            server.send_signal(signal.SIGTERM)
            assert server.wait(timeout=45) == 0
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in processes) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in processes if _alive(pid)] == []
    assert "Stopped." in log.read_text(encoding="utf-8")


def test_serve_without_a_secret_key_says_so(tmp_path: Path) -> None:
    env = _production(tmp_path / "home")
    del env["BOLVAERK_SECRET_KEY"]
    result = bolvaerk("serve", env=env, check=False)
    assert result.returncode == 2
    assert "BOLVAERK_SECRET_KEY (or BOLVAERK_SECRET_KEY_FILE) must be set" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("BOLVAERK_DEBUG", "maybe", "BOLVAERK_DEBUG must be true or false, not 'maybe'"),
        ("DATABASE_URL", "mysql://db/x", "DATABASE_URL must start with postgres://"),
        ("BOLVAERK_HSTS_SECONDS", "a year", "BOLVAERK_HSTS_SECONDS must be a whole number"),
        ("BOLVAERK_SECRET_KEY_FILE", "/nonexistent/key", "cannot be read"),
    ],
)
def test_a_bad_setting_stops_the_start_with_its_name(
    variable: str, value: str, message: str, tmp_path: Path
) -> None:
    env = _production(tmp_path / "home") | {variable: value}
    if variable == "BOLVAERK_SECRET_KEY_FILE":
        del env["BOLVAERK_SECRET_KEY"]
    result = bolvaerk("serve", env=env, check=False)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_checks_its_options(tmp_path: Path) -> None:
    env = _production(tmp_path / "home")
    result = bolvaerk("serve", "--workers", "0", env=env, check=False)
    assert result.returncode == 2
    assert "--workers must be at least 1, not 0" in result.stderr
    result = bolvaerk("serve", "--bind", "8000", env=env, check=False)
    assert result.returncode == 2
    assert "--bind must be host:port" in result.stderr
    assert not (tmp_path / "home").exists()  # refused before anything was set up


def test_demo_serves_with_a_job_worker_and_stops_it_on_ctrl_c(tmp_path: Path) -> None:
    port, log = free_port(), tmp_path / "demo.log"
    env = environment(tmp_path / "home")
    del env["BOLVAERK_EMBEDDED"]  # the demo sets it itself
    with log.open("wb") as output:
        demo = subprocess.Popen(  # noqa: S603 - our own command
            [str(BOLVAERK), "demo", "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            client = Client(port)
            _wait_until_up(demo, client, log)
            processes = _descendants(demo.pid)
            workers = [pid for pid in processes if "db_worker" in _command_line(pid)]
            assert len(workers) == 1
            demo.send_signal(signal.SIGINT)
            assert demo.wait(timeout=30) == 0
        finally:
            if demo.poll() is None:
                demo.kill()
                demo.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in processes) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in processes if _alive(pid)] == []
    assert "Table 6.2.1" in log.read_text(encoding="utf-8")  # the grid, before serving
