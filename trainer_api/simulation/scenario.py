"""Scenario files: the schema trainers write, parsed into immutable objects.

A scenario is a YAML file in ``scenarios/`` named after its id; the schema is
documented in ``scenarios/README.md``. Loading is strict: an unknown key, a
missing field or a placeholder that names no fact is a :class:`ScenarioError`
that gives the file, the line, the field path and how to fix it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer_api.i18n import N_
from trainer_api.simulation.moves import (
    DEFAULT_EFFECTS,
    HOSTILE_MOVES,
    LEARNER_MOVES,
    MOVE_LABELS,
    PATIENCE,
    REACTION_OF,
)
from trainer_api.simulation.schema_reader import (
    PLACEHOLDER,
    Reader,
    ScenarioError,
    ScenarioProblems,
    read_yaml,
)

SCENARIO_ID = re.compile(r"\A[a-z][a-z0-9_]{1,63}\Z")
"""A scenario id (also its file name). Check it with ``fullmatch``; the ``\\A``
and ``\\Z`` keep ``match`` safe too (``$`` would let a trailing newline in)."""
MAX_SCENARIO_BYTES = 256 * 1024
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
SCRIPT_ENDINGS: tuple[str, ...] = ("resolved", "escalated", "abandoned")


@dataclass(frozen=True)
class Persona:
    name: str
    background: str
    temperament: str
    patience: str


CALMING_SLOPE = 10
ANGERING_SLOPE = 25
GOOD_SCORE = 70
"""The empathy score of a good reply, for the reachability check: the middle
of the "good" band, what the shipped scripts' empathic replies score."""


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
    leave_at: int
    max_turns: int
    bands: tuple[tuple[str, int], ...]
    moves: Mapping[str, MoveEffect]

    def effect_of(
        self,
        moves: Sequence[str],
        empathy_score: int | None,
        *,
        content: bool = False,
        penalised: bool = False,
    ) -> tuple[int, int, list[str]]:
        """The change of anger and trust a reply makes, with a reason for each.

        Each move has its effect (``moves``); the empathy score makes its
        effect on anger stronger or weaker, never the other way round (trust
        moves as the scenario says): a calming move calms
        more the higher the score, an angering move angers more the lower
        the score (``strength``). A reply that only does good things never
        makes the customer angrier, whatever its score. A reply whose moves
        neither calm nor anger (a greeting) moves anger by
        ``(50 - score) x empathy_weight``, and so does a reply the scorer
        found blaming, dismissive, stonewalling or hostile (``penalised``),
        on top of its moves: what it did wrong counts even when the moves
        heard in it were good ones. Once every need is met (``content``),
        only blame, dismissal and policy can anger the customer.
        """
        anger = trust = 0
        reasons: list[str] = []
        neutral = True
        for move in dict.fromkeys(moves):
            effect = self.moves[move]
            if content and effect.anger > 0 and move not in HOSTILE_MOVES:
                continue
            neutral = neutral and effect.anger == 0
            factor = self.strength(empathy_score, calming=effect.anger <= 0)
            move_anger = round(effect.anger * factor)
            move_trust = effect.trust
            anger, trust = anger + move_anger, trust + move_trust
            why = MOVE_LABELS[move]
            if empathy_score is not None and factor != 1:
                how = "stronger" if factor > 1 else "weaker"
                why += f" ({how} for empathy score {empathy_score})"
            reasons += [
                f"{name} {value:+d}: {why}"
                for name, value in (("anger", move_anger), ("trust", move_trust))
                if value
            ]
        if (neutral or penalised) and empathy_score is not None:
            shift = round((50 - empathy_score) * self.empathy_weight)
            shift = min(shift, 0) if content else shift
            anger += shift
            if shift:
                reasons.append(f"anger {shift:+d}: empathy score {empathy_score}")
        return anger, trust, reasons

    def strength(self, empathy_score: int | None, *, calming: bool) -> float:
        """How much the empathy score scales a move's effect (1 when unscored):
        ``1 + (score - 50) x empathy_weight / 10`` for a calming move and
        ``1 + (50 - score) x empathy_weight / 25`` for an angering one, kept
        between 0.25 and 3. With a weight of 0.3 a good reply (70) calms 1.6
        times as much as its move alone, and a scornful one (10) angers about
        1.5 times as much: close to the old additive rule at those scores,
        without ever turning a good move into a bad one."""
        if empathy_score is None:
            return 1.0
        lean = (empathy_score - 50) if calming else (50 - empathy_score)
        slope = CALMING_SLOPE if calming else ANGERING_SLOPE
        return min(3.0, max(0.25, 1 + lean * self.empathy_weight / slope))

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
    hint: str
    model_answers: tuple[str, ...]
    lines: Mapping[str, Mapping[str, tuple[str, ...]]]
    """Reaction lines the customer uses instead while this need is the stage."""
    shown_as: str = ""
    """How the learner's "still needs" panel names it (default: the description)."""
    asks: tuple[str, ...] = ()
    """How the customer brings this need up, in their own words, when a reply
    gives them nothing new while it is the first need still unmet."""


