"""Simulation core: scenarios and the customer's mood. Pure; reads only files."""

from trainer_api.simulation.contract import (
    CONTRACT_VERSION,
    STATE_FIELDS,
    ContractError,
    CustomerAnswer,
    state_fields,
    state_from_slots,
)
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
from trainer_api.simulation.moves import (
    INTENT_MOVES,
    LEARNER_MOVES,
    NLU_LANGUAGES,
    REACTIONS,
    UNCLEAR,
    confirmed_moves,
    moves_of_intent,
    moves_of_score,
)
from trainer_api.simulation.repeats import is_repeat
from trainer_api.simulation.scenario import Scenario, parse_scenario
from trainer_api.simulation.schema_reader import ScenarioError, ScenarioProblems

__all__ = [
    "NLU_LANGUAGES",
    "ABANDONED",
    "ACTIVE",
    "CONTRACT_VERSION",
    "ESCALATED",
    "INTENT_MOVES",
    "LEARNER_MOVES",
    "REACTIONS",
    "RESOLVED",
    "STATE_FIELDS",
    "STATUSES",
    "UNCLEAR",
    "ContractError",
    "CustomerAnswer",
    "CustomerState",
    "CustomerTurn",
    "Scenario",
    "ScenarioError",
    "ScenarioProblems",
    "ScenarioLibrary",
    "UnknownScenario",
    "current_stage",
    "ending_line",
    "is_repeat",
    "load_library",
    "load_scenario",
    "confirmed_moves",
    "moves_of_intent",
    "moves_of_score",
    "nudge",
    "open_conversation",
    "parse_scenario",
    "reaction_to",
    "respond",
    "state_fields",
    "state_from_slots",
]
