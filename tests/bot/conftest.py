"""The bot's actions import as the action server imports them: from bot/."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest

from tools.stack import BOT_DIR
from trainer_api.provisioning import migrate
from trainer_api.settings import Settings

if str(BOT_DIR) not in sys.path:
    sys.path.insert(0, str(BOT_DIR))


@pytest.fixture(scope="session", autouse=True)
def scenario_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database holding the seed library, as the action server reads.

    The actions read scenario versions from the store named by
    EMPATHY_DATABASE_URL; migrate imports ``scenarios/`` into it.
    """
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.db'}"
    migrate(Settings(database_url=url))
    previous = os.environ.get("EMPATHY_DATABASE_URL")
    os.environ["EMPATHY_DATABASE_URL"] = url
    _reset_version_reader()
    yield url
    if previous is None:
        os.environ.pop("EMPATHY_DATABASE_URL", None)
    else:
        os.environ["EMPATHY_DATABASE_URL"] = previous
    _reset_version_reader()


def _reset_version_reader() -> None:
    """Forget the actions' store connection, so the next read uses the new URL."""
    if "actions.customer" in sys.modules:
        sys.modules["actions.customer"]._versions.cache_clear()


NEEDS_THE_MODEL = {"test_nlu_eval.py", "test_nlu_model.py", "test_bot_data.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that train, load the trained model or run Rasa's CLI are ``model``
    tests: `make test` runs them, `make test-fast` leaves them out."""
    for item in items:
        if item.path.name in NEEDS_THE_MODEL:
            item.add_marker(pytest.mark.model)
