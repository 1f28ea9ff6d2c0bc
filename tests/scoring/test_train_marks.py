"""Trainers' exported marks join the scorer's next training run."""

from __future__ import annotations

import io
import json
from pathlib import Path

from tools.scorer.corpus import TRAINER_MARKS
from tools.scorer.train import _trainer_marks

LABELS = {
    "emotional_reaction": 2,
    "interpretation": 1,
    "exploration": 0,
    "ownership": 0,
    "resolution": 0,
    "blame": 0,
    "dismissal": 0,
    "policy_wall": 0,
    "hostility": 0,
}


def test_marks_are_added_when_exported(tmp_path: Path) -> None:
    report = io.StringIO()
    assert _trainer_marks(tmp_path, report) == []
    mark = {
        "id": "mark-1",
        "situation": "trainer-marks:flight_delay",
        "customer": "My flight is late.",
        "reply": "That sounds exhausting, I'm so sorry.",
        "labels": LABELS,
    }
    (tmp_path / TRAINER_MARKS).write_text(json.dumps(mark) + "\n", encoding="utf-8")
    added = _trainer_marks(tmp_path, report)
    assert [record.reply for record in added] == [mark["reply"]]
    assert "added 1 trainer-marked replies" in report.getvalue()