@dataclass(frozen=True)
class Script:
    name: str
    expect: str
    replies: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    id: str
    label: str
    title: str
    locale: str
    difficulty: str
    summary: str
    persona: Persona
    facts: Mapping[str, str]
    opening: tuple[str, ...]
    needs: tuple[Need, ...]
    mood: MoodModel
    reactions: Mapping[str, Mapping[str, tuple[str, ...]]]
    endings: Mapping[str, tuple[str, ...]]
    pass_score: int
    scripts: tuple[Script, ...]
    content_hash: str
    source_text: str
    needs_panel: bool = True
    """Whether practice shows the learner what the customer still needs."""

    def render(self, line: str) -> str:
        """Fill ``{fact}`` placeholders in a customer line.

        Plain substitution, never ``str.format``: ``{{`` and ``}}`` become
        braces and anything that is not a ``{fact}`` stays as written, so no
        line (not even one of an old stored version) can run a format spec.
        """
        return PLACEHOLDER.sub(lambda match: _filled(match, self.facts), line)

    @property
    def language(self) -> str:
        """``en`` or ``fr``: the language the customer speaks (from ``locale``)."""
        return self.locale.split("-")[0].lower()

    def need(self, need_id: str | None) -> Need | None:
        return next((need for need in self.needs if need.id == need_id), None)

    @property
    def line_count(self) -> int:
        by_band = sum(
            len(lines) for r in self.reactions.values() for lines in r.values()
        )
        return by_band + sum(len(lines) for lines in self.endings.values())


def _filled(match: re.Match[str], facts: Mapping[str, str]) -> str:
    written = match.group()
    if written in ("{{", "}}"):
        return written[0]
    return facts.get(match.group(1) or "", written)


def content_hash(text: str) -> str:
    """The version of a scenario: a short hash of its exact file content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def load_scenario_file(path: Path) -> Scenario:
    """Read and validate one scenario file."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _unreadable(source, exc) from exc
    if size > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            source,
            "",
            N_("file is {size} bytes; the limit is {limit}"),
            values={"size": f"{size:,}", "limit": f"{MAX_SCENARIO_BYTES:,}"},
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(source, "", N_("is not UTF-8 text")) from exc
    except OSError as exc:
        raise _unreadable(source, exc) from exc
    scenario = parse_scenario(text, source=source)
    if scenario.id != path.stem:
        raise ScenarioError(
            source,
            "id",
            N_("is {id} but the file is named {name}; rename one so they match"),
            values={"id": repr(scenario.id), "name": repr(path.name)},
        )
    return scenario


def _unreadable(source: str, exc: OSError) -> ScenarioError:
    return ScenarioError(
        source,
        "",
        N_("cannot read file ({reason})"),
        values={"reason": exc.strerror},
    )


