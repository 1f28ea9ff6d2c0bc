"""Housekeeping: deleting what the product must no longer keep.

Expired login tokens, failed logins too old to count, and candidates whose
round's retention period has ended (``candidate_rights.purge_expired``, which
also deletes their conversations in the Rasa tracker store). The web app runs
it on a timer (``edge.housekeeping``) and ``empathy-trainer purge-expired``
by hand or from cron; both go through ``_purge``, so they cannot drift apart.

Several trainer_api processes may share one PostgreSQL database, and two
purges at once would try to delete the same candidates. A transaction-level
advisory lock lets one purge at a time; SQLite has one writer anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from trainer_api.storage import repository
from trainer_api.usecases import candidate_rights, login_guard

# The advisory lock's key: any number, the same in every process ("empa").
# Both forms hold the lock until the transaction ends.
PURGE_LOCK_KEY = 0x656D7061
LOCK = text("SELECT pg_advisory_xact_lock(:key)")
TRY_LOCK = text("SELECT pg_try_advisory_xact_lock(:key)")


@dataclass(frozen=True)
class Purged:
    """How many rows of each kind one purge deleted."""

    tokens: int
    failures: int
    candidates: int

    @property
    def anything(self) -> bool:
        return bool(self.tokens or self.failures or self.candidates)


def purge_expired(
    sessions: sessionmaker[Session],
    *,
    tracker_url: str | None,
    now: datetime | None = None,
) -> Purged:
    """Purge everything past its time (judged at ``now``, default now), in one
    transaction; while another process is purging, wait for it to finish.

    ``tracker_url`` is the Rasa tracker store, when candidates' conversations
    are to be deleted there too.
    """
    with sessions.begin() as db:
        if _is_postgresql(db):
            db.execute(LOCK, {"key": PURGE_LOCK_KEY})
        return _purge(db, tracker_url=tracker_url, now=now)


def purge_expired_unless_busy(
    sessions: sessionmaker[Session],
    *,
    tracker_url: str | None,
    now: datetime | None = None,
) -> Purged | None:
    """:func:`purge_expired`, or None at once (nothing purged) when another
    process is purging."""
    with sessions.begin() as db:
        if _is_postgresql(db) and not db.scalar(TRY_LOCK, {"key": PURGE_LOCK_KEY}):
            return None
        return _purge(db, tracker_url=tracker_url, now=now)


def _purge(db: Session, *, tracker_url: str | None, now: datetime | None) -> Purged:
    return Purged(
        tokens=repository.purge_expired_tokens(db=db, now=now),
        failures=login_guard.purge_old_failures(db=db, now=now),
        candidates=candidate_rights.purge_expired(db, tracker_url=tracker_url, now=now),
    )


def _is_postgresql(db: Session) -> bool:
    return db.get_bind().dialect.name == "postgresql"
