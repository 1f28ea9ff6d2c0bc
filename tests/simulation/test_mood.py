"""The mood engine: empathy calms, blame inflames, endings, stages, determinism."""

from __future__ import annotations

from dataclasses import replace

import pytest
import yaml

from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import (
    ABANDONED,
    ACTIVE,
    ESCALATED,
    RESOLVED,
    CustomerState,
    Scenario,
    current_stage,
    ending_line,
    load_library,
    load_scenario,
    nudge,
    open_conversation,
    parse_scenario,
    reaction_to,
    respond,
)
from trainer_api.simulation.mood import RESTATEMENTS, UnknownMove


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(PROJECT_ROOT / "scenarios", "flight_delay")


def rendered(scenario, lines) -> set[str]:
    return {scenario.render(line) for line in lines}


def test_opening_starts_at_the_scenario_mood(scenario) -> None:
    opening = open_conversation(scenario, seed=1)
    assert opening.state.anger == scenario.mood.anger
    assert opening.line in rendered(scenario, scenario.opening)
    assert opening.stage == scenario.needs[0].id


def test_empathy_calms_and_dismissal_inflames(scenario) -> None:
    start = open_conversation(scenario, seed=1).state
    calmer = respond(
        scenario, start, ["acknowledge_feelings"], empathy_score=85, seed=1
    )
    angrier = respond(scenario, start, ["dismiss"], empathy_score=10, seed=1)
    assert calmer.state.anger < start.anger < angrier.state.anger
    assert calmer.state.trust > start.trust > angrier.state.trust
    band = scenario.mood.band(angrier.state.anger)
    assert angrier.line in rendered(scenario, scenario.reactions["dismissal"][band])


def test_every_change_has_a_reason(scenario) -> None:
    start = open_conversation(scenario, seed=1).state
    turn = respond(scenario, start, ["cite_policy"], empathy_score=20, seed=1)
    effect = scenario.mood.moves["cite_policy"].anger
    factor = scenario.mood.strength(20, calming=False)
    assert factor > 1
    assert (
        f"anger {round(effect * factor):+d}: cited policy "
        "(stronger for empathy score 20)" in turn.reasons
    )


def test_same_seed_same_customer_different_seed_may_differ(scenario) -> None:
    def play(seed: int) -> list[str]:
        state = open_conversation(scenario, seed).state
        lines = []
        for move in ["greet", "apologize", "ask_open_question", "explain"]:
            turn = respond(scenario, state, [move], empathy_score=60, seed=seed)
            state = turn.state
            lines.append(turn.line)
        return lines

    assert play(7) == play(7)
    assert any(play(7) != play(seed) for seed in range(8, 20))


def test_meeting_every_need_calmly_resolves_and_stages_advance(scenario) -> None:
    state = open_conversation(scenario, seed=3).state
    stages = []
    for need in scenario.needs:
        stages.append(current_stage(scenario, state))
        state = respond(
            scenario, state, [need.met_by[0]], empathy_score=95, seed=3
        ).state
    assert stages == [need.id for need in scenario.needs]
    while state.status == ACTIVE:
        state = respond(
            scenario, state, ["acknowledge_feelings"], empathy_score=95, seed=3
        ).state
    assert state.status == RESOLVED and current_stage(scenario, state) is None
    assert ending_line(scenario, state, seed=3) in rendered(
        scenario, scenario.endings["resolved"]
    )


def test_repeated_blame_escalates_to_a_manager(scenario) -> None:
    state = open_conversation(scenario, seed=3).state
    while state.status == ACTIVE:
        state = respond(
            scenario, state, ["blame_customer"], empathy_score=0, seed=3
        ).state
    assert state.status == ESCALATED
    assert ending_line(scenario, state, seed=3) in rendered(
        scenario, scenario.endings["escalate"]
    )


def test_the_customer_leaves_after_the_turn_limit(scenario) -> None:
    state = CustomerState(anger=60, trust=30, turn=scenario.mood.max_turns - 1)
    turn = respond(scenario, state, ["greet"], empathy_score=50, seed=1)
    assert turn.state.status == ABANDONED


