"""docker-compose.yml is a valid description of the scaled-out deployment."""

from __future__ import annotations

import os
import shutil
import subprocess

import yaml

from tools import balancer
from tools.scaled_stack import haproxy_binary
from trainer_api.settings import PROJECT_ROOT


def compose_command() -> list[str]:
    docker = shutil.which("docker")
    if (
        docker
        and subprocess.run(
            [docker, "compose", "version"], capture_output=True, check=False
        ).returncode
        == 0
    ):
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    assert legacy, "no compose client: run `make system-deps`"
    return [legacy]


def compose_config(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*compose_command(), "-f", "docker-compose.yml", "config"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": os.environ["PATH"], **environment},
    )


def test_compose_file_is_valid_and_complete() -> None:
    result = compose_config({"POSTGRES_PASSWORD": "a-long-deployment-secret"})
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    services = config["services"]
    assert set(services) == {
        "postgres",
        "redis",
        "balancer",
        "internal-balancer",
        "migrate",
        "rasa",
        "actions",
        "trainer_api",
    }
    assert all(
        "healthcheck" in service
        for name, service in services.items()
        if name != "migrate"  # runs once and exits
    )
    published = {name for name, s in services.items() if s.get("ports")}
    assert published == {"balancer"}, "only the balancer faces the network"
    assert services["rasa"]["environment"]["RASA_TELEMETRY_ENABLED"] == "false"


def test_there_is_no_default_database_password() -> None:
    result = compose_config({})
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr


def test_only_the_balancer_and_trainer_api_have_a_way_out() -> None:
    result = compose_config({"POSTGRES_PASSWORD": "a-long-deployment-secret"})
    config = yaml.safe_load(result.stdout)
    assert config["networks"]["internal"]["internal"] is True
    for name, service in config["services"].items():
        networks = set(service["networks"])
        way_out = name in ("trainer_api", "balancer")  # not internal-balancer
        expected = {"internal", "public"} if way_out else {"internal"}
        assert networks == expected, name
    healthcheck = " ".join(config["services"]["rasa"]["healthcheck"]["test"])
    assert "/webhooks/learner/" in healthcheck


def test_every_process_runs_as_replicas_behind_the_balancer() -> None:
    result = compose_config({"POSTGRES_PASSWORD": "a-long-deployment-secret"})
    services = yaml.safe_load(result.stdout)["services"]
    for name in ("trainer_api", "rasa", "actions"):
        assert (
            services[name]["deploy"]["replicas"] == balancer.REPLICAS
        ), f"{name}: the balancers keep {balancer.REPLICAS} slots"
    assert "--proxy-headers" in services["trainer_api"]["command"]
    environment = services["trainer_api"]["environment"]
    assert environment["EMPATHY_RASA_URL"] == "http://internal-balancer:5005"
    assert environment["EMPATHY_ACTION_URL"] == (
        "http://internal-balancer:5055/webhook"
    )
    assert environment["EMPATHY_REDIS_URL"].startswith("redis://")
    assert "endpoints-scaled.yml" in services["rasa"]["command"]
    assert (
        "migrate" not in services["trainer_api"]["command"]
    ), "replicas must not race to migrate: the migrate service does it once"


def test_the_balancer_configurations_are_the_rendered_ones() -> None:
    """deploy/haproxy-*.cfg are what tools/balancer.py renders (edit it there)."""
    for name, text in balancer.compose_configs().items():
        assert (balancer.DEPLOY_DIR / name).read_text(encoding="utf-8") == text, name


def test_the_balancer_configurations_are_valid_haproxy() -> None:
    for name in balancer.compose_configs():
        result = subprocess.run(
            [haproxy_binary(), "-c", "-f", str(balancer.DEPLOY_DIR / name)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, (name, result.stderr)


def test_the_bots_ports_are_only_on_the_internal_network() -> None:
    result = compose_config({"POSTGRES_PASSWORD": "a-long-deployment-secret"})
    services = yaml.safe_load(result.stdout)["services"]
    assert set(services["internal-balancer"]["networks"]) == {"internal"}
    public = balancer.compose_configs()["haproxy-public.cfg"]
    assert "5005" not in public and "5055" not in public
