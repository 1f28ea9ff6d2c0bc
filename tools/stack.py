"""The three processes of a running product: Rasa, the action server, trainer_api.

Used by ``empathy-trainer run`` and by the integration tests, so both start the
product the same way. Each process gets its own process group and log file;
``stop`` ends them all, politely first.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from trainer_api.adapters.rasa_client import CHANNEL_PATH
from trainer_api.settings import PROJECT_ROOT

BOT_DIR = PROJECT_ROOT / "bot"


MAX_RESTARTS = 5
RESTART_WINDOW = 60.0
"""A process that exits this often within this many seconds is not restarted."""
SINGLE_THREADED_MATHS = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


class StackError(RuntimeError):
    """A process of the stack did not start or died."""


@dataclass(frozen=True)
class StackConfig:
    """Ports, files and environment of one running stack."""

    model: Path
    database_url: str
    tracker_url: str
    log_dir: Path
    host: str = "127.0.0.1"
    web_port: int = 8000
    rasa_port: int = 5005
    action_port: int = 5055
    extra_env: Mapping[str, str] = field(default_factory=dict)

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.web_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"


def actions_command(port: int) -> list[str]:
    """The action server (run in ``bot/``)."""
    return [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "-p", str(port)]


def rasa_command(model: Path, port: int, endpoints: str = "endpoints.yml") -> list[str]:
    """The Rasa server with the learner channel (run in ``bot/``)."""
    return [
        str(Path(sys.executable).parent / "rasa"),
        "run",
        "--model",
        str(model),
        "--endpoints",
        endpoints,
        "--credentials",
        "credentials.yml",
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
    ]


def web_command(host: str, port: int) -> list[str]:
    """trainer_api under uvicorn (run in the project's root)."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "trainer_api.edge.app:create_app",
        "--factory",
        "--host",
        host,
        "--port",
        str(port),
        "--no-access-log",
    ]


@dataclass
class _Process:
    name: str
    command: list[str]
    env: dict[str, str]
    popen: subprocess.Popen[bytes]
    log: Path
    health_url: str


