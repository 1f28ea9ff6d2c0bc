"""The customer's answer as it travels from the action server to trainer_api.

One contract, written by the bot's actions and read by trainer_api's Rasa
client: the customer's line, the state after the turn, the mood band, the
reasons for each change, the stage (the need the customer waits for) and the
learner moves heard. The action server sends it in a bot message as
``{"custom": {"customer": <payload>}}``; a refusal is ``{"custom": {"error": ...}}``.

Versions:
    1 (no ``version`` key): a turn that ended the conversation came as two
      messages, the reaction and then the parting line (``"ending": true``).
    2: one answer per turn; the parting line is part of ``line``.

Pure: no Rasa, no HTTP.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from trainer_api.simulation.mood import ACTIVE, STATUSES, CustomerState, CustomerTurn
from trainer_api.simulation.moves import LEARNER_MOVES

CONTRACT_VERSION = 2
"""The version this code writes."""

READABLE_VERSIONS = (1, 2)
"""The versions this code reads; 1 only while old action servers may still run."""

ANSWER_KEY = "customer"
"""Where the answer sits in a bot message's ``custom`` part."""

ERROR_KEY = "error"
"""Where a refusal (no customer line) sits in a bot message's ``custom`` part."""

STATE_FIELDS = ("anger", "trust", "turn", "needs_met", "status")
"""The state's fields, named alike in the payload and in Rasa's slots."""


class ContractError(ValueError):
    """An answer that breaks the contract; the message names the field and the fix."""


@dataclass(frozen=True)
class CustomerAnswer:
    """The customer's answer to one turn (opening, reply or nudge).

    Attributes:
        line: everything the customer says this turn, parting words included.
        state: anger, trust, turn, needs met and status after the turn.
        band: the mood band of the new anger.
        reasons: why anger and trust moved, and which needs were met.
        stage: the need the customer waits for next (None once none is left
            or the conversation has ended).
        moves: the learner moves the customer heard (none for an opening or
            a nudge).
        version: the contract version the sender wrote.
    """

    line: str
    state: CustomerState
    band: str
    reasons: tuple[str, ...] = ()
    stage: str | None = None
    moves: tuple[str, ...] = ()
    version: int = CONTRACT_VERSION

    @classmethod
    def of(cls, turn: CustomerTurn, moves: Sequence[str] = ()) -> CustomerAnswer:
        """The answer for a turn of the mood engine and the moves it heard."""
        return cls(
            line=turn.line,
            state=turn.state,
            band=turn.band,
            reasons=turn.reasons,
            stage=turn.stage,
            moves=tuple(moves),
        )

    @property
    def turn(self) -> CustomerTurn:
        """The answer as the mood engine's turn (what trainer_api stores)."""
        return CustomerTurn(
            line=self.line,
            state=self.state,
            band=self.band,
            reasons=self.reasons,
            stage=self.stage,
        )

    def to_payload(self) -> dict[str, Any]:
        """Plain JSON for the wire."""
        return {
            "version": self.version,
            "line": self.line,
            **state_fields(self.state),
            "band": self.band,
            "stage": self.stage,
            "reasons": list(self.reasons),
            "moves": list(self.moves),
        }

    @classmethod
    def from_payload(cls, payload: Any) -> CustomerAnswer:
        """Read and check an answer.

        Raises:
            ContractError: a field is missing or has the wrong type or value,
                or the version is not one this code reads.
        """
        fields = _mapping(payload, "the customer's answer")
        version = _version(fields.get("version", 1))
        return cls(
            line=_text(_field(fields, "line"), "line"),
            state=_state(fields),
            band=_text(_field(fields, "band"), "band"),
            reasons=_texts(_field(fields, "reasons"), "reasons"),
            stage=_optional_text(fields.get("stage"), "stage"),
            moves=_moves(fields.get("moves", [])),
            version=version,
        )


def state_fields(state: CustomerState) -> dict[str, Any]:
    """The state as plain JSON, under the names the payload and slots use."""
    return {
        "anger": state.anger,
        "trust": state.trust,
        "turn": state.turn,
        "needs_met": list(state.needs_met),
        "status": state.status,
    }


def state_from_slots(slots: Mapping[str, Any]) -> CustomerState:
    """The state Rasa's slots hold; unset slots (before the opening) start afresh.

    Raises:
        ContractError: a slot holds a value the state cannot take.
    """
    defaults = {"anger": 0, "trust": 0, "turn": 0, "needs_met": [], "status": ACTIVE}
    return _state(
        {
            name: defaults[name] if slots.get(name) is None else slots[name]
            for name in STATE_FIELDS
        }
    )


def _state(fields: Mapping[str, Any]) -> CustomerState:
    return CustomerState(
        anger=_whole(_field(fields, "anger"), "anger", 0, 100),
        trust=_whole(_field(fields, "trust"), "trust", 0, 100),
        turn=_whole(_field(fields, "turn"), "turn", 0, None),
        needs_met=_texts(_field(fields, "needs_met"), "needs_met"),
        status=_status(_field(fields, "status")),
    )


def _field(fields: Mapping[str, Any], name: str) -> Any:
    if name not in fields:
        raise ContractError(f"the customer's answer has no {name!r}")
    return fields[name]


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ContractError(f"{what} must be an object, got {_kind(value)}")
    return value


def _version(value: Any) -> int:
    if isinstance(value, bool) or value not in READABLE_VERSIONS:
        readable = " or ".join(str(v) for v in READABLE_VERSIONS)
        raise ContractError(
            f"the customer's answer has contract version {value!r}; this side "
            f"reads version {readable}: deploy the same release on both sides"
        )
    return int(value)


def _whole(value: Any, name: str, low: int, high: int | None) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ContractError(f"{name!r} must be a whole number, got {_kind(value)}")
    if value < low or (high is not None and value > high):
        bounds = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise ContractError(f"{name!r} must be {bounds}, got {value}")
    return value


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value:
        raise ContractError(f"{name!r} must be a non-empty text, got {_kind(value)}")
    return value


def _optional_text(value: Any, name: str) -> str | None:
    return None if value is None else _text(value, name)


def _texts(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ContractError(f"{name!r} must be a list of texts, got {_kind(value)}")
    return tuple(value)


def _status(value: Any) -> str:
    if value not in STATUSES:
        raise ContractError(
            f"'status' must be one of {', '.join(STATUSES)}, got {value!r}"
        )
    return str(value)


def _moves(value: Any) -> tuple[str, ...]:
    moves = _texts(value, "moves")
    unknown = [move for move in moves if move not in LEARNER_MOVES]
    if unknown:
        raise ContractError(f"'moves' names unknown learner moves: {unknown}")
    return moves


def _kind(value: Any) -> str:
    return repr(value) if isinstance(value, (str, int, float)) else type(value).__name__
