"""The customer's mood engine: how a learner's moves and empathy move the customer.

Pure and deterministic: the same scenario version, seed and learner moves give
the same customer, word for word. Every change of anger or trust carries a
reason a trainer can read in the debrief.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

from trainer_api.simulation.scenario import LEARNER_MOVES, Scenario

ACTIVE = "active"
RESOLVED = "resolved"
ESCALATED = "escalated"
ABANDONED = "abandoned"

# When one reply makes several moves, the customer reacts to the one that
# matters most to them: an insult outweighs an apology said in the same breath.
REACTION_PRIORITY: tuple[str, ...] = (
    "blame_customer",
    "dismiss",
    "cite_policy",
    "offer_solution",
    "acknowledge_feelings",
    "apologize",
    "explain_situation",
    "ask_question",
    "close_conversation",
    "greet",
    "unclear",
)

_MOVE_LABELS = {
    "greet": "greeted the customer",
    "apologize": "apologised",
    "acknowledge_feelings": "acknowledged how the customer feels",
    "ask_question": "asked about the customer's situation",
    "explain_situation": "explained what happened",
    "offer_solution": "offered a concrete solution",
    "cite_policy": "cited policy",
    "blame_customer": "blamed the customer",
    "dismiss": "dismissed the customer's feelings",
    "close_conversation": "tried to close the conversation",
    "unclear": "the customer could not follow the reply",
}


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


def open_conversation(scenario: Scenario, seed: int) -> CustomerTurn:
    """The customer's first message and starting mood."""
    state = CustomerState(anger=scenario.mood.anger, trust=scenario.mood.trust)
    line = _pick(scenario.opening, seed, 0, "opening")
    return CustomerTurn(
        line=scenario.render(line),
        state=state,
        band=scenario.mood.band(state.anger),
        reasons=(),
    )


def respond(
    scenario: Scenario,
    state: CustomerState,
    moves: Sequence[str],
    *,
    empathy_score: int | None,
    seed: int,
) -> CustomerTurn:
    """Apply one learner reply (its moves and empathy score) to the customer.

    Args:
        scenario: the scenario version being played.
        state: the customer's state before this reply.
        moves: the learner moves the reply makes (one or more).
        empathy_score: the reply's 0-100 empathy score, or None if unscored.
        seed: the session's random seed.

    Returns:
        The customer's line, the new state and the reasons for each change.
    """
    if state.ended:
        raise ValueError(f"the conversation has already ended ({state.status})")
    moves = _known_moves(moves)
    anger, trust, reasons = state.anger, state.trust, []
    for move in moves:
        effect = scenario.mood.moves[move]
        anger, trust = anger + effect.anger, trust + effect.trust
        reasons += _reasons(effect.anger, effect.trust, _MOVE_LABELS[move])
    if empathy_score is not None:
        shift = round((50 - empathy_score) * scenario.mood.empathy_weight)
        anger += shift
        if shift:
            reasons.append(f"anger {shift:+d}: empathy score {empathy_score}")
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
    line = _line(scenario, new_state, _reaction(moves), seed)
    return CustomerTurn(
        line=scenario.render(line),
        state=new_state,
        band=scenario.mood.band(new_state.anger),
        reasons=tuple(reasons),
    )


def _known_moves(moves: Sequence[str]) -> list[str]:
    if not moves:
        return ["unclear"]
    unknown = [move for move in moves if move not in LEARNER_MOVES]
    if unknown:
        raise UnknownMove(f"unknown learner move(s): {', '.join(unknown)}")
    return list(dict.fromkeys(moves))


def _reasons(anger: int, trust: int, label: str) -> list[str]:
    reasons = []
    if anger:
        reasons.append(f"anger {anger:+d}: {label}")
    if trust:
        reasons.append(f"trust {trust:+d}: {label}")
    return reasons


def _needs_met(
    scenario: Scenario, already: tuple[str, ...], moves: Sequence[str]
) -> tuple[str, ...]:
    met = set(already)
    for need in scenario.needs:
        if any(move in need.met_by for move in moves):
            met.add(need.id)
    return tuple(need.id for need in scenario.needs if need.id in met)


def _status(scenario: Scenario, state: CustomerState) -> str:
    if state.anger >= scenario.mood.escalate_at:
        return ESCALATED
    all_met = len(state.needs_met) == len(scenario.needs)
    if all_met and state.anger <= scenario.mood.resolve_at:
        return RESOLVED
    if state.turn >= scenario.mood.max_turns:
        return ABANDONED
    return ACTIVE


def _reaction(moves: Sequence[str]) -> str:
    return min(moves, key=REACTION_PRIORITY.index)


def _line(scenario: Scenario, state: CustomerState, reaction: str, seed: int) -> str:
    ending = {ESCALATED: "escalate", RESOLVED: "resolved", ABANDONED: "leave"}
    if state.status in ending:
        key = ending[state.status]
        return _pick(scenario.endings[key], seed, state.turn, key)
    band = scenario.mood.band(state.anger)
    return _pick(scenario.reactions[reaction][band], seed, state.turn, reaction)


def _pick(lines: Sequence[str], seed: int, turn: int, key: str) -> str:
    return random.Random(f"{seed}:{turn}:{key}").choice(list(lines))


def _clamp(value: int) -> int:
    return max(0, min(100, value))
