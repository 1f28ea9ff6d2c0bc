"""Queries of the learning-record outbox."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from trainer_api.storage.models import LearningRecord


def get(*, db: Session, record_id: str) -> LearningRecord | None:
    return db.get(LearningRecord, record_id)


def add(*, db: Session, record: LearningRecord) -> None:
    db.add(record)
    db.flush()


def due(*, db: Session, now: datetime, limit: int) -> list[LearningRecord]:
    """Unsent records whose next attempt is due, oldest first."""
    return list(
        db.scalars(
            select(LearningRecord)
            .where(
                LearningRecord.sent_at.is_(None),
                or_(
                    LearningRecord.next_attempt_at.is_(None),
                    LearningRecord.next_attempt_at <= now,
                ),
            )
            .order_by(LearningRecord.created_at, LearningRecord.id)
            .limit(limit)
        )
    )


def mark_sent(*, db: Session, ids: Sequence[str], now: datetime) -> None:
    for record in db.scalars(select(LearningRecord).where(LearningRecord.id.in_(ids))):
        record.sent_at = now
        record.last_error = None
        record.next_attempt_at = None
    db.flush()


def mark_failed(
    *,
    db: Session,
    ids: Sequence[str],
    error: str,
    now: datetime,
    retry: timedelta,
    longest: timedelta,
) -> None:
    for record in db.scalars(select(LearningRecord).where(LearningRecord.id.in_(ids))):
        record.attempts = (record.attempts or 0) + 1
        record.last_error = error
        wait = min(retry * 2 ** (record.attempts - 1), longest)
        record.next_attempt_at = now + wait
    db.flush()


def of_learners(*, db: Session, learner_ids: Sequence[int]) -> list[LearningRecord]:
    if not learner_ids:
        return []
    return list(
        db.scalars(
            select(LearningRecord)
            .where(LearningRecord.learner_id.in_(list(learner_ids)))
            .order_by(LearningRecord.created_at, LearningRecord.id)
        )
    )


def counts(*, db: Session, learner_ids: Sequence[int]) -> dict[str, object]:
    """How many records are sent, waiting and failing, and the last error."""
    if not learner_ids:
        return {"sent": 0, "waiting": 0, "failing": 0, "last_error": None}
    mine = LearningRecord.learner_id.in_(list(learner_ids))
    sent = db.scalar(
        select(func.count()).where(mine, LearningRecord.sent_at.is_not(None))
    )
    waiting = db.scalar(
        select(func.count()).where(
            mine, LearningRecord.sent_at.is_(None), LearningRecord.attempts == 0
        )
    )
    failing = db.scalar(
        select(func.count()).where(
            mine, LearningRecord.sent_at.is_(None), LearningRecord.attempts > 0
        )
    )
    last = db.scalar(
        select(LearningRecord.last_error)
        .where(mine, LearningRecord.sent_at.is_(None), LearningRecord.attempts > 0)
        .order_by(LearningRecord.next_attempt_at.desc())
        .limit(1)
    )
    return {
        "sent": int(sent or 0),
        "waiting": int(waiting or 0),
        "failing": int(failing or 0),
        "last_error": last,
    }
