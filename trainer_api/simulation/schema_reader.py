"""Typed reading of scenario YAML that reports file, line and field path.

The YAML is read once, event by event and without recursion, into plain data.
Scenario files need none of YAML's riskier features, so anchors and aliases,
tags, duplicate keys, deep nesting and oversized numbers are all refused with a
:class:`ScenarioError` that names the line: a hostile file costs milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import CollectionEndEvent, CollectionStartEvent, NodeEvent

from trainer_api import i18n
from trainer_api.i18n import N_

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings; a scenario needs about six levels."""
MAX_VALUES = 10_000
"""Most values (keys, texts, numbers, lists and mappings) in one scenario; the
shipped ones hold 300 to 500."""
MAX_NUMBER_CHARS = 40

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
"""``{{`` or ``}}`` (literal braces), a ``{placeholder}``, or a lone brace."""

_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_STR = _TAG + "str"
_NUMBER_TAGS = frozenset((_TAG + "int", _TAG + "float"))
_NOT_YAML_TEXT = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_FIELD_PART = re.compile(r"\[\d+\]|[^.\[]+")
_FORMATTING = re.compile(r"[:!.\[\]]")


class ScenarioError(ValueError):
    """A scenario file is invalid; the message names the file, line and field.

    ``problem`` is what is wrong, in English: the message id ``template`` (of
    the catalogues, with ``{name}`` placeholders) filled from ``values``.
    :meth:`to_dict` gives it in the reader's language.
    """

    def __init__(
        self,
        source: str,
        field: str,
        problem: str,
        line: int | None = None,
        values: Mapping[str, object] | None = None,
    ) -> None:
        self.source = source
        self.field = field
        self.template = problem
        self.values = dict(values or {})
        self.problem = problem.format(**self.values) if self.values else problem
        self.line = line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """This problem alone: file, line, field and what is wrong."""
        return self._located(self.problem)

    def _located(self, problem: str) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        if self.field:
            return f"{where}: {self.field}: {problem}"
        return f"{where}: {problem}"

    @property
    def problems(self) -> list[ScenarioError]:
        """Every problem this error stands for (one, here)."""
        return [self]

    def to_dict(self) -> dict[str, Any]:
        """The problem as the pages show it, in the current locale."""
        problem = i18n.localise(self.template, self.values)
        return {
            "source": self.source,
            "line": self.line,
            "field": self.field,
            "problem": problem,
            "message": self._located(problem),
        }


class ScenarioProblems(ScenarioError):
    """Several problems in one scenario file, in file order.

    Reads like its first problem (``field``, ``line``, ``problem``), and its
    message counts the others; ``problems`` lists them all.
    """

    def __init__(self, problems: list[ScenarioError]) -> None:
        ordered = _in_file_order(problems)
        first = ordered[0]
        super().__init__(
            first.source, first.field, first.template, first.line, first.values
        )
        self._problems = ordered
        more = len(ordered) - 1
        self.args = (
            f"{first.message} (and {more} more problem" f"{'s' if more > 1 else ''})",
        )

    @property
    def problems(self) -> list[ScenarioError]:
        return list(self._problems)

    def __str__(self) -> str:
        return str(self.args[0])


def _in_file_order(problems: list[ScenarioError]) -> list[ScenarioError]:
    """Problems by line (those with no line last), each message once."""
    seen: set[str] = set()
    unique = []
    for problem in problems:
        key = problem.message
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return sorted(unique, key=lambda p: (p.line is None, p.line or 0))


@dataclass
class _Place:
    """The line a value starts on, and the places of its keys or items."""

    line: int
    children: dict[str, _Place] = field(default_factory=dict)


class LineIndex:
    """The line of every field path (``needs[0].lines.calm``) in a file."""

    def __init__(self, root: _Place | None = None) -> None:
        self._root = root

    def line(self, field_path: str) -> int | None:
        """The field's line, or its nearest ancestor's if the file lacks it."""
        place = self._root
        if place is None:
            return None
        for part in _FIELD_PART.findall(field_path):
            child = place.children.get(part)
            if child is None:
                break
            place = child
        return place.line


def read_yaml(text: str, source: str) -> tuple[Any, LineIndex]:
    """Parse YAML safely; return the data and the line of every field path."""
    _refuse_unreadable(text, source)
    loader = _LOADER(text)
    try:
        return _Builder(source, loader).build()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ScenarioError(
            source, "", N_("not valid YAML: {problem}"), line, {"problem": problem}
        ) from exc
    finally:
        loader.dispose()


def _refuse_unreadable(text: str, source: str) -> None:
    """Refuse characters YAML forbids (controls, lone surrogates) by line."""
    bad = _NOT_YAML_TEXT.search(text)
    if bad is not None:
        raise ScenarioError(
            source,
            "",
            N_(
                "contains the character U+{code}, which a scenario file may not "
                "hold (a control character or a broken surrogate); remove it"
            ),
            text.count("\n", 0, bad.start()) + 1,
            {"code": f"{ord(bad.group()):04X}"},
        )


