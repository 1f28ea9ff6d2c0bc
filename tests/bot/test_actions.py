"""The customer's actions, driven with a real Tracker and CollectingDispatcher."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import yaml
from actions.customer import (
    ActionCustomerEscalate,
    ActionCustomerNudge,
    ActionCustomerOpening,
    ActionCustomerReply,
)
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from tools.stack import BOT_DIR
from trainer_api.scoring import score_reply
from trainer_api.scoring.scorer import REPEAT_CAP
from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import CONTRACT_VERSION, CustomerAnswer, load_scenario
from trainer_api.simulation.scenario import OTHER_LANGUAGE_LINES

SCENARIO = load_scenario(PROJECT_ROOT / "scenarios", "flight_delay")


def tracker(
    slots: dict[str, Any],
    intent: str,
    metadata: dict[str, Any],
    entities: Any = (),
    text: str = "...",
    earlier: tuple[str, ...] = (),
    customer_said: tuple[str, ...] = (),
) -> Tracker:
    message = {
        "intent": {"name": intent, "confidence": 0.9},
        "entities": list(entities),
        "text": text,
        "metadata": metadata,
    }
    events: list[dict[str, Any]] = [
        {"event": "bot", "text": line} for line in customer_said
    ]
    for said in (*earlier, text):
        # as Rasa records it: the user event, then its featurization event
        events += [{"event": "user", "text": said}, {"event": "user_featurization"}]
    return Tracker(
        "learner-1", slots, message, events, False, None, {}, "action_listen"
    )


def run(action: Any, current: Tracker) -> tuple[list[dict[str, Any]], list[Any]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, current, {}))
    return dispatcher.messages, events


def slots_after(
    events: list[Any], before: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The slots once ``events`` are applied (the action sets only what changed)."""
    return {
        **(before or {}),
        **{e["name"]: e["value"] for e in events if e["event"] == "slot"},
    }


def opened() -> dict[str, Any]:
    start = tracker(
        {},
        "start_scenario",
        {"seed": 11, "scenario_version": SCENARIO.content_hash},
        [{"entity": "scenario_id", "value": "flight_delay"}],
    )
    messages, events = run(ActionCustomerOpening(), start)
    assert messages[0]["text"] in {SCENARIO.render(line) for line in SCENARIO.opening}
    return slots_after(events)


def test_the_action_server_registers_the_domains_actions_and_the_retired_ones() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    domain = yaml.safe_load((BOT_DIR / "domain.yml").read_text(encoding="utf-8"))
    retired = {
        "action_customer_escalate",
        "action_customer_resolve",
        "action_customer_leave",
    }
    assert set(executor.actions) == set(domain["actions"]) | retired


def test_opening_sets_the_scenario_and_starting_mood() -> None:
    slots = opened()
    assert slots["scenario_id"] == "flight_delay"
    assert slots["scenario_version"] == SCENARIO.content_hash
    assert slots["anger"] == SCENARIO.mood.anger and slots["status"] == "active"


def test_an_unknown_scenario_is_reported_without_a_customer_line() -> None:
    start = tracker(
        {}, "start_scenario", {}, [{"entity": "scenario_id", "value": "no_such"}]
    )
    messages, events = run(ActionCustomerOpening(), start)
    assert events == []
    assert not messages[0].get("text")
    assert "no_such" in messages[0]["custom"]["error"]


def test_empathy_lowers_anger_and_blame_raises_it() -> None:
    slots = opened()
    calm_messages, calm = run(
        ActionCustomerReply(),
        tracker(slots, "apologize+offer_solution", {"empathy": {"score": 80}}),
    )
    angry_messages, angry = run(
        ActionCustomerReply(),
        tracker(slots, "blame_customer", {"empathy": {"score": 5}}),
    )
    assert slots_after(calm)["anger"] < slots["anger"] < slots_after(angry)["anger"]
    payload = calm_messages[0]["custom"]["customer"]
    assert payload["moves"] == ["apologize", "offer_solution"]
    solved = [n.id for n in SCENARIO.needs if "offer_solution" in n.met_by]
    assert set(solved) <= set(payload["needs_met"])
    assert payload["stage"] == next(
        n.id for n in SCENARIO.needs if n.id not in payload["needs_met"]
    )
    angry_reasons = angry_messages[0]["custom"]["customer"]["reasons"]
    assert any("blamed the customer" in reason for reason in angry_reasons)
    assert calm_messages[0]["text"] and "action_" not in calm_messages[0]["text"]


