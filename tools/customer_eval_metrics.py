"""Believability counts for ``make eval-customer``: pure functions over records.

A :class:`Conversation` holds what one simulated learner said (with the moves
its writer says each reply makes), what the customer answered, and the session
after each turn. Nothing here talks to the stack, so every count can be checked
on hand-made conversations.

How each count is made
----------------------
Lines. A customer message is split into the scenario lines it is made of
(:class:`LineIndex`): the longest rendered line of the scenario it begins with
(an opening, a reaction of any band, a need's own ``lines``; each also as said
with one or more of its questions left out), then, after it, an
ending (``resolved``, ``escalate``, ``leave``, ``nudge``) or further lines.
Text that is no line of the scenario is kept as one unknown line.

Verbatim repeat: a line said again in the same conversation; a line said
three times counts two. The opening counts as said. A line said again framed
as a repeat ("As I said: ...", the engine's ``RESTATEMENTS`` once every line
that fits has been used) is no verbatim repeat: it is counted apart, as a
restated line, and still counts as a re-asked question or a taken-up offer.

Re-asked answered question: on learner turn t, the customer says, about a need
N that was already met before the reply of turn t (met on an earlier turn, so
not a reaction to the reply that met it), either
(a) one of N's own lines (``needs[].lines``: what the customer says while
waiting for N; ``needs[].asks``: how they bring N up), or
(b) a question about N: a sentence ending in "?" that holds a keyword of N,
unless the line is a retort to a hostile reply (a ``blame``, ``dismissal``
or ``policy`` reaction line), or one of the own lines of a need still open
(it is about that need, whatever words it shares with N). N's keywords are
those of ``trainer_api.simulation.topics`` (the stems of the words of its
``description`` and ``shown_as`` that no other need has; only for a need an
answering move meets), the rule the mood engine itself uses to avoid such
questions while another line fits: this count shows where none did.
A line counts once, whatever the number of met needs it names.

Accepted offer never made: a customer line every origin of which is a
``solution`` or ``compensation`` reaction line (the scenario's or a need's:
the customer takes up an offer), answering a reply whose writer's ``does``
names neither ``offer_solution`` nor ``offer_compensation``. Replies without a
label (the scenario's own scripts) are not counted.

Internal leak: a customer message holding ``action_`` or ``utter_``, any
snake_case word (a slot, move, need or scenario id), a slot name followed by
``:`` or ``=``, or a brace (an unfilled ``{placeholder}``).

Error: a start or reply that trainer_api refused (``ok: false``). Lost turn: a
reply acknowledged whose customer turn and session push did not arrive.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from trainer_api.simulation import Scenario
from trainer_api.simulation.mood import RESTATEMENTS, RETORTS
from trainer_api.simulation.moves import OFFER_MOVES
from trainer_api.simulation.topics import (
    ANSWER_MOVES,
    STOP_WORDS,
    key_stems,
    need_keywords,
    questions,
    sentences,
    stem,
)

__all__ = ["ANSWER_MOVES", "STOP_WORDS", "need_keywords", "questions", "stem"]

OFFER_REACTIONS = frozenset({"solution", "compensation"})
ENDING_SECTIONS = ("resolved", "escalate", "leave", "nudge")
_LEAK_PATTERNS = (
    re.compile(r"\b(?:action|utter)_\w*"),
    re.compile(r"\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b"),
    re.compile(r"[{}]"),
)


@dataclass(frozen=True)
class Exchange:
    """One learner reply and what came back."""

    reply: str
    does: tuple[str, ...] | None
    """The moves the reply's writer says it makes; None for unlabelled replies."""
    customer: str
    """The customer's message ("" when none arrived)."""
    status: str
    needs_met: tuple[str, ...]
    """Every need met once this turn was answered."""
    score: int | None = None
    penalties: tuple[str, ...] = ()
    """What the scorer found wrong in the reply (blame, dismissal, ...)."""
    reasons: tuple[str, ...] = ()
    """Why the customer's mood moved: what the customer heard in the reply."""
    problem: str | None = None
    """``error: <code>`` or ``lost`` when the turn did not go through."""


