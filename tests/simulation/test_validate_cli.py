"""`empathy-trainer validate-scenarios`: exit codes and messages a trainer can use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trainer_api.cli import main
from trainer_api.settings import PROJECT_ROOT

FLIGHT = PROJECT_ROOT / "scenarios" / "flight_delay.yml"


def test_the_shipped_library_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate-scenarios", str(PROJECT_ROOT / "scenarios")]) == 0
    assert capsys.readouterr().out.count("ok: ") >= 8


def test_one_broken_file_fails_the_run_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(FLIGHT, tmp_path / "flight_delay.yml")
    broken = FLIGHT.read_text().replace("escalate_at:", "escalate_after:", 1)
    (tmp_path / "broken.yml").write_text(
        broken.replace("id: flight_delay", "id: broken")
    )
    assert main(["validate-scenarios", str(tmp_path)]) == 1
    output = capsys.readouterr()
    assert "ok: " in output.out
    line = next(
        n for n, text in enumerate(broken.splitlines(), 1) if "escalate_after" in text
    )
    assert f"broken.yml:{line}: mood.escalate_after: unknown key" in output.err


def test_an_empty_folder_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate-scenarios", str(tmp_path)]) == 1
    assert "no scenario files" in capsys.readouterr().err