def test_the_customer_leaves_when_trust_is_gone(scenario) -> None:
    state = CustomerState(anger=40, trust=scenario.mood.leave_at + 1, turn=1)
    turn = respond(scenario, state, ["close_conversation"], empathy_score=50, seed=1)
    assert turn.state.status == ABANDONED


def test_a_nudge_annoys_but_never_ends_the_conversation(scenario) -> None:
    edge = CustomerState(anger=scenario.mood.escalate_at - 1, trust=30, turn=2)
    turn = nudge(scenario, edge, seed=1, count=1)
    assert turn.state.status == ACTIVE and turn.state.anger == edge.anger
    assert turn.line in rendered(scenario, scenario.endings["nudge"])
    calm = CustomerState(anger=40, trust=30, turn=2)
    assert nudge(scenario, calm, seed=1, count=1).state.anger > calm.anger


def test_an_ended_conversation_takes_no_more_moves(scenario) -> None:
    ended = CustomerState(anger=95, trust=0, turn=3, status=ESCALATED)
    with pytest.raises(ValueError, match="ended"):
        respond(scenario, ended, ["apologize"], empathy_score=90, seed=1)


def test_unknown_moves_are_refused(scenario) -> None:
    state = open_conversation(scenario, seed=1).state
    with pytest.raises(UnknownMove):
        respond(scenario, state, ["hug"], empathy_score=50, seed=1)


def test_two_moves_count_as_both_and_the_worse_one_sets_the_reaction(scenario) -> None:
    state = open_conversation(scenario, seed=1).state
    both = respond(
        scenario, state, ["apologize", "offer_solution"], empathy_score=None, seed=1
    )
    moves = scenario.mood.moves
    expected = state.anger + moves["apologize"].anger + moves["offer_solution"].anger
    assert both.state.anger == max(0, expected)
    assert reaction_to(["apologize", "offer_solution"]) == "solution"
    assert reaction_to(["apologize", "blame_customer"]) == "blame"
    assert reaction_to([]) == "unclear"


def test_low_patience_makes_anger_rise_faster() -> None:
    doc = yaml.safe_load((PROJECT_ROOT / "scenarios" / "flight_delay.yml").read_text())

    def with_patience(patience: str) -> Scenario:
        doc["persona"]["patience"] = patience
        return parse_scenario(yaml.safe_dump(doc, sort_keys=False))

    hasty, base, calm = (with_patience(p) for p in ("low", "medium", "high"))
    rise = [s.mood.moves["dismiss"].anger for s in (hasty, base, calm)]
    assert rise[0] > rise[1] > rise[2]
    assert hasty.mood.moves["apologize"] == calm.mood.moves["apologize"]


def test_a_repeated_reply_makes_the_customer_impatient(scenario) -> None:
    state = open_conversation(scenario, seed=1).state
    fresh = respond(scenario, state, ["apologize"], empathy_score=40, seed=1)
    again = respond(
        scenario, state, ["apologize"], empathy_score=40, seed=1, repeated=True
    )
    assert again.state.anger > fresh.state.anger
    assert "anger +6: repeated the same words" in again.reasons
    band = scenario.mood.band(again.state.anger)
    assert again.line in rendered(scenario, scenario.reactions["unclear"][band])


def test_stage_lines_replace_reaction_lines_while_the_need_is_open(scenario) -> None:
    first = scenario.needs[0]
    assert "question" in first.lines, "flight_delay shows stage lines for questions"
    state = CustomerState(anger=60, trust=30)
    asked = respond(scenario, state, ["ask_closed_question"], empathy_score=50, seed=4)
    band = scenario.mood.band(asked.state.anger)
    assert asked.line in rendered(scenario, first.lines["question"][band])
    later = CustomerState(anger=60, trust=30, needs_met=(first.id,))
    asked_later = respond(
        scenario, later, ["ask_closed_question"], empathy_score=50, seed=4
    )
    band = scenario.mood.band(asked_later.state.anger)
    assert asked_later.line in rendered(scenario, scenario.reactions["question"][band])