def test_fallback_makes_the_customer_confused_not_broken() -> None:
    slots = opened()
    messages, events = run(
        ActionCustomerReply(), tracker(slots, "nlu_fallback", {"empathy": {"score": 0}})
    )
    assert messages[0]["custom"]["customer"]["moves"] == ["unclear"]
    band = SCENARIO.mood.band(int(slots_after(events)["anger"]))
    assert messages[0]["text"] in {
        SCENARIO.render(line) for line in SCENARIO.reactions["unclear"][band]
    }


def test_a_nudge_counts_and_prompts_the_learner() -> None:
    slots = opened()
    messages, events = run(ActionCustomerNudge(), tracker(slots, "learner_silent", {}))
    assert messages[0]["text"] in {
        SCENARIO.render(line) for line in SCENARIO.endings["nudge"]
    }
    assert slots_after(events)["nudges"] == 1.0


def ends_with_one_of(text: str, lines: Any) -> bool:
    return any(text.endswith(f" {SCENARIO.render(line)}") for line in lines)


def test_a_reply_that_escalates_says_the_parting_words_in_the_same_answer() -> None:
    slots = {**opened(), "anger": float(SCENARIO.mood.escalate_at - 1)}
    messages, events = run(
        ActionCustomerReply(),
        tracker(slots, "blame_customer", {"empathy": {"score": 0}}),
    )
    assert len(messages) == 1
    assert ends_with_one_of(messages[0]["text"], SCENARIO.endings["escalate"])
    answer = CustomerAnswer.from_payload(messages[0]["custom"]["customer"])
    assert answer.version == CONTRACT_VERSION
    assert answer.line == messages[0]["text"]
    assert answer.state.status == "escalated" and answer.stage is None
    assert answer.moves == ("blame_customer",)
    assert slots_after(events)["status"] == "escalated"


def test_a_reply_that_satisfies_the_customer_says_thanks_in_the_same_answer() -> None:
    needs = [need.id for need in SCENARIO.needs]
    slots = {**opened(), "anger": 20.0, "trust": 60.0, "needs_met": needs}
    messages, events = run(
        ActionCustomerReply(),
        tracker(slots, "acknowledge_feelings", {"empathy": {"score": 90}}),
    )
    assert len(messages) == 1
    assert ends_with_one_of(messages[0]["text"], SCENARIO.endings["resolved"])
    assert slots_after(events)["status"] == "resolved"


def test_an_old_models_ending_action_says_nothing_more() -> None:
    """A model trained before contract version 2 still calls the ending actions."""
    slots = {**opened(), "anger": 95.0, "status": "escalated"}
    messages, events = run(ActionCustomerEscalate(), tracker(slots, "dismiss", {}))
    assert messages == [] and events == []


def test_an_ended_conversation_answers_with_an_error_only() -> None:
    slots = {**opened(), "status": "escalated"}
    messages, events = run(ActionCustomerReply(), tracker(slots, "apologize", {}))
    assert events == [] and "ended" in messages[0]["custom"]["error"]


def test_slot_events_are_plain_slot_sets_of_what_changed() -> None:
    slots = opened()
    _, events = run(
        ActionCustomerReply(), tracker(slots, "greet", {"empathy": {"score": 50}})
    )
    assert all(e == SlotSet(e["name"], e["value"]) for e in events)
    changed = {e["name"] for e in events}
    assert "turn" in changed
    assert changed.isdisjoint({"status", "nudges", "needs_met"})
    assert all(slots.get(e["name"]) != e["value"] for e in events)


def test_a_slot_never_set_is_set_even_to_its_default() -> None:
    slots = {**opened(), "status": None, "nudges": None}
    _, events = run(
        ActionCustomerReply(), tracker(slots, "greet", {"empathy": {"score": 50}})
    )
    after = slots_after(events, slots)
    assert (after["status"], after["nudges"]) == ("active", 0.0)


def test_a_reply_after_a_nudge_resets_the_nudges() -> None:
    slots = {**opened(), "nudges": 2.0}
    _, events = run(
        ActionCustomerReply(), tracker(slots, "greet", {"empathy": {"score": 50}})
    )
    assert slots_after(events, slots)["nudges"] == 0.0


