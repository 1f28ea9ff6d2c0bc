"""The Rasa project itself: training data and domain agree (rasa data validate)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tools.bot_model import ensure_model
from tools.stack import BOT_DIR


def test_rasa_data_validate_passes_without_warnings() -> None:
    rasa = Path(sys.executable).parent / "rasa"
    result = subprocess.run(
        [str(rasa), "data", "validate", "--fail-on-warnings"],
        cwd=BOT_DIR,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_story_tests_pass_on_the_trained_model(tmp_path: Path) -> None:
    """`rasa test core --fail-on-prediction-errors` over bot/tests/."""
    model, _ = ensure_model()
    rasa = Path(sys.executable).parent / "rasa"
    result = subprocess.run(
        [
            str(rasa),
            "test",
            "core",
            "--model",
            str(model),
            "--stories",
            "tests/test_stories.yml",
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path),
        ],
        cwd=BOT_DIR,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text() if failed.is_file() else result.stderr[-3000:]
    assert result.returncode == 0, detail