LIBRARY = load_library(PROJECT_ROOT / "scenarios")
SCORES = range(0, 101, 5)


@pytest.mark.parametrize("shipped", LIBRARY, ids=lambda s: s.id)
def test_a_reply_that_only_does_good_never_angers_whatever_its_score(
    shipped: Scenario,
) -> None:
    calming = [m for m, e in shipped.mood.moves.items() if e.anger < 0]
    assert calming
    for move in calming:
        changes = [shipped.mood.effect_of([move], s)[0] for s in SCORES]
        assert all(change <= 0 for change in changes), (move, changes)
        assert changes == sorted(changes, reverse=True), (move, changes)
        assert changes[-1] < changes[0]
    pair = shipped.mood.effect_of(["acknowledge_feelings", "offer_solution"], 5)
    assert pair[0] < 0


@pytest.mark.parametrize("shipped", LIBRARY, ids=lambda s: s.id)
def test_a_low_score_makes_a_bad_move_worse_and_never_kinder(
    shipped: Scenario,
) -> None:
    for move in ("dismiss", "blame_customer", "cite_policy"):
        changes = [shipped.mood.effect_of([move], s)[0] for s in SCORES]
        assert all(change > 0 for change in changes), (move, changes)
        assert changes == sorted(changes, reverse=True), (move, changes)


def test_a_reply_making_two_moves_gets_both_effects(scenario) -> None:
    anger, _, reasons = scenario.mood.effect_of(["apologize", "cite_policy"], 50)
    apology = scenario.mood.moves["apologize"].anger
    policy = scenario.mood.moves["cite_policy"].anger
    assert anger == apology + policy
    assert any("apologised" in r or "apologized" in r for r in reasons), reasons
    assert any("cited policy" in r for r in reasons), reasons


def test_a_greeting_moves_with_the_score_alone(scenario) -> None:
    weight = scenario.mood.empathy_weight
    assert scenario.mood.effect_of(["greet"], 90)[0] == round(-40 * weight)
    assert scenario.mood.effect_of(["greet"], 10)[0] == round(40 * weight)
    assert scenario.mood.effect_of(["greet"], None)[0] == 0


def test_a_content_customer_is_not_angered_by_a_polite_question(scenario) -> None:
    content = CustomerState(
        anger=scenario.mood.resolve_at + 10,
        trust=50,
        turn=4,
        needs_met=tuple(need.id for need in scenario.needs),
    )
    for move in ("ask_closed_question", "close_conversation", "unclear"):
        turn = respond(scenario, content, [move], empathy_score=45, seed=2)
        assert turn.state.anger <= content.anger, (move, turn.reasons)
    rude = respond(scenario, content, ["dismiss"], empathy_score=10, seed=2)
    assert rude.state.anger > content.anger


def test_the_same_polite_question_still_costs_while_needs_are_open(scenario) -> None:
    start = open_conversation(scenario, seed=1).state
    turn = respond(scenario, start, ["close_conversation"], empathy_score=45, seed=1)
    assert turn.state.anger > start.anger


def test_the_customer_does_not_say_a_line_again_while_another_fits(scenario) -> None:
    """Asked questions while upset and waiting to be acknowledged, the
    customer has two stage lines and two general ones for that band: four
    different lines, then, rather than say one again, a line of their own
    bringing up the need they are waiting for (the need's ``asks``)."""
    assert scenario.mood.band(50) == "upset"
    start = CustomerState(anger=50, trust=30, turn=1)
    lines: list[str] = []
    state = start
    for _ in range(5):
        turn = respond(
            scenario,
            state,
            ["ask_closed_question"],
            empathy_score=50,
            seed=9,
            said=lines,
        )
        lines.append(turn.line)
        state = replace(start, turn=turn.state.turn)
    assert len(set(lines[:4])) == 4, lines
    assert lines[4] in rendered(scenario, scenario.needs[0].asks), lines
    forgetful = respond(
        scenario, start, ["ask_closed_question"], empathy_score=50, seed=9
    )
    assert forgetful.line == lines[0]


