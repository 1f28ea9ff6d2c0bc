"""Scenario files: the schema trainers write, parsed into immutable objects.

A scenario is a YAML file in ``scenarios/`` named after its id. Loading is
strict: an unknown key, a missing field or a placeholder that names no fact is
a :class:`ScenarioError` that says which file, which field and how to fix it.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LEARNER_MOVES: tuple[str, ...] = (
    "greet",
    "apologize",
    "acknowledge_feelings",
    "ask_question",
    "explain_situation",
    "offer_solution",
    "cite_policy",
    "blame_customer",
    "dismiss",
    "close_conversation",
    "unclear",
)
"""Every kind of learner move a scenario reacts to; ``unclear`` is a message
the customer could not make sense of."""

ENDINGS: tuple[str, ...] = ("escalate", "resolved", "leave")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
SCENARIO_ID = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
MAX_SCENARIO_BYTES = 256 * 1024


class ScenarioError(ValueError):
    """A scenario file is invalid; the message names the file and the field."""

    def __init__(self, source: str, field: str, problem: str) -> None:
        self.source = source
        self.field = field
        self.problem = problem
        where = f"{source}: {field}" if field else source
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Persona:
    name: str
    background: str
    temperament: str


@dataclass(frozen=True)
class MoveEffect:
    anger: int
    trust: int


@dataclass(frozen=True)
class MoodModel:
    anger: int
    trust: int
    empathy_weight: float
    escalate_at: int
    resolve_at: int
    max_turns: int
    bands: tuple[tuple[str, int], ...]
    moves: Mapping[str, MoveEffect]

    def band(self, anger: int) -> str:
        """Name of the mood band an anger level falls in."""
        for name, upper in self.bands:
            if anger <= upper:
                return name
        return self.bands[-1][0]


@dataclass(frozen=True)
class Need:
    id: str
    description: str
    met_by: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    locale: str
    difficulty: str
    summary: str
    persona: Persona
    facts: Mapping[str, str]
    opening: tuple[str, ...]
    mood: MoodModel
    needs: tuple[Need, ...]
    reactions: Mapping[str, Mapping[str, tuple[str, ...]]]
    endings: Mapping[str, tuple[str, ...]]
    content_hash: str
    source_text: str

    def render(self, line: str) -> str:
        """Fill ``{fact}`` placeholders in a customer line."""
        return line.format_map(self.facts)


def content_hash(text: str) -> str:
    """The version of a scenario: a short hash of its exact file content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def load_scenario_file(path: Path) -> Scenario:
    """Read and validate one scenario file."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ScenarioError(source, "", f"cannot read file ({exc.strerror})") from exc
    if size > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            source, "", f"file is {size} bytes; the limit is {MAX_SCENARIO_BYTES}"
        )
    scenario = parse_scenario(path.read_text(encoding="utf-8"), source=source)
    if scenario.id != path.stem:
        raise ScenarioError(
            source,
            "id",
            f"is {scenario.id!r} but the file is named {path.name!r}; "
            "rename one so they match",
        )
    return scenario


def parse_scenario(text: str, *, source: str = "<scenario>") -> Scenario:
    """Validate scenario YAML text and build a :class:`Scenario`."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(source, where, f"not valid YAML: {problem}") from exc
    reader = _Reader(source)
    doc = reader.mapping(raw, "", required=_TOP_KEYS, optional=())
    facts = _facts(reader, doc["facts"])
    mood = _mood(reader, doc["mood"])
    scenario = Scenario(
        id=_scenario_id(reader, doc["id"]),
        title=reader.text(doc["title"], "title"),
        locale=reader.text(doc["locale"], "locale"),
        difficulty=reader.choice(doc["difficulty"], "difficulty", DIFFICULTIES),
        summary=reader.text(doc["summary"], "summary"),
        persona=_persona(reader, doc["persona"]),
        facts=facts,
        opening=reader.lines(doc["opening"], "opening", facts),
        mood=mood,
        needs=_needs(reader, doc["needs"]),
        reactions=_reactions(reader, doc["lines"], facts, mood),
        endings=_endings(reader, doc["lines"], facts),
        content_hash=content_hash(text),
        source_text=text,
    )
    return scenario


