"""The bot's tracker store (bot/stores/cached_sql.py) hands back a conversation
from memory only while the table holds exactly what it saved, on SQLite and
(in CI) PostgreSQL, and endpoints.yml really selects it."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from stores.cached_sql import CachedSQLTrackerStore

from tools.stack import BOT_DIR

DOMAIN = Domain.from_dict(
    {
        "intents": ["greet"],
        "slots": {
            "anger": {
                "type": "float",
                "influence_conversation": False,
                "mappings": [{"type": "custom"}],
            }
        },
        "actions": ["action_customer_reply"],
    }
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def stores(database_url: str, clock: Clock) -> Iterator[Any]:
    made: list[SQLTrackerStore] = []

    def make(**options: Any) -> CachedSQLTrackerStore:
        store = CachedSQLTrackerStore(
            domain=DOMAIN, host=database_url, clock=clock, **options
        )
        made.append(store)
        return store

    yield make
    for store in made:
        store.engine.dispose()


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def turn(tracker: DialogueStateTracker, text: str, anger: float) -> None:
    """What one learner turn adds to a tracker."""
    for event in (
        UserUttered(text, {"name": "greet", "confidence": 1.0}),
        ActionExecuted("action_customer_reply"),
        BotUttered(f"(reply to {text})"),
        SlotSet("anger", anger),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event, DOMAIN)


def new_conversation(store: CachedSQLTrackerStore, sender: str) -> DialogueStateTracker:
    tracker = run(store.get_or_create_tracker(sender))
    assert tracker is not None
    return tracker


def saved_turn(
    store: CachedSQLTrackerStore, sender: str, text: str, anger: float
) -> DialogueStateTracker:
    """A new conversation with one learner turn, saved."""
    tracker = new_conversation(store, sender)
    turn(tracker, text, anger)
    run(store.save(tracker))
    return tracker


def texts(tracker: DialogueStateTracker | None) -> list[str]:
    assert tracker is not None
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


def test_the_next_turn_gets_the_saved_tracker_without_reading_the_table(
    stores: Any,
) -> None:
    store = stores()
    tracker = saved_turn(store, "s1", "hello", 40.0)
    misses = store.misses

    again = run(store.retrieve("s1"))

    assert again is tracker
    assert (store.hits, store.misses) == (1, misses)
    assert again.get_slot("anger") == 40.0


def test_what_comes_from_memory_is_what_the_table_holds(stores: Any) -> None:
    store = stores()
    tracker = new_conversation(store, "s1")
    for number in range(5):
        turn(tracker, f"reply {number}", float(number))
        run(store.save(tracker))
        tracker = run(store.retrieve("s1"))
    from_table = run(stores(cache_size=0).retrieve("s1"))
    assert [e.as_dict() for e in tracker.events] == [
        e.as_dict() for e in from_table.events
    ]
    assert store.hits == 5


def test_a_turn_handled_by_another_server_is_read_from_the_table(
    stores: Any,
) -> None:
    mine, other = stores(), stores()
    saved_turn(mine, "s1", "first", 10.0)

    theirs = run(other.retrieve("s1"))
    turn(theirs, "second, on the other server", 20.0)
    run(other.save(theirs))
    hits = mine.hits

    back = run(mine.retrieve("s1"))

    assert mine.hits == hits
    assert texts(back) == ["first", "second, on the other server"]
    assert back.get_slot("anger") == 20.0


def test_a_deleted_conversation_is_never_handed_back(stores: Any) -> None:
    store = stores()
    saved_turn(store, "candidate", "my answer", 30.0)

    with store.engine.begin() as connection:  # as a candidate's erasure does
        connection.execute(
            sa.text("DELETE FROM events WHERE sender_id = :s"), {"s": "candidate"}
        )

    assert run(store.retrieve("candidate")) is None
    assert store.kept == 0


def test_a_tracker_changed_and_not_saved_is_not_handed_out_again(
    stores: Any,
) -> None:
    store = stores()
    saved_turn(store, "s1", "kept", 10.0)
    held = run(store.retrieve("s1"))
    turn(held, "never saved (the turn failed)", 99.0)

    again = run(store.retrieve("s1"))

    assert again is not held
    assert texts(again) == ["kept"]
    assert again.get_slot("anger") == 10.0


def test_a_tracker_changed_after_it_was_saved_is_not_handed_out(
    stores: Any,
) -> None:
    store = stores()
    tracker = saved_turn(store, "s1", "saved", 10.0)
    turn(tracker, "added by its holder after the save", 50.0)

    again = run(store.retrieve("s1"))

    assert again is not tracker
    assert texts(again) == ["saved"]


def test_a_tracker_in_use_is_not_handed_to_a_second_reader(stores: Any) -> None:
    store = stores()
    tracker = saved_turn(store, "s1", "one", 1.0)

    first = run(store.retrieve("s1"))
    second = run(store.retrieve("s1"))

    assert first is tracker
    assert second is not first
    assert texts(second) == texts(first)


def test_idle_conversations_leave_memory(stores: Any, clock: Clock) -> None:
    store = stores(cache_idle_seconds=60)
    tracker = saved_turn(store, "s1", "one", 1.0)
    clock.now += 61

    again = run(store.retrieve("s1"))

    assert again is not tracker
    assert texts(again) == ["one"]
    assert store.kept == 0


def test_memory_holds_at_most_cache_size_conversations(stores: Any) -> None:
    store = stores(cache_size=2)
    for sender in ("a", "b", "c"):
        saved_turn(store, sender, sender, 1.0)

    assert store.kept == 2
    hits = store.hits
    assert texts(run(store.retrieve("a"))) == ["a"]  # the oldest, from the table
    assert store.hits == hits
    run(store.retrieve("c"))
    assert store.hits == hits + 1


def test_cache_size_0_keeps_nothing(stores: Any) -> None:
    store = stores(cache_size=0)
    tracker = saved_turn(store, "s1", "one", 1.0)
    assert store.kept == 0
    assert run(store.retrieve("s1")) is not tracker


@pytest.mark.parametrize(
    "options", [{"cache_size": -1}, {"cache_idle_seconds": "-5"}, {"cache_size": "x"}]
)
def test_bad_settings_are_refused(
    database_url: str, options: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    engines: list[Any] = []
    create_engine = sa.create_engine

    def recorded(*args: Any, **kwargs: Any) -> Any:
        engines.append(create_engine(*args, **kwargs))
        return engines[-1]

    monkeypatch.setattr(sa, "create_engine", recorded)
    try:
        with pytest.raises(ValueError, match="cache_size|invalid literal"):
            CachedSQLTrackerStore(domain=DOMAIN, host=database_url, **options)
    finally:
        for engine in engines:
            engine.dispose()


def test_a_session_started_in_the_tracker_is_read_from_the_table(
    stores: Any,
) -> None:
    """Rasa starts a new session in the tracker it holds (the old one
    expired): the table's current session is then shorter than the tracker,
    and the next turn reads the table, as Rasa's own store would."""
    store = stores()
    tracker = saved_turn(store, "s1", "before the break", 10.0)
    tracker = run(store.retrieve("s1"))
    for event in (ActionExecuted("action_session_start"), SessionStarted()):
        tracker.update(event, DOMAIN)
    tracker.update(SlotSet("anger", 10.0), DOMAIN)
    turn(tracker, "after the break", 20.0)
    run(store.save(tracker))

    again = run(store.retrieve("s1"))

    assert again is not tracker
    assert texts(again) == ["after the break"]
    assert again.get_slot("anger") == 20.0
    from_table = run(stores(cache_size=0).retrieve("s1"))
    assert [e.as_dict() for e in again.events] == [
        e.as_dict() for e in from_table.events
    ]


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "endpoints-scaled.yml"])
def test_the_bot_endpoints_select_this_store(
    endpoints: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rasa falls back to an in-memory store, with only a warning, when it
    cannot import a store named in endpoints.yml: that must not happen."""
    monkeypatch.setenv("EMPATHY_TRACKER_URL", f"sqlite:///{tmp_path / 't.db'}")
    monkeypatch.setenv("EMPATHY_ACTION_URL", "http://127.0.0.1:1/webhook")
    for name in ("HOST", "PORT", "DB"):
        monkeypatch.setenv(f"EMPATHY_LOCK_STORE_{name}", "1")
    config = AvailableEndpoints.read_endpoints(os.fspath(BOT_DIR / endpoints))
    store = TrackerStore.create(config.tracker_store, domain=DOMAIN)
    while hasattr(store, "_tracker_store"):
        store = store._tracker_store
    assert type(store) is CachedSQLTrackerStore
    store.engine.dispose()


def test_a_sqlite_file_is_pooled_in_write_ahead_log_mode(tmp_path: Path) -> None:
    store = CachedSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 't.db'}")
    try:
        with store.engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            sync = connection.exec_driver_sql("PRAGMA synchronous").scalar()
        assert (mode, sync) == ("wal", 1)  # 1: NORMAL
        saved_turn(store, "s1", "one", 1.0)
        reader = CachedSQLTrackerStore(
            domain=DOMAIN, host=f"sqlite:///{tmp_path / 't.db'}", cache_size=0
        )
        assert texts(run(reader.retrieve("s1"))) == ["one"]
        reader.engine.dispose()
    finally:
        store.engine.dispose()


def test_rows_are_written_as_rasas_own_store_writes_them(tmp_path: Path) -> None:
    ours = CachedSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 'a.db'}")
    rasas = SQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 'b.db'}")
    tracker = new_conversation(rasas, "s1")
    for number in range(3):
        turn(tracker, f"reply {number}", float(number))
        run(rasas.save(tracker))
    run(ours.save(tracker))

    def rows(store: SQLTrackerStore) -> list[Any]:
        with store.engine.connect() as connection:
            return list(
                connection.exec_driver_sql(
                    "SELECT sender_id, type_name, timestamp, intent_name, "
                    "action_name, data FROM events ORDER BY id"
                )
            )

    try:
        assert rows(ours) == rows(rasas)
        assert len(rows(ours)) == len(tracker.events)
    finally:
        ours.engine.dispose()
        rasas.engine.dispose()
