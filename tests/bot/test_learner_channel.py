"""The learner channel's checks: learner words can never become a Rasa command.

Pure functions only (bot/channels/learner_request.py); no Rasa server. The
stack tests drive the channel itself (tests/stack/test_learner_commands.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from channels.learner_request import (
    BadRequest,
    Control,
    LearnerWords,
    learner_reading,
    looks_like_command,
    neutralise,
    no_words_reading,
    parse_request,
)
from rasa.shared.core.training_data.story_reader.yaml_story_reader import (
    YAMLStoryReader,
)
from rasa.shared.nlu.training_data.message import Message


def as_rasa_reads(text: str) -> str | None:
    """The intent Rasa's RegexMessageHandler takes from ``text`` (None: no command).

    Rasa strips the text on its way (UserMessage, then the handler), so this
    does too. Without a domain, any intent name counts.
    """
    unpacked = YAMLStoryReader.unpack_regex_message(Message({"text": text.strip()}))
    intent = unpacked.get("intent")
    return intent.get("name") if intent else None


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        (
            '/start_scenario{"scenario_id": "lost_luggage"}',
            'start_scenario{"scenario_id": "lost_luggage"}',
        ),
        ("  /apologize+offer_solution", "apologize+offer_solution"),
        ("/learner_silent", "learner_silent"),
        ("/restart", "restart"),
        ("\t\n//  / /restart", "restart"),
        ("\u00a0\u2003/restart", "restart"),
        ("/ sorry, I hit the wrong key", "sorry, I hit the wrong key"),
        (
            "I've rebooked you on the 18/40... I mean 18:40",
            "I've rebooked you on the 18/40... I mean 18:40",
        ),
        ("  I'm so sorry  ", "I'm so sorry"),
    ],
)
def test_learner_words_lose_leading_slashes_and_whitespace_only(
    typed: str, words: str
) -> None:
    assert neutralise(typed) == words


@pytest.mark.parametrize(
    "typed",
    [
        '/start_scenario{"scenario_id": "lost_luggage"}',
        "  /apologize+offer_solution",
        "/learner_silent",
        "/restart",
        "/session_start",
        "\u2028/restart",
        " \x1c/restart",
        "/ /greet",
    ],
)
def test_what_rasa_reads_as_a_command_is_no_command_once_neutralised(
    typed: str,
) -> None:
    assert as_rasa_reads(typed) is not None, "Rasa reads this as a command"
    message = parse_request({"sender": "s", "text": typed})
    assert isinstance(message, LearnerWords)
    assert as_rasa_reads(message.words) is None


@pytest.mark.parametrize("typed", ["/", "///", " / / ", "\t//\n"])
def test_a_reply_of_slashes_only_has_no_words_and_reads_as_meaningless(
    typed: str,
) -> None:
    message = parse_request({"sender": "s", "text": typed})
    assert isinstance(message, LearnerWords)
    assert message.words == "" and message.typed == typed.strip()
    reading = no_words_reading(message.typed)
    assert reading["intent"]["name"] == "out_of_scope" and reading["entities"] == []


def test_a_control_becomes_the_command_rasa_reads() -> None:
    body = {
        "sender": "session-1",
        "metadata": {"seed": 4, "scenario_version": "abc"},
        "control": {
            "name": "start_scenario",
            "entities": {"scenario_id": "lost_luggage"},
        },
    }
    control = parse_request(body)
    assert control == Control(
        "session-1",
        "start_scenario",
        {"scenario_id": "lost_luggage"},
        {"seed": 4, "scenario_version": "abc"},
    )
    unpacked = YAMLStoryReader.unpack_regex_message(Message({"text": control.command}))
    assert unpacked.get("intent")["name"] == "start_scenario"
    assert [(e["entity"], e["value"]) for e in unpacked.get("entities")] == [
        ("scenario_id", "lost_luggage")
    ]
    silent = parse_request(
        {"sender": "session-1", "control": {"name": "learner_silent"}}
    )
    assert isinstance(silent, Control) and silent.command == "/learner_silent"


def test_an_odd_scenario_id_stays_one_entity_value() -> None:
    odd = 'x"}, "extra": "y'
    control = parse_request(
        {
            "sender": "s",
            "control": {"name": "start_scenario", "entities": {"scenario_id": odd}},
        }
    )
    assert isinstance(control, Control)
    assert json.loads(control.command.removeprefix("/start_scenario")) == {
        "scenario_id": odd
    }


BAD_BODIES: list[tuple[Any, str]] = [
    (None, "JSON object"),
    ([], "JSON object"),
    ({"sender": "s", "message": "/restart"}, "unknown field"),
    (
        {"sender": "s", "text": "hi", "control": {"name": "learner_silent"}},
        "exactly one",
    ),
    ({"sender": "s"}, "exactly one"),
    ({"sender": "s", "text": "  "}, "not empty"),
    ({"sender": "s", "text": ["hi"]}, "not empty"),
    ({"text": "hi"}, "sender"),
    ({"sender": "", "text": "hi"}, "sender"),
    ({"sender": "s" * 129, "text": "hi"}, "sender"),
    ({"sender": 7, "text": "hi"}, "sender"),
    ({"sender": "s", "text": "hi", "metadata": []}, "metadata"),
    ({"sender": "s", "control": "learner_silent"}, "control must be"),
    ({"sender": "s", "control": {"name": "restart"}}, "one of"),
    ({"sender": "s", "control": {"name": ["learner_silent"]}}, "one of"),
    ({"sender": "s", "control": {"name": "apologize+offer_solution"}}, "one of"),
    ({"sender": "s", "control": {"name": "start_scenario"}}, "scenario_id"),
    (
        {
            "sender": "s",
            "control": {"name": "learner_silent", "entities": {"scenario_id": "x"}},
        },
        "no entities",
    ),
    (
        {
            "sender": "s",
            "control": {"name": "start_scenario", "entities": {"scenario_id": 5}},
        },
        "scenario_id must be",
    ),
    (
        {
            "sender": "s",
            "control": {
                "name": "start_scenario",
                "entities": {"scenario_id": "x", "seed": "1"},
            },
        },
        "scenario_id",
    ),
    (
        {"sender": "s", "control": {"name": "learner_silent", "text": "/restart"}},
        "control must be",
    ),
]


@pytest.mark.parametrize(("body", "says"), BAD_BODIES)
def test_a_bad_body_is_refused_with_what_to_change(body: Any, says: str) -> None:
    with pytest.raises(BadRequest, match=says):
        parse_request(body)


def test_the_nlu_never_reads_learner_words_as_a_control() -> None:
    reading = {
        "text": "begin roleplay session",
        "intent": {"name": "start_scenario", "confidence": 0.99},
        "intent_ranking": [
            {"name": "start_scenario", "confidence": 0.99},
            {"name": "learner_silent", "confidence": 0.006},
            {"name": "greet", "confidence": 0.004},
        ],
        "entities": [
            {"entity": "scenario_id", "value": "lost_luggage"},
            {"entity": "time", "value": "tonight"},
        ],
    }
    safe = learner_reading(reading)
    assert safe["intent"] == {"name": "out_of_scope", "confidence": 0.99}
    assert [r["name"] for r in safe["intent_ranking"]] == ["out_of_scope", "greet"]
    assert safe["entities"] == [{"entity": "time", "value": "tonight"}]
    assert reading["intent"]["name"] == "start_scenario", "the input is not changed"


def test_an_ordinary_reading_passes_unchanged() -> None:
    reading = {
        "text": "I'm so sorry, I've rebooked you",
        "intent": {"name": "apologize+offer_solution", "confidence": 0.8},
        "intent_ranking": [
            {"name": "apologize+offer_solution", "confidence": 0.8},
            {"name": "apologize", "confidence": 0.2},
        ],
        "entities": [],
    }
    assert learner_reading(reading) == reading


def test_the_stored_reading_keeps_the_top_intents_and_no_token_offsets() -> None:
    ranking = [
        {"name": name, "confidence": confidence}
        for name, confidence in (
            ("apologize", 0.6),
            ("learner_silent", 0.2),
            ("validate", 0.1),
            ("explain", 0.05),
            ("greet", 0.05),
        )
    ]
    reading = {
        "text": "so sorry",
        "intent": ranking[0],
        "intent_ranking": ranking,
        "entities": [],
        "text_tokens": [[0, 2], [3, 8]],
    }
    kept = learner_reading(reading)
    assert "text_tokens" not in kept
    assert [r["name"] for r in kept["intent_ranking"]] == [
        "apologize",
        "validate",
        "explain",
    ]
    assert len(reading["intent_ranking"]) == 5, "the input is not changed"


@pytest.mark.parametrize(
    "typed",
    [
        "apologize+offer_solution",
        "/apologize+offer_solution",
        "  //dismiss+cite_policy",
        'start_scenario{"scenario_id": "lost_luggage"}',
        "learner_silent",
        "offer_compensation",
    ],
)
def test_an_intent_name_typed_as_text_has_no_words(typed: str) -> None:
    body = {"sender": "s", "text": typed}
    parsed = parse_request(body)
    assert isinstance(parsed, LearnerWords)
    assert parsed.words == ""
    assert parsed.typed == typed.strip()


@pytest.mark.parametrize(
    "typed",
    ["apologize", "sorry", "ok", "I apologize + I'll fix it", "e-mail me", "thanks!"],
)
def test_ordinary_words_are_never_taken_for_a_command(typed: str) -> None:
    assert not looks_like_command(typed)
    parsed = parse_request({"sender": "s", "text": typed})
    assert isinstance(parsed, LearnerWords) and parsed.words == typed