def test_a_penalised_reply_heard_as_an_explanation_still_angers(scenario) -> None:
    """The NLU can hear blame as an explanation; the scorer's penalty keeps
    the low score's anger in play."""
    start = open_conversation(scenario, seed=1).state
    heard_kindly = respond(scenario, start, ["explain"], empathy_score=10, seed=1)
    penalised = respond(
        scenario, start, ["explain"], empathy_score=10, seed=1, penalised=True
    )
    assert heard_kindly.state.anger <= start.anger
    assert penalised.state.anger > start.anger
    assert any(r.endswith("empathy score 10") for r in penalised.reasons)


def test_a_reply_the_nlu_cannot_read_is_heard_through_its_score() -> None:
    from trainer_api.simulation import moves_of_score

    warm_fix = {
        "emotional_reaction": 2,
        "interpretation": 0,
        "exploration": 0,
        "ownership": 1,
        "resolution": 2,
    }
    assert moves_of_score(warm_fix, []) == (
        "acknowledge_feelings",
        "apologize",
        "offer_solution",
    )
    nothing = dict.fromkeys(warm_fix, 0)
    assert moves_of_score(nothing, []) == ("unclear",)
    assert moves_of_score(nothing, ["policy_wall", "hostility"]) == (
        "dismiss",
        "cite_policy",
    )
    owned = {**nothing, "ownership": 2, "exploration": 1}
    assert moves_of_score(owned, []) == ("take_ownership", "ask_open_question")
    assert moves_of_score({"ownership": True, "resolution": "2"}, []) == ("unclear",)


def test_offers_and_hostile_moves_count_only_where_the_score_shows_them() -> None:
    from trainer_api.simulation import confirmed_moves

    nothing = dict.fromkeys(
        (
            "emotional_reaction",
            "interpretation",
            "exploration",
            "ownership",
            "resolution",
        ),
        0,
    )
    warm = {**nothing, "emotional_reaction": 2, "interpretation": 1}
    # "I'm so sorry, that sounds exhausting" heard as a solution and a policy
    assert confirmed_moves(["offer_solution", "cite_policy"], warm, [], 75) == (
        "acknowledge_feelings",
    )
    # a real policy wall: the scorer penalised it, or scored it low
    assert confirmed_moves(["cite_policy"], nothing, ["policy_wall"], 10) == (
        "cite_policy",
    )
    assert confirmed_moves(["cite_policy"], nothing, [], 30) == ("cite_policy",)
    # moves the rubric does not measure count as heard
    assert confirmed_moves(["explain", "ask_closed_question"], nothing, [], 40) == (
        "explain",
        "ask_closed_question",
    )
    # a terse, caring reply the NLU read as a brush-off: the scorer found
    # ownership and no penalty, so it is heard as what else the NLU heard
    owned = {**nothing, "ownership": 2}
    assert confirmed_moves(["dismiss"], owned, [], 40) == ("take_ownership",)
    assert confirmed_moves(["dismiss", "explain"], owned, [], 40) == ("explain",)
    # warmth without a feeling word ("I can tell how much is riding on this
    # one"): the rubric found nothing, the NLU heard an acknowledgement
    assert confirmed_moves(["acknowledge_feelings"], nothing, [], 25) == (
        "acknowledge_feelings",
    )
    assert confirmed_moves(["validate", "apologize"], nothing, [], 30) == (
        "validate",
        "apologize",
    )
    fixed = {**nothing, "resolution": 2}
    assert confirmed_moves(["offer_solution"], fixed, [], 70) == ("offer_solution",)
    assert confirmed_moves(["offer_solution"], nothing, [], 35) == ("unclear",)
    # a warm reply the NLU could not place is heard through its score; one
    # the scorer finds nothing in either stays unclear
    assert confirmed_moves(["unclear"], warm, [], 70) == ("acknowledge_feelings",)
    assert confirmed_moves(["unclear"], nothing, [], 20) == ("unclear",)
    assert confirmed_moves(["unclear", "explain"], warm, [], 70) == ("explain",)
    # "I'll put a note on the account": the rubric finds only a vague step,
    # so the customer hears a promise, not a fix to accept
    vague = {**nothing, "resolution": 1}
    assert confirmed_moves(["offer_solution"], vague, [], 45) == ("set_expectation",)
    assert confirmed_moves(["offer_solution", "set_expectation"], vague, [], 45) == (
        "set_expectation",
    )


