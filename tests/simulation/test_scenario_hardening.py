"""Hostile scenario files are refused quickly with a ScenarioError, never a crash.

Covers YAML bombs (aliases, deep nesting), YAML oddities (tags, bad dates, huge
numbers, duplicate keys), placeholders that would run format specs, ids with a
trailing newline, control characters, and property-based checks that any text
either validates or fails with a ScenarioError within a bounded time.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import (
    Scenario,
    ScenarioError,
    UnknownScenario,
    load_library,
    load_scenario,
    parse_scenario,
    schema_reader,
)
from trainer_api.simulation.schema_reader import MAX_DEPTH, read_yaml
from trainer_api.usecases import authoring
from trainer_api.usecases.refusal import Kind, Refused

SCENARIOS = PROJECT_ROOT / "scenarios"
FLIGHT = (SCENARIOS / "flight_delay.yml").read_text(encoding="utf-8")
FLIGHT_DOC = yaml.safe_load(FLIGHT)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
QUICK = 1.0
"""Seconds any hostile input may take: the real cost is about a millisecond, and
an exponential blow-up (the attack) takes seconds to hours; the wide margin
keeps a busy CI machine from failing a sound parser."""
LOADERS = {"python": (yaml.SafeLoader, 3.0)}
if hasattr(yaml, "CSafeLoader"):
    LOADERS["libyaml"] = (yaml.CSafeLoader, QUICK)

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(params=sorted(LOADERS))
def budget(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> float:
    """Run with each YAML parser; the seconds a hostile file may take with it."""
    loader, seconds = LOADERS[request.param]
    monkeypatch.setattr(schema_reader, "_LOADER", loader)
    return seconds


def refused(text: str, within: float = QUICK) -> ScenarioError:
    """The ScenarioError for ``text``, which must come within ``within`` seconds."""
    start = time.perf_counter()
    with pytest.raises(ScenarioError) as error:
        parse_scenario(text, source="hostile.yml")
    elapsed = time.perf_counter() - start
    assert elapsed < within, f"took {elapsed:.3f}s"
    return error.value


def edited(change: Callable[[dict[str, Any]], object]) -> str:
    doc = copy.deepcopy(FLIGHT_DOC)
    change(doc)
    return yaml.dump(doc, Dumper=DUMPER, sort_keys=False, allow_unicode=True)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def laughs(levels: int, width: int = 9) -> str:
    """A 'billion laughs' file: each level repeats the previous one ``width`` times."""
    rows = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels + 1):
        refs = ", ".join([f"*l{level - 1}"] * width)
        rows.append(f"l{level}: &l{level} [{refs}]")
    return "\n".join(rows) + "\n"


# Finding 1: YAML bombs and oddities.


@pytest.mark.parametrize(
    ("text", "line", "name"),
    [
        (laughs(6), 2, "l0"),
        ("a: &a [*a]\n", 1, "a"),
        ("b: 1\nself: &s {x: *s}\n", 2, "s"),
        (FLIGHT.replace("persona:\n", "persona: &p\n") + "more: *p\n", None, "p"),
    ],
    ids=["billion laughs", "list of itself", "map of itself", "in a scenario"],
)
def test_aliases_are_refused_at_their_line_quickly(
    budget: float, text: str, line: int | None, name: str
) -> None:
    error = refused(text, budget)
    assert f"aliases (*{name}) are not allowed" in str(error)
    assert "write the value out" in error.problem
    assert error.line == (line or len(text.splitlines()))


def test_an_anchor_without_alias_is_refused_at_its_line(budget: float) -> None:
    text = FLIGHT.replace("facts:\n", "facts: &facts\n", 1)
    error = refused(text, budget)
    assert "anchors (&facts) are not allowed" in str(error)
    assert error.line == line_of(text, "&facts")


def test_no_shipped_scenario_uses_anchors_or_aliases() -> None:
    for path in SCENARIOS.glob("*.yml"):
        events = yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        assert not any(getattr(event, "anchor", None) for event in events), path


@pytest.mark.parametrize(
    "text",
    [
        "[" * 3000,
        "{a: " * 3000,
        "- " * 3000 + "x",
        "".join(f"{'  ' * depth}k:\n" for depth in range(300)),
        "id: x\nlines: " + "[" * 200_000,
    ],
    ids=["flow lists", "flow maps", "block lists", "block maps", "200k brackets"],
)
def test_deep_nesting_is_refused_without_recursion(budget: float, text: str) -> None:
    error = refused(text, budget)
    assert f"nested more than {MAX_DEPTH} levels deep" in str(error)
    assert error.line is not None


def test_nesting_up_to_the_limit_is_read() -> None:
    data, _ = read_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH, "limit.yml")
    for _ in range(MAX_DEPTH - 1):
        data = data[0]
    assert data == []
    with pytest.raises(ScenarioError, match="nested more than"):
        read_yaml("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "limit.yml")


ODDITIES = [
    ("python", "version: !!python/object/apply:os.system [true]", "YAML tags"),
    ("binary", "version: !!binary aGVsbG8=", "YAML tags (!!binary)"),
    ("set", "version: !!set {a: null}", "YAML tags (!!set)"),
    ("local tag", "version: !local thing", "YAML tags (!local)"),
    ("bad date", "version: 2024-13-45", "not a valid timestamp"),
    ("huge int", "pass_score: " + "9" * 5000, "a number of 5,000 characters"),
    ("huge hex", "pass_score: 0x" + "f" * 300, "too long"),
    ("base 60", "pass_score: " + ":".join(["59"] * 3000), "too long"),
    ("merge", "version: <<", "merge keys (<<) are not allowed"),
    ("value", "version: =", "special meaning in YAML"),
    ("nul escape", 'version: "2\\0"', "control character U+0000"),
    ("escape escape", 'version: "2\\e"', "control character U+001B"),
    ("list key", "? [a, b]\n: c", "a key must be a single value"),
]


@pytest.mark.parametrize(
    ("line", "words"), [pytest.param(*case[1:], id=case[0]) for case in ODDITIES]
)
def test_yaml_oddities_are_scenario_errors_at_their_line(
    budget: float, line: str, words: str
) -> None:
    text = FLIGHT.replace("version: 2\n", f"{line}\n", 1)
    error = refused(text, budget)
    assert words in str(error)
    assert error.line == line_of(text, line.splitlines()[0])


def test_a_duplicate_key_is_refused_at_its_second_line(budget: float) -> None:
    error = refused(FLIGHT + "title: Again\n", budget)
    first = line_of(FLIGHT, "title:")
    assert f"the key 'title' appears twice in one mapping (first on line {first})" in (
        error.problem
    )
    assert error.line == len(FLIGHT.splitlines()) + 1


def test_a_second_document_is_refused(budget: float) -> None:
    error = refused(FLIGHT + "---\nid: other\n", budget)
    assert "second YAML document" in str(error)
    assert error.line == len(FLIGHT.splitlines()) + 1


@pytest.mark.parametrize(
    ("text", "character"),
    [("id: x\ntitle: a\ud800b\n", "U+D800"), ("id: x\ntitle: a\x00b\n", "U+0000")],
    ids=["lone surrogate", "nul"],
)
def test_surrogates_and_nul_are_refused_with_their_line(
    text: str, character: str
) -> None:
    error = refused(text)
    assert character in str(error) and error.line == 2


def test_too_many_values_are_refused_quickly(budget: float) -> None:
    # Reading costs about 5 microseconds a value; allow for a busy machine.
    error = refused("[" + "1, " * 30_000 + "1]", budget * 2.5)
    assert "more than 10,000 values" in str(error)


def test_an_unreadable_file_is_skipped_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "folder.yml").mkdir()
    (tmp_path / "flight_delay.yml").write_text(FLIGHT, encoding="utf-8")
    library = load_library(tmp_path)
    assert list(library.scenarios) == ["flight_delay"]
    assert "cannot read file" in str(library.skipped[0])


def test_authoring_refuses_a_lone_surrogate_with_its_own_error() -> None:
    with pytest.raises(Refused) as error:
        authoring.validate(FLIGHT + "# \ud800\n")
    assert error.value.kind is Kind.INVALID and error.value.code == "not_text"


def test_the_shipped_scenarios_still_load() -> None:
    for path in sorted(SCENARIOS.glob("*.yml")):
        assert load_scenario(SCENARIOS, path.stem).id == path.stem


# Finding 2: placeholders are names, not format strings.


@pytest.mark.parametrize(
    "placeholder",
    [
        "{booking_ref:>2000000000}",
        "{booking_ref:}",
        "{booking_ref!r}",
        "{booking_ref!s:>9}",
        "{booking_ref.upper}",
        "{booking_ref[0]}",
        "{booking_ref.__class__.__mro__}",
    ],
)
def test_placeholders_with_formatting_are_refused(placeholder: str) -> None:
    text = edited(lambda doc: doc["opening"].append(f"Ref {placeholder}."))
    error = refused(text)
    assert "may only name a fact" in error.problem
    assert error.field.startswith("opening[")
    assert error.line == line_of(text, placeholder)


@pytest.mark.parametrize(
    ("line", "problem"),
    [("Ref {", "broken placeholder"), ("a } b", "broken placeholder")],
)
def test_lone_braces_are_refused(line: str, problem: str) -> None:
    assert problem in refused(edited(lambda d: d["opening"].append(line))).problem


def test_rendering_substitutes_facts_and_never_formats() -> None:
    scenario = parse_scenario(FLIGHT)
    ref = scenario.facts["booking_ref"]
    assert scenario.render("Ref {booking_ref}.") == f"Ref {ref}."
    assert scenario.render("{{booking_ref}}") == "{booking_ref}"
    assert scenario.render("{{{booking_ref}}}") == f"{{{ref}}}"
    for kept in (
        "{booking_ref:>100000}",
        "{booking_ref!r}",
        "{booking_ref.upper}",
        "{booking_ref[0]}",
        "{no_such_fact}",
        "a { b } c",
    ):
        assert scenario.render(kept) == kept


LINE_PARTS = st.sampled_from(
    ["{", "}", "{{", "}}", ":", "!", ".", "[", "]", "0", "r", " ", "x", "booking_ref"]
)


@FUZZ
@given(st.lists(LINE_PARTS, max_size=12).map("".join))
def test_valid_lines_render_as_format_would_and_others_stay_bounded(
    line: str,
) -> None:
    scenario = parse_scenario(FLIGHT)
    reader = schema_reader.Reader("line", schema_reader.LineIndex())
    rendered = scenario.render(line)
    longest = max(len(value) for value in scenario.facts.values())
    assert len(rendered) <= len(line) * max(1, longest)
    try:
        reader.placeholders(line, "line", scenario.facts)
    except ScenarioError:
        return
    assert rendered == line.format_map(scenario.facts)


# Finding 3: ids and names.


def test_an_id_with_a_trailing_newline_is_refused() -> None:
    error = refused(edited(lambda doc: doc.update(id="flight_delay\n")))
    assert error.field == "id" and "lowercase letters" in error.problem


def test_id_checks_elsewhere_refuse_a_trailing_newline(tmp_path: Path) -> None:
    with pytest.raises(Refused):
        authoring.check_id("flight_delay\n")
    with pytest.raises(UnknownScenario):
        load_scenario(SCENARIOS, "flight_delay\n")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["needs"][0].update(id="ack\x00"), "needs[0].id"),
        (lambda d: d["facts"].update(booking_ref="K7\x07RM"), "facts.booking_ref"),
        (lambda d: d["persona"].update(name="Fiona\x1b[31m"), "persona.name"),
        (
            lambda d: d["mood"].update(bands={"calm\x00": 40, "angry": 100}),
            "mood.bands.calm",
        ),
    ],
    ids=["need id", "fact value", "persona name", "band name"],
)
def test_control_characters_in_names_and_texts_are_refused(
    change: Callable[[dict[str, Any]], object], field: str
) -> None:
    error = refused(edited(change))
    assert "control character" in error.problem
    assert error.field.startswith(field)


# Finding 4: whatever the text, a Scenario or a ScenarioError, quickly.


def outcome(text: str) -> Scenario | ScenarioError:
    """Parse ``text``; anything but a Scenario or ScenarioError fails the test."""
    start = time.perf_counter()
    try:
        result: Scenario | ScenarioError = parse_scenario(text, source="fuzz.yml")
    except ScenarioError as error:
        result = error
    assert time.perf_counter() - start < 3.0
    return result


def authoring_outcome(text: str) -> None:
    """authoring.validate reports bad content; it raises only Refused."""
    try:
        authoring.validate(text)
    except Refused as error:
        assert error.kind in (Kind.TOO_LARGE, Kind.INVALID)


SPECIAL_CHARACTERS = "\ud800\udfff\x00\x1b\x7f\x85\u2028\ufeff{}:&*![]-'\""
ANY_CHARACTER = st.characters(blacklist_categories=()) | st.sampled_from(
    SPECIAL_CHARACTERS
)
STORABLE_CHARACTER = st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
    SPECIAL_CHARACTERS[2:]
)
YAMLISH = st.sampled_from(
    [
        "[", "]", "{", "}", ": ", ", ", "- ", "? ", "\n", "  ", "'", '"', "#",
        "&a ", "*a", "<<: ", "!!python/object:os.system ", "!!binary ", "!x ",
        "---\n", "...\n", "|\n", ">-\n", "id: ", "facts: ", "{x:>9}", "{x!r}",
        "2024-13-45", "0x" + "f" * 60, "9" * 4400, "1:2:3", ".nan", "~", "=",
        "\\ud800", '"\\udc00"', "\\0", "\ud800", "\x00", "\t", "\r", "\ufeff", "\u2028",
    ]
)  # fmt: skip


@FUZZ
@given(st.text(ANY_CHARACTER, max_size=300))
def test_any_text_is_a_scenario_or_a_scenario_error(text: str) -> None:
    assert isinstance(outcome(text), (Scenario, ScenarioError))
    authoring_outcome(text)


@FUZZ
@given(st.lists(YAMLISH | st.text(ANY_CHARACTER, max_size=3), max_size=40))
def test_yaml_fragments_are_a_scenario_or_a_scenario_error(parts: list[str]) -> None:
    text = "".join(parts)
    assert isinstance(outcome(text), (Scenario, ScenarioError))
    authoring_outcome(text)


FLIGHT_LINES = FLIGHT.splitlines()


@FUZZ
@given(
    st.integers(0, len(FLIGHT_LINES) - 1),
    st.lists(YAMLISH | st.text(ANY_CHARACTER, max_size=5), max_size=8).map("".join),
)
def test_an_edited_line_of_a_real_scenario_never_crashes(
    index: int, replacement: str
) -> None:
    lines = [*FLIGHT_LINES]
    lines[index] = lines[index][: len(lines[index]) // 2] + replacement
    assert isinstance(outcome("\n".join(lines)), (Scenario, ScenarioError))


SCALARS = (
    st.text(STORABLE_CHARACTER, max_size=12)
    | st.integers(-(10**1000), 10**1000)
    | st.sampled_from([10**41, -(10**999), 2**64])
    | st.floats()
    | st.booleans()
    | st.none()
    | st.sampled_from(["{booking_ref}", "{booking_ref:>99}", "{nope}", "{"])
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4),
    max_leaves=12,
)
FIELDS = [
    ("id",),
    ("version",),
    ("facts",),
    ("facts", "booking_ref"),
    ("opening",),
    ("persona",),
    ("mood",),
    ("mood", "bands"),
    ("mood", "anger"),
    ("needs",),
    ("lines",),
    ("lines", "empathy"),
    ("scripts",),
    ("pass_score",),
]


def _replaced(path: tuple[str, ...], value: object) -> str:
    def change(doc: dict[str, Any]) -> None:
        for key in path[:-1]:
            doc = doc[key]
        doc[path[-1]] = value

    return edited(change)


@FUZZ
@given(st.sampled_from(FIELDS), STRUCTURES)
def test_any_value_in_any_field_is_a_scenario_or_a_scenario_error(
    path: tuple[str, ...], value: object
) -> None:
    assert isinstance(outcome(_replaced(path, value)), (Scenario, ScenarioError))


@FUZZ
@given(st.integers(0, 20_000), st.sampled_from(["[", "{a: ", "- ", "[{b: ", "? "]))
def test_any_depth_is_refused_or_read_quickly(depth: int, opener: str) -> None:
    text = opener * depth + "x"
    start = time.perf_counter()
    try:
        read_yaml(text, "deep.yml")
    except ScenarioError:
        pass
    assert time.perf_counter() - start < QUICK
    assert isinstance(outcome(text), ScenarioError)


@FUZZ
@given(st.integers(1, 12), st.integers(1, 12))
def test_any_alias_chain_is_refused_quickly(levels: int, width: int) -> None:
    error = outcome(laughs(levels, width))
    assert isinstance(error, ScenarioError) and "aliases (*l0)" in str(error)
