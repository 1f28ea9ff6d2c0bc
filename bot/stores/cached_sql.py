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

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

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
        """Store the new events, then keep the tracker if the table now holds
        exactly its events."""
        self._kept.pop(tracker.sender_id, None)
        self._forget_idle()
        await super().save(tracker)
        if self.cache_size == 0:
            return
        with self.session_scope() as session:
            mark = self._mark(session, tracker.sender_id)
        if mark[0] != len(tracker.events):
            return  # a session started in this tracker: read it from the table
        self._kept[tracker.sender_id] = _Kept(tracker, mark, self._clock())
        while len(self._kept) > self.cache_size:
            self._kept.popitem(last=False)

    def forget(self, sender_id: str) -> None:
        """Drop a conversation from memory (the table is left as it is)."""
        self._kept.pop(sender_id, None)

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