class Stack:
    """Starts, watches and stops the three processes."""

    def __init__(self, config: StackConfig) -> None:
        self.config = config
        self._processes: list[_Process] = []
        self._exits: dict[str, list[float]] = {}

    def start(self, *, timeout: float = 240.0) -> None:
        """Start every process and wait until each answers its health check."""
        self.config.log_dir.mkdir(parents=True, exist_ok=True)
        env = self._environment()
        config = self.config
        self._spawn(
            "actions",
            actions_command(config.action_port),
            env,
            f"{config.action_url}/health",
        )
        self._spawn(
            "rasa",
            rasa_command(config.model, config.rasa_port),
            env,
            f"{config.rasa_url}{CHANNEL_PATH}/",
        )
        self._spawn(
            "trainer_api",
            web_command(config.host, config.web_port),
            env,
            f"{config.web_url}/healthz",
        )
        self.wait_healthy(timeout)

    def wait_healthy(self, timeout: float) -> None:
        """Wait until every process answers its health check (else stop all)."""
        try:
            self._wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise

    def pids(self) -> dict[str, int]:
        """Each running process's id (the leader of its process group)."""
        return {process.name: process.popen.pid for process in self._processes}

    def restart_dead(self) -> list[str]:
        """Start again every process that has exited (a supervisor's round);
        one line per process started again.

        Raises:
            StackError: a process exited more than ``MAX_RESTARTS`` times in
                ``RESTART_WINDOW`` seconds: something is wrong beyond a crash.
        """
        notes = []
        for process in [p for p in self._processes if p.popen.poll() is not None]:
            now = time.monotonic()
            recent = [
                t for t in self._exits.get(process.name, []) if now - t < RESTART_WINDOW
            ]
            self._exits[process.name] = [*recent, now]
            if len(recent) >= MAX_RESTARTS:
                raise StackError(
                    self._death_note(process)
                    + f"\n(it exited {len(recent) + 1} times within "
                    f"{RESTART_WINDOW:.0f} s; not started again)"
                )
            self._processes.remove(process)
            try:  # children the dead process left behind would hold its port
                os.killpg(process.popen.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._spawn(process.name, process.command, process.env, process.health_url)
            notes.append(
                f"{process.name} exited with code {process.popen.returncode}; "
                f"started again (log: {process.log})"
            )
        return notes

    def check_alive(self) -> None:
        """Raise :class:`StackError` if a process has exited."""
        for process in self._processes:
            if process.popen.poll() is not None:
                raise StackError(self._death_note(process))

    def stop(self, *, grace: float = 15.0) -> None:
        """Stop every process (SIGTERM, then SIGKILL after ``grace`` seconds)."""
        for process in reversed(self._processes):
            _signal_group(process.popen, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for process in self._processes:
            remaining = max(0.1, deadline - time.monotonic())
            try:
                process.popen.wait(timeout=remaining)
            except subprocess.TimeoutExpired:
                _signal_group(process.popen, signal.SIGKILL)
                process.popen.wait(timeout=5)
        self._processes.clear()

    def restart(self, name: str, *, timeout: float = 240.0) -> None:
        """Stop one process and start it again with the same command."""
        process = self.kill(name, sig=signal.SIGTERM)
        self._spawn(name, process.command, process.env, process.health_url)
        self._wait_healthy(timeout)

    def kill(self, name: str, *, sig: signal.Signals = signal.SIGKILL) -> _Process:
        """End one process (by default as a crash would) and forget it."""
        process = next(p for p in self._processes if p.name == name)
        _signal_group(process.popen, sig)
        process.popen.wait(timeout=30)
        self._processes.remove(process)
        return process

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "RASA_TELEMETRY_ENABLED": "false",
                "SANIC_HOST": "127.0.0.1",
                "EMPATHY_ACTION_URL": f"{self.config.action_url}/webhook",
                "EMPATHY_TRACKER_URL": self.config.tracker_url,
                "EMPATHY_DATABASE_URL": self.config.database_url,
                "EMPATHY_RASA_URL": self.config.rasa_url,
                "PYTHONUNBUFFERED": "1",
                "TF_CPP_MIN_LOG_LEVEL": "2",
                # numpy's BLAS and OpenMP on one thread per process: the work
                # per turn is small, and spare threads spin on the cores the
                # other processes need (see README, Capacity).
                **SINGLE_THREADED_MATHS,
            }
        )
        env.update(self.config.extra_env)
        return env

    def _spawn(
        self, name: str, command: list[str], env: dict[str, str], health_url: str
    ) -> None:
        log = self.config.log_dir / f"{name}.log"
        with log.open("ab") as sink:
            popen = subprocess.Popen(
                command,
                cwd=BOT_DIR if name.startswith(("rasa", "actions")) else PROJECT_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._processes.append(_Process(name, command, env, popen, log, health_url))

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        pending = list(self._processes)
        while pending:
            self.check_alive()
            pending = [p for p in pending if not _answers(p.health_url)]
            if not pending:
                return
            if time.monotonic() > deadline:
                names = ", ".join(p.name for p in pending)
                raise StackError(
                    f"{names} did not answer within {timeout:.0f} s; "
                    f"see the logs in {self.config.log_dir}"
                )
            time.sleep(0.5)

    @staticmethod
    def _death_note(process: _Process) -> str:
        tail = process.log.read_text(errors="replace").splitlines()[-15:]
        return (
            f"{process.name} exited with code {process.popen.returncode}; "
            f"last lines of {process.log}:\n" + "\n".join(tail)
        )


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


def _signal_group(popen: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    if popen.poll() is not None:
        return
    try:
        os.killpg(popen.pid, sig)
    except ProcessLookupError:
        pass


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def throwaway_postgres(server_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database on ``server_url``'s server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    name = f"empathy_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield str(url.set(database=name))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def throwaway_stack(
    *,
    model: Path,
    database_url: str,
    work_dir: Path,
    tracker_url: str | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> Stack:
    """A stack on free loopback ports: migrated database, demo users, files in
    ``work_dir``; Rasa's tracker store in a SQLite file there unless
    ``tracker_url`` names one. Used by the stack tests, ``make bench`` and
    ``make load``; not started yet."""
    return Stack(
        prepared_config(
            model=model,
            database_url=database_url,
            work_dir=work_dir,
            tracker_url=tracker_url,
            extra_env=extra_env,
        )
    )


def prepared_config(
    *,
    model: Path,
    database_url: str,
    work_dir: Path,
    tracker_url: str | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> StackConfig:
    """Ports, files and environment of a throwaway stack, its database migrated
    and the demo users created."""
    from trainer_api.provisioning import migrate, seed_demo
    from trainer_api.settings import Settings

    settings = Settings(environment="test", database_url=database_url)
    migrate(settings)
    seed_demo(settings)
    return StackConfig(
        model=model,
        database_url=database_url,
        tracker_url=tracker_url or f"sqlite:///{work_dir / 'tracker.db'}",
        log_dir=work_dir / "logs",
        web_port=free_port(),
        rasa_port=free_port(),
        action_port=free_port(),
        extra_env={"EMPATHY_ENV": "test", **(extra_env or {})},
    )