def test_a_first_reply_is_not_a_repeat() -> None:
    messages, _ = run(
        ActionCustomerReply(),
        tracker(opened(), "apologize", {}, text="I'm so sorry."),
    )
    reasons = " ".join(messages[0]["custom"]["customer"]["reasons"])
    assert "repeated" not in reasons


def test_the_same_words_again_annoy_the_customer() -> None:
    slots = opened()
    said = "I understand your frustration."
    _, first = run(
        ActionCustomerReply(),
        tracker(slots, "acknowledge_feelings", {}, text=said),
    )
    messages, again = run(
        ActionCustomerReply(),
        tracker(slots, "acknowledge_feelings", {}, text=said, earlier=(said.upper(),)),
    )
    assert slots_after(again)["anger"] > slots_after(first)["anger"]
    assert messages[0]["custom"]["customer"]["moves"] == ["acknowledge_feelings"]
    assert "repeated the same words" in " ".join(
        messages[0]["custom"]["customer"]["reasons"]
    )


def test_a_control_is_not_an_earlier_reply() -> None:
    messages, _ = run(
        ActionCustomerReply(),
        tracker(
            opened(),
            "out_of_scope",
            {},
            text="learner silent",
            earlier=("/learner_silent",),
        ),
    )
    assert "repeated" not in " ".join(messages[0]["custom"]["customer"]["reasons"])


@pytest.mark.parametrize(
    ("earlier", "again"),
    [
        ("I understand your frustration.", "i understand your frustration!!"),
        (
            "I completely understand how frustrating this delay must be for you",
            "I completely understand how frustrating this delay must be for you today",
        ),
        ("one two three four five", "one two three four six"),
        ("ok", "ok then"),
    ],
)
def test_the_customer_and_the_scorer_agree_on_a_repeat(
    earlier: str, again: str
) -> None:
    messages, _ = run(
        ActionCustomerReply(),
        tracker(opened(), "acknowledge_feelings", {}, text=again, earlier=(earlier,)),
    )
    reasons = " ".join(messages[0]["custom"]["customer"]["reasons"])
    customer_heard_a_repeat = "repeated the same words" in reasons
    score = score_reply(again, context={"previous_replies": [earlier]})
    scorer_heard_a_repeat = any("the same reply" in tip for tip in score.feedback)
    assert customer_heard_a_repeat == scorer_heard_a_repeat
    assert score.score <= REPEAT_CAP or not scorer_heard_a_repeat


def test_the_customer_does_not_repeat_what_the_tracker_shows_they_said() -> None:
    slots = opened()
    current = tracker(slots, "ask_closed_question", {}, text="Which flight?")
    first = run(ActionCustomerReply(), current)[0][0]["text"]
    again = run(
        ActionCustomerReply(),
        tracker(
            slots,
            "ask_closed_question",
            {},
            text="Which flight?",
            customer_said=(first,),
        ),
    )[0][0]["text"]
    assert again != first


def scored(
    score: int,
    band: str,
    language: str = "en",
    penalties: tuple[str, ...] = (),
    **levels: int,
) -> dict[str, Any]:
    """The empathy part of a learner message's metadata, as trainer_api sends it."""
    dimensions = dict.fromkeys(
        (
            "emotional_reaction",
            "interpretation",
            "exploration",
            "ownership",
            "resolution",
        ),
        0,
    )
    return {
        "score": score,
        "band": band,
        "language": language,
        "penalties": list(penalties),
        "dimensions": {**dimensions, **levels},
    }


