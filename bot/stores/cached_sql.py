"""Rasa's SQL tracker store, with the conversations in play kept in memory.

On every turn Rasa loads the conversation's tracker: it reads every event of
the current session from the ``events`` table, parses each one's JSON and
replays them all. That cost grows with the conversation; it was the largest
part of the turn-30 cost in ``make profile-turns`` (README, "What the profile
found").

This store keeps the tracker it last saved for each conversation and hands it
back on the next turn when the table still holds exactly the events it saved:
one indexed query (the session's event count and last event id) instead of the
whole load. Anything else is read from the table as Rasa reads it: another
Rasa server handled a turn in between (the scaled deployment shares one
table), the conversation was deleted (a candidate's data erased), or a turn
failed before its tracker was saved.

A tracker handed out leaves the memory until it is saved again, so whoever
holds it may change it freely; one that was changed and not saved is never
handed out again. At most ``cache_size`` conversations are kept, none idle
for longer than ``cache_idle_seconds``: a conversation's events stay in the
process's memory only while it is being played.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import orm

from trainer_api.storage.db import make_engine

DEFAULT_CACHE_SIZE = 500
"""Conversations kept; a class of 400 learners playing at once fits."""
DEFAULT_IDLE_SECONDS = 600.0
"""A conversation untouched this long is read from the table again."""


@dataclass
class _Kept:
    tracker: DialogueStateTracker
    mark: tuple[int, int | None]
    """The session's event count and last event id when the tracker was saved."""
    at: float


class CachedSQLTrackerStore(SQLTrackerStore):
    """``type: stores.cached_sql.CachedSQLTrackerStore`` in endpoints.yml; takes
    the SQL store's settings plus ``cache_size`` and ``cache_idle_seconds``."""

    def __init__(
        self,
        *args: Any,
        cache_size: int | str = DEFAULT_CACHE_SIZE,
        cache_idle_seconds: float | str = DEFAULT_IDLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self._pool_sqlite()
        self.cache_size = int(cache_size)
        self.cache_idle_seconds = float(cache_idle_seconds)
        if self.cache_size < 0 or self.cache_idle_seconds < 0:
            raise ValueError(
                "tracker store: cache_size and cache_idle_seconds must not be "
                f"negative (got {cache_size!r} and {cache_idle_seconds!r})"
            )
        self._clock = clock
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self.hits = 0
        self.misses = 0

    @property
    def kept(self) -> int:
        """How many conversations are in memory now."""
        return len(self._kept)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The conversation's current session: from memory when the table has
        not changed since it was saved here, otherwise from the table."""
        self._forget_idle()
        kept = self._kept.pop(sender_id, None)
        if kept is not None and len(kept.tracker.events) == kept.mark[0]:
            with self.session_scope() as session:
                if self._mark(session, sender_id) == kept.mark:
                    self.hits += 1
                    return kept.tracker
        self.misses += 1
        return await super().retrieve(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the events the table does not have yet, as Rasa's SQL store
        does, and keep the tracker if the table then holds exactly its events.

        One query (the session's event count and last id) tells both which
        events are new and, with the ids of the rows added, the mark the next
        turn checks; Rasa's own save counts the rows, and a second query would
        be needed for the mark.
        """
        self._kept.pop(tracker.sender_id, None)
        self._forget_idle()
        with self.session_scope() as session:
            stored, last = self._mark(session, tracker.sender_id)
            events = list(tracker.events)
            new = events[stored:]
            if self.event_broker is not None:
                # what Rasa's stream_events publishes, without reloading the
                # session to find it
                await self._stream_new_events(self.event_broker, new, tracker.sender_id)
            rows = [self._row(tracker.sender_id, event) for event in new]
            session.add_all(rows)
            session.flush()  # the ids, read before the commit expires them
            if rows:
                last = rows[-1].id
            session.commit()
        if self.cache_size == 0 or stored > len(events):
            return  # a tracker shorter than its session: read it from the table
        self._kept[tracker.sender_id] = _Kept(
            tracker, (len(events), last), self._clock()
        )
        while len(self._kept) > self.cache_size:
            self._kept.popitem(last=False)

    def _row(self, sender_id: str, event: Event) -> Any:
        """One event as a row of Rasa's ``events`` table, as Rasa writes it."""
        data = event.as_dict()
        intent = (data.get("parse_data") or {}).get("intent") or {}
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=intent.get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    def _pool_sqlite(self) -> None:
        """A SQLite file as trainer_api opens its own (trainer_api.storage.db):
        a pool of connections, write-ahead log, ``synchronous=NORMAL``.

        Rasa opens a new connection for every load and save, and SQLite's
        default syncs the disk at every commit: a third of a turn under
        ``make profile-turns``. A crash of the process loses nothing committed;
        a power cut may undo the last turns (the deployment for a class keeps
        conversations in PostgreSQL, which is left as Rasa configures it).
        """
        url = self.engine.url.render_as_string(hide_password=False)
        if url in ("sqlite://", "sqlite:///") or ":memory:" in url:
            return
        self.engine.dispose()
        self.engine = make_engine(url)
        self.sessionmaker = orm.sessionmaker(bind=self.engine)

    def _mark(self, session: Any, sender_id: str) -> tuple[int, int | None]:
        """Count and last id of the rows ``retrieve`` would read from the table."""
        event = self.SQLEvent
        count, last = (
            self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
            .order_by(None)
            .with_entities(sa.func.count(event.id), sa.func.max(event.id))
            .one()
        )
        return int(count), (int(last) if last is not None else None)

    def _forget_idle(self) -> None:
        oldest_allowed = self._clock() - self.cache_idle_seconds
        while self._kept:
            sender, kept = next(iter(self._kept.items()))
            if kept.at >= oldest_allowed:
                break
            del self._kept[sender]
