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

``haproxy_config`` renders the file; ``deploy/haproxy-public.cfg`` and
``deploy/haproxy-internal.cfg`` are its renderings for docker-compose (replicas
found through Docker's DNS; ``python -m tools.balancer`` writes them), checked
by the tests to stay in step.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from trainer_api.adapters.rasa_client import CHANNEL_PATH
from trainer_api.settings import PROJECT_ROOT

DEPLOY_DIR = PROJECT_ROOT / "deploy"


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
    web: Pool | None,
    rasa: Pool | None,
    actions: Pool | None,
    *,
    cookie_key: str = "",
    stats_socket: str = "",
) -> str:
    """HAProxy's configuration for these replicas (a front end per pool given)."""
    pools = [pool for pool in (web, rasa, actions) if pool is not None]
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
        # a request's headers must arrive promptly (slow clients hold nothing)
        "    timeout http-request 10s",
        # a customer's answer can take Rasa's timeout (30 s) twice over
        "    timeout client 90s",
        "    timeout server 90s",
        # an open WebSocket lives as long as the learner's chat page
        "    timeout tunnel 2h",
        "    retries 2",
        "    option redispatch",
        "",
    ]
    if any(pool.dns_name for pool in pools):
        lines += [
            "resolvers docker",
            "    nameserver dns 127.0.0.11:53",
            "    hold valid 5s",
            "",
        ]
    if web is not None:
        lines += [
            "frontend web",
            f"    bind {web.bind}",
            "    default_backend trainer_api",
            "",
            "backend trainer_api",
            "    balance roundrobin",
            "    cookie EMPATHY_NODE insert indirect nocache httponly dynamic",
            f"    dynamic-cookie-key {cookie_key}",
            # the browser's address, for the login throttle per address
            "    option forwardfor",
            "    option httpchk GET /healthz",
            *web.server_lines("web", checks),
            "",
        ]
    if rasa is not None:
        lines += [
            "frontend rasa",
            f"    bind {rasa.bind}",
            "    default_backend rasa",
            "",
            "backend rasa",
            "    balance roundrobin",
            f"    option httpchk GET {CHANNEL_PATH}/",
            *rasa.server_lines("rasa", checks),
            "",
        ]
    if actions is not None:
        lines += [
            "frontend actions",
            f"    bind {actions.bind}",
            "    default_backend actions",
            "",
            "backend actions",
            "    balance roundrobin",
            "    option httpchk GET /health",
            *actions.server_lines("actions", checks),
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


REPLICAS = 2
"""Replicas per process in docker-compose.yml (its ``deploy.replicas``)."""


def compose_configs() -> dict[str, str]:
    """The two balancers docker-compose mounts, by file name: the public one
    (browsers to trainer_api), on the network with a published port, and the
    internal one (trainer_api to Rasa, Rasa to the action servers), on the
    internal network only, so the bot's ports are never reachable from outside.
    """
    return {
        "haproxy-public.cfg": haproxy_config(
            Pool(bind=":8000", dns_name="trainer_api", port=8000, replicas=REPLICAS),
            None,
            None,
            # names the replica in a cookie, not a secret: it only spreads the hash
            cookie_key="empathy-trainer",
        ),
        "haproxy-internal.cfg": haproxy_config(
            None,
            Pool(bind=":5005", dns_name="rasa", port=5005, replicas=REPLICAS),
            Pool(bind=":5055", dns_name="actions", port=5055, replicas=REPLICAS),
        ),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write deploy/haproxy-*.cfg")
    parser.parse_args(argv)
    DEPLOY_DIR.mkdir(exist_ok=True)
    for name, text in compose_configs().items():
        (DEPLOY_DIR / name).write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote deploy/{name}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
