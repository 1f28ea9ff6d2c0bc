"""Feedback tips for the learner: short, specific, most important first.

Order: a repeated template, then penalties (heaviest first, quoting the
learner's own words), then stock filler, then the dimension that lost the most
points. At most two tips are returned; the scorer may add a third, the closest
model answer (:func:`model_answer_tip`), when a reply scores low.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from .result import DIMENSION_WEIGHTS, DIMENSIONS, PENALTIES, PENALTY_WEIGHTS
from .text import content_words, word_key

MAX_TIPS = 2
_QUOTE_LIMIT = 60
_ANSWER_LIMIT = 240

EMPTY_TIP = (
    "Write a reply before sending: acknowledge how the customer feels and say "
    "what you will do next."
)
NO_WORDS_TIP = (
    "Write your reply in plain words the customer can read: acknowledge how they "
    "feel and say what you will do next."
)
PRAISE_TIP = (
    "Strong reply: you acknowledged their feelings, took ownership and gave a "
    "concrete next step. Keep it this specific in every turn."
)

_DIMENSION_TIPS: dict[tuple[str, int], str] = {
    ("emotional_reaction", 0): (
        "Acknowledge how they feel before you fix anything{mention}, e.g. "
        "\"I'm so sorry, being stuck at the gate for hours with no news sounds "
        'exhausting."'
    ),
    ("emotional_reaction", 1): (
        "Make your sympathy specific{mention}: say what you are sorry about, e.g. "
        "\"I'm really sorry you've missed your connection after such a long wait.\""
    ),
    ("interpretation", 0): (
        "Show you understand: name the feeling or sum up their situation, e.g. "
        "\"So you've been at the gate since six with no update; no wonder you're "
        'frustrated."'
    ),
    ("interpretation", 1): (
        'Say what you understand, not just "I understand": name their feeling or '
        "situation, e.g. \"No wonder you're frustrated after four hours with no "
        'update."'
    ),
    ("exploration", 0): (
        'Ask one open question about what they need, e.g. "Is getting there tonight '
        'the priority, or would a morning flight with a hotel suit you better?"'
    ),
    ("exploration", 1): (
        'Ask about their needs rather than a generic "anything else?", e.g. "What '
        "matters most to you right now: arriving tonight, or a hotel and a morning "
        'flight?"'
    ),
    ("ownership", 0): (
        "Own the company's part, e.g. \"That's our mistake, and I'm going to fix it "
        'now."'
    ),
    ("ownership", 1): (
        "Go beyond a stock apology: say it's on you and that you will fix it, e.g. "
        "\"That's our mistake, and I'll sort it out now.\""
    ),
    ("resolution", 0): (
        "Offer a concrete next step with a time or an option, e.g. \"I've rebooked "
        'you on the 18:40 and emailed your boarding pass."'
    ),
    ("resolution", 1): (
        "Make the next step concrete: say exactly what you will do and by when, e.g. "
        '"I\'ll call you back by 5pm today with the refund confirmed."'
    ),
}


def quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """The learner's words in double quotes, whitespace collapsed, long ones cut."""
    words = " ".join(text.split())
    if len(words) > limit:
        words = words[: limit - 1].rstrip() + "\u2026"
    return f'"{words}"'


def penalty_tip(penalty: str, offending: str, cancelled: str | None = None) -> str:
    """Tip for one penalty, quoting the words that triggered it."""
    said = quote(offending)
    undo = f" and cancels out your {quote(cancelled)}" if cancelled else ""
    if penalty == "blame":
        return (
            f"{said} puts the fault on the customer; skip what they should have "
            "done and say what you will do now, e.g. \"Let's get this sorted: I can "
            'move you to the 18:40 tonight."'
        )
    if penalty == "dismissal" and re.search(r"feel|think|see|took", offending, re.I):
        return (
            f"{said} sounds like you are blaming their feelings{undo}; apologise for "
            "what happened instead, e.g. \"I'm sorry the delay made you miss your "
            'connection."'
        )
    if penalty == "dismissal":
        return (
            f"{said} plays down how they feel{undo}; acknowledge it instead, e.g. "
            '"Four hours stuck at the gate would make anyone furious."'
        )
    if penalty == "policy_wall":
        return (
            f"{said} hides behind the rules{undo}; say what you can do instead, e.g. "
            "\"I can't change the fare rules, but I can put you on the 18:40 at no "
            'extra cost."'
        )
    if offending.isupper():
        return (
            f"Writing {said} in capitals reads as shouting; use normal case and let "
            "the words carry the emphasis."
        )
    return (
        f"{said} sounds sarcastic or rude; drop it and keep a calm, neutral tone, "
        'e.g. "Let me check that for you now."'
    )


