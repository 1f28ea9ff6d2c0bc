"""The JSON-lines command line: ``python -m trainer_api.scoring``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_cli(stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "trainer_api.scoring"],
        input=stdin,
        capture_output=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )


def test_scores_each_line_and_reports_malformed_ones() -> None:
    lines = [
        json.dumps({"reply": "I understand, but policy is policy.", "customer": "Hi"}),
        '{"reply": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"customer": "no reply here"}),
        json.dumps({"reply": 42}),
        "",
        json.dumps(
            {
                "reply": "I've rebooked you on the 18:40.",
                "customer": "My flight was cancelled.",
                "context": {"previous_replies": ["I've rebooked you on the 18:40"]},
            }
        ),
    ]
    completed = run_cli(("\n".join(lines) + "\n").encode())

    assert completed.returncode == 0, completed.stderr
    out = [json.loads(line) for line in completed.stdout.decode().splitlines()]
    assert len(out) == 6  # the blank line is skipped
    assert out[0]["penalties"] == ["policy_wall"]
    assert out[0]["scorer_version"] == "model-2"
    assert out[1]["error"].startswith("line 2: invalid JSON")
    assert out[2] == {"error": "line 3: expected a JSON object"}
    assert out[3] == {"error": 'line 4: missing "reply"'}
    assert out[4] == {"error": 'line 5: "reply" must be a string'}
    assert out[5]["dimensions"]["resolution"] == 2
    assert "same reply" in out[5]["feedback"][0]


def test_invalid_utf8_is_a_malformed_line_not_a_crash() -> None:
    stdin = (
        b'{"reply": "\xff\xfe"}\n' + json.dumps({"reply": "Anything else?"}).encode()
    )
    completed = run_cli(stdin)

    assert completed.returncode == 0, completed.stderr
    first, second = (json.loads(x) for x in completed.stdout.decode().splitlines())
    assert first["error"].startswith("line 1: not valid UTF-8")
    assert second["dimensions"]["exploration"] == 1


def test_empty_input_writes_nothing() -> None:
    completed = run_cli(b"")

    assert completed.returncode == 0
    assert completed.stdout == b""