def parse_scenario(text: str, *, source: str = "<scenario>") -> Scenario:
    """Validate scenario YAML text and build a :class:`Scenario`.

    Every problem is reported, in file order (:class:`ScenarioProblems` when
    there are several): each part of the file is checked on its own, and a
    part that depends on a broken one (the needs on the facts, the lines on
    the mood bands) is checked once that one is fixed.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            source,
            "",
            N_("is larger than {limit} bytes"),
            values={"limit": f"{MAX_SCENARIO_BYTES:,}"},
        )
    raw, lines = read_yaml(text, source)
    reader = Reader(source, lines)
    doc = reader.mapping(raw, "", required=_TOP_KEYS, optional=_OPTIONAL_TOP_KEYS)
    check = _Checks()
    facts = check(lambda: _facts(reader, doc["facts"]))
    patience = check(lambda: _patience(reader, doc["persona"]))
    mood = check(lambda: _mood(reader, doc["mood"], patience), after=(patience,))
    bands = check(lambda: _band_names(doc), after=(mood,))
    needs = check(
        lambda: _needs(reader, doc["needs"], facts, bands), after=(facts, bands, mood)
    )
    check(lambda: _check_reachable(reader, mood, needs), after=(mood, needs))
    parts = {
        "id": check(lambda: _scenario_id(reader, doc["id"])),
        "label": check(lambda: reader.text(doc.get("version", "1"), "version")),
        "title": check(lambda: reader.text(doc["title"], "title")),
        "locale": check(lambda: _locale(reader, doc["locale"])),
        "difficulty": check(
            lambda: reader.choice(doc["difficulty"], "difficulty", DIFFICULTIES)
        ),
        "summary": check(lambda: reader.text(doc["summary"], "summary")),
        "persona": check(lambda: _persona(reader, doc["persona"])),
        "opening": check(
            lambda: reader.lines(doc["opening"], "opening", facts), after=(facts,)
        ),
    }
    reactions = check(
        lambda: _reactions(reader, doc["lines"], facts, mood), after=(facts, mood)
    )
    parts |= {
        "reactions": reactions,
        "endings": check(
            lambda: _endings(reader, doc["lines"], facts, _language_of(doc)),
            after=(facts, reactions),
        ),
        "pass_score": check(
            lambda: reader.integer(doc.get("pass_score", 60), "pass_score", 0, 100)
        ),
        "scripts": check(lambda: _scripts(reader, doc.get("scripts", []))),
        "needs_panel": check(lambda: _flag(reader, doc.get("needs_panel", True))),
    }
    check.raise_any()
    return Scenario(
        facts=facts,
        needs=needs,
        mood=mood,
        content_hash=content_hash(text),
        source_text=text,
        **parts,
    )


_BROKEN: Any = object()
"""What a part that failed its check stands for while the others are checked."""


class _Checks:
    """Runs each part's check, keeping every problem instead of the first."""

    def __init__(self) -> None:
        self.problems: list[ScenarioError] = []

    def __call__(self, part: Callable[[], Any], after: tuple[Any, ...] = ()) -> Any:
        if any(needed is _BROKEN for needed in after):
            return _BROKEN
        try:
            return part()
        except ScenarioError as error:
            self.problems += error.problems
            return _BROKEN

    def raise_any(self) -> None:
        if len(self.problems) == 1:
            raise self.problems[0]
        if self.problems:
            raise ScenarioProblems(self.problems)


_TOP_KEYS = (
    "id",
    "title",
    "locale",
    "difficulty",
    "summary",
    "persona",
    "facts",
    "opening",
    "needs",
    "mood",
    "lines",
)
_OPTIONAL_TOP_KEYS = ("version", "pass_score", "scripts", "needs_panel")
_MOOD_KEYS = (
    "anger",
    "trust",
    "empathy_weight",
    "escalate_at",
    "resolve_at",
    "max_turns",
    "bands",
)
REACTION_KEYS: tuple[str, ...] = tuple(dict.fromkeys(REACTION_OF.values()))
ENDING_KEYS: tuple[str, ...] = ("nudge", "escalate", "resolved", "leave")
OTHER_LANGUAGE = "other_language"
"""Optional lines: the learner wrote in another language than the customer's."""
OTHER_LANGUAGE_LINES: Mapping[str, tuple[str, ...]] = {
    "en": (
        "Sorry, could we keep this in English, please? It's easier for me.",
        "I'm sorry, I didn't follow that. Could you write in English?",
    ),
    "fr": (
        "Pardon, mais est-ce qu'on peut continuer en français ? "
        "C'est plus simple pour moi.",
        "Excusez-moi, je n'ai pas bien suivi. Pouvez-vous m'écrire en français ?",
    ),
}
"""What a customer says to a learner who switched language, when the
scenario gives no ``lines.other_language`` of its own."""
LOCALE = re.compile(r"\A(en|fr)(?:[-_][A-Za-z]{2})?\Z")