def dimension_tip(dimension: str, level: int, unmentioned: Sequence[str] = ()) -> str:
    """Tip for a dimension below level 2, naming customer details where useful."""
    mention = ""
    if unmentioned and dimension == "emotional_reaction":
        named = ", ".join(quote(word) for word in unmentioned[:2])
        mention = f" and refer to what they told you ({named})"
    return _DIMENSION_TIPS[(dimension, level)].format(mention=mention)


def repeat_tip(unmentioned: Sequence[str] = ()) -> str:
    """Tip for a reply pasted again from an earlier turn."""
    mention = ""
    if unmentioned:
        mention = f" (they mentioned {', '.join(quote(w) for w in unmentioned[:2])})"
    return (
        "You pasted the same reply as in an earlier turn; customers notice a "
        f"template. Answer what they have just said{mention}."
    )


def filler_tip(phrase: str) -> str:
    """Tip for stock corporate phrases that say nothing to this customer."""
    return (
        f"Cut stock phrases like {quote(phrase)}; they say nothing about this "
        "customer's problem. Use the space for their situation and your next step."
    )


def build_feedback(
    *,
    levels: Mapping[str, int],
    offending: Mapping[str, str],
    cancelled: str | None = None,
    repeated: bool = False,
    filler: str | None = None,
    unmentioned: Sequence[str] = (),
) -> list[str]:
    """Assemble at most two tips, most important first.

    Args:
        levels: final level per dimension.
        offending: penalty name -> the learner's words that triggered it.
        cancelled: words whose credit a wall or dismissal cancelled, if any.
        repeated: the reply repeats an earlier one.
        filler: a stock phrase worth cutting, if the reply leans on them.
        unmentioned: customer's content words the reply does not pick up.
    """
    tips = [repeat_tip(unmentioned)] if repeated else []
    heaviest = sorted(
        (p for p in PENALTIES if p in offending), key=lambda p: -PENALTY_WEIGHTS[p]
    )
    for penalty in heaviest:
        undone = cancelled if penalty in ("dismissal", "policy_wall") else None
        tips.append(penalty_tip(penalty, offending[penalty], undone))
        cancelled = None if undone else cancelled
    if filler:
        tips.append(filler_tip(filler))
    missing = [d for d in DIMENSIONS if levels[d] < 2]
    missing.sort(key=lambda d: -DIMENSION_WEIGHTS[d] * (2 - levels[d]))
    tips += [dimension_tip(d, levels[d], unmentioned) for d in missing]
    return (tips or [PRAISE_TIP])[:MAX_TIPS]


def closest_model_answer(reply: str, answers: Sequence[str]) -> str | None:
    """The model answer sharing most content words with the reply (cosine).

    Ties, and a reply sharing no word with any answer, go to the earliest
    answer: scenario authors list their best answer first.
    """
    usable = [answer for answer in answers if answer.strip()]
    if not usable:
        return None
    said = _stems(reply)
    return max(usable, key=lambda answer: _cosine(said, _stems(answer)))


def model_answer_tip(reply: str, answers: Sequence[str]) -> str | None:
    """``A stronger reply here: "..."`` with the closest model answer, if any."""
    answer = closest_model_answer(reply, answers)
    if answer is None:
        return None
    return f"A stronger reply here: {quote(answer, _ANSWER_LIMIT)}"


def _stems(text: str) -> Counter[str]:
    return Counter(word_key(word) for word in content_words(text))


def _cosine(first: Counter[str], second: Counter[str]) -> float:
    shared = sum(first[key] * second[key] for key in first.keys() & second.keys())
    if not shared:
        return 0.0
    norms = math.sqrt(sum(v * v for v in first.values())) * math.sqrt(
        sum(v * v for v in second.values())
    )
    return shared / norms