def with_asks(scenario: Scenario) -> Scenario:
    """flight_delay with two lines per need for bringing that need up."""
    doc = yaml.safe_load((PROJECT_ROOT / "scenarios" / "flight_delay.yml").read_text())
    for need in doc["needs"]:
        need["asks"] = [f"What about {need['id']}?", f"I still need {need['id']}."]
    return parse_scenario(yaml.safe_dump(doc, sort_keys=False))


def test_an_offer_already_taken_up_is_not_accepted_again() -> None:
    scenario = with_asks(load_scenario(PROJECT_ROOT / "scenarios", "flight_delay"))
    rebooked = next(n for n in scenario.needs if "offer_solution" in n.met_by)
    state = CustomerState(anger=30, trust=50, needs_met=(rebooked.id,))
    again = respond(scenario, state, ["offer_solution"], empathy_score=70, seed=3)
    focus = scenario.need(current_stage(scenario, again.state))
    assert focus is not None and again.line in rendered(scenario, focus.asks)
    solution_lines = {
        line for band in scenario.reactions["solution"].values() for line in band
    }
    assert again.line not in rendered(scenario, solution_lines)
    # the first time, the offer is taken up as before
    fresh = CustomerState(anger=30, trust=50)
    first = respond(scenario, fresh, ["offer_solution"], empathy_score=70, seed=3)
    assert first.line not in rendered(scenario, focus.asks)


def test_rather_than_repeat_itself_the_customer_brings_up_what_it_still_needs() -> None:
    doc = yaml.safe_load((PROJECT_ROOT / "scenarios" / "flight_delay.yml").read_text())
    for need in doc["needs"]:
        need["asks"] = [
            f"What about {need['id']}?",
            f"I still need {need['id']}.",
            f"And {need['id']}?",
        ]
    # one "I don't follow" line per band, so they run out at once
    doc["lines"]["unclear"] = {
        band: [f"I don't follow ({band})."] for band in doc["mood"]["bands"]
    }
    scenario = parse_scenario(yaml.safe_dump(doc, sort_keys=False))
    state, said = CustomerState(anger=50, trust=40), []
    lines = []
    for turn in range(4):
        answer = respond(
            scenario, state, ["unclear"], empathy_score=40, seed=turn, said=said
        )
        lines.append(answer.line)
        said.append(answer.line)
        state = answer.state
        if state.ended:
            break
    assert len(lines) == len(set(lines)), "no line twice while another fits"
    assert any("?" in line and "What about" in line for line in lines)


def test_a_scenario_without_asks_answers_as_before() -> None:
    doc = yaml.safe_load((PROJECT_ROOT / "scenarios" / "flight_delay.yml").read_text())
    for need in doc["needs"]:
        need.pop("asks", None)
    scenario = parse_scenario(yaml.safe_dump(doc, sort_keys=False))
    rebooked = next(n for n in scenario.needs if "offer_solution" in n.met_by)
    state = CustomerState(anger=30, trust=50, needs_met=(rebooked.id,))
    again = respond(scenario, state, ["offer_solution"], empathy_score=70, seed=3)
    band = scenario.mood.band(again.state.anger)
    assert again.line in rendered(scenario, scenario.reactions["solution"][band])


