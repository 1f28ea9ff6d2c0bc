"""The customer's mood engine: how a learner's moves and empathy move the customer.

Pure and deterministic: the same scenario version, seed and learner moves give
the same customer, word for word. Every change of anger or trust carries a
reason a trainer can read in the debrief.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from trainer_api.simulation.moves import (
    LEARNER_MOVES,
    REACTION_OF,
    REACTIONS,
)
from trainer_api.simulation.scenario import OTHER_LANGUAGE, Need, Scenario
from trainer_api.simulation.topics import asks_about, without_questions_about

ACTIVE = "active"
RESOLVED = "resolved"
ESCALATED = "escalated"
ABANDONED = "abandoned"
STATUSES = (ACTIVE, RESOLVED, ESCALATED, ABANDONED)
NUDGE_ANGER = 2
REPEAT_ANGER = 6
ACCEPTING = frozenset({"solution", "compensation", "expectation"})
"""Reactions that take up what the learner offered or promised."""
RETORTS = frozenset({"blame", "dismissal", "policy"})
"""Reactions to a hostile reply: their questions ("Policy? ...") are kept."""
RESTATEMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "statement": (
            "As I said: {line}",
            "Like I told you: {line}",
            "I'll say it again: {line}",
            "I've said this already: {line}",
        ),
        "question": (
            "I'm asking again: {line}",
            "Again: {line}",
            "Let me ask once more: {line}",
            "I asked already: {line}",
        ),
        "warm": (
            "I mean it: {line}",
            "Truly: {line}",
            "Honestly: {line}",
            "I really do mean it: {line}",
        ),
    },
    "fr": {
        "statement": (
            "Comme je vous l'ai dit : {line}",
            "Je vous le répète : {line}",
            "Je l'ai déjà dit : {line}",
            "Encore une fois : {line}",
        ),
        "question": (
            "Je vous le redemande : {line}",
            "Encore une fois : {line}",
            "Je vous ai déjà posé la question : {line}",
            "Je repose ma question : {line}",
        ),
        "warm": (
            "Je le pense vraiment : {line}",
            "Sincèrement : {line}",
            "Vraiment : {line}",
            "Je vous assure : {line}",
        ),
    },
}
"""How a customer who has used every line that fits says one again, as people
do: framed as a repeat ("As I said: ..."; a question: "I'm asking again:
..."; thanks or relief, after a reply that calmed them: "I mean it: ..."),
never word for word."""
WARM_REACTIONS = frozenset(
    {"empathy", "apology", "ownership", "closing", "greeting"} | ACCEPTING
)
"""Reactions whose lines, said again, are said as thanks meant, not as a
complaint repeated."""


class UnknownMove(ValueError):
    """A move name that the simulation does not know."""


@dataclass(frozen=True)
class CustomerState:
    """Where the customer stands after a number of learner turns."""

    anger: int
    trust: int
    turn: int = 0
    needs_met: tuple[str, ...] = ()
    status: str = ACTIVE

    @property
    def ended(self) -> bool:
        return self.status != ACTIVE


@dataclass(frozen=True)
class CustomerTurn:
    """The customer's answer: the line, the new state and why it changed."""

    line: str
    state: CustomerState
    band: str
    reasons: tuple[str, ...]
    stage: str | None = None


def open_conversation(scenario: Scenario, seed: int) -> CustomerTurn:
    """The customer's first message and starting mood."""
    state = CustomerState(anger=scenario.mood.anger, trust=scenario.mood.trust)
    line = _pick(scenario.opening, seed, 0, "opening")
    return _turn(scenario, line, state, ())


def current_stage(scenario: Scenario, state: CustomerState) -> str | None:
    """The first need not yet met: what the customer is waiting for now.

    None once every need is met, or once the conversation has ended.
    """
    if state.ended:
        return None
    return next(
        (need.id for need in scenario.needs if need.id not in state.needs_met), None
    )


def respond(
    scenario: Scenario,
    state: CustomerState,
    moves: Sequence[str],
    *,
    empathy_score: int | None,
    seed: int,
    repeated: bool = False,
    said: Sequence[str] = (),
    penalised: bool = False,
    language: str | None = None,
) -> CustomerTurn:
    """Apply one learner reply (its moves and empathy score) to the customer.

    Args:
        scenario: the scenario version being played.
        state: the customer's state before this reply.
        moves: the learner moves the reply makes (one or more).
        empathy_score: the reply's 0-100 empathy score, or None if unscored.
        seed: the session's random seed.
        repeated: the reply repeats an earlier one (``repeats.is_repeat``);
            the customer hears a script, not a person, and reacts as to
            something unclear.
        said: what the customer has already said in this conversation, so
            they never say the same line twice while another one fits.
        penalised: the scorer found a penalty in the reply (blame, dismissal,
            policy wall, hostility): its score moves anger on top of the moves.
        language: the language the reply is written in, as the scorer read
            it (``en``, ``fr``, another code, or None if unknown). A reply in
            the other language a customer can speak (French to an English
            customer, English to a French one) is not understood: the
            customer asks, in their own language, to go on in it; the mood
            does not move and no need is met. Any other language (often a
            guess on gibberish or a typed command) is heard through its
            moves, as something the customer could not follow.

    Returns:
        The customer's line, the new state and the reasons for each change.
        A reply that ends the conversation (resolved, escalated, or the
        customer leaves) gets the customer's parting words after the line.
    """
    if state.ended:
        raise ValueError(f"the conversation has already ended ({state.status})")
    if language in CUSTOMER_LANGUAGES and language != scenario.language:
        return _other_language(scenario, state, language, seed, said)
    moves = _known_moves(moves)
    content = len(state.needs_met) == len(scenario.needs)
    change, gain, reasons = scenario.mood.effect_of(
        moves, empathy_score, content=content, penalised=penalised
    )
    anger, trust = state.anger + change, state.trust + gain
    if repeated:
        anger += REPEAT_ANGER
        reasons.append(f"anger +{REPEAT_ANGER}: repeated the same words")
        moves = ["unclear"]
    needs_met = _needs_met(scenario, state.needs_met, moves)
    reasons += [
        f"need met: {need.description}"
        for need in scenario.needs
        if need.id in needs_met and need.id not in state.needs_met
    ]
    new_state = CustomerState(
        anger=_clamp(anger),
        trust=_clamp(trust),
        turn=state.turn + 1,
        needs_met=needs_met,
    )
    new_state = replace(new_state, status=_status(scenario, new_state))
    stage = scenario.need(current_stage(scenario, state))
    agenda = _Agenda(
        focus=scenario.need(current_stage(scenario, new_state)),
        news=len(needs_met) > len(state.needs_met),
    )
    line = _line(scenario, new_state, reaction_to(moves), seed, stage, said, agenda)
    turn = _turn(scenario, line, new_state, tuple(reasons))
    if not new_state.ended:
        return turn
    return replace(
        turn, line=f"{turn.line} {ending_line(scenario, new_state, seed=seed)}"
    )


CUSTOMER_LANGUAGES = ("en", "fr")
"""The languages a scenario's customer can speak (``Scenario.language``)."""


def _other_language(
    scenario: Scenario,
    state: CustomerState,
    language: str,
    seed: int,
    said: Sequence[str],
) -> CustomerTurn:
    """The customer asks a learner who switched language to go back to theirs.

    The turn counts (the customer waited for an answer) but moves nothing:
    they did not understand it well enough to be calmed or angered by it.
    """
    new_state = replace(state, turn=state.turn + 1)
    new_state = replace(new_state, status=_status(scenario, new_state))
    lines = [scenario.endings[OTHER_LANGUAGE]]
    line = _fresh(scenario, lines, seed, state.turn, OTHER_LANGUAGE, said)
    reason = (
        f"the reply was not in the customer's language ({language}, "
        f"not {scenario.language}): they asked to go on in theirs"
    )
    turn = _turn(scenario, line, new_state, (reason,))
    if not new_state.ended:
        return turn
    return replace(
        turn, line=f"{turn.line} {ending_line(scenario, new_state, seed=seed)}"
    )


def nudge(
    scenario: Scenario,
    state: CustomerState,
    *,
    seed: int,
    count: int,
    said: Sequence[str] = (),
) -> CustomerTurn:
    """The customer prompts a learner who has gone quiet; waiting annoys them.

    A nudge never ends the conversation: anger stops just short of escalation.
    """
    if state.ended:
        raise ValueError(f"the conversation has already ended ({state.status})")
    anger = min(state.anger + NUDGE_ANGER, scenario.mood.escalate_at - 1)
    new_state = replace(state, anger=max(anger, state.anger))
    line = _fresh(
        scenario, [scenario.endings["nudge"]], seed, state.turn, f"nudge{count}", said
    )
    rise = new_state.anger - state.anger
    reasons: tuple[str, ...] = (
        (f"anger +{rise}: the learner went quiet",) if rise else ()
    )
    return _turn(scenario, line, new_state, reasons)


def ending_line(scenario: Scenario, state: CustomerState, *, seed: int) -> str:
    """What the customer says as the conversation ends (manager, thanks, leaving)."""
    key = {ESCALATED: "escalate", RESOLVED: "resolved", ABANDONED: "leave"}.get(
        state.status
    )
    if key is None:
        raise ValueError("the conversation has not ended")
    return scenario.render(_pick(scenario.endings[key], seed, state.turn, key))


def reaction_to(moves: Sequence[str]) -> str:
    """The reaction the customer has to a reply making ``moves``."""
    reactions = [REACTION_OF[move] for move in moves] or ["unclear"]
    return min(reactions, key=REACTIONS.index)


def _turn(
    scenario: Scenario, line: str, state: CustomerState, reasons: tuple[str, ...]
) -> CustomerTurn:
    return CustomerTurn(
        line=scenario.render(line),
        state=state,
        band=scenario.mood.band(state.anger),
        reasons=reasons,
        stage=current_stage(scenario, state),
    )


def _known_moves(moves: Sequence[str]) -> list[str]:
    if not moves:
        return ["unclear"]
    unknown = [move for move in moves if move not in LEARNER_MOVES]
    if unknown:
        raise UnknownMove(f"unknown learner move(s): {', '.join(unknown)}")
    return list(dict.fromkeys(moves))


def _needs_met(
    scenario: Scenario, already: tuple[str, ...], moves: Sequence[str]
) -> tuple[str, ...]:
    met = set(already)
    for need in scenario.needs:
        if any(move in need.met_by for move in moves):
            met.add(need.id)
    return tuple(need.id for need in scenario.needs if need.id in met)


def _status(scenario: Scenario, state: CustomerState) -> str:
    mood = scenario.mood
    if state.anger >= mood.escalate_at:
        return ESCALATED
    if len(state.needs_met) == len(scenario.needs) and state.anger <= mood.resolve_at:
        return RESOLVED
    if state.trust <= mood.leave_at or state.turn >= mood.max_turns:
        return ABANDONED
    return ACTIVE


@dataclass(frozen=True)
class _Agenda:
    """What the customer still wants after a reply: ``focus``, the first
    need still unmet (None once all are met or the call has ended), and
    whether the reply met a need that was not met before (``news``)."""

    focus: Need | None = None
    news: bool = True


def _line(
    scenario: Scenario,
    state: CustomerState,
    reaction: str,
    seed: int,
    stage: Need | None,
    said: Sequence[str] = (),
    agenda: _Agenda = _Agenda(),  # noqa: B008 (frozen, so safe to share)
) -> str:
    """A reaction line for the new mood band; the stage's own lines come first,
    then the reaction's lines for that band, skipping what was already said.

    The customer follows their own agenda: an offer or promise that meets no
    need not already met is not taken up again ("Yes, please, book it" to a
    flight booked two replies ago); and rather than say a line a second time,
    they bring up the first need still unmet in their own words (the need's
    ``asks``), if the scenario gives them. While another line fits, they do
    not ask about a need already met (a question holding one of its keywords,
    ``topics.asks_about``: no "can you email me the confirmation?" once the
    confirmation is promised); when no other line fits, they say the line
    without that question (``topics.without_questions_about``).
    """
    band = scenario.mood.band(state.anger)
    choices = [scenario.reactions[reaction][band]]
    if stage is not None and band in stage.lines.get(reaction, {}):
        choices.insert(0, stage.lines[reaction][band])
    met = set(state.needs_met)

    def settled(line: str) -> bool:
        """The line asks about a need already met (``topics.asks_about``)."""
        return asks_about(scenario, scenario.render(line), met) is not None

    asks = [agenda.focus.asks] if agenda.focus is not None and agenda.focus.asks else []
    if asks and reaction in ACCEPTING and not agenda.news:
        choices = asks + choices
    elif asks and _all_said(scenario, choices, said, settled):
        choices = asks + choices

    def plain(line: str) -> str:
        if reaction in RETORTS:
            return line  # a retort's question is part of the retort
        return without_questions_about(scenario, line, met)

    return _fresh(scenario, choices, seed, state.turn, reaction, said, settled, plain)


def _all_said(
    scenario: Scenario,
    choices: Sequence[Sequence[str]],
    said: Sequence[str],
    settled: Callable[[str], bool],
) -> bool:
    """Every line of ``choices`` was said, or asks about a need already met."""
    heard = set(said)
    return all(
        scenario.render(line) in heard or settled(line)
        for lines in choices
        for line in lines
    )


def _fresh(
    scenario: Scenario,
    choices: Sequence[Sequence[str]],
    seed: int,
    turn: int,
    key: str,
    said: Sequence[str],
    settled: Callable[[str], bool] | None = None,
    plain: Callable[[str], str] | None = None,
) -> str:
    """A line from the first of ``choices`` that still has one not yet said
    and not asking about a need already met (``settled``); failing that, one
    not yet said (in full, or as ``plain`` makes it: without those questions).

    When every line has been said, the customer says the one said longest ago
    again (one not ``settled`` first; as ``plain`` makes it), framed as a
    repeat (``RESTATEMENTS``: "As I said: ..."), each framing at most once per
    line; only once every framing of every line has been used does a line
    come back word for word.
    """
    heard = set(said)
    settled = settled or (lambda line: False)
    plain = plain or (lambda line: line)

    def unheard(line: str) -> bool:
        return not {scenario.render(line), scenario.render(plain(line))} & heard

    for fits in (lambda line: not settled(line), lambda line: True):
        for lines in choices:
            unsaid = [line for line in lines if unheard(line) and fits(line)]
            if unsaid:
                return plain(_pick(unsaid, seed, turn, key))
    every = list(dict.fromkeys(plain(line) for lines in choices for line in lines))
    last_said = {text: i for i, text in enumerate(said)}
    oldest_first = sorted(
        every,
        key=lambda line: (settled(line), last_said.get(scenario.render(line), -1)),
    )
    for line in oldest_first:
        for restated in _restatements(scenario, line, seed, turn, key):
            if scenario.render(restated) not in heard:
                return restated
    return oldest_first[0]


def _restatements(
    scenario: Scenario, line: str, seed: int, turn: int, reaction: str
) -> list[str]:
    """``line`` framed as a repeat, the framings in a seeded order."""
    frames = RESTATEMENTS.get(scenario.language, RESTATEMENTS["en"])
    if reaction in WARM_REACTIONS:
        kind = "warm"
    elif line.rstrip().endswith("?"):
        kind = "question"
    else:
        kind = "statement"
    ordered = list(frames[kind])
    random.Random(f"{seed}:{turn}:restate").shuffle(ordered)
    return [frame.replace("{line}", line) for frame in ordered]


def _pick(lines: Sequence[str], seed: int, turn: int, key: str) -> str:
    return random.Random(f"{seed}:{turn}:{key}").choice(list(lines))


def _clamp(value: int) -> int:
    return max(0, min(100, value))
