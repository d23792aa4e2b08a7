"""Serving: gunicorn with several workers and one job worker (`db_worker`) beside it, both child
processes of `bolvaerk serve`, which stops them together. The demo's development server starts
the same job worker.

The children run in their own session, so a Ctrl-C in the terminal reaches only the supervisor,
which then stops each child once and gracefully (a second signal would make the job worker drop
its current job). On Linux each child also gets SIGTERM if the supervisor itself is killed, so no
orphan is left either way.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from types import FrameType

STOP_SECONDS = 30  # a child gets this long to finish its request or job before SIGKILL
_PR_SET_PDEATHSIG = 1


def worker_command() -> list[str]:
    """One job worker for the task queue (the database backend, docs/adr/0008-job-queue.md)."""
    return [sys.executable, "-m", "bolvaerk.web.manage", "db_worker", "--no-reload"]


def gunicorn_command(workers: int, bind: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "bolvaerk.web.wsgi:application",
        f"--workers={workers}",
        f"--bind={bind}",
        "--access-logfile=-",
        "--error-logfile=-",
        f"--graceful-timeout={STOP_SECONDS - 5}",
        # the control socket defaults to one fixed path in $HOME: two servers would share it
        "--no-control-socket",
    ]


def _die_with_parent(parent: int) -> None:  # pragma: no cover - runs in the child, before exec
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def start(command: Sequence[str]) -> subprocess.Popen[bytes]:
    """Start a child in its own session that ends when this process ends."""
    parent = os.getpid()
    return subprocess.Popen(  # noqa: S603 - our own fixed commands, no shell
        list(command),
        start_new_session=True,
        preexec_fn=lambda: _die_with_parent(parent),  # noqa: PLW1509 - single-threaded here
    )


def stop(processes: Sequence[subprocess.Popen[bytes]], seconds: float = STOP_SECONDS) -> None:
    """SIGTERM to every child still running, then SIGKILL to those that outlive `seconds`."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + seconds
    for process in processes:
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class _Stop(Exception):  # noqa: N818 - a signal, not an error
    pass


def _raise_stop(signum: int, _frame: FrameType | None) -> None:
    raise _Stop(signum)


def supervise(commands: Sequence[Sequence[str]], poll_seconds: float = 0.5) -> int:
    """Run the commands side by side until a signal (SIGTERM, SIGINT) or until one of them ends;
    then stop the others. Returns 0 after a signal, else the exit code of the one that ended."""
    previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    processes: list[subprocess.Popen[bytes]] = []
    code = 0
    try:
        processes.extend(start(command) for command in commands)
        while not (ended := [p.returncode for p in processes if p.poll() is not None]):
            time.sleep(poll_seconds)
        code = ended[0] or 1
    except _Stop:
        code = 0
    finally:
        # a second signal while the children stop is ignored: they are stopping already
        for sig in previous:
            signal.signal(sig, signal.SIG_IGN)
        stop(processes)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code


@contextlib.contextmanager
def job_worker() -> Iterator[subprocess.Popen[bytes]]:
    """A job worker for the duration of the block (the demo); SIGTERM ends the block too."""
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    process = start(worker_command())
    try:
        yield process
    except _Stop:
        pass
    finally:
        stop([process])
        signal.signal(signal.SIGTERM, previous)
