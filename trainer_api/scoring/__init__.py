"""Transparent rule-based empathy scoring of learner replies.

``score_reply(reply, customer_message, context)`` returns a :class:`ScoreResult`
with a 0-100 score, a band, a 0/1/2 level for each rubric dimension, penalties,
evidence spans into the reply and one or two tips. The formula is documented in
:mod:`trainer_api.scoring.scorer`; the rubric is ``shared/design/RUBRIC.md``.
"""

from .result import DIMENSIONS, PENALTIES, SCORER_VERSION, Evidence, ScoreResult
from .scorer import score_reply

__all__ = [
    "DIMENSIONS",
    "PENALTIES",
    "SCORER_VERSION",
    "Evidence",
    "ScoreResult",
    "score_reply",
]