_TOP_KEYS = (
    "id",
    "title",
    "locale",
    "difficulty",
    "summary",
    "persona",
    "facts",
    "opening",
    "mood",
    "needs",
    "lines",
)
_MOOD_KEYS = (
    "anger",
    "trust",
    "empathy_weight",
    "escalate_at",
    "resolve_at",
    "max_turns",
    "bands",
    "moves",
)


class _Reader:
    """Typed access to raw YAML values that reports the failing field path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, field: str, problem: str) -> ScenarioError:
        return ScenarioError(self.source, field, problem)

    def mapping(
        self,
        value: Any,
        field: str,
        *,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        label = field or "the file"
        if not isinstance(value, dict):
            raise self.fail(field, f"{label} must be a mapping of keys to values")
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                raise self.fail(
                    _join(field, str(key)),
                    f"unknown key; allowed here: {', '.join(sorted(allowed))}",
                )
        for key in required:
            if key not in value:
                raise self.fail(_join(field, key), "is missing")
        return value

    def text(self, value: Any, field: str) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "must be a non-empty text")
        return value.strip()

    def integer(self, value: Any, field: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(field, f"must be a whole number from {low} to {high}")
        if not low <= value <= high:
            raise self.fail(field, f"is {value}; it must be from {low} to {high}")
        return value

    def number(self, value: Any, field: str, low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(field, f"must be a number from {low} to {high}")
        if not low <= value <= high:
            raise self.fail(field, f"is {value}; it must be from {low} to {high}")
        return float(value)

    def choice(self, value: Any, field: str, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            raise self.fail(field, f"is {value!r}; use one of {', '.join(allowed)}")
        return str(value)

    def lines(
        self, value: Any, field: str, facts: Mapping[str, str]
    ) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise self.fail(field, "must be a list of one or more customer lines")
        result = []
        for index, item in enumerate(value):
            item_field = f"{field}[{index}]"
            line = self.text(item, item_field)
            self.placeholders(line, item_field, facts)
            result.append(line)
        return tuple(result)

    def placeholders(self, line: str, field: str, facts: Mapping[str, str]) -> None:
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(line) if name]
        except ValueError as exc:
            raise self.fail(
                field, f"has a broken placeholder ({exc}); write {{fact_name}}"
            ) from exc
        for name in names:
            if name not in facts:
                known = ", ".join(sorted(facts)) or "none"
                raise self.fail(
                    field,
                    f"placeholder {{{name}}} names no fact; known facts: {known}",
                )


def _join(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key


def _scenario_id(reader: _Reader, value: Any) -> str:
    if not isinstance(value, str) or not SCENARIO_ID.match(value):
        raise reader.fail(
            "id",
            f"is {value!r}; use 2-64 lowercase letters, digits and underscores, "
            "starting with a letter (it is also the file name)",
        )
    return value


def _persona(reader: _Reader, value: Any) -> Persona:
    raw = reader.mapping(
        value, "persona", required=("name", "background", "temperament")
    )
    return Persona(
        name=reader.text(raw["name"], "persona.name"),
        background=reader.text(raw["background"], "persona.background"),
        temperament=reader.text(raw["temperament"], "persona.temperament"),
    )


def _facts(reader: _Reader, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        raise reader.fail("facts", "must be a mapping of fact names to values")
    facts = {}
    for key, fact in value.items():
        if not isinstance(key, str) or not key.isidentifier():
            raise reader.fail(
                f"facts.{key}", "fact names are letters, digits and underscores"
            )
        facts[key] = reader.text(fact, f"facts.{key}")
    return facts


def _mood(reader: _Reader, value: Any) -> MoodModel:
    raw = reader.mapping(value, "mood", required=_MOOD_KEYS)
    bands = _bands(reader, raw["bands"])
    escalate_at = reader.integer(raw["escalate_at"], "mood.escalate_at", 1, 100)
    resolve_at = reader.integer(raw["resolve_at"], "mood.resolve_at", 0, 99)
    if resolve_at >= escalate_at:
        raise reader.fail(
            "mood.resolve_at",
            f"is {resolve_at} but must be below mood.escalate_at ({escalate_at})",
        )
    anger = reader.integer(raw["anger"], "mood.anger", 0, 100)
    if anger >= escalate_at:
        raise reader.fail(
            "mood.anger",
            f"starts at {anger}, already at mood.escalate_at ({escalate_at}); "
            "the customer would escalate before the learner speaks",
        )
    return MoodModel(
        anger=anger,
        trust=reader.integer(raw["trust"], "mood.trust", 0, 100),
        empathy_weight=reader.number(
            raw["empathy_weight"], "mood.empathy_weight", 0.0, 2.0
        ),
        escalate_at=escalate_at,
        resolve_at=resolve_at,
        max_turns=reader.integer(raw["max_turns"], "mood.max_turns", 1, 100),
        bands=bands,
        moves=_moves(reader, raw["moves"]),
    )


def _bands(reader: _Reader, value: Any) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, dict) or len(value) < 2:
        raise reader.fail(
            "mood.bands", "must map two or more band names to their upper anger bound"
        )
    bands: list[tuple[str, int]] = []
    for name, upper in value.items():
        field = f"mood.bands.{name}"
        bound = reader.integer(upper, field, 0, 100)
        if bands and bound <= bands[-1][1]:
            raise reader.fail(
                field,
                f"is {bound}; bounds must rise ({bands[-1][0]} is {bands[-1][1]})",
            )
        bands.append((str(name), bound))
    if bands[-1][1] != 100:
        raise reader.fail(f"mood.bands.{bands[-1][0]}", "the last band must end at 100")
    return tuple(bands)


def _moves(reader: _Reader, value: Any) -> dict[str, MoveEffect]:
    raw = reader.mapping(value, "mood.moves", required=LEARNER_MOVES)
    moves = {}
    for move in LEARNER_MOVES:
        field = f"mood.moves.{move}"
        effect = reader.mapping(raw[move], field, required=("anger", "trust"))
        moves[move] = MoveEffect(
            anger=reader.integer(effect["anger"], f"{field}.anger", -100, 100),
            trust=reader.integer(effect["trust"], f"{field}.trust", -100, 100),
        )
    return moves


def _needs(reader: _Reader, value: Any) -> tuple[Need, ...]:
    if not isinstance(value, list) or not value:
        raise reader.fail("needs", "must list at least one need")
    needs: list[Need] = []
    for index, item in enumerate(value):
        field = f"needs[{index}]"
        raw = reader.mapping(item, field, required=("id", "description", "met_by"))
        need_id = reader.text(raw["id"], f"{field}.id")
        if any(need.id == need_id for need in needs):
            raise reader.fail(f"{field}.id", f"{need_id!r} is listed twice")
        met_by = raw["met_by"]
        if not isinstance(met_by, list) or not met_by:
            raise reader.fail(f"{field}.met_by", "must list one or more learner moves")
        for move in met_by:
            reader.choice(move, f"{field}.met_by", LEARNER_MOVES)
        needs.append(
            Need(
                id=need_id,
                description=reader.text(raw["description"], f"{field}.description"),
                met_by=tuple(met_by),
            )
        )
    return tuple(needs)


def _reactions(
    reader: _Reader, value: Any, facts: Mapping[str, str], mood: MoodModel
) -> dict[str, dict[str, tuple[str, ...]]]:
    raw = reader.mapping(value, "lines", required=LEARNER_MOVES + ENDINGS)
    band_names = tuple(name for name, _ in mood.bands)
    reactions = {}
    for move in LEARNER_MOVES:
        field = f"lines.{move}"
        by_band = reader.mapping(raw[move], field, required=band_names)
        reactions[move] = {
            band: reader.lines(by_band[band], f"{field}.{band}", facts)
            for band in band_names
        }
    return reactions


def _endings(
    reader: _Reader, value: Any, facts: Mapping[str, str]
) -> dict[str, tuple[str, ...]]:
    return {
        ending: reader.lines(value[ending], f"lines.{ending}", facts)
        for ending in ENDINGS
    }
