"""Evidence extractors: pure functions from a prepared reply to labelled spans.

Each ``find_*`` function takes a :class:`~trainer_api.scoring.text.ReplyView`
and returns :class:`Span` objects whose offsets index the original reply. The
rule baseline turns them into levels and penalties; the learned model reads
them as features and shows them as the evidence for its own decisions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import Pattern
from typing import NamedTuple

from . import action_lexicon as alx
from . import lexicon as lx
from . import penalty_lexicon as plx
from .result import PENALTIES
from .text import ReplyView


class Span(NamedTuple):
    """A labelled stretch of the reply: a dimension (level 1 or 2) or a penalty."""

    label: str
    level: int
    start: int
    end: int


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _spans(
    view: ReplyView, pattern: Pattern[str], label: str, level: int
) -> list[Span]:
    found = []
    for match in pattern.finditer(view.text):
        start, end = _trim(view.text, *match.span())
        if end > start:
            found.append(Span(label, level, start, end))
    return found


def _raised(span: Span, strong: bool) -> Span:
    """Raise a level-1 span to level 2 when ``strong`` holds for its sentence."""
    return span._replace(level=2) if strong else span


def dedupe(spans: Iterable[Span]) -> list[Span]:
    """Drop spans inside a kept span of the same label and an equal or higher level."""
    ordered = sorted(set(spans), key=lambda s: (s.label, s.start, -s.end, -s.level))
    kept: list[Span] = []
    reach: dict[tuple[str, int], int] = {}
    for span in ordered:
        if any(reach.get((span.label, lvl), -1) >= span.end for lvl in (span.level, 2)):
            continue
        kept.append(span)
        reach[(span.label, span.level)] = max(
            reach.get((span.label, span.level), -1), span.end
        )
    return sorted(kept, key=lambda s: (s.start, s.end, s.label))


def find_emotional_reaction(view: ReplyView) -> list[Span]:
    """Warmth (level 1); level 2 for strong compassion or warmth that is both
    intensified and about the customer's own situation."""
    spans = _spans(view, lx.ER_COMPASSION, "emotional_reaction", 2)
    for span in _spans(view, lx.ER_WARMTH, "emotional_reaction", 1):
        s_start, s_end = view.sentence_around(span.start, span.end)
        intense = lx.INTENSIFIER.search(view.text, s_start, s_end) is not None
        strong = intense and view.has_specific(s_start, s_end)
        spans.append(_raised(span, strong))
    return dedupe(spans)


def find_interpretation(view: ReplyView) -> list[Span]:
    """Understanding (level 1); level 2 names the feeling or restates specifics."""
    spans = _spans(view, lx.INTERP_FEELING, "interpretation", 2)
    for pattern in (lx.INTERP_GENERIC, lx.INTERP_RESTATE):
        for span in _spans(view, pattern, "interpretation", 1):
            strong = view.has_specific(*view.sentence_around(span.start, span.end))
            spans.append(_raised(span, strong))
    return dedupe(spans)


def find_exploration(view: ReplyView, blocked: Sequence[Span] = ()) -> list[Span]:
    """Questions and invitations; none in a sentence that blames or interrogates.

    Args:
        view: the prepared reply.
        blocked: penalty spans; a sentence overlapping one never explores.
    """
    spans = _spans(view, lx.EXPLORE_GENERIC, "exploration", 1)
    spans += _spans(view, lx.EXPLORE_SPECIFIC, "exploration", 2)
    spans += _question_spans(view)
    return dedupe(span for span in spans if not _is_blocked(view, span, blocked))


def _question_spans(view: ReplyView) -> list[Span]:
    found = []
    for start, end in view.sentences:
        sentence = view.text[start:end]
        if not sentence.endswith("?") or len(sentence.split()) < 3:
            continue
        choice = lx.QUESTION_CHOICE.search(sentence) and lx.ADDRESSED.search(sentence)
        specific = lx.EXPLORE_SPECIFIC.search(sentence)
        found.append(Span("exploration", 2 if choice or specific else 1, start, end))
    return found


def _is_blocked(view: ReplyView, span: Span, blocked: Sequence[Span]) -> bool:
    s_start, s_end = view.sentence_around(span.start, span.end)
    if lx.INTERROGATION.search(view.text, s_start, s_end):
        return True
    return any(b.start < s_end and s_start < b.end for b in blocked)


def find_ownership(view: ReplyView) -> list[Span]:
    """Apology for the company's part (1); owning the fault or the fix (2)."""
    spans = _spans(view, alx.OWN_APOLOGY, "ownership", 1)
    spans += _spans(view, alx.OWN_RESPONSIBILITY, "ownership", 2)
    return dedupe(spans)


