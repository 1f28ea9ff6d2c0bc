"""Queries for coaching a class: assignments, attempts, comments, scored turns."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, selectinload

from trainer_api.storage.models import (
    AppUser,
    Assignment,
    CohortMember,
    PracticeSession,
    ScenarioVersion,
    SessionComment,
    Turn,
    TurnScore,
    utc_now,
)


def add_assignment(*, db: Session, assignment: Assignment) -> Assignment:
    db.add(assignment)
    db.flush()
    return assignment


def get_assignment(*, db: Session, assignment_id: int) -> Assignment | None:
    return db.get(Assignment, assignment_id)


def delete_assignment(*, db: Session, assignment: Assignment) -> None:
    db.delete(assignment)
    db.flush()


def assignments_for_learner(*, db: Session, learner_id: int) -> list[Assignment]:
    """Set for the learner directly or for one of their cohorts, due first."""
    cohorts = select(CohortMember.cohort_id).where(CohortMember.user_id == learner_id)
    return list(
        db.scalars(
            select(Assignment)
            .where(
                or_(
                    Assignment.learner_id == learner_id,
                    Assignment.cohort_id.in_(cohorts),
                )
            )
            .order_by(Assignment.due_at.is_(None), Assignment.due_at, Assignment.id)
        )
    )


def assignments_for_cohort(
    *, db: Session, cohort_id: int, learner_ids: Sequence[int]
) -> list[Assignment]:
    """Set for the cohort, or for one of ``learner_ids`` (its learners)."""
    return list(
        db.scalars(
            select(Assignment)
            .where(
                or_(
                    Assignment.cohort_id == cohort_id,
                    Assignment.learner_id.in_(list(learner_ids)),
                )
            )
            .order_by(Assignment.due_at.is_(None), Assignment.due_at, Assignment.id)
        )
    )


def attempts(
    *, db: Session, assignment_ids: Sequence[int], learner_ids: Sequence[int]
) -> list[PracticeSession]:
    """The sessions that count towards these assignments, oldest first."""
    if not assignment_ids or not learner_ids:
        return []
    return list(
        db.scalars(
            select(PracticeSession)
            .where(
                PracticeSession.assignment_id.in_(list(assignment_ids)),
                PracticeSession.learner_id.in_(list(learner_ids)),
            )
            .order_by(PracticeSession.started_at)
        )
    )


def sessions_of(
    *,
    db: Session,
    learner_ids: Sequence[int],
    scenario_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[PracticeSession]:
    """Practice sessions (not authors' test runs) of some learners, oldest first,
    with their turns and scores loaded."""
    if not learner_ids:
        return []
    query = (
        select(PracticeSession)
        .join(
            ScenarioVersion, ScenarioVersion.id == PracticeSession.scenario_version_id
        )
        .where(
            PracticeSession.learner_id.in_(list(learner_ids)),
            PracticeSession.is_test.is_(False),
        )
        .options(selectinload(PracticeSession.scenario_version))
        .order_by(PracticeSession.started_at)
    )
    if scenario_id:
        query = query.where(ScenarioVersion.scenario_id == scenario_id)
    if since is not None:
        query = query.where(PracticeSession.started_at >= since)
    if until is not None:
        query = query.where(PracticeSession.started_at < until)
    return list(db.scalars(query))


def scored_turns(
    *, db: Session, learner_id: int
) -> list[tuple[Turn, TurnScore, PracticeSession]]:
    """Every scored learner reply of a learner's practice, oldest first."""
    rows = db.execute(
        select(Turn, TurnScore, PracticeSession)
        .join(TurnScore, TurnScore.turn_id == Turn.id)
        .join(PracticeSession, PracticeSession.id == Turn.session_id)
        .where(
            PracticeSession.learner_id == learner_id,
            PracticeSession.is_test.is_(False),
            Turn.speaker == "learner",
        )
        .order_by(Turn.created_at)
    )
    return [(turn, score, session) for turn, score, session in rows]


def add_comment(*, db: Session, comment: SessionComment) -> SessionComment:
    db.add(comment)
    db.flush()
    return comment


def comments_of(*, db: Session, session_id: str) -> list[SessionComment]:
    return list(
        db.scalars(
            select(SessionComment)
            .where(SessionComment.session_id == session_id)
            .order_by(SessionComment.created_at, SessionComment.id)
        )
    )


def unseen_comments(*, db: Session, learner_id: int) -> list[SessionComment]:
    """Comments on the learner's sessions that they have not opened yet."""
    return list(
        db.scalars(
            select(SessionComment)
            .join(PracticeSession, PracticeSession.id == SessionComment.session_id)
            .where(
                PracticeSession.learner_id == learner_id,
                SessionComment.seen_at.is_(None),
            )
            .order_by(SessionComment.created_at.desc())
        )
    )


def mark_comments_seen(*, db: Session, session_id: str) -> int:
    result = db.execute(
        update(SessionComment)
        .where(
            SessionComment.session_id == session_id, SessionComment.seen_at.is_(None)
        )
        .values(seen_at=utc_now())
    )
    db.flush()
    return int(getattr(result, "rowcount", 0) or 0)


def learners_by_id(*, db: Session, ids: Sequence[int]) -> dict[int, AppUser]:
    if not ids:
        return {}
    return {u.id: u for u in db.scalars(select(AppUser).where(AppUser.id.in_(ids)))}
