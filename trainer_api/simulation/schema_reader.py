"""Typed reading of scenario YAML that reports file, line and field path."""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

import yaml


class ScenarioError(ValueError):
    """A scenario file is invalid; the message names the file, line and field."""

    def __init__(
        self, source: str, field: str, problem: str, line: int | None = None
    ) -> None:
        self.source = source
        self.field = field
        self.problem = problem
        self.line = line
        where = f"{source}:{line}" if line else source
        super().__init__(
            f"{where}: {field}: {problem}" if field else f"{where}: {problem}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "line": self.line,
            "field": self.field,
            "problem": self.problem,
            "message": str(self),
        }


def read_yaml(text: str, source: str) -> tuple[Any, dict[str, int]]:
    """Parse YAML safely; return the data and the line of every field path."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ScenarioError(source, "", f"not valid YAML: {problem}", line) from exc
    lines: dict[str, int] = {}
    if node is not None:
        _index_lines(node, "", lines)
    return data, lines


def _index_lines(node: yaml.Node, path: str, lines: dict[str, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = f"{path}.{key.value}" if path else str(key.value)
            lines[child] = key.start_mark.line + 1
            _index_lines(value, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, f"{path}[{index}]", lines)


class Reader:
    """Checks raw YAML values and raises :class:`ScenarioError` with the location."""

    def __init__(self, source: str, lines: Mapping[str, int]) -> None:
        self.source = source
        self.line_index = lines

    def fail(self, field: str, problem: str) -> ScenarioError:
        return ScenarioError(self.source, field, problem, self._line(field))

    def _line(self, field: str) -> int | None:
        path = field
        while path:
            if path in self.line_index:
                return self.line_index[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.line_index.get("")

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
            raise self.fail(field, "must be a list of one or more lines")
        result = []
        for index, item in enumerate(value):
            item_field = f"{field}[{index}]"
            line = self.text(item, item_field)
            self.placeholders(line, item_field, facts)
            result.append(line)
        return tuple(result)

    def placeholders(self, line: str, field: str, facts: Mapping[str, str]) -> None:
        try:
            names = [
                name
                for _, name, _, _ in string.Formatter().parse(line)
                if name is not None
            ]
        except ValueError as exc:
            raise self.fail(
                field, f"has a broken placeholder ({exc}); write {{fact_name}}"
            ) from exc
        for name in names:
            if not name:
                raise self.fail(field, "has an empty placeholder {}; name a fact")
            if name not in facts:
                known = ", ".join(sorted(facts)) or "none"
                raise self.fail(
                    field, f"placeholder {{{name}}} names no fact; known facts: {known}"
                )


def _join(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key