def _flag(reader: Reader, value: object) -> bool:
    if not isinstance(value, bool):
        raise reader.fail(
            "needs_panel", "is {value}; use true or false", value=repr(value)
        )
    return value


def _scenario_id(reader: Reader, value: object) -> str:
    if not isinstance(value, str) or not SCENARIO_ID.fullmatch(value):
        raise reader.fail(
            "id",
            "is {value}; use 2-64 lowercase letters, digits and underscores, "
            "starting with a letter (it is also the file name)",
            value=repr(value),
        )
    return value


def _patience(reader: Reader, value: object) -> str:
    raw = reader.mapping(
        value,
        "persona",
        required=("name", "background", "temperament"),
        optional=("patience",),
    )
    return reader.choice(
        raw.get("patience", "medium"), "persona.patience", tuple(PATIENCE)
    )


def _persona(reader: Reader, value: object) -> Persona:
    raw = reader.mapping(
        value,
        "persona",
        required=("name", "background", "temperament"),
        optional=("patience",),
    )
    return Persona(
        name=reader.text(raw["name"], "persona.name"),
        background=reader.text(raw["background"], "persona.background"),
        temperament=reader.text(raw["temperament"], "persona.temperament"),
        patience=_patience(reader, value),
    )


def _facts(reader: Reader, value: object) -> dict[str, str]:
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


def _mood(reader: Reader, value: object, patience: str) -> MoodModel:
    raw = reader.mapping(
        value, "mood", required=_MOOD_KEYS, optional=("leave_at", "moves")
    )
    escalate_at = reader.integer(raw["escalate_at"], "mood.escalate_at", 1, 100)
    resolve_at = reader.integer(raw["resolve_at"], "mood.resolve_at", 0, 99)
    if resolve_at >= escalate_at:
        raise reader.fail(
            "mood.resolve_at",
            "is {resolve_at} but must be below mood.escalate_at ({escalate_at})",
            resolve_at=resolve_at,
            escalate_at=escalate_at,
        )
    anger = reader.integer(raw["anger"], "mood.anger", 0, 100)
    if anger >= escalate_at:
        raise reader.fail(
            "mood.anger",
            "starts at {anger}, already at mood.escalate_at ({escalate_at}); "
            "the customer would escalate before the learner speaks",
            anger=anger,
            escalate_at=escalate_at,
        )
    trust = reader.integer(raw["trust"], "mood.trust", 0, 100)
    leave_at = reader.integer(raw.get("leave_at", 0), "mood.leave_at", 0, 100)
    if leave_at >= trust:
        raise reader.fail(
            "mood.leave_at",
            "is {leave_at} but trust starts at {trust}; "
            "the customer would leave before the learner speaks",
            leave_at=leave_at,
            trust=trust,
        )
    return MoodModel(
        anger=anger,
        trust=trust,
        empathy_weight=reader.number(
            raw["empathy_weight"], "mood.empathy_weight", 0.0, 2.0
        ),
        escalate_at=escalate_at,
        resolve_at=resolve_at,
        leave_at=leave_at,
        max_turns=reader.integer(raw["max_turns"], "mood.max_turns", 1, 100),
        bands=_bands(reader, raw["bands"]),
        moves=_moves(reader, raw.get("moves", {}), PATIENCE[patience]),
    )


