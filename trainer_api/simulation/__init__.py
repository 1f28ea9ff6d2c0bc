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
    STATUSES,
    CustomerState,
    CustomerTurn,
    current_stage,
    ending_line,
    nudge,
    open_conversation,
    reaction_to,
    respond,
)
from trainer_api.simulation.moves import LEARNER_MOVES, REACTIONS
from trainer_api.simulation.scenario import Scenario, parse_scenario
from trainer_api.simulation.schema_reader import ScenarioError

__all__ = [
    "ABANDONED",
    "ACTIVE",
    "ESCALATED",
    "LEARNER_MOVES",
    "REACTIONS",
    "RESOLVED",
    "STATUSES",
    "CustomerState",
    "CustomerTurn",
    "Scenario",
    "ScenarioError",
    "ScenarioLibrary",
    "UnknownScenario",
    "current_stage",
    "ending_line",
    "load_library",
    "load_scenario",
    "nudge",
    "open_conversation",
    "parse_scenario",
    "reaction_to",
    "respond",
]
