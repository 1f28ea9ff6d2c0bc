"""docker-compose.yml is a valid description of the scaled-out deployment."""

from __future__ import annotations

import os
import shutil
import subprocess

import yaml

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
    assert set(services) == {"postgres", "redis", "rasa", "actions", "trainer_api"}
    assert all("healthcheck" in service for service in services.values())
    published = {name for name, s in services.items() if s.get("ports")}
    assert published == {"trainer_api"}, "only trainer_api faces the network"
    assert services["rasa"]["environment"]["RASA_TELEMETRY_ENABLED"] == "false"


def test_there_is_no_default_database_password() -> None:
    result = compose_config({})
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr


def test_only_trainer_api_is_on_a_network_with_a_way_out() -> None:
    result = compose_config({"POSTGRES_PASSWORD": "a-long-deployment-secret"})
    config = yaml.safe_load(result.stdout)
    assert config["networks"]["internal"]["internal"] is True
    for name, service in config["services"].items():
        networks = set(service["networks"])
        expected = {"internal", "public"} if name == "trainer_api" else {"internal"}
        assert networks == expected, name
    healthcheck = " ".join(config["services"]["rasa"]["healthcheck"]["test"])
    assert "/webhooks/learner/" in healthcheck
