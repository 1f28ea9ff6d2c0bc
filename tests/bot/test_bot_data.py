"""The Rasa project itself: training data and domain agree (rasa data validate)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from trainer_api.stack import BOT_DIR


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
