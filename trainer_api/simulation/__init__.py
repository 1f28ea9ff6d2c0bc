"""Simulation core: scenarios and the customer's mood. Pure; reads only files."""

from trainer_api.simulation.library import (
    ScenarioLibrary,
    UnknownScenario,
    load_library,
    load_scenario,
)
from trainer_api.simulation.mood import (
    ABANDONED,
    ACTIVE,
    ESCALATED,
    RESOLVED,
    CustomerState,
    CustomerTurn,
    open_conversation,
    respond,
)
from trainer_api.simulation.scenario import (
    LEARNER_MOVES,
    Scenario,
    ScenarioError,
    parse_scenario,
)

__all__ = [
    "ABANDONED",
    "ACTIVE",
    "ESCALATED",
    "LEARNER_MOVES",
    "RESOLVED",
    "CustomerState",
    "CustomerTurn",
    "Scenario",
    "ScenarioError",
    "ScenarioLibrary",
    "UnknownScenario",
    "load_library",
    "load_scenario",
    "open_conversation",
    "parse_scenario",
    "respond",
]
