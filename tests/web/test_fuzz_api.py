"""Generated requests against the app's own OpenAPI description (Schemathesis).

A throwaway trainer_api (no Rasa) is fuzzed as each identity: anonymous, a
learner and a trainer. Every answer must be no server error, must match the
response model the route declares, and must have a declared status and
content type. The run is bounded in examples and time and uses a fixed seed,
so a failure reproduces.

Schemathesis runs from its own virtualenv (``.venv-fuzz``, made by
``make setup-fuzz`` from ``tests/fuzz/requirements.lock``): its current
releases need newer libraries than Rasa 3.6 allows in the product's venv.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import BACKENDS
from tests.web.conftest import LiveServer
from trainer_api.edge.auth import COOKIE_NAME
from trainer_api.settings import PROJECT_ROOT

SCHEMATHESIS = PROJECT_ROOT / ".venv-fuzz" / "bin" / "st"
CHECKS = ",".join(
    (
        "not_a_server_error",
        "response_schema_conformance",
        "status_code_conformance",
        "content_type_conformance",
    )
)
# Per identity: examples per operation and a time budget (seconds).
MAX_EXAMPLES = 40
MAX_SECONDS = 30

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.skipif(
        not SCHEMATHESIS.exists(),
        reason="Schemathesis is not installed: run `make setup-fuzz`",
    ),
]


@pytest.mark.parametrize("identity", ["anonymous", "learner", "trainer"])
def test_generated_requests_get_no_server_error(
    live_server: LiveServer, identity: str, tmp_path: Path
) -> None:
    if BACKENDS[-1] not in live_server.settings.database_url:
        pytest.skip("fuzzed once, on the production database when there is one")
    command = [
        str(SCHEMATHESIS),
        "run",
        f"{live_server.url}/openapi.json",
        "--checks",
        CHECKS,
        "--max-examples",
        str(MAX_EXAMPLES),
        "--max-time",
        str(MAX_SECONDS),
        "--seed",
        "20261201",
        "--workers",
        "1",
        "--request-timeout",
        "10",
        "--generation-database",
        "none",
        "--no-color",
        "--suppress-health-check",
        "all",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
        # its 503 is the answer when a part is down (here the bot is absent);
        # tests/web/test_health.py covers it
        "--exclude-path",
        "/api/health",
    ]
    if identity != "anonymous":
        token = live_server.login(identity)
        command += ["-H", f"Cookie: {COOKIE_NAME}={token}"]
        command += ["--exclude-path", "/api/logout"]
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=MAX_SECONDS * 4
    )
    (tmp_path / "schemathesis.txt").write_text(run.stdout + run.stderr)
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
