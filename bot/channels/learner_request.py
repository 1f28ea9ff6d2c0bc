"""What trainer_api may post to the learner channel, checked and made safe.

Pure: no Rasa, no web server. A body carries either a learner's words
(``text``) or one of trainer_api's controls (``control``), never both:

    {"sender": "<session id>", "metadata": {...}, "text": "I'm so sorry ..."}
    {"sender": "<session id>", "metadata": {...},
     "control": {"name": "start_scenario", "entities": {"scenario_id": "..."}}}

Rasa reads a message that starts with ``/`` (after stripping whitespace) as a
command, ``/intent{"entity": "value"}``, and skips the NLU. Learner words
therefore lose their leading slashes and whitespace here, and the NLU's
reading of them never carries an intent that only a control may carry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

COMMAND_PREFIX = "/"
"""Rasa's ``INTENT_MESSAGE_PREFIX``: a text starting with it is a command."""

CONTROLS: Mapping[str, frozenset[str]] = {
    "start_scenario": frozenset({"scenario_id"}),
    "learner_silent": frozenset(),
}
"""Every control trainer_api may send, with the entities it requires."""

RASA_COMMAND_INTENTS = frozenset({"restart", "back", "session_start"})
"""Rasa's built-in intents that only a command can produce."""

NEVER_FROM_WORDS = frozenset(CONTROLS) | RASA_COMMAND_INTENTS
"""Intents a learner's words must never be read as."""

NO_WORDS_INTENT = "out_of_scope"
"""How the customer hears words that mean nothing for the conversation."""

_COMMAND_SHAPE = re.compile(r"[A-Za-z]\w*(?:\+[A-Za-z]\w*)*(?:\{.*\})?", re.DOTALL)


def looks_like_command(words: str) -> bool:
    """Whether ``words`` is a Rasa command without its slash.

    ``apologize+offer_solution`` or ``start_scenario{"scenario_id": "x"}``: one
    run of intent names joined by ``+``, perhaps with entities, never a reply.
    """
    return bool(_COMMAND_SHAPE.fullmatch(words)) and any(c in words for c in "_+{")


MAX_SENDER_CHARS = 128
MAX_ENTITY_CHARS = 128
FIELDS = frozenset({"sender", "metadata", "text", "control"})


class BadRequest(ValueError):
    """A body the channel refuses; the message says what to change."""


@dataclass(frozen=True)
class LearnerWords:
    """A learner's reply: ``words`` is what the NLU reads ("" if none are left)."""

    sender: str
    typed: str
    words: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Control:
    """One of trainer_api's controls, to be sent to Rasa as its command."""

    sender: str
    name: str
    entities: dict[str, str]
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def command(self) -> str:
        """The control as Rasa's command text, ``/name{"entity": "value"}``."""
        entities = json.dumps(self.entities) if self.entities else ""
        return f"{COMMAND_PREFIX}{self.name}{entities}"


def parse_request(body: Any) -> LearnerWords | Control:
    """Check a webhook body; raise :class:`BadRequest` saying what is wrong."""
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    unknown = sorted(set(body) - FIELDS)
    if unknown:
        raise BadRequest(
            f"unknown field(s) {', '.join(unknown)}; "
            "send sender, metadata and exactly one of text or control"
        )
    if ("text" in body) == ("control" in body):
        raise BadRequest("send exactly one of text (learner words) or control")
    sender = _sender(body.get("sender"))
    metadata = _metadata(body.get("metadata"))
    if "control" in body:
        name, entities = _control(body["control"])
        return Control(sender, name, entities, metadata)
    typed = body["text"]
    if not isinstance(typed, str) or not typed.strip():
        raise BadRequest("text must be the learner's reply, not empty")
    words = neutralise(typed)
    if looks_like_command(words):
        words = ""  # an intent name typed as text, such as apologize+offer_solution
    return LearnerWords(sender, typed.strip(), words, metadata)


def neutralise(typed: str) -> str:
    """The learner's words without leading whitespace or slashes.

    What is left can never start with Rasa's command prefix, even after Rasa
    strips it again; slashes later in the text are kept. A reply made only of
    slashes and whitespace has no words left: "".
    """
    start = 0
    while start < len(typed) and (
        typed[start] == COMMAND_PREFIX or typed[start].isspace()
    ):
        start += 1
    return typed[start:].strip()


RANKING_KEPT = 3
"""Readings the conversation keeps: the intent and the two runners-up."""


def learner_reading(parse_data: dict[str, Any]) -> dict[str, Any]:
    """The NLU's reading of learner words, with no control's intent or entity.

    The NLU knows the controls' intents (Rasa needs examples of them), so words
    like "begin roleplay session" can read as ``start_scenario``; such a
    reading becomes :data:`NO_WORDS_INTENT`, with the NLU's confidence.

    The reading is stored with the learner's message in the conversation and
    sent to the action server on every later turn, so it keeps only what a
    reader of the conversation needs: the top :data:`RANKING_KEPT` intents, no
    token offsets (a full ranking and the offsets tripled what each learner
    message weighed).
    """
    reading = {key: value for key, value in parse_data.items() if key != "text_tokens"}
    intent = dict(reading.get("intent") or {})
    if intent.get("name") in NEVER_FROM_WORDS:
        intent["name"] = NO_WORDS_INTENT
    reading["intent"] = intent
    reading["intent_ranking"] = [intent] + [
        ranked
        for ranked in reading.get("intent_ranking") or []
        if ranked.get("name") not in NEVER_FROM_WORDS | {intent.get("name")}
    ][: RANKING_KEPT - 1]
    control_entities = {name for names in CONTROLS.values() for name in names}
    reading["entities"] = [
        entity
        for entity in reading.get("entities") or []
        if entity.get("entity") not in control_entities
    ]
    return reading


def no_words_reading(typed: str) -> dict[str, Any]:
    """The reading of a reply with no words (only slashes): meaningless.

    The NLU is not asked: it cannot read an empty text.
    """
    intent = {"name": NO_WORDS_INTENT, "confidence": 1.0}
    return {"text": typed, "intent": intent, "intent_ranking": [intent], "entities": []}


def _sender(sender: Any) -> str:
    if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARS:
        raise BadRequest(
            f"sender must be a text of 1 to {MAX_SENDER_CHARS} characters "
            "(the practice session's id)"
        )
    return sender


def _metadata(metadata: Any) -> dict[str, Any]:
    if metadata is None:
        return {}
    if not isinstance(metadata, dict):
        raise BadRequest("metadata must be a JSON object")
    return metadata


def _control(control: Any) -> tuple[str, dict[str, str]]:
    if not isinstance(control, dict) or set(control) - {"name", "entities"}:
        raise BadRequest('control must be {"name": ..., "entities": {...}}')
    name = control.get("name")
    if not isinstance(name, str) or name not in CONTROLS:
        raise BadRequest(f"control must be one of {', '.join(sorted(CONTROLS))}")
    entities = control.get("entities") or {}
    if not isinstance(entities, dict) or set(entities) != CONTROLS[name]:
        needed = ", ".join(sorted(CONTROLS[name])) or "no entities"
        raise BadRequest(f"control {name} takes {needed}")
    for entity, value in entities.items():
        if not isinstance(value, str) or not 0 < len(value) <= MAX_ENTITY_CHARS:
            raise BadRequest(
                f"entity {entity} must be a text of 1 to {MAX_ENTITY_CHARS} characters"
            )
    return name, dict(entities)
