"""Loading scenario files: the shipped ones load, broken ones say what and where."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import (
    ScenarioError,
    UnknownScenario,
    load_library,
    load_scenario,
    parse_scenario,
)
from trainer_api.simulation.scenario import REACTION_KEYS

SCENARIOS = PROJECT_ROOT / "scenarios"
FLIGHT = (SCENARIOS / "flight_delay.yml").read_text(encoding="utf-8")


def edited(change) -> str:
    doc = yaml.safe_load(FLIGHT)
    change(doc)
    return yaml.safe_dump(doc, sort_keys=False)


def test_the_flight_delay_scenario_loads_completely() -> None:
    scenario = load_scenario(SCENARIOS, "flight_delay")
    assert scenario.id == "flight_delay"
    assert set(scenario.reactions) == set(REACTION_KEYS)
    assert len(scenario.needs) >= 4 and scenario.opening
    assert scenario.line_count >= 40
    assert all(need.model_answers for need in scenario.needs)
    assert {script.expect for script in scenario.scripts} >= {"resolved", "escalated"}
    assert all("{" not in scenario.render(line) for line in scenario.opening)


def test_library_lists_every_valid_scenario_and_skips_broken(tmp_path: Path) -> None:
    (tmp_path / "flight_delay.yml").write_text(FLIGHT, encoding="utf-8")
    (tmp_path / "broken.yml").write_text(
        "id: broken\ntitle: [unclosed\n", encoding="utf-8"
    )
    library = load_library(tmp_path)
    assert list(library.scenarios) == ["flight_delay"]
    assert len(library.skipped) == 1
    assert "broken.yml" in str(library.skipped[0])
    assert "not valid YAML" in str(library.skipped[0])


def test_content_hash_changes_with_content() -> None:
    original = parse_scenario(FLIGHT)
    changed = parse_scenario(FLIGHT + "\n# a trainer's comment\n")
    assert original.content_hash != changed.content_hash
    assert parse_scenario(FLIGHT).content_hash == original.content_hash


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d.update(colour="red"), "colour", "unknown key"),
        (lambda d: d.pop("needs"), "needs", "is missing"),
        (
            lambda d: d["opening"].append("Your ref is {no_such_fact}."),
            "opening[",
            "names no fact",
        ),
        (
            lambda d: d["mood"].update(resolve_at=95, escalate_at=90),
            "mood.resolve_at",
            "must be below",
        ),
        (
            lambda d: d["mood"].setdefault("moves", {}).update(hug={"anger": 1}),
            "mood.moves.hug",
            "unknown key",
        ),
        (
            lambda d: d["lines"]["dismissal"].pop("calm"),
            "lines.dismissal.calm",
            "missing",
        ),
        (
            lambda d: d["mood"].update(max_turns=1),
            "mood",
            "unreachable",
        ),
        (
            lambda d: d["needs"][0].update(lines={"hugs": {"calm": ["x"]}}),
            "needs[0].lines.hugs",
            "unknown key",
        ),
        (
            lambda d: d["needs"][0].update(lines={"question": {"sunny": ["x"]}}),
            "needs[0].lines.question.sunny",
            "unknown key",
        ),
        (
            lambda d: d["scripts"][0].update(expect="happy"),
            "scripts[0].expect",
            "one of",
        ),
        (lambda d: d.update(id="../etc"), "id", "lowercase letters"),
        (lambda d: d.update(difficulty="brutal"), "difficulty", "one of"),
        (
            lambda d: d["needs"][0].update(met_by=["hug"]),
            "needs[0].met_by",
            "one of",
        ),
    ],
)
def test_invalid_scenarios_name_the_field(change, field: str, words: str) -> None:
    with pytest.raises(ScenarioError) as error:
        parse_scenario(edited(change), source="flight_delay.yml")
    message = str(error.value)
    assert re.match(r"flight_delay\.yml:\d+: ", message), message
    assert field in message and words in message


def test_errors_point_at_the_line_of_the_field() -> None:
    text = FLIGHT.replace("{booking_ref}", "{booking_code}", 1)
    assert text != FLIGHT
    with pytest.raises(ScenarioError) as error:
        parse_scenario(text, source="f.yml")
    wrong_line = next(
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if "{booking_code}" in line
    )
    assert error.value.line == wrong_line
    assert "booking_code" in str(error.value) and "known facts" in str(error.value)


def test_broken_yaml_names_the_line() -> None:
    with pytest.raises(ScenarioError) as error:
        parse_scenario("id: x\ntitle: [unclosed\nlocale: en\n", source="b.yml")
    assert error.value.line is not None and "not valid YAML" in str(error.value)


def test_path_characters_in_an_id_are_refused() -> None:
    with pytest.raises(UnknownScenario):
        load_scenario(SCENARIOS, "../scenarios/flight_delay")


def test_file_name_must_match_the_id(tmp_path: Path) -> None:
    (tmp_path / "other.yml").write_text(FLIGHT, encoding="utf-8")
    with pytest.raises(ScenarioError, match="rename one"):
        load_scenario(tmp_path, "other")


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yml"
    big.write_text(FLIGHT + "#" * 300_000, encoding="utf-8")
    with pytest.raises(ScenarioError, match="limit"):
        load_scenario(tmp_path, "big")


def test_every_problem_is_reported_in_file_order() -> None:
    text = (
        FLIGHT.replace("difficulty: medium", "difficulty: brutal", 1)
        .replace("{flight}", "{flight_no}", 1)
        .replace("pass_score: 60", "pass_score: 200", 1)
    )
    assert text.count("brutal") == 1 and "pass_score: 200" in text
    with pytest.raises(ScenarioError) as error:
        parse_scenario(text, source="f.yml")
    problems = error.value.problems
    assert problems[0].field == "difficulty"
    assert problems[-1].field == "pass_score"
    assert len(problems) == 3, [p.message for p in problems]
    lines = [p.line for p in problems]
    assert lines == sorted(lines) and None not in lines
    assert "flight_no" in problems[1].message
    assert "(and 2 more problems)" in str(error.value)
    assert str(error.value).startswith(problems[0].message)


def test_a_part_that_depends_on_a_broken_one_is_not_reported_twice() -> None:
    text = edited(lambda d: d.update(facts="not a mapping"))
    with pytest.raises(ScenarioError) as error:
        parse_scenario(text, source="f.yml")
    assert [p.field for p in error.value.problems] == ["facts"]


def test_a_need_has_learner_wording_and_the_panel_can_be_hidden() -> None:
    shipped = parse_scenario(FLIGHT)
    assert shipped.needs_panel is True
    assert all(need.shown_as == need.description for need in shipped.needs)

    def change(doc) -> None:
        doc["needs_panel"] = False
        doc["needs"][0]["shown_as"] = "To hear that missing {event} matters"

    edited_one = parse_scenario(edited(change))
    assert edited_one.needs_panel is False
    assert edited_one.render(edited_one.needs[0].shown_as).startswith("To hear that")
    with pytest.raises(ScenarioError, match="needs_panel"):
        parse_scenario(edited(lambda d: d.update(needs_panel="sometimes")))
    with pytest.raises(ScenarioError, match="shown_as"):
        parse_scenario(
            edited(lambda d: d["needs"][0].update(shown_as="Hear {nothing_here}"))
        )


def test_a_needs_asks_are_checked_like_every_line() -> None:
    with pytest.raises(ScenarioError, match=r"needs\[0\]\.asks"):
        parse_scenario(
            edited(lambda d: d["needs"][0].update(asks=["Where is {nowhere}?"]))
        )
    with pytest.raises(ScenarioError, match=r"needs\[0\]\.asks"):
        parse_scenario(edited(lambda d: d["needs"][0].update(asks=[])))
    asked = parse_scenario(
        edited(lambda d: d["needs"][0].update(asks=["And {daughter}'s recital?"]))
    )
    assert asked.render(asked.needs[0].asks[0]) == "And Ella's recital?"