def _bands(reader: Reader, value: object) -> tuple[tuple[str, int], ...]:
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
                "is {bound}; bounds must rise ({band} is {band_bound})",
                bound=bound,
                band=bands[-1][0],
                band_bound=bands[-1][1],
            )
        bands.append((reader.name(name, field), bound))
    if bands[-1][1] != 100:
        raise reader.fail(f"mood.bands.{bands[-1][0]}", "the last band must end at 100")
    return tuple(bands)


def _moves(reader: Reader, value: object, patience: float) -> dict[str, MoveEffect]:
    raw = reader.mapping(value, "mood.moves", required=(), optional=LEARNER_MOVES)
    moves = {}
    for move in LEARNER_MOVES:
        anger, trust = DEFAULT_EFFECTS[move]
        if move in raw:
            field = f"mood.moves.{move}"
            effect = reader.mapping(raw[move], field, required=("anger", "trust"))
            anger = reader.integer(effect["anger"], f"{field}.anger", -100, 100)
            trust = reader.integer(effect["trust"], f"{field}.trust", -100, 100)
        if anger > 0:
            anger = round(anger * patience)
        moves[move] = MoveEffect(anger=anger, trust=trust)
    return moves


def _band_names(doc: Mapping[str, Any]) -> tuple[str, ...]:
    mood = doc.get("mood")
    bands = mood.get("bands") if isinstance(mood, dict) else None
    return tuple(str(name) for name in bands) if isinstance(bands, dict) else ()


def _needs(
    reader: Reader, value: object, facts: Mapping[str, str], bands: tuple[str, ...]
) -> tuple[Need, ...]:
    if not isinstance(value, list) or not value:
        raise reader.fail("needs", "must list at least one need")
    needs: list[Need] = []
    for index, item in enumerate(value):
        field = f"needs[{index}]"
        raw = reader.mapping(
            item,
            field,
            required=("id", "description", "met_by"),
            optional=("hint", "model_answers", "lines", "shown_as", "asks"),
        )
        need_id = reader.text(raw["id"], f"{field}.id")
        if any(need.id == need_id for need in needs):
            raise reader.fail(
                f"{field}.id", "{need} is listed twice", need=repr(need_id)
            )
        met_by = raw["met_by"]
        if not isinstance(met_by, list) or not met_by:
            raise reader.fail(f"{field}.met_by", "must list one or more learner moves")
        for position, move in enumerate(met_by):
            reader.choice(move, f"{field}.met_by[{position}]", LEARNER_MOVES)
        answers = raw.get("model_answers", [])
        description = reader.text(raw["description"], f"{field}.description")
        shown_as = reader.text(raw.get("shown_as", description), f"{field}.shown_as")
        reader.placeholders(shown_as, f"{field}.shown_as", facts)
        needs.append(
            Need(
                id=need_id,
                description=description,
                met_by=tuple(met_by),
                hint=reader.text(raw.get("hint", raw["description"]), f"{field}.hint"),
                model_answers=reader.lines(answers, f"{field}.model_answers", facts)
                if answers
                else (),
                lines=_stage_lines(
                    reader, raw.get("lines", {}), f"{field}.lines", facts, bands
                ),
                shown_as=shown_as,
                asks=reader.lines(raw["asks"], f"{field}.asks", facts)
                if "asks" in raw
                else (),
            )
        )
    return tuple(needs)