def _with_one_unclear_line_per_band(scenario_id: str) -> Scenario:
    """A shipped scenario with a single "I don't follow" line per band and no
    ``asks``, so the lines that fit an unclear reply run out at once."""
    path = PROJECT_ROOT / "scenarios" / f"{scenario_id}.yml"
    doc = yaml.safe_load(path.read_text())
    for need in doc["needs"]:
        need.pop("asks", None)
    doc["lines"]["unclear"] = {
        band: [f"Sorry, what do you mean ({band})?"] for band in doc["mood"]["bands"]
    }
    return parse_scenario(yaml.safe_dump(doc, sort_keys=False))


@pytest.mark.parametrize(
    ("scenario_id", "framings"),
    [
        ("flight_delay", RESTATEMENTS["en"]["question"]),
        ("vol_retarde_montreal", RESTATEMENTS["fr"]["question"]),
    ],
)
def test_out_of_lines_the_customer_says_one_again_as_a_repeat_never_word_for_word(
    scenario_id: str, framings: tuple[str, ...]
) -> None:
    scenario = _with_one_unclear_line_per_band(scenario_id)
    calm = CustomerState(anger=scenario.mood.bands[0][1] - 1, trust=60)
    said: list[str] = []
    for turn in range(1, 6):
        answer = respond(
            scenario,
            replace(calm, turn=turn),
            ["unclear"],
            empathy_score=None,
            seed=4,
            said=said,
        )
        said.append(answer.line)
    plain = said[0]
    assert plain.startswith("Sorry, what do you mean"), said
    assert len(said) == len(set(said)), "no line word for word twice"
    prefixes = {frame.replace("{line}", "") for frame in framings}
    for again in said[1:]:
        assert again.endswith(plain), said
        assert again.removesuffix(plain) in prefixes, again
    assert len(said) == 5  # the line and four framings of it, each once


def test_when_every_framing_is_used_the_line_comes_back_word_for_word() -> None:
    scenario = _with_one_unclear_line_per_band("flight_delay")
    calm = CustomerState(anger=scenario.mood.bands[0][1] - 1, trust=60)
    said: list[str] = []
    for turn in range(1, 7):
        said.append(
            respond(
                scenario,
                replace(calm, turn=turn),
                ["unclear"],
                empathy_score=None,
                seed=4,
                said=said,
            ).line
        )
    assert said[5] == said[0]


def test_the_customer_does_not_ask_about_a_need_already_met_while_another_line_fits(
    scenario,
) -> None:
    """flight_delay's calm "solution" lines: one asks for the confirmation by
    e-mail (a keyword of ``next_steps``); once that need is met the customer
    takes the other, whatever the seed; with it not met, both come up."""
    asks_again = scenario.render(scenario.reactions["solution"]["calm"][0])
    assert "confirmation" in asks_again
    others = {n.id for n in scenario.needs if n.id not in ("rebooked",)}
    confirmed = CustomerState(anger=20, trust=60, turn=3, needs_met=tuple(others))
    lines = {
        respond(
            scenario, confirmed, ["offer_solution"], empathy_score=70, seed=seed
        ).line
        for seed in range(12)
    }
    assert not any(line.startswith(asks_again) for line in lines), lines
    waiting = replace(confirmed, needs_met=("acknowledged", "owned"))
    lines = {
        respond(scenario, waiting, ["offer_solution"], empathy_score=70, seed=seed).line
        for seed in range(12)
    }
    assert any(line.startswith(asks_again) for line in lines), lines


