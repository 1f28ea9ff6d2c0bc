"""What the pages need to know from the server: limits, labels and patterns.

The browser copies none of these: it reads them from ``GET /api/config``, so a
changed limit or a new rubric label reaches every page at once.
"""

from __future__ import annotations

from typing import Any

from trainer_api.scoring.result import (
    DIMENSION_LABELS,
    DIMENSION_WEIGHTS,
    DIMENSIONS,
    PENALTIES,
    PENALTY_WEIGHTS,
)
from trainer_api.settings import Settings
from trainer_api.simulation.scenario import MAX_SCENARIO_BYTES, SCENARIO_ID
from trainer_api.storage.models import ROLES
from trainer_api.storage.passwords import MIN_PASSWORD_LENGTH

PENALTY_LABELS = {
    "blame": "Blame",
    "dismissal": "Dismissal",
    "policy_wall": "Policy wall",
    "hostility": "Hostility",
}
# Score bands, lowest first: a score below ``below`` is in the band.
BANDS = (
    ("unscored", "Not scored", 0),
    ("poor", "Poor", 40),
    ("developing", "Developing", 60),
    ("good", "Good", 80),
    ("excellent", "Excellent", 101),
)
STATUSES = (
    ("active", "In progress", ""),
    ("resolved", "Resolved", "Resolved: the customer is satisfied"),
    ("escalated", "Escalated", "Escalated: the customer asked for a manager"),
    ("abandoned", "Customer left", "Customer left: they gave up on the call"),
)
# The browser waits this much longer than trainer_api waits for the customer,
# so that a slow customer ends in the server's clear answer, not a browser guess.
ACK_MARGIN_SECONDS = 15


def client_config(settings: Settings) -> dict[str, Any]:
    """The constants every page reads once at start."""
    return {
        "max_reply_chars": settings.max_reply_chars,
        "nudge_after_seconds": settings.nudge_after_seconds,
        "ack_timeout_seconds": int(settings.rasa_timeout) + ACK_MARGIN_SECONDS,
        "scenario_id_pattern": SCENARIO_ID.pattern.replace(r"\A", "^").replace(
            r"\Z", "$"
        ),
        "max_scenario_bytes": MAX_SCENARIO_BYTES,
        "min_password_length": MIN_PASSWORD_LENGTH,
        "roles": list(ROLES),
        "rubric": {
            "dimensions": [
                {
                    "code": code,
                    "label": DIMENSION_LABELS[code],
                    "points": DIMENSION_WEIGHTS[code],
                }
                for code in DIMENSIONS
            ],
            "penalties": [
                {
                    "code": code,
                    "label": PENALTY_LABELS[code],
                    "points": PENALTY_WEIGHTS[code],
                }
                for code in PENALTIES
            ],
            "bands": [
                {"code": code, "label": label, "below": below}
                for code, label, below in BANDS
            ],
        },
        "statuses": [
            {"code": code, "label": label, "ending": ending}
            for code, label, ending in STATUSES
        ],
    }
