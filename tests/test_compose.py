"""docker-compose.yml is a valid description of the scaled-out deployment."""

from __future__ import annotations

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


def test_compose_file_is_valid_and_complete() -> None:
    result = subprocess.run(
        [*compose_command(), "-f", "docker-compose.yml", "config"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    services = config["services"]
    assert set(services) == {"postgres", "redis", "rasa", "actions", "trainer_api"}
    assert all("healthcheck" in service for service in services.values())
    published = {name for name, s in services.items() if s.get("ports")}
    assert published == {"trainer_api"}, "only trainer_api faces the network"
    assert services["rasa"]["environment"]["RASA_TELEMETRY_ENABLED"] == "false"
