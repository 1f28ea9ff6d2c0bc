"""The learner moves are named once, in trainer_api/simulation/moves.py.

The bot spells them out three more times: as intents in domain.yml, in the
rule that hands them to the customer, and in the NLU data. These tests fail
as soon as one of them disagrees with moves.py. (``rasa data validate`` does
not: Rasa 3.6 only warns about an intent no rule uses, even with
``--fail-on-warnings``.)
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

import pytest
import yaml
from channels.learner_request import CONTROLS

from tools.stack import BOT_DIR
from trainer_api.simulation.moves import INTENT_MOVES, INTENT_SEPARATOR

FALLBACK_INTENT = "nlu_fallback"
"""Rasa's intent for a reply the NLU is unsure of: the customer hears ``unclear``."""

CONTROL_ACTIONS = {
    "start_scenario": "action_customer_opening",
    "learner_silent": "action_customer_nudge",
}


def _read(relative: Any) -> dict[str, Any]:
    return yaml.safe_load((BOT_DIR / relative).read_text(encoding="utf-8"))


def _count_examples(examples: str) -> int:
    return sum(1 for line in examples.splitlines() if line.strip().startswith("- "))


def _intents_of(step: dict[str, Any]) -> list[str]:
    if "intent" in step:
        return [step["intent"]]
    return [choice["intent"] for choice in step.get("or", []) if "intent" in choice]


@cache
def domain_intents() -> tuple[str, ...]:
    return tuple(_read("domain.yml")["intents"])


def move_intents() -> list[str]:
    return [intent for intent in domain_intents() if intent not in CONTROLS]


@cache
def nlu_examples() -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in sorted((BOT_DIR / "data").glob("*.yml")):
        for item in _read(path.relative_to(BOT_DIR)).get("nlu") or []:
            if "intent" in item:
                counts[item["intent"]] += _count_examples(item["examples"])
    return counts


@cache
def rule_actions() -> dict[str, list[str]]:
    """Each intent a rule starts from, with the actions of every such rule."""
    actions: dict[str, list[str]] = {}
    for rule in _read("data/rules.yml")["rules"]:
        steps = rule["steps"]
        intents = _intents_of(steps[0])
        said = [step["action"] for step in steps[1:] if "action" in step]
        for intent in intents:
            actions.setdefault(intent, []).extend(said[:1])
    return actions


def test_every_move_has_its_own_intent() -> None:
    assert [m for m in INTENT_MOVES if m not in domain_intents()] == []


@pytest.mark.parametrize("intent", move_intents())
def test_every_intent_names_known_moves_once(intent: str) -> None:
    moves = intent.split(INTENT_SEPARATOR)
    unknown = [move for move in moves if move not in INTENT_MOVES]
    assert unknown == [], f"{intent}: not a move of moves.py: {unknown}"
    # real agents' replies make up to three moves ("Sorry, Dana: the van broke
    # down, so I've booked you Thursday"); more is a paragraph, not a reply
    assert len(set(moves)) == len(moves) <= 3, f"{intent}: one to three distinct moves"


def test_no_two_intents_make_the_same_moves() -> None:
    moves = Counter(frozenset(i.split(INTENT_SEPARATOR)) for i in move_intents())
    assert [sorted(m) for m, count in moves.items() if count > 1] == []


def test_the_controls_are_intents_of_the_domain() -> None:
    assert set(CONTROLS) <= set(domain_intents()) and set(CONTROLS) == set(
        CONTROL_ACTIONS
    )


@pytest.mark.parametrize("intent", domain_intents())
def test_every_intent_has_nlu_examples(intent: str) -> None:
    assert nlu_examples()[intent] > 0


def test_the_nlu_data_names_no_intent_outside_the_domain() -> None:
    assert sorted(set(nlu_examples()) - set(domain_intents())) == []


@pytest.mark.parametrize("intent", [*move_intents(), FALLBACK_INTENT])
def test_every_move_goes_to_the_customer_by_one_rule(intent: str) -> None:
    assert rule_actions().get(intent) == ["action_customer_reply"]


@pytest.mark.parametrize("intent", sorted(CONTROL_ACTIONS))
def test_every_control_goes_to_its_action_by_one_rule(intent: str) -> None:
    assert rule_actions().get(intent) == [CONTROL_ACTIONS[intent]]


def test_the_rules_name_no_intent_outside_the_domain() -> None:
    known = {*domain_intents(), FALLBACK_INTENT}
    assert sorted(set(rule_actions()) - known) == []
