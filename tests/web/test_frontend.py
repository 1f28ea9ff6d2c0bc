"""The pages' JavaScript: its unit tests, its bundles, and its picture of the server.

The sources are in trainer_api/web/src; `make setup` installs the npm packages
and builds the bundles the pages load (trainer_api/web/static/dist).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from trainer_api.edge.app import create_app
from trainer_api.edge.client_config import client_config
from trainer_api.settings import PROJECT_ROOT, Settings

WEB = PROJECT_ROOT / "trainer_api" / "web"
PAGES = sorted((WEB / "pages").glob("*.html"))
SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"")


@pytest.mark.slow
def test_the_javascript_unit_tests_pass() -> None:
    npm = shutil.which("npm")
    assert npm, "npm is not installed"
    assert (
        PROJECT_ROOT / "node_modules" / ".bin" / "vitest"
    ).exists(), "the npm packages are missing: run `make setup`"
    result = subprocess.run(
        [npm, "test", "--silent", "--", "--reporter=dot"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CI": "true", "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_the_recorded_configuration_is_the_servers() -> None:
    """The unit tests run on tests/js/config.json: it must be what the server says."""
    recorded = json.loads((PROJECT_ROOT / "tests" / "js" / "config.json").read_text())
    assert recorded == client_config(
        Settings()
    ), "GET /api/config changed: update tests/js/config.json (and the pages if needed)"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_each_page_loads_its_built_bundle(page: Path, settings: Settings) -> None:
    scripts = SCRIPT.findall(page.read_text())
    assert scripts == [f"/static/dist/{page.stem}.js"]
    with TestClient(create_app(settings)) as client:
        bundle = client.get(scripts[0])
        assert bundle.status_code == 200, "the bundles are not built: run `make setup`"
        assert "javascript" in bundle.headers["content-type"]
        assert bundle.text.rstrip().endswith(f"//# sourceMappingURL={page.stem}.js.map")
        assert client.get(f"{scripts[0]}.map").status_code == 200