def find_resolution(view: ReplyView) -> list[Span]:
    """Vague next steps (1); concrete actions, options, times or amounts (2)."""
    spans = _spans(view, alx.RES_CONCRETE_ACTION, "resolution", 2)
    for span in _spans(view, alx.RES_VAGUE, "resolution", 1):
        s_start, s_end = view.sentence_around(span.start, span.end)
        strong = alx.CONCRETE_MARKER.search(view.text, s_start, s_end) is not None
        spans.append(_raised(span, strong))
    return dedupe(spans)


def clearing_spans(view: ReplyView) -> list[tuple[int, int]]:
    """Where the reply clears the customer (``penalty_lexicon.EXONERATION``),
    outside sentences asked as questions ("You think you did nothing wrong?")."""
    found = []
    for match in plx.EXONERATION.finditer(view.text):
        _, end = view.sentence_around(match.start(), match.end())
        if not view.text[match.start() : end].rstrip().endswith("?"):
            found.append(match.span())
    return found


def clears_customer(view: ReplyView) -> bool:
    """The reply clears the customer and does not turn on them after it
    ("It's not your fault, but ..." turns)."""
    return any(
        plx.CONTRAST.search(view.text, end) is None for _, end in clearing_spans(view)
    )


def find_blame(view: ReplyView) -> list[Span]:
    """Putting the fault on the customer; not the words of a phrase that
    clears them ("you shouldn't have had to", "you were right to")."""
    clearing = clearing_spans(view)
    return dedupe(
        span
        for span in _spans(view, plx.BLAME, "blame", 1)
        if not any(start < span.end and span.start < end for start, end in clearing)
    )


def find_dismissal(view: ReplyView) -> list[Span]:
    """Minimising or policing the customer's emotion."""
    return dedupe(_spans(view, plx.DISMISSAL, "dismissal", 1))


def find_policy_wall(view: ReplyView, has_alternative: bool) -> list[Span]:
    """Hiding behind rules; not a wall when the reply offers a concrete alternative."""
    if has_alternative:
        return []
    return dedupe(_spans(view, plx.POLICY_WALL, "policy_wall", 1))


def find_hostility(view: ReplyView) -> list[Span]:
    """Sarcasm, rudeness, or shouting in capitals."""
    spans = _spans(view, plx.HOSTILITY, "hostility", 1) + find_shouting(view.reply)
    return dedupe(spans)


def find_shouting(text: str) -> list[Span]:
    """Runs of three or more all-capital words of 3+ letters.

    Short words ("IS", "MY"), known acronyms ("ASAP", "PNR") and codes with
    digits ("NW482") neither count nor break a run; a lower-case word breaks it.
    """
    found: list[Span] = []
    run: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text):
        kind = _caps_kind(match.group())
        if kind == "break":
            found.extend(_shout_span(run))
            run = []
        elif kind == "caps":
            run.append(match.span())
    found.extend(_shout_span(run))
    return found


def _caps_kind(token: str) -> str:
    letters = [c for c in token if c.isalpha()]
    if any(c.islower() for c in letters):
        return "break"
    neutral = len(letters) < 3 or any(c.isdigit() for c in token)
    if (
        neutral
        or token.upper() in plx.ACRONYMS
        or not all(c.isupper() for c in letters)
    ):
        return "neutral"
    return "caps"


def _shout_span(run: list[tuple[int, int]]) -> list[Span]:
    if len(run) < 3:
        return []
    return [Span("hostility", 1, run[0][0], run[-1][1])]


_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def find_filler(view: ReplyView) -> list[Span]:
    """Stock corporate phrases that say nothing to this customer (feedback only)."""
    return dedupe(_spans(view, plx.FILLER, "filler", 1))


def extract_all(view: ReplyView) -> dict[str, list[Span]]:
    """Run every extractor: spans per dimension name and per penalty name.

    The policy wall needs to know whether a concrete alternative was offered,
    and exploration ignores sentences that carry a penalty, so order matters.
    """
    found = {
        "emotional_reaction": find_emotional_reaction(view),
        "interpretation": find_interpretation(view),
        "ownership": find_ownership(view),
        "resolution": find_resolution(view),
        "blame": find_blame(view),
        "dismissal": find_dismissal(view),
        "hostility": find_hostility(view),
    }
    has_alternative = any(span.level == 2 for span in found["resolution"])
    found["policy_wall"] = find_policy_wall(view, has_alternative)
    penalty_spans = [s for name in PENALTIES for s in found[name]]
    found["exploration"] = find_exploration(view, penalty_spans)
    return found
