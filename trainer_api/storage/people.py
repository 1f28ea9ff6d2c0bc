"""Queries about people and classes: users, cohorts and who belongs to which."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from trainer_api.storage.models import (
    CANDIDATE,
    AppUser,
    Cohort,
    CohortMember,
    PracticeSession,
)


def list_users(*, db: Session) -> list[AppUser]:
    """Every account but candidates' (those belong to their assessment)."""
    return list(
        db.scalars(
            select(AppUser)
            .where(AppUser.role != CANDIDATE)
            .order_by(AppUser.role, AppUser.username)
        )
    )


def users_by_name(*, db: Session, usernames: Iterable[str]) -> dict[str, AppUser]:
    names = list(set(usernames))
    if not names:
        return {}
    found = db.scalars(select(AppUser).where(AppUser.username.in_(names)))
    return {user.username: user for user in found}


def users_like(*, db: Session, username: str) -> list[AppUser]:
    """Users whose username equals ``username`` ignoring case."""
    return list(
        db.scalars(
            select(AppUser).where(func.lower(AppUser.username) == username.lower())
        )
    )


def get_user_by_id(*, db: Session, user_id: int) -> AppUser | None:
    return db.get(AppUser, user_id)


def list_cohorts(*, db: Session) -> list[Cohort]:
    return list(db.scalars(select(Cohort).order_by(Cohort.name)))


def get_cohort(*, db: Session, cohort_id: int) -> Cohort | None:
    return db.get(Cohort, cohort_id)


def cohorts_by_name(*, db: Session, names: Iterable[str]) -> dict[str, Cohort]:
    wanted = list(set(names))
    if not wanted:
        return {}
    found = db.scalars(select(Cohort).where(Cohort.name.in_(wanted)))
    return {cohort.name: cohort for cohort in found}


def create_cohort(*, db: Session, name: str) -> Cohort:
    cohort = Cohort(name=name)
    db.add(cohort)
    db.flush()
    return cohort


def add_member(*, db: Session, cohort: Cohort, user: AppUser) -> bool:
    """Put ``user`` in ``cohort``; False if they were already in it."""
    if db.scalar(
        select(CohortMember.id).where(
            CohortMember.cohort_id == cohort.id, CohortMember.user_id == user.id
        )
    ):
        return False
    db.add(CohortMember(cohort_id=cohort.id, user_id=user.id))
    db.flush()
    return True


def remove_member(*, db: Session, cohort: Cohort, user: AppUser) -> bool:
    result = db.execute(
        delete(CohortMember).where(
            CohortMember.cohort_id == cohort.id, CohortMember.user_id == user.id
        )
    )
    db.flush()
    return bool(getattr(result, "rowcount", 0))


def members(*, db: Session, cohort_id: int, role: str | None = None) -> list[AppUser]:
    query = (
        select(AppUser)
        .join(CohortMember, CohortMember.user_id == AppUser.id)
        .where(CohortMember.cohort_id == cohort_id)
        .order_by(AppUser.display_name, AppUser.username)
    )
    if role is not None:
        query = query.where(AppUser.role == role)
    return list(db.scalars(query))


def cohorts_of(*, db: Session, user_id: int) -> list[Cohort]:
    return list(
        db.scalars(
            select(Cohort)
            .join(CohortMember, CohortMember.cohort_id == Cohort.id)
            .where(CohortMember.user_id == user_id)
            .order_by(Cohort.name)
        )
    )


def shares_a_cohort(*, db: Session, viewer_id: int, learner_id: int) -> bool:
    """True if the viewer is a member of a cohort the learner belongs to."""
    mine = select(CohortMember.cohort_id).where(CohortMember.user_id == viewer_id)
    found = db.scalar(
        select(CohortMember.id)
        .where(CohortMember.user_id == learner_id, CohortMember.cohort_id.in_(mine))
        .limit(1)
    )
    return found is not None


def erase_learner(*, db: Session, user: AppUser) -> dict[str, int]:
    """Delete a learner's sessions (cascading to turns, scores, marks,
    comments and learning records) and then the account itself."""
    sessions = db.execute(
        delete(PracticeSession).where(PracticeSession.learner_id == user.id)
    )
    db.delete(user)
    db.flush()
    return {"sessions": int(getattr(sessions, "rowcount", 0) or 0), "accounts": 1}
