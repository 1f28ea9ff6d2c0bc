"""The load balancer of a scaled-out deployment: HAProxy's configuration.

Three front ends, one per kind of replica:
- ``web``: the learners' and staff's browsers to trainer_api. Sticky: HAProxy
  sets a cookie naming the replica (a dynamic cookie, so it works for replicas
  found by DNS as well as listed ones), so Socket.IO's long-polling fallback
  keeps talking to the process that holds its session; WebSockets stay open
  on the replica that accepted them (``timeout tunnel``).
- ``rasa``: trainer_api to the Rasa servers, round robin. Consecutive turns
  of one conversation go to different servers; they share the tracker store
  (PostgreSQL) and Rasa's Redis lock store, so two servers never handle one
  conversation at once.
- ``actions``: the Rasa servers to the action servers, round robin (the
  action servers keep nothing between calls).

A replica that fails its health check leaves the rotation; a request whose
connection fails is sent to another replica (``retries``, ``redispatch``). A
request that reached a replica is never sent twice: a learner's turn is not
idempotent, and trainer_api answers a lost one by asking the learner to send
it again, under the same message id.

``haproxy_config`` renders the file; ``deploy/haproxy.cfg`` is its rendering
for docker-compose (replicas found through Docker's DNS), checked by the tests
to stay in step.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from trainer_api.adapters.rasa_client import CHANNEL_PATH
from trainer_api.settings import PROJECT_ROOT

COMPOSE_CONFIG = PROJECT_ROOT / "deploy" / "haproxy.cfg"


@dataclass(frozen=True)
class Pool:
    """One kind of replica: where the front end listens, where the replicas are."""

    bind: str
    servers: Sequence[str] = ()
    """``host:port`` of each replica (listed replicas)."""
    dns_name: str = ""
    """A name that resolves to every replica (docker-compose), with ``port``."""
    port: int = 0
    replicas: int = 2
    """How many replicas HAProxy keeps a slot for when found by DNS."""

    def server_lines(self, name: str, options: str) -> list[str]:
        if self.dns_name:
            return [
                f"    server-template {name} {self.replicas} "
                f"{self.dns_name}:{self.port} {options} resolvers docker init-addr none"
            ]
        return [
            f"    server {name}{n} {address} {options}"
            for n, address in enumerate(self.servers, start=1)
        ]


def haproxy_config(
    web: Pool, rasa: Pool, actions: Pool, *, cookie_key: str, stats_socket: str = ""
) -> str:
    """HAProxy's configuration for these replicas."""
    dns = any(pool.dns_name for pool in (web, rasa, actions))
    checks = "check inter 2s fall 2 rise 2"
    lines = [
        "# Rendered by tools/balancer.py; edit there, not here.",
        "global",
        "    maxconn 4096",
        "    log stdout format raw local0",
    ]
    if stats_socket:
        lines.append(f"    stats socket {stats_socket} mode 600 level admin")
    lines += [
        "",
        "defaults",
        "    mode http",
        "    log global",
        "    option httplog",
        "    timeout connect 5s",
        # a customer's answer can take Rasa's timeout (30 s) and more
        "    timeout client 90s",
        "    timeout server 90s",
        # an open WebSocket lives as long as the learner's chat page
        "    timeout tunnel 2h",
        "    retries 2",
        "    option redispatch",
        "",
    ]
    if dns:
        lines += [
            "resolvers docker",
            "    nameserver dns 127.0.0.11:53",
            "    hold valid 5s",
            "",
        ]
    lines += [
        "frontend web",
        f"    bind {web.bind}",
        "    default_backend trainer_api",
        "",
        "backend trainer_api",
        "    balance roundrobin",
        "    cookie EMPATHY_NODE insert indirect nocache httponly dynamic",
        f"    dynamic-cookie-key {cookie_key}",
        "    option httpchk GET /healthz",
        *web.server_lines("web", checks),
        "",
        "frontend rasa",
        f"    bind {rasa.bind}",
        "    default_backend rasa",
        "",
        "backend rasa",
        "    balance roundrobin",
        f"    option httpchk GET {CHANNEL_PATH}/",
        *rasa.server_lines("rasa", checks),
        "",
        "frontend actions",
        f"    bind {actions.bind}",
        "    default_backend actions",
        "",
        "backend actions",
        "    balance roundrobin",
        "    option httpchk GET /health",
        *actions.server_lines("actions", checks),
    ]
    return "\n".join(lines) + "\n"


def compose_config() -> str:
    """The configuration docker-compose mounts (``deploy/haproxy.cfg``)."""
    return haproxy_config(
        Pool(bind=":8000", dns_name="trainer_api", port=8000),
        Pool(bind=":5005", dns_name="rasa", port=5005),
        Pool(bind=":5055", dns_name="actions", port=5055),
        # names the replica in a cookie, not a secret: it only spreads the hash
        cookie_key="empathy-trainer",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write deploy/haproxy.cfg")
    parser.parse_args(argv)
    COMPOSE_CONFIG.parent.mkdir(exist_ok=True)
    COMPOSE_CONFIG.write_text(compose_config(), encoding="utf-8")
    sys.stdout.write(f"wrote {COMPOSE_CONFIG.relative_to(PROJECT_ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
