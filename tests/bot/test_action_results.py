"""The Rasa server's check of action server answers, with its validator built
once (bot/channels/action_results.py), accepts and refuses what Rasa's own
check does, with the same errors."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from channels import action_results
from rasa.core.actions.action import RemoteAction

VALID: list[dict[str, Any]] = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "anger", "value": 40.0}],
        "responses": [{"text": "Right.", "custom": {"empathy_answer": {}}}],
    },
    {},
]
INVALID: list[dict[str, Any]] = [
    {"events": "not a list"},
    {"events": [{"no_event_key": 1}]},
    {"responses": [{"text": 5}], "events": [{"event": "slot", "name": 3}]},
]


def _rasa_check(result: dict[str, Any]) -> None:
    jsonschema.validate(result, RemoteAction.action_response_format_spec())


@pytest.mark.parametrize("result", VALID)
def test_what_rasa_accepts_is_accepted(result: dict[str, Any]) -> None:
    _rasa_check(result)
    assert action_results.validate_action_result(None, result) is True


@pytest.mark.parametrize("result", INVALID)
def test_what_rasa_refuses_is_refused_with_the_same_error(
    result: dict[str, Any],
) -> None:
    with pytest.raises(jsonschema.ValidationError) as theirs:
        _rasa_check(result)
    with pytest.raises(jsonschema.ValidationError) as ours:
        action_results.validate_action_result(None, result)
    assert ours.value.message.startswith(theirs.value.message)
    assert "Failed to validate Action server response" in ours.value.message
    assert list(ours.value.path) == list(theirs.value.path)


def test_the_learner_channel_installs_it_on_this_rasa_release() -> None:
    import channels.learner  # noqa: F401  (loading the channel installs it)

    assert RemoteAction._validate_action_result is (
        action_results.validate_action_result
    )
