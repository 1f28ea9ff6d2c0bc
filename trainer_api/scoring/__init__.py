"""Empathy scoring of learner replies: a learned model explained by rule evidence.

``score_reply(reply, customer_message, context)`` returns a :class:`ScoreResult`
with a 0-100 score, a band, a 0/1/2 level for each rubric dimension, penalties,
evidence spans into the reply and one or two tips (plus the closest model answer
when the reply scores low). Levels and penalties come from the classifiers in
:mod:`trainer_api.scoring.model` (``model-1``), the evidence from the rule
extractors in :mod:`trainer_api.scoring.extractors`; :mod:`.judgement` says how
the two are reconciled. The formula is documented in
:mod:`trainer_api.scoring.scorer`; the rubric is ``shared/design/RUBRIC.md``.
"""

from .result import DIMENSIONS, PENALTIES, SCORER_VERSION, Evidence, ScoreResult
from .scorer import score_reply, warm_up

__all__ = [
    "DIMENSIONS",
    "PENALTIES",
    "SCORER_VERSION",
    "Evidence",
    "ScoreResult",
    "score_reply",
    "warm_up",
]