@dataclass
class Conversation:
    """A whole simulated conversation, as the harness records it."""

    scenario_id: str
    kind: str
    opening: str
    exchanges: list[Exchange] = field(default_factory=list)
    status: str = "active"
    errors: int = 0
    lost: int = 0
    out_of_replies: bool = False
    script: str | None = None
    expect: str | None = None

    @property
    def replies(self) -> int:
        return len(self.exchanges)

    def needs_met_at(self) -> dict[str, int]:
        """Each met need and the learner turn (1-based) that met it."""
        met: dict[str, int] = {}
        for turn, exchange in enumerate(self.exchanges, start=1):
            for need in exchange.needs_met:
                met.setdefault(need, turn)
        return met


@dataclass(frozen=True)
class Origin:
    """Where a customer line is written in the scenario."""

    section: str
    """``opening``, ``reaction``, ``need`` or ``ending``."""
    name: str = ""
    """The reaction or ending key."""
    need: str | None = None


@dataclass(frozen=True)
class SpokenLine:
    text: str
    origins: tuple[Origin, ...]
    """Empty for text the scenario does not have."""
    restated: bool = False
    """Said framed as a repeat ("As I said: ...")."""


@dataclass(frozen=True)
class Finding:
    """One counted event: the turn (0 is the opening), the line, and why."""

    turn: int
    text: str
    detail: str = ""


@dataclass(frozen=True)
class LineIndex:
    """The rendered lines of one scenario, where each is written, and what
    each need is about."""

    origins: Mapping[str, tuple[Origin, ...]]
    endings: Mapping[str, str]
    keywords: Mapping[str, frozenset[str]]
    frames: tuple[str, ...] = ()
    """The openings of a line said again as a repeat ("As I said: ")."""

    @classmethod
    def of(cls, scenario: Scenario) -> LineIndex:
        """Index every line of ``scenario``."""
        found: dict[str, list[Origin]] = {}
        for text, origin in _scenario_lines(scenario):
            for said in (text, *_without_questions(text)):
                found.setdefault(scenario.render(said), []).append(origin)
        endings = {
            scenario.render(text): key
            for key in ENDING_SECTIONS
            for text in scenario.endings[key]
        }
        by_kind = RESTATEMENTS.get(scenario.language, RESTATEMENTS["en"])
        frames = {
            frame.split("{line}")[0] for kind in by_kind.values() for frame in kind
        }
        return cls(
            origins={text: tuple(where) for text, where in found.items()},
            endings=endings,
            keywords=need_keywords(scenario),
            frames=tuple(sorted(frames, key=len, reverse=True)),
        )

    def split(self, message: str) -> list[SpokenLine]:
        """The scenario lines a customer message is made of, in order."""
        spoken: list[SpokenLine] = []
        rest = message.strip()
        while rest:
            frame = next((f for f in self.frames if rest.startswith(f)), "")
            line = self._longest_prefix(rest[len(frame) :]) if frame else None
            if line is not None:
                restated = True
                rest = rest[len(frame) :]
            else:
                restated, line = False, self._longest_prefix(rest)
            if line is None:
                spoken.append(SpokenLine(rest, ()))
                break
            spoken.append(SpokenLine(line, self._where(line), restated))
            rest = rest[len(line) :].strip()
        return spoken

    def _longest_prefix(self, text: str) -> str | None:
        known = [line for line in (*self.origins, *self.endings) if line]
        starts = [line for line in known if text.startswith(line)]
        return max(starts, key=len) if starts else None

    def _where(self, line: str) -> tuple[Origin, ...]:
        found = list(self.origins.get(line, ()))
        if line in self.endings:
            found.append(Origin("ending", self.endings[line]))
        return tuple(found)


def _without_questions(line: str) -> list[str]:
    """``line`` with one or more of its questions left out, as the customer
    says a line whose questions ask about needs already met
    (``topics.without_questions_about``); never nothing at all."""
    parts = sentences(line)
    asked = [i for i, sentence in enumerate(parts) if sentence.endswith("?")]
    variants = []
    for size in range(1, len(asked) + 1):
        for left_out in itertools.combinations(asked, size):
            kept = [s for i, s in enumerate(parts) if i not in left_out]
            if kept:
                variants.append(" ".join(kept))
    return variants


