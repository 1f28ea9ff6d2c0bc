"""What the pages need to know from the server: limits, labels and patterns.

The browser copies none of these: it reads them from ``GET /api/config``, so a
changed limit or a new rubric label reaches every page at once.
"""

from __future__ import annotations

from typing import Any

from trainer_api import i18n
from trainer_api.i18n import N_
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
from trainer_api.usecases.comments import MAX_COMMENT_CHARS

PENALTY_LABELS = {
    "blame": N_("Blame"),
    "dismissal": N_("Dismissal"),
    "policy_wall": N_("Policy wall"),
    "hostility": N_("Hostility"),
}
# The rubric's dimensions as the pages name them (scoring.result keeps the
# English labels of the scores it returns).
_DIMENSION_NAMES = (
    N_("Emotional reaction"),
    N_("Interpretation"),
    N_("Exploration"),
    N_("Ownership"),
    N_("Resolution"),
)
# Score bands, lowest first: a score below ``below`` is in the band.
BANDS = (
    ("unscored", N_("Not scored"), 0),
    ("poor", N_("Poor"), 40),
    ("developing", N_("Developing"), 60),
    ("good", N_("Good"), 80),
    ("excellent", N_("Excellent"), 101),
)
STATUSES = (
    ("active", N_("In progress"), ""),
    ("resolved", N_("Resolved"), N_("Resolved: the customer is satisfied")),
    (
        "escalated",
        N_("Escalated"),
        N_("Escalated: the customer asked for a manager"),
    ),
    ("abandoned", N_("Customer left"), N_("Customer left: they gave up on the call")),
)
# The browser waits this much longer than trainer_api waits for the customer,
# so that a slow customer ends in the server's clear answer, not a browser guess.
ACK_MARGIN_SECONDS = 15


def client_config(
    settings: Settings, locale: str = i18n.DEFAULT_LOCALE
) -> dict[str, Any]:
    """The constants every page reads once at start, labels in ``locale``."""

    def _(text: str) -> str:
        return i18n.gettext(locale, text) if text else text

    return {
        "locale": locale,
        "locales": [
            {"code": code, "label": label} for code, label in i18n.LOCALES.items()
        ],
        "max_reply_chars": settings.max_reply_chars,
        "max_comment_chars": MAX_COMMENT_CHARS,
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
                    "label": _(DIMENSION_LABELS[code]),
                    "points": DIMENSION_WEIGHTS[code],
                }
                for code in DIMENSIONS
            ],
            "penalties": [
                {
                    "code": code,
                    "label": _(PENALTY_LABELS[code]),
                    "points": PENALTY_WEIGHTS[code],
                }
                for code in PENALTIES
            ],
            "bands": [
                {"code": code, "label": _(label), "below": below}
                for code, label, below in BANDS
            ],
        },
        "statuses": [
            {"code": code, "label": _(label), "ending": _(ending)}
            for code, label, ending in STATUSES
        ],
    }