def test_a_french_reply_to_an_english_customer_is_asked_to_go_on_in_english() -> None:
    slots = opened()
    warm = scored(
        80,
        "excellent",
        "fr",
        emotional_reaction=2,
        interpretation=1,
        ownership=1,
        resolution=2,
    )
    text = (
        "Je suis vraiment désolée, je vous rebooke tout de suite sur le vol de 14h20."
    )
    messages, events = run(
        ActionCustomerReply(),
        tracker(slots, "apologize+offer_solution", {"empathy": warm}, text=text),
    )
    answer = messages[0]["custom"]["customer"]
    assert messages[0]["text"] in OTHER_LANGUAGE_LINES["en"]
    assert answer["reasons"] == [
        "the reply was not in the customer's language (fr, not en): "
        "they asked to go on in theirs"
    ]
    after = slots_after(events, slots)
    assert (after["anger"], after["trust"]) == (slots["anger"], slots["trust"])
    assert after["turn"] == slots["turn"] + 1
    assert not after.get("needs_met")

    # the next reply in English is heard again, and the line is not repeated
    said = (messages[0]["text"],)
    second, _ = run(
        ActionCustomerReply(),
        tracker(
            {**slots, **after},
            "apologize+offer_solution",
            {"empathy": warm},
            text=text,
            customer_said=said,
        ),
    )
    assert second[0]["text"] in OTHER_LANGUAGE_LINES["en"]
    assert second[0]["text"] != messages[0]["text"]


def test_an_english_reply_is_heard_through_the_nlu() -> None:
    slots = opened()
    empathy = scored(80, "excellent", emotional_reaction=2)
    messages, _ = run(
        ActionCustomerReply(),
        tracker(slots, "explain", {"empathy": empathy}, text="The plane has a fault."),
    )
    assert messages[0]["custom"]["customer"]["moves"] == ["explain"]


def test_a_solution_the_reply_does_not_offer_is_not_credited() -> None:
    slots = opened()
    empathy = scored(70, "good", emotional_reaction=2, interpretation=1)
    text = "Oh no, Fiona, that sounds exhausting after a morning like that."
    messages, _ = run(
        ActionCustomerReply(),
        tracker(slots, "offer_solution", {"empathy": empathy}, text=text),
    )
    answer = messages[0]["custom"]["customer"]
    assert answer["moves"] == ["acknowledge_feelings"]
    assert not any("solution" in reason for reason in answer["reasons"])


def _resend_tracker(
    slots: dict[str, Any], first_answer: dict[str, Any], message_id: str, text: str
) -> Tracker:
    """After ``text`` (message id m-7) was answered, ``text`` again as
    ``message_id``."""
    first = {"empathy": {"score": 80}, "message_id": "m-7"}
    metadata = {"empathy": {"score": 80}, "message_id": message_id}
    events: list[dict[str, Any]] = [
        {"event": "user", "text": text, "metadata": first},
        {"event": "user_featurization"},
        {
            "event": "bot",
            "text": first_answer["text"],
            "data": {"custom": first_answer["custom"]},
        },
        {"event": "slot", "name": "anger", "value": 10.0},
        {"event": "user", "text": text, "metadata": metadata},
    ]
    message = {
        "intent": {"name": "apologize+offer_solution", "confidence": 0.9},
        "entities": [],
        "text": text,
        "metadata": metadata,
    }
    return Tracker(
        "learner-1", slots, message, events, False, None, {}, "action_listen"
    )


def test_a_resent_reply_gets_its_first_answer_and_moves_the_mood_once() -> None:
    """A reply whose answer was lost on the way back is sent again with the same
    message id: the customer says the same thing and nothing moves twice."""
    slots = opened()
    text = "I'm so sorry. I've rebooked you on the 18:40."
    metadata = {"empathy": {"score": 80}, "message_id": "m-7"}
    first_messages, first_events = run(
        ActionCustomerReply(),
        tracker(slots, "apologize+offer_solution", metadata, text=text),
    )
    assert slots_after(first_events)["anger"] < slots["anger"]
    moved = {**slots, **slots_after(first_events)}
    again_messages, again_events = run(
        ActionCustomerReply(), _resend_tracker(moved, first_messages[0], "m-7", text)
    )
    assert again_events == [], "a resend changes no slot"
    assert again_messages[0]["text"] == first_messages[0]["text"]
    assert again_messages[0]["custom"] == first_messages[0]["custom"]


def test_a_new_message_with_the_same_words_is_not_a_resend() -> None:
    slots = opened()
    text = "I'm so sorry. I've rebooked you on the 18:40."
    first_messages, first_events = run(
        ActionCustomerReply(),
        tracker(slots, "apologize+offer_solution", {"message_id": "m-7"}, text=text),
    )
    moved = {**slots, **slots_after(first_events)}
    _, again_events = run(
        ActionCustomerReply(), _resend_tracker(moved, first_messages[0], "m-8", text)
    )
    assert again_events, "a new message id is a new reply: the mood moves"