def _scenario_lines(scenario: Scenario) -> Iterable[tuple[str, Origin]]:
    for text in scenario.opening:
        yield text, Origin("opening")
    for reaction, by_band in scenario.reactions.items():
        for lines in by_band.values():
            yield from ((text, Origin("reaction", reaction)) for text in lines)
    for need in scenario.needs:
        for reaction, by_band in need.lines.items():
            for lines in by_band.values():
                for text in lines:
                    yield text, Origin("need", reaction, need.id)
        for text in need.asks:
            yield text, Origin("need", "asks", need.id)


def verbatim_repeats(conversation: Conversation, index: LineIndex) -> list[Finding]:
    """Lines the customer says again in one conversation (see the module doc)."""
    heard: set[str] = set()
    found = []
    for turn, message in _customer_messages(conversation):
        for line in index.split(message):
            if line.text in heard and not line.restated:
                found.append(Finding(turn, line.text))
            heard.add(line.text)
    return found


def restated_lines(conversation: Conversation, index: LineIndex) -> list[Finding]:
    """Lines said again framed as a repeat ("As I said: ...")."""
    return [
        Finding(turn, line.text)
        for turn, message in _customer_messages(conversation)
        for line in index.split(message)
        if line.restated
    ]


def reasked_questions(conversation: Conversation, index: LineIndex) -> list[Finding]:
    """Lines asking about a need met on an earlier turn (see the module doc)."""
    found = []
    for turn, exchange in enumerate(conversation.exchanges, start=1):
        before = conversation.exchanges[turn - 2].needs_met if turn > 1 else ()
        if not before:
            continue
        for line in index.split(exchange.customer):
            need = _reasked_need(line, set(before), index)
            if need is not None:
                found.append(Finding(turn, line.text, need))
    return found


def _reasked_need(line: SpokenLine, met: set[str], index: LineIndex) -> str | None:
    for origin in line.origins:
        if origin.section == "need" and origin.need in met:
            return origin.need
    if any(origin.name in RETORTS for origin in line.origins):
        return None
    if line.origins and all(origin.section == "need" for origin in line.origins):
        return None  # written for a need still open: about that one
    for sentence in questions(line.text):
        keys = key_stems(sentence)
        for need in sorted(met):
            if keys & index.keywords.get(need, frozenset()):
                return need
    return None


def unmade_offers(conversation: Conversation, index: LineIndex) -> list[Finding]:
    """Offers the customer takes up that the reply never made (see the module doc)."""
    found = []
    for turn, exchange in enumerate(conversation.exchanges, start=1):
        if exchange.does is None or OFFER_MOVES & set(exchange.does):
            continue
        for line in index.split(exchange.customer):
            if line.origins and all(
                origin.section in ("reaction", "need")
                and origin.name in OFFER_REACTIONS
                for origin in line.origins
            ):
                found.append(Finding(turn, line.text, ", ".join(exchange.does)))
    return found


def internal_leaks(
    conversation: Conversation, slot_names: Sequence[str]
) -> list[Finding]:
    """Customer messages showing internals (see the module doc)."""
    patterns = list(_LEAK_PATTERNS)
    if slot_names:
        names = "|".join(re.escape(name) for name in slot_names)
        patterns.append(re.compile(rf"\b(?:{names})\s*[:=]"))
    found = []
    for turn, message in _customer_messages(conversation):
        for pattern in patterns:
            match = pattern.search(message)
            if match:
                found.append(Finding(turn, message, match.group()))
                break
    return found


def _customer_messages(conversation: Conversation) -> Iterable[tuple[int, str]]:
    yield 0, conversation.opening
    for turn, exchange in enumerate(conversation.exchanges, start=1):
        yield turn, exchange.customer


@dataclass(frozen=True)
class Findings:
    """Everything counted in one conversation."""

    repeats: tuple[Finding, ...]
    restated: tuple[Finding, ...]
    reasked: tuple[Finding, ...]
    unmade_offers: tuple[Finding, ...]
    leaks: tuple[Finding, ...]


def findings_of(
    conversation: Conversation, index: LineIndex, slot_names: Sequence[str]
) -> Findings:
    """Run every count on one conversation."""
    return Findings(
        repeats=tuple(verbatim_repeats(conversation, index)),
        restated=tuple(restated_lines(conversation, index)),
        reasked=tuple(reasked_questions(conversation, index)),
        unmade_offers=tuple(unmade_offers(conversation, index)),
        leaks=tuple(internal_leaks(conversation, slot_names)),
    )
