"""Result types returned by the scorer, with their JSON-ready form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Version of the default scorer (the learned model); the rule baseline has its own.
SCORER_VERSION = "model-2"
MODEL1_VERSION = "model-1"
RULES_VERSION = "rules-1"
UNSCORED = "unscored"
"""The band of a reply the scorer could not read (a language it does not support)."""

DIMENSIONS: tuple[str, ...] = (
    "emotional_reaction",
    "interpretation",
    "exploration",
    "ownership",
    "resolution",
)
PENALTIES: tuple[str, ...] = ("blame", "dismissal", "policy_wall", "hostility")

# Points for a dimension at level 2 (level 1 earns half); points a penalty costs.
DIMENSION_LABELS = {
    "emotional_reaction": "Emotional reaction",
    "interpretation": "Interpretation",
    "exploration": "Exploration",
    "ownership": "Ownership",
    "resolution": "Resolution",
}
DIMENSION_LABELS_FR = {
    "emotional_reaction": "Réaction émotionnelle",
    "interpretation": "Interprétation",
    "exploration": "Exploration",
    "ownership": "Prise en charge",
    "resolution": "Résolution",
}
DIMENSION_WEIGHTS: dict[str, int] = {
    "emotional_reaction": 25,
    "interpretation": 20,
    "exploration": 15,
    "ownership": 15,
    "resolution": 25,
}
PENALTY_WEIGHTS: dict[str, int] = {
    "blame": 25,
    "dismissal": 25,
    "policy_wall": 25,
    "hostility": 35,
}


def band_for(score: int) -> str:
    """Band name for a 0-100 score: poor <40, developing <60, good <80, excellent."""
    if score < 40:
        return "poor"
    if score < 60:
        return "developing"
    if score < 80:
        return "good"
    return "excellent"


@dataclass(frozen=True)
class Evidence:
    """A span of the learner's reply that earned (+) or cost (-) points.

    ``dimension`` is a dimension name, or a penalty name for penalty evidence.
    ``start``/``end`` index the original reply, so ``reply[start:end] == text``.
    """

    dimension: str
    start: int
    end: int
    text: str
    effect: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "dimension": self.dimension,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "effect": self.effect,
        }


@dataclass(frozen=True)
class ScoreResult:
    """The empathy score of one learner reply and the reasons for it."""

    score: int
    band: str
    dimensions: dict[str, int]
    penalties: list[str]
    evidence: list[Evidence] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    scorer_version: str = SCORER_VERSION
    language: str = "en"
    moment: str = ""

    @property
    def scored(self) -> bool:
        return self.band != UNSCORED

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, in the shape described in RUBRIC.md."""
        return {
            "language": self.language,
            "moment": self.moment,
            "score": self.score,
            "band": self.band,
            "dimensions": dict(self.dimensions),
            "penalties": list(self.penalties),
            "evidence": [item.to_dict() for item in self.evidence],
            "feedback": list(self.feedback),
            "scorer_version": self.scorer_version,
        }
