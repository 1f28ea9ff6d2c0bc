"""The product scaled out on this machine: replicas of every process behind HAProxy.

Two (or more) action servers, Rasa servers and trainer_api processes, each on
its own loopback port, behind one HAProxy (``tools/balancer.py``) whose three
front ends take the ports of a single-process stack: the public one for
browsers, one for Rasa and one for the action servers. The replicas share
PostgreSQL (trainer_api's database and Rasa's tracker store) and Redis
(Socket.IO's fan-out between trainer_api processes, their per-conversation
turn lock, and Rasa's lock store). The scale-out test runs it; docker-compose
describes the same shape with containers.
"""

from __future__ import annotations

import csv
import shutil
import socket
import time
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from tools.balancer import Pool, haproxy_config
from tools.stack import (
    Stack,
    StackConfig,
    StackError,
    actions_command,
    free_port,
    prepared_config,
    rasa_command,
    web_command,
)
from trainer_api.adapters.rasa_client import CHANNEL_PATH

SCALED_ENDPOINTS = "endpoints-scaled.yml"


class ScaledStack(Stack):
    """``replicas`` of each process and the balancer in front of them."""

    def __init__(self, config: StackConfig, *, redis_url: str, replicas: int = 2):
        super().__init__(config)
        self.redis_url = redis_url
        self.replicas = replicas
        self.ports = {
            kind: [free_port() for _ in range(replicas)]
            for kind in ("actions", "rasa", "trainer_api")
        }
        self.stats_socket = config.log_dir.parent / "haproxy.sock"

    def start(self, *, timeout: float = 300.0) -> None:
        config = self.config
        config.log_dir.mkdir(parents=True, exist_ok=True)
        env = {**self._environment(), **self._shared_services()}
        for n, port in enumerate(self.ports["actions"], start=1):
            self._spawn(
                f"actions{n}",
                actions_command(port),
                env,
                f"http://127.0.0.1:{port}/health",
            )
        for n, port in enumerate(self.ports["rasa"], start=1):
            self._spawn(
                f"rasa{n}",
                rasa_command(config.model, port, SCALED_ENDPOINTS),
                env,
                f"http://127.0.0.1:{port}{CHANNEL_PATH}/",
            )
        for n, port in enumerate(self.ports["trainer_api"], start=1):
            self._spawn(
                f"trainer_api{n}",
                web_command("127.0.0.1", port),
                env,
                f"http://127.0.0.1:{port}/healthz",
            )
        balancer_config = config.log_dir.parent / "haproxy.cfg"
        balancer_config.write_text(self.balancer_config(), encoding="utf-8")
        self._spawn(
            "balancer",
            [haproxy_binary(), "-db", "-f", str(balancer_config)],
            env,
            f"{config.web_url}/healthz",
        )
        self.wait_healthy(timeout)
        self.wait_balanced(timeout=30)

    def wait_balanced(self, timeout: float) -> None:
        """Wait until the balancer sees every replica up (its own checks lag
        behind the replicas' health by a few seconds)."""
        deadline = time.monotonic() + timeout
        while True:
            down = [name for name, up in self.states().items() if up != "UP"]
            if not down:
                return
            if time.monotonic() > deadline:
                self.stop()
                raise StackError(f"the balancer still sees {', '.join(down)} down")
            time.sleep(0.5)

    def balancer_config(self) -> str:
        def listed(kind: str) -> list[str]:
            return [f"127.0.0.1:{port}" for port in self.ports[kind]]

        config = self.config
        return haproxy_config(
            Pool(
                bind=f"{config.host}:{config.web_port}", servers=listed("trainer_api")
            ),
            Pool(bind=f"127.0.0.1:{config.rasa_port}", servers=listed("rasa")),
            Pool(bind=f"127.0.0.1:{config.action_port}", servers=listed("actions")),
            cookie_key="empathy-scale-test",
            stats_socket=str(self.stats_socket),
        )

    def replica_url(self, n: int) -> str:
        """trainer_api replica ``n`` (from 1) directly, not through the balancer."""
        return f"http://127.0.0.1:{self.ports['trainer_api'][n - 1]}"

    def served(self) -> dict[str, int]:
        """Requests each replica has been sent by the balancer (``backend/server``)."""
        return {name: int(row["stot"] or 0) for name, row in self._stats().items()}

    def states(self) -> dict[str, str]:
        """Each replica's state as the balancer sees it (UP, DOWN, ...)."""
        return {name: row["status"] for name, row in self._stats().items()}

    def _stats(self) -> dict[str, dict[str, str]]:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as stats:
            stats.connect(str(self.stats_socket))
            stats.sendall(b"show stat\n")
            raw = b""
            while chunk := stats.recv(65536):
                raw += chunk
        lines = raw.decode().lstrip("# ").splitlines()
        return {
            f"{row['pxname']}/{row['svname']}": row
            for row in csv.DictReader(lines)
            if row.get("svname") not in (None, "FRONTEND", "BACKEND")
        }

    def _shared_services(self) -> Mapping[str, str]:
        redis = urlsplit(self.redis_url)
        return {
            "EMPATHY_REDIS_URL": self.redis_url,
            "EMPATHY_LOCK_STORE_HOST": redis.hostname or "127.0.0.1",
            "EMPATHY_LOCK_STORE_PORT": str(redis.port or 6379),
            "EMPATHY_LOCK_STORE_DB": "1",
        }


def haproxy_binary() -> str:
    """Debian's HAProxy (``make system-deps`` installs it)."""
    found = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(found).exists():
        raise FileNotFoundError("HAProxy is missing: run `make system-deps`")
    return found


def throwaway_scaled_stack(
    *,
    model: Path,
    database_url: str,
    tracker_url: str,
    redis_url: str,
    work_dir: Path,
    replicas: int = 2,
) -> ScaledStack:
    """A scaled stack on free loopback ports (as ``throwaway_stack``): migrated
    database, demo users, files in ``work_dir``; not started yet."""
    config = prepared_config(
        model=model,
        database_url=database_url,
        work_dir=work_dir,
        tracker_url=tracker_url,
    )
    return ScaledStack(config, redis_url=redis_url, replicas=replicas)