@dataclass
class _Open:
    """A list or mapping whose contents are still being read."""

    value: list[Any] | dict[Any, Any]
    place: _Place
    key: Any = None
    key_place: _Place | None = None
    """Set while a mapping waits for the value of ``key``."""
    key_lines: dict[Any, int] = field(default_factory=dict)


class _Builder:
    """Builds plain data from parser events, with an explicit stack."""

    def __init__(self, source: str, loader: Any) -> None:
        self.source = source
        self.loader = loader
        self.stack: list[_Open] = []
        self.values = 0
        self.documents = 0
        self.anchor: tuple[str, int] | None = None
        self.root: Any = None
        self.root_place: _Place | None = None

    def build(self) -> tuple[Any, LineIndex]:
        while self.loader.check_event():
            self._take(self.loader.get_event())
        if self.anchor is not None:
            name, line = _shown(self.anchor[0], quote=False), self.anchor[1]
            raise ScenarioError(
                self.source,
                "",
                N_(
                    "anchors (&{name}) are not allowed in scenario files; "
                    "remove &{name}"
                ),
                line,
                {"name": name},
            )
        return self.root, LineIndex(self.root_place)

    def _take(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fail(
                    event,
                    "holds a second YAML document (---); keep one scenario per file",
                )
        elif isinstance(event, yaml.AliasEvent):
            raise self.fail(
                event,
                "aliases (*{name}) are not allowed in scenario files; "
                "write the value out",
                name=_shown(event.anchor, quote=False),
            )
        elif isinstance(event, yaml.ScalarEvent):
            self._add(self._scalar(event), event)
        elif isinstance(event, CollectionStartEvent):
            self._open(event)
        elif isinstance(event, CollectionEndEvent):
            self.stack.pop()

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        if event.tag not in (None, "!"):
            raise self._tagged(event)
        tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return event.value
        if tag not in _SCALAR_TAGS:
            raise self._special_value(event)
        if tag in _NUMBER_TAGS and len(event.value) > MAX_NUMBER_CHARS:
            raise self.fail(
                event,
                "a number of {length} characters is too long (at most {limit}); "
                "put it in quotes if it is text",
                length=f"{len(event.value):,}",
                limit=MAX_NUMBER_CHARS,
            )
        node = yaml.ScalarNode(tag, event.value, None, None)
        try:
            return SafeConstructor.yaml_constructors[tag](self.loader, node)
        except (ValueError, OverflowError) as exc:
            raise self.fail(
                event,
                "{value} is not a valid {kind} ({error}); "
                "put it in quotes if it is text",
                value=repr(event.value),
                kind=tag.removeprefix(_TAG),
                error=str(exc),
            ) from exc

    def _open(self, event: CollectionStartEvent) -> None:
        if event.tag not in (None, "!"):
            raise self._tagged(event)
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(
                event,
                "lists and mappings are nested more than {depth} levels deep; "
                "a scenario needs far fewer",
                depth=MAX_DEPTH,
            )
        value: list[Any] | dict[Any, Any] = (
            [] if isinstance(event, yaml.SequenceStartEvent) else {}
        )
        self.stack.append(_Open(value, self._add(value, event)))

    def _add(self, value: Any, event: NodeEvent) -> _Place:
        """Put a new value into the open list or mapping; return its place."""
        self._count(event)
        place = _Place(_line(event))
        if not self.stack:
            self.root, self.root_place = value, place
            return place
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            parent.place.children[f"[{len(parent.value)}]"] = place
            parent.value.append(value)
            return place
        if parent.key_place is None:
            self._key(parent, value, event)
            return place
        parent.value[parent.key] = value
        place, parent.key_place = parent.key_place, None
        return place

    def _key(self, parent: _Open, key: Any, event: NodeEvent) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise self.fail(event, "a key must be a single value, not a list or map")
        line = _line(event)
        if key in parent.key_lines:
            raise self.fail(
                event,
                "the key {key} appears twice in one mapping (first on line "
                "{first_line}); keep one",
                key=repr(event.value),
                first_line=parent.key_lines[key],
            )
        parent.key_lines[key] = line
        parent.key, parent.key_place = key, _Place(line)
        parent.place.children[event.value] = parent.key_place

    def _count(self, event: NodeEvent) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            raise self.fail(
                event,
                "holds more than {limit} values; a scenario needs far fewer",
                limit=f"{MAX_VALUES:,}",
            )
        if event.anchor is not None and self.anchor is None:
            self.anchor = (event.anchor, _line(event))

    def fail(self, event: yaml.Event, problem: str, **values: object) -> ScenarioError:
        """The problem (a message id, ``{name}`` filled from ``values``) of
        the value ``event`` starts, at its line."""
        return ScenarioError(self.source, "", problem, _line(event), values)

    def _tagged(self, event: yaml.ScalarEvent | CollectionStartEvent) -> ScenarioError:
        shown = str(event.tag)
        if shown.startswith(_TAG):
            shown = f"!!{shown.removeprefix(_TAG)}"
        return self.fail(
            event,
            "YAML tags ({tag}) are not allowed in scenario files; remove the tag "
            "(and put the value in quotes if it is text)",
            tag=_shown(shown, quote=False),
        )

    def _special_value(self, event: yaml.ScalarEvent) -> ScenarioError:
        if event.value == "<<":
            return self.fail(
                event,
                "merge keys (<<) are not allowed in scenario files; "
                "write the keys out",
            )
        return self.fail(
            event,
            "{value} has a special meaning in YAML that scenario files do not "
            "use; put it in quotes if it is text",
            value=repr(event.value),
        )


def _line(event: yaml.Event) -> int:
    return int(getattr(event.start_mark, "line", 0)) + 1


class Reader:
    """Checks raw YAML values and raises :class:`ScenarioError` with the location."""

    def __init__(self, source: str, lines: LineIndex) -> None:
        self.source = source
        self.line_index = lines

    def fail(self, field: str, problem: str, **values: object) -> ScenarioError:
        """The problem of ``field`` at its line: ``problem`` is an English
        message id of the catalogues, its ``{name}`` placeholders filled from
        ``values`` (literal braces doubled, as ``str.format`` reads them)."""
        return ScenarioError(
            self.source, field, problem, self.line_index.line(field), values
        )

    def mapping(
        self,
        value: Any,
        field: str,
        *,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            if not field:
                raise self.fail(field, "the file must be a mapping of keys to values")
            raise self.fail(
                field, "{name} must be a mapping of keys to values", name=field
            )
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                raise self.fail(
                    _join(field, str(key)),
                    "unknown key; allowed here: {allowed}",
                    allowed=", ".join(sorted(allowed)),
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
        self._no_control(value, field)
        return value.strip()

    def name(self, value: Any, field: str) -> str:
        """A name written as a key: non-empty, without control characters."""
        name = str(value)
        if not name.strip():
            raise self.fail(field, "must be a non-empty name")
        self._no_control(name, field)
        return name

    def _no_control(self, value: str, field: str) -> None:
        bad = _CONTROL.search(value)
        if bad is not None:
            raise self.fail(
                field,
                "contains the control character U+{code}; remove it",
                code=f"{ord(bad.group()):04X}",
            )

    def integer(self, value: Any, field: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(
                field, "must be a whole number from {low} to {high}", low=low, high=high
            )
        if not low <= value <= high:
            raise self.fail(
                field,
                "is {value}; it must be from {low} to {high}",
                value=value,
                low=low,
                high=high,
            )
        return value

    def number(self, value: Any, field: str, low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(
                field, "must be a number from {low} to {high}", low=low, high=high
            )
        if not low <= value <= high:
            raise self.fail(
                field,
                "is {value}; it must be from {low} to {high}",
                value=value,
                low=low,
                high=high,
            )
        return float(value)

    def choice(self, value: Any, field: str, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            raise self.fail(
                field,
                "is {value}; use one of {allowed}",
                value=_shown(value),
                allowed=", ".join(allowed),
            )
        return str(value)

    def lines(
        self, value: Any, field: str, facts: Mapping[str, str]
    ) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise self.fail(field, "must be a list of one or more lines")
        result = []
        for index, item in enumerate(value):
            item_field = f"{field}[{index}]"
            line = self.text(item, item_field)
            self.placeholders(line, item_field, facts)
            result.append(line)
        return tuple(result)

    def placeholders(self, line: str, field: str, facts: Mapping[str, str]) -> None:
        """Every ``{name}`` names a fact; ``{{`` and ``}}`` are literal braces."""
        for match in PLACEHOLDER.finditer(line):
            if match.group() in ("{{", "}}"):
                continue
            name = match.group(1)
            if name is None:
                # Translators: {{ and }} are one brace each; {{{{ and }}}} two.
                raise self.fail(
                    field,
                    "has a broken placeholder (a lone {brace}); write {{fact_name}}, "
                    "or {{{{ and }}}} for a literal brace",
                    brace=repr(match.group()),
                )
            self._placeholder(name, field, facts)

    def _placeholder(self, name: str, field: str, facts: Mapping[str, str]) -> None:
        if not name:
            raise self.fail(field, "has an empty placeholder {}; name a fact")
        shown = _shown(name, quote=False)
        if _FORMATTING.search(name):
            # Translators: {{ and }} are braces; {{{name}}} is {name} in braces.
            raise self.fail(
                field,
                "placeholder {{{name}}} may only name a fact, as in {{fact_name}}: "
                "formats (:), conversions (!), attributes (.) and indexes ([]) "
                "are not allowed",
                name=shown,
            )
        if name not in facts:
            if not facts:
                raise self.fail(
                    field,
                    "placeholder {{{name}}} names no fact; known facts: none",
                    name=shown,
                )
            raise self.fail(
                field,
                "placeholder {{{name}}} names no fact; known facts: {known}",
                name=shown,
                known=", ".join(sorted(facts)),
            )


def _shown(value: Any, *, quote: bool = True, limit: int = 60) -> str:
    """A value for an error message, cut short if it is long."""
    text = repr(value) if quote else str(value)
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


def _join(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key
