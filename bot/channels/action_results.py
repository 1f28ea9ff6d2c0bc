"""Rasa checks every action server answer against its JSON schema: once per
schema here, not once per turn.

Rasa 3.6 validates each answer with ``jsonschema.validate``, which first
checks the schema itself against the JSON Schema meta-schema and builds a new
validator, on every call. Under ``make load --profile`` that meta-schema check
was 57 % of the Rasa server's busy time. ``install`` replaces
``RemoteAction._validate_action_result`` with the same check against a
validator built once: the same schema, the same errors (``best_match``, as
``jsonschema.validate`` raises), the same message added to them.

Installed when the learner channel is loaded (every Rasa server of the
product loads it), for the Rasa release it was written against only: on
another release Rasa's own check stays.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import rasa
from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

logger = logging.getLogger(__name__)
RASA_RELEASE = "3.6."


@lru_cache(maxsize=1)
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    checker = validators.validator_for(schema)
    checker.check_schema(schema)
    return checker(schema)


def validate_action_result(_action: Any, result: dict[str, Any]) -> bool:
    """Rasa's check of an action server answer, with the validator built once."""
    error = exceptions.best_match(_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> bool:
    """Use ``validate_action_result`` in Rasa; whether it was installed."""
    if not rasa.__version__.startswith(RASA_RELEASE):
        logger.info("Rasa %s: its own action result check is kept", rasa.__version__)
        return False
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    return True
