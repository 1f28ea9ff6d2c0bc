"""Learner moves, the customer reactions they provoke, and their default effects."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from trainer_api.i18n import N_

# move -> (reaction, default anger change, default trust change)
_MOVES: dict[str, tuple[str, int, int]] = {
    "greet": ("greeting", 0, 1),
    "small_talk": ("greeting", 3, -1),
    "acknowledge_feelings": ("empathy", -8, 5),
    "validate": ("empathy", -7, 4),
    "apologize": ("apology", -5, 3),
    "take_ownership": ("ownership", -8, 6),
    "ask_open_question": ("question", -3, 3),
    "ask_closed_question": ("question", -1, 1),
    "explain": ("explanation", -2, 2),
    "offer_solution": ("solution", -10, 8),
    "offer_compensation": ("compensation", -6, 4),
    "set_expectation": ("expectation", -5, 4),
    "cite_policy": ("policy", 14, -8),
    "blame_customer": ("blame", 18, -12),
    "dismiss": ("dismissal", 16, -10),
    "transfer_or_escalate": ("handoff", 6, -4),
    "close_conversation": ("closing", 8, -4),
    "out_of_scope": ("unclear", 4, -2),
    "unclear": ("unclear", 4, -2),
}

HOSTILE_MOVES: frozenset[str] = frozenset({"cite_policy", "blame_customer", "dismiss"})
"""Moves that anger even a customer whose every need is met."""

UNCLEAR = "unclear"
"""A reply the customer could not follow: no move the NLU was sure of."""

LEARNER_MOVES: tuple[str, ...] = tuple(_MOVES)
"""Every learner move; ``unclear`` is a reply the customer could not follow."""

INTENT_MOVES: tuple[str, ...] = tuple(move for move in _MOVES if move != UNCLEAR)
"""The moves the bot's NLU names: each is an intent of bot/domain.yml, and a
reply making two moves is one combined intent, ``a+b``
(tests/bot/test_move_names.py keeps the bot's data in step with this list)."""

INTENT_SEPARATOR = "+"
"""Joins the moves of a combined intent (the tokenizer's ``intent_split_symbol``)."""


def moves_of_intent(intent: str) -> tuple[str, ...]:
    """The moves an NLU intent names: ``a+b`` makes both ``a`` and ``b``.

    Parts that name no move are dropped; an intent naming none (Rasa's
    ``nlu_fallback``, a control) is the ``unclear`` move.
    """
    moves = [part for part in intent.split(INTENT_SEPARATOR) if part in INTENT_MOVES]
    return tuple(moves) or (UNCLEAR,)


NLU_LANGUAGES = ("en", "fr")
"""The languages the bot's NLU is trained on; a reply in another language
(the scorer names it) is heard through its score instead: :func:`moves_of_score`."""

_PENALTY_MOVES = (
    ("blame", "blame_customer"),
    ("dismissal", "dismiss"),
    ("hostility", "dismiss"),
    ("policy_wall", "cite_policy"),
)


def _level(dimensions: Mapping[str, object], name: str) -> int:
    """A rubric level from a score's ``dimensions`` (anything else counts as 0)."""
    value = dimensions.get(name, 0)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def moves_of_score(
    dimensions: Mapping[str, object], penalties: Sequence[str]
) -> tuple[str, ...]:
    """The moves a scored reply shows, for a reply the NLU cannot read.

    The scorer and the bot's NLU read English and French; for a reply in
    another language (when the scorer scores it at all), what the scorer
    found stands in for the intent: a penalty for its
    move (blame, dismissal or hostility, policy), warmth or understanding for
    acknowledging feelings, ownership for an apology (level 1) or taking
    ownership (level 2), a concrete fix (resolution 2) for a solution, and
    exploration for an open question. Nothing found is ``unclear``.
    """

    found = [move for penalty, move in _PENALTY_MOVES if penalty in penalties]
    warmth = ("emotional_reaction", "interpretation")
    if max(_level(dimensions, name) for name in warmth) >= 1:
        found.append("acknowledge_feelings")
    ownership = _level(dimensions, "ownership")
    if ownership >= 1:
        found.append("take_ownership" if ownership == 2 else "apologize")
    if _level(dimensions, "resolution") == 2:
        found.append("offer_solution")
    if _level(dimensions, "exploration") >= 1:
        found.append("ask_open_question")
    return tuple(dict.fromkeys(found)) or (UNCLEAR,)


OFFER_MOVES: frozenset[str] = frozenset({"offer_solution", "offer_compensation"})
"""Moves the customer can take up: they count only where the rubric finds some
resolution in the reply."""
HOSTILE_SCORE = 50
"""A hostile move the scorer found no penalty for is heard only in a reply it
rates under this and finds nothing warm or useful in."""


def confirmed_moves(
    moves: Sequence[str],
    dimensions: Mapping[str, object],
    penalties: Sequence[str],
    score: int | None,
) -> tuple[str, ...]:
    """What the customer acts on: the NLU's moves, checked by the scorer's reading.

    Two readers of the same reply, each wrong in its own way, are asked
    about the moves where the other catches the first's mistakes (measured
    per move on the reply pools written outside the NLU data,
    ``python -m tools.nlu_outside``):

    * an offer (``OFFER_MOVES``) counts only where the rubric finds some
      resolution; one it finds only vague (resolution 1: "we'll sort it",
      "I'll put a note on") is heard as a promise of what happens next
      (``set_expectation``), not as a fix the customer can accept;
    * blame, dismissal or policy count only where the scorer found a
      penalty, or scored the reply under ``HOSTILE_SCORE`` and found nothing
      warm or useful in it (every dimension 0): a terse but caring reply
      ("ok, 4pm, got it, no troubleshooting, let me find you a way") is not
      heard as a brush-off because the NLU read it so;
    * every other move (an acknowledgement, an apology, an explanation, a
      question) counts as the NLU heard it: requiring the rubric's support
      made the customer "not follow" warm replies said without a feeling
      word ("I can tell how much is riding on this one"), and on the pools
      lost more right moves than it removed wrong ones.

    When nothing the NLU heard holds, or it heard nothing it knows
    (``unclear``: often a reply worded unlike its training data), the reply
    is heard through its score (:func:`moves_of_score`); a reply the scorer
    finds nothing in either stays ``unclear``.
    """

    resolution = _level(dimensions, "resolution")
    found_nothing = all(_level(dimensions, name) == 0 for name in dimensions)

    def shown(move: str) -> bool:
        if move in HOSTILE_MOVES:
            return (
                bool(penalties)
                or score is None
                or (score < HOSTILE_SCORE and found_nothing)
            )
        if move in OFFER_MOVES:
            return resolution >= 1
        return True

    vague = resolution == 1
    kept = tuple(
        dict.fromkeys(
            "set_expectation" if move == "offer_solution" and vague else move
            for move in moves
            if move != UNCLEAR and shown(move)
        )
    )
    return kept or moves_of_score(dimensions, penalties)


REACTION_OF = MappingProxyType({move: spec[0] for move, spec in _MOVES.items()})
DEFAULT_EFFECTS = MappingProxyType(
    {move: (spec[1], spec[2]) for move, spec in _MOVES.items()}
)

REACTIONS: tuple[str, ...] = (
    "blame",
    "dismissal",
    "policy",
    "solution",
    "compensation",
    "ownership",
    "empathy",
    "apology",
    "expectation",
    "explanation",
    "question",
    "handoff",
    "closing",
    "greeting",
    "unclear",
)
"""Customer reactions, most important first: when one reply makes several
moves, the customer reacts to the first of them in this order."""

ENDINGS: tuple[str, ...] = ("nudge", "escalate", "resolved", "leave")

PATIENCE = MappingProxyType({"low": 1.5, "medium": 1.0, "high": 0.7})
"""How much a persona's anger rises are multiplied by."""

MOVE_LABELS = MappingProxyType(
    {
        "greet": N_("greeted the customer"),
        "small_talk": N_("made small talk"),
        "acknowledge_feelings": N_("acknowledged how the customer feels"),
        "validate": N_("said the customer's feelings are reasonable"),
        "apologize": N_("apologised"),
        "take_ownership": N_("took ownership of the problem"),
        "ask_open_question": N_("invited the customer to say more"),
        "ask_closed_question": N_("asked for a detail"),
        "explain": N_("explained what happened"),
        "offer_solution": N_("offered a concrete solution"),
        "offer_compensation": N_("offered compensation"),
        "set_expectation": N_("set a clear expectation"),
        "cite_policy": N_("cited policy"),
        "blame_customer": N_("blamed the customer"),
        "dismiss": N_("dismissed the customer's feelings"),
        "transfer_or_escalate": N_("handed the customer on"),
        "close_conversation": N_("tried to close the conversation"),
        "out_of_scope": N_("said something beside the point"),
        "unclear": N_("the customer could not follow the reply"),
    }
)
