"""The scenario library: every valid scenario file in a folder."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from trainer_api.simulation.scenario import (
    SCENARIO_ID,
    Scenario,
    load_scenario_file,
    parse_scenario,
)
from trainer_api.simulation.schema_reader import ScenarioError

logger = logging.getLogger(__name__)


class UnknownScenario(LookupError):
    """No valid scenario has the requested id."""

    def __init__(self, scenario_id: str) -> None:
        self.scenario_id = scenario_id
        super().__init__(f"no scenario with id {scenario_id!r}")


@dataclass
class ScenarioLibrary:
    """Valid scenarios by id, and the files that were skipped with the reason."""

    scenarios: dict[str, Scenario] = field(default_factory=dict)
    skipped: list[ScenarioError] = field(default_factory=list)

    def get(self, scenario_id: str) -> Scenario:
        """The scenario with this id; :class:`UnknownScenario` if there is none."""
        if not isinstance(scenario_id, str) or scenario_id not in self.scenarios:
            raise UnknownScenario(str(scenario_id))
        return self.scenarios[scenario_id]

    def __iter__(self) -> Iterator[Scenario]:
        return iter(sorted(self.scenarios.values(), key=lambda s: s.title))


def load_library(directory: Path) -> ScenarioLibrary:
    """Load every ``*.yml`` scenario in ``directory``; invalid ones are skipped."""
    library = ScenarioLibrary()
    for path in sorted(directory.glob("*.yml")):
        try:
            scenario = load_scenario_file(path)
        except ScenarioError as error:
            logger.warning("skipped scenario %s", error)
            library.skipped.append(error)
            continue
        library.scenarios[scenario.id] = scenario
    return library


def load_scenario(directory: Path, scenario_id: str) -> Scenario:
    """Load one scenario by id, refusing ids that could escape ``directory``."""
    if not isinstance(scenario_id, str) or not SCENARIO_ID.fullmatch(scenario_id):
        raise UnknownScenario(str(scenario_id))
    path = directory / f"{scenario_id}.yml"
    if not path.is_file():
        raise UnknownScenario(scenario_id)
    return load_scenario_file(path)


@lru_cache(maxsize=128)
def parse_stored(text: str) -> Scenario:
    """A stored scenario version, parsed once per process."""
    return parse_scenario(text, source="stored scenario version")