def test_thanks_said_again_are_said_as_meant_not_as_a_complaint() -> None:
    path = PROJECT_ROOT / "scenarios" / "flight_delay.yml"
    doc = yaml.safe_load(path.read_text())
    for need in doc["needs"]:
        need.pop("asks", None)
        need.pop("lines", None)
    doc["lines"]["empathy"] = {
        band: ["Thank you, that helps."] for band in doc["mood"]["bands"]
    }
    scenario = parse_scenario(yaml.safe_dump(doc, sort_keys=False))
    calm = CustomerState(anger=10, trust=60, turn=2)
    said = ["Thank you, that helps."]
    again = respond(
        scenario,
        calm,
        ["acknowledge_feelings"],
        empathy_score=80,
        seed=1,
        said=said,
    ).line
    warm = {frame.replace("{line}", "") for frame in RESTATEMENTS["en"]["warm"]}
    assert again.removesuffix("Thank you, that helps.") in warm, again


def test_with_no_other_line_the_customer_leaves_out_a_question_already_answered() -> (
    None
):
    """Every calm "solution" line asks for the confirmation (``next_steps``):
    once that need is met, the customer still takes up the offer, without
    the question; with it open, the question stays."""
    path = PROJECT_ROOT / "scenarios" / "flight_delay.yml"
    doc = yaml.safe_load(path.read_text())
    doc["lines"]["solution"]["calm"] = [
        "Oh, thank goodness. Can you email me the confirmation?",
        "That works. Will the confirmation come by email?",
    ]
    scenario = parse_scenario(yaml.safe_dump(doc, sort_keys=False))
    others = tuple(n.id for n in scenario.needs if n.id != "rebooked")
    confirmed = CustomerState(anger=20, trust=60, turn=3, needs_met=others)
    lines = {
        respond(
            scenario, confirmed, ["offer_solution"], empathy_score=70, seed=seed
        ).line
        for seed in range(12)
    }
    # each line is the offer taken up, then her parting words (resolved)
    assert all(
        line.startswith(("Oh, thank goodness.", "That works.")) for line in lines
    )
    assert not any("confirmation" in line for line in lines), lines
    said = ["Oh, thank goodness."]
    again = respond(
        scenario, confirmed, ["offer_solution"], empathy_score=70, seed=1, said=said
    )
    assert again.line.startswith("That works."), again.line
    waiting = replace(confirmed, needs_met=("acknowledged", "owned"))
    asked = respond(scenario, waiting, ["offer_solution"], empathy_score=70, seed=1)
    assert "confirmation" in asked.line


def test_a_line_said_again_without_its_settled_question_keeps_its_frame() -> None:
    """Once every line was said, the line said again as a repeat is framed
    after its settled question is left out, so the frame fits what is left."""
    path = PROJECT_ROOT / "scenarios" / "flight_delay.yml"
    doc = yaml.safe_load(path.read_text())
    doc["lines"]["solution"]["calm"] = [
        "Before I go, can you email me the confirmation? I want no surprises.",
    ]
    for need in doc["needs"]:
        need.pop("lines", None)
        need.pop("asks", None)
    scenario = parse_scenario(yaml.safe_dump(doc, sort_keys=False))
    others = tuple(n.id for n in scenario.needs if n.id not in ("rebooked", "owned"))
    state = CustomerState(anger=20, trust=60, turn=3, needs_met=others)
    said = ["I want no surprises."]
    again = respond(
        scenario, state, ["offer_solution"], empathy_score=70, seed=3, said=said
    ).line
    assert again != said[0] and again.endswith(said[0]), again
    assert "confirmation" not in again and "?" not in again


def test_a_retort_keeps_its_question() -> None:
    path = PROJECT_ROOT / "scenarios" / "flight_delay.yml"
    doc = yaml.safe_load(path.read_text())
    retort = "Policy? Can you email me the confirmation of that policy, then?"
    doc["lines"]["policy"] = {band: [retort] for band in doc["mood"]["bands"]}
    for need in doc["needs"]:
        need.pop("lines", None)
        need.pop("asks", None)
    scenario = parse_scenario(yaml.safe_dump(doc, sort_keys=False))
    met = tuple(n.id for n in scenario.needs if n.id != "rebooked")
    state = CustomerState(anger=50, trust=40, turn=3, needs_met=met)
    line = respond(scenario, state, ["cite_policy"], empathy_score=20, seed=1).line
    assert line.startswith(retort)