def _stage_lines(
    reader: Reader,
    value: object,
    field: str,
    facts: Mapping[str, str],
    bands: tuple[str, ...],
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Optional per-stage lines: any reactions, any of their bands."""
    raw = reader.mapping(value, field, required=(), optional=REACTION_KEYS)
    lines: dict[str, dict[str, tuple[str, ...]]] = {}
    for reaction, by_band in raw.items():
        where = f"{field}.{reaction}"
        chosen = reader.mapping(by_band, where, required=(), optional=bands)
        lines[reaction] = {
            band: reader.lines(text, f"{where}.{band}", facts)
            for band, text in chosen.items()
        }
    return lines


def _reactions(
    reader: Reader, value: object, facts: Mapping[str, str], mood: MoodModel
) -> dict[str, dict[str, tuple[str, ...]]]:
    raw = reader.mapping(
        value, "lines", required=REACTION_KEYS + ENDING_KEYS, optional=(OTHER_LANGUAGE,)
    )
    band_names = tuple(name for name, _ in mood.bands)
    reactions = {}
    for reaction in REACTION_KEYS:
        field = f"lines.{reaction}"
        by_band = reader.mapping(raw[reaction], field, required=band_names)
        reactions[reaction] = {
            band: reader.lines(by_band[band], f"{field}.{band}", facts)
            for band in band_names
        }
    return reactions


def _endings(
    reader: Reader, value: object, facts: Mapping[str, str], language: str
) -> dict[str, tuple[str, ...]]:
    assert isinstance(value, dict)
    endings = {
        ending: reader.lines(value[ending], f"lines.{ending}", facts)
        for ending in ENDING_KEYS
    }
    own = value.get(OTHER_LANGUAGE)
    endings[OTHER_LANGUAGE] = (
        reader.lines(own, f"lines.{OTHER_LANGUAGE}", facts)
        if own is not None
        else OTHER_LANGUAGE_LINES.get(language, OTHER_LANGUAGE_LINES["en"])
    )
    return endings


def _locale(reader: Reader, value: object) -> str:
    text = reader.text(value, "locale")
    if not LOCALE.match(text.strip()):
        raise reader.fail(
            "locale",
            "{locale} is not a language the customer can speak; use en (or en-GB, "
            "en-US, ...) or fr (fr-CA for Québec, fr-FR for France)",
            locale=repr(text),
        )
    return text.strip()


def _language_of(doc: Mapping[str, Any]) -> str:
    locale = doc.get("locale")
    return str(locale).split("-")[0].split("_")[0].lower() if locale else "en"


def _scripts(reader: Reader, value: object) -> tuple[Script, ...]:
    if not isinstance(value, list):
        raise reader.fail("scripts", "must be a list of scripted conversations")
    scripts: list[Script] = []
    for index, item in enumerate(value):
        field = f"scripts[{index}]"
        raw = reader.mapping(item, field, required=("name", "expect", "replies"))
        replies = raw["replies"]
        if not isinstance(replies, list) or not replies:
            raise reader.fail(f"{field}.replies", "must list one or more replies")
        scripts.append(
            Script(
                name=reader.text(raw["name"], f"{field}.name"),
                expect=reader.choice(raw["expect"], f"{field}.expect", SCRIPT_ENDINGS),
                replies=tuple(
                    reader.text(reply, f"{field}.replies[{i}]")
                    for i, reply in enumerate(replies)
                ),
            )
        )
    return tuple(scripts)


def _check_reachable(reader: Reader, mood: MoodModel, needs: tuple[Need, ...]) -> None:
    """Resolution must be reachable by a good learner: one who meets each need
    in turn with its most calming move, scored ``GOOD_SCORE`` (a good reply,
    not a perfect one), then keeps making the most calming of those moves,
    played through the same mood logic as a conversation."""
    anger, trust = mood.anger, mood.trust
    best = [min(need.met_by, key=lambda move: mood.moves[move].anger) for need in needs]
    for turn in range(1, mood.max_turns + 1):
        move = (
            best[turn - 1]
            if turn <= len(best)
            else min(best, key=lambda m: mood.moves[m].anger, default="greet")
        )
        change, gain, _ = mood.effect_of([move], GOOD_SCORE, content=turn > len(needs))
        anger, trust = max(0, min(100, anger + change)), max(0, min(100, trust + gain))
        if anger >= mood.escalate_at or trust <= mood.leave_at:
            break
        if turn >= len(needs) and anger <= mood.resolve_at:
            return
    raise reader.fail(
        "mood",
        "resolution is unreachable: a good learner (each need met in turn, every "
        "reply scored {score}) does not bring the customer's anger from "
        "{anger} to resolve_at ({resolve_at}) within max_turns "
        "({max_turns}) before escalate_at or leave_at; raise resolve_at or "
        "max_turns, lower the starting anger, or make the needs' moves calm more",
        score=GOOD_SCORE,
        anger=mood.anger,
        resolve_at=mood.resolve_at,
        max_turns=mood.max_turns,
    )
