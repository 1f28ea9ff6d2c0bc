"""Data access: small keyword-only functions over a SQLAlchemy session."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, raiseload

from trainer_api.scoring import ScoreResult
from trainer_api.simulation import ACTIVE, CustomerTurn, Scenario
from trainer_api.storage.models import (
    ACCOUNT_ROLES,
    CANDIDATE,
    ROLES,
    AppUser,
    AuthToken,
    CohortMember,
    LoginFailure,
    PracticeSession,
    ScenarioVersion,
    Turn,
    TurnScore,
    utc_now,
)
from trainer_api.storage.passwords import (
    RECOMMENDED_COST,
    PasswordCost,
    hash_password,
    needs_rehash,
    verify_dummy,
    verify_password,
)

TOKEN_LIFETIME = timedelta(hours=12)
LEARNER, CUSTOMER = "learner", "customer"


class DuplicateUser(ValueError):
    """A user with that username already exists."""


def create_user(
    *,
    db: Session,
    username: str,
    display_name: str,
    role: str,
    password: str,
    cost: PasswordCost = RECOMMENDED_COST,
) -> AppUser:
    if role not in ACCOUNT_ROLES:
        raise ValueError(f"role {role!r} is not one of {', '.join(ROLES)}")
    if db.scalar(select(AppUser).where(AppUser.username == username)):
        raise DuplicateUser(f"user {username!r} already exists")
    user = AppUser(
        username=username,
        display_name=display_name,
        role=role,
        password_hash=hash_password(password, cost=cost),
    )
    db.add(user)
    db.flush()
    return user


def authenticate(
    *,
    db: Session,
    username: str,
    password: str,
    cost: PasswordCost = RECOMMENDED_COST,
) -> AppUser | None:
    """The active user if the password matches, else None.

    Unknown, deactivated and known users cost the same hashing work, so the
    answer's timing does not tell which usernames exist. A hash made with
    weaker parameters than ``cost`` is replaced after a successful check.
    """
    user = db.scalar(select(AppUser).where(AppUser.username == username))
    if user is None:
        verify_dummy(password, cost=cost)
        return None
    if not verify_password(password, user.password_hash) or not user.is_active:
        return None
    if user.role == CANDIDATE:  # their assessment link signs them in, nothing else
        return None
    if needs_rehash(user.password_hash, cost=cost):
        user.password_hash = hash_password(password, cost=cost)
        db.flush()
    return user


def set_password(
    *,
    db: Session,
    user: AppUser,
    password: str,
    cost: PasswordCost = RECOMMENDED_COST,
) -> int:
    """Give ``user`` a new password and log out everywhere; tokens revoked."""
    user.password_hash = hash_password(password, cost=cost)
    db.flush()
    return revoke_user_tokens(db=db, user=user)


def set_user_active(*, db: Session, user: AppUser, active: bool) -> int:
    """Activate or deactivate ``user``; deactivating revokes all their tokens."""
    user.is_active = active
    db.flush()
    return 0 if active else revoke_user_tokens(db=db, user=user)


def set_user_locale(*, db: Session, user_id: int, locale: str | None) -> None:
    """Keep the locale a user chose for the pages (None: follow the browser)."""
    user = db.get(AppUser, user_id)
    if user is not None:
        user.locale = locale


def issue_token(*, db: Session, user: AppUser, now: datetime | None = None) -> str:
    """A new login token; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    issued = now or utc_now()
    db.add(
        AuthToken(
            user_id=user.id,
            token_hash=_token_hash(token),
            created_at=issued,
            expires_at=issued + TOKEN_LIFETIME,
        )
    )
    db.flush()
    return token


def user_for_token(
    *, db: Session, token: str, now: datetime | None = None
) -> AppUser | None:
    """The active user a live token belongs to, else None."""
    row = db.scalar(select(AuthToken).where(AuthToken.token_hash == _token_hash(token)))
    if row is None or row.expires_at <= (now or utc_now()) or not row.user.is_active:
        return None
    return row.user


def has_live_token(*, db: Session, user_id: int, now: datetime | None = None) -> bool:
    """True if the user holds a login that has not expired."""
    found = db.scalar(
        select(AuthToken.id)
        .where(AuthToken.user_id == user_id, AuthToken.expires_at > (now or utc_now()))
        .limit(1)
    )
    return found is not None


def revoke_token(*, db: Session, token: str) -> None:
    row = db.scalar(select(AuthToken).where(AuthToken.token_hash == _token_hash(token)))
    if row is not None:
        db.delete(row)


def revoke_user_tokens(*, db: Session, user: AppUser) -> int:
    """Delete every token of ``user``; how many there were."""
    return _delete(db, delete(AuthToken).where(AuthToken.user_id == user.id))


def purge_expired_tokens(*, db: Session, now: datetime | None = None) -> int:
    """Delete tokens past their expiry; how many there were."""
    cutoff = now or utc_now()
    return _delete(db, delete(AuthToken).where(AuthToken.expires_at <= cutoff))


def record_login_attempt(
    *, db: Session, username: str, client_address: str, at: datetime
) -> int:
    """Store a login attempt as a failure until it succeeds; the row's id."""
    row = LoginFailure(username=username, client_address=client_address, failed_at=at)
    db.add(row)
    db.flush()
    return row.id


def login_failure_times(
    *,
    db: Session,
    since: datetime,
    limit: int,
    username: str | None = None,
    client_address: str | None = None,
    excluding: int | None = None,
) -> list[datetime]:
    """Recent failure times for a username and/or address, newest first.

    Args:
        since: only failures at or after this time.
        limit: at most this many times.
        excluding: the id of a row to leave out (the attempt asking).
    """
    query = select(LoginFailure.failed_at).where(LoginFailure.failed_at >= since)
    if username is not None:
        query = query.where(LoginFailure.username == username)
    if client_address is not None:
        query = query.where(LoginFailure.client_address == client_address)
    if excluding is not None:
        query = query.where(LoginFailure.id != excluding)
    query = query.order_by(LoginFailure.failed_at.desc()).limit(limit)
    return list(db.scalars(query))


def delete_login_failure(*, db: Session, failure_id: int) -> None:
    _delete(db, delete(LoginFailure).where(LoginFailure.id == failure_id))


def clear_login_failures(*, db: Session, username: str) -> int:
    """Forget ``username``'s failed logins; how many there were."""
    return _delete(db, delete(LoginFailure).where(LoginFailure.username == username))


def purge_login_failures(*, db: Session, before: datetime) -> int:
    """Delete failed logins older than ``before``; how many there were."""
    return _delete(db, delete(LoginFailure).where(LoginFailure.failed_at < before))


def record_scenario_version(*, db: Session, scenario: Scenario) -> ScenarioVersion:
    """The stored version of this exact scenario content, created if new."""
    version = db.scalar(
        select(ScenarioVersion).where(
            ScenarioVersion.scenario_id == scenario.id,
            ScenarioVersion.content_hash == scenario.content_hash,
        )
    )
    if version is None:
        version = ScenarioVersion(
            scenario_id=scenario.id,
            content_hash=scenario.content_hash,
            title=scenario.title,
            content=scenario.source_text,
        )
        db.add(version)
        db.flush()
    return version


def create_session(
    *,
    db: Session,
    session_id: str,
    learner: AppUser,
    version: ScenarioVersion,
    seed: int,
    opening: CustomerTurn,
) -> PracticeSession:
    """A new practice session with the customer's opening line as turn 0."""
    session = PracticeSession(
        id=session_id,
        learner_id=learner.id,
        scenario_version_id=version.id,
        seed=seed,
        status=ACTIVE,
        anger=opening.state.anger,
        trust=opening.state.trust,
        needs_met=[],
    )
    db.add(session)
    db.flush()
    _add_customer_turn(db, session, opening)
    return session


def get_session(
    *, db: Session, session_id: str, with_turns: bool = True
) -> PracticeSession | None:
    """The session; ``with_turns=False`` leaves its turns unread (reading
    ``session.turns`` then raises): a turn of the conversation reads
    :func:`turn_rows` instead, whose cost barely grows with its length."""
    if not isinstance(session_id, str) or len(session_id) > 36:
        return None
    options = [] if with_turns else [raiseload(PracticeSession.turns)]
    return db.get(PracticeSession, session_id, options=options)


@dataclass(frozen=True)
class ScoreRow:
    """What a turn's stored score tells the next turn (not its evidence or tips)."""

    score: int
    band: str
    dimensions: dict[str, Any]
    penalties: list[str]
    language: str | None


@dataclass(frozen=True)
class TurnRow:
    """A stored turn as a conversation's next turn reads it: plain values
    from one query, not ORM objects (building those for every earlier turn
    made a reply at turn 30 cost a third more than at turn 1)."""

    id: int
    index: int
    speaker: str
    text: str
    message_id: str | None
    stage: str | None
    mood_band: str | None
    score: ScoreRow | None

    @classmethod
    def of(cls, turn: Turn) -> TurnRow:
        score = turn.score
        return cls(
            turn.id,
            turn.index,
            turn.speaker,
            turn.text,
            turn.message_id,
            turn.stage,
            turn.mood_band,
            None
            if score is None
            else ScoreRow(
                score.score,
                score.band,
                score.dimensions or {},
                score.penalties or [],
                score.language,
            ),
        )


def turn_rows(*, db: Session, session: PracticeSession) -> list[TurnRow]:
    """The session's turns in order, as :class:`TurnRow` (one query)."""
    found = db.execute(
        select(
            Turn.id,
            Turn.index,
            Turn.speaker,
            Turn.text,
            Turn.message_id,
            Turn.stage,
            Turn.mood_band,
            TurnScore.id,
            TurnScore.score,
            TurnScore.band,
            TurnScore.dimensions,
            TurnScore.penalties,
            TurnScore.language,
        )
        .outerjoin(TurnScore, TurnScore.turn_id == Turn.id)
        .where(Turn.session_id == session.id)
        .order_by(Turn.index)
    )
    return [
        TurnRow(
            id=row[0],
            index=row[1],
            speaker=row[2],
            text=row[3],
            message_id=row[4],
            stage=row[5],
            mood_band=row[6],
            score=None
            if row[7] is None
            else ScoreRow(row[8], row[9], row[10] or {}, row[11] or [], row[12]),
        )
        for row in found
    ]


def find_learner_turn(
    *, db: Session, session: PracticeSession, message_id: str
) -> Turn | None:
    return db.scalar(
        select(Turn).where(
            Turn.session_id == session.id,
            Turn.message_id == message_id,
            Turn.speaker == LEARNER,
        )
    )


def add_learner_turn(
    *,
    db: Session,
    session: PracticeSession,
    text: str,
    message_id: str,
    score: ScoreResult,
    turns: Sequence[TurnRow] | None = None,
) -> Turn:
    """Persist a learner reply with its empathy score (one flush, no reload).

    ``turns``: the session's turns as :func:`turn_rows` read them, when the
    session was loaded without its own (``get_session(with_turns=False)``).
    """
    result = score.to_dict()
    turn = Turn(
        speaker=LEARNER,
        text=text,
        message_id=message_id,
        score=TurnScore(
            score=result["score"],
            band=result["band"],
            dimensions=result["dimensions"],
            penalties=result["penalties"],
            evidence=result["evidence"],
            feedback=result["feedback"],
            scorer_version=score.scorer_version,
            moment=score.moment or None,
            language=score.language or None,
        ),
    )
    _attach(db, session, turn, turns)
    db.flush()
    return turn


def add_customer_turn(
    *,
    db: Session,
    session: PracticeSession,
    customer: CustomerTurn,
    moves: Sequence[str],
    turns: Sequence[TurnRow] | None = None,
) -> Turn:
    """Persist the customer's answer and move the session's mood and status
    (``turns`` as for :func:`add_learner_turn`)."""
    turn = _add_customer_turn(db, session, customer, turns=turns)
    turn.moves = list(moves)
    session.anger = customer.state.anger
    session.trust = customer.state.trust
    session.needs_met = list(customer.state.needs_met)
    session.status = customer.state.status
    if customer.state.ended:
        session.ended_at = utc_now()
    db.flush()
    return turn


def list_sessions(*, db: Session, learner: AppUser) -> list[PracticeSession]:
    return list(
        db.scalars(
            select(PracticeSession)
            .where(PracticeSession.learner_id == learner.id)
            .order_by(PracticeSession.started_at.desc())
        )
    )


def get_user(*, db: Session, username: str) -> AppUser | None:
    return db.scalar(select(AppUser).where(AppUser.username == username))


def list_learners(*, db: Session, visible_to: int) -> list[tuple[AppUser, int]]:
    """The learners who share a cohort with user ``visible_to``, each with
    their number of practice sessions."""
    their_cohorts = select(CohortMember.cohort_id).where(
        CohortMember.user_id == visible_to
    )
    classmates = select(CohortMember.user_id).where(
        CohortMember.cohort_id.in_(their_cohorts)
    )
    rows = db.execute(
        select(AppUser, func.count(PracticeSession.id))
        .outerjoin(PracticeSession, PracticeSession.learner_id == AppUser.id)
        .where(AppUser.role == "learner", AppUser.id.in_(classmates))
        .group_by(AppUser.id)
        .order_by(AppUser.username)
    )
    return [(user, count) for user, count in rows]


def _add_customer_turn(
    db: Session,
    session: PracticeSession,
    customer: CustomerTurn,
    *,
    turns: Sequence[TurnRow] | None = None,
) -> Turn:
    turn = Turn(
        speaker=CUSTOMER,
        text=customer.line,
        anger=customer.state.anger,
        trust=customer.state.trust,
        mood_band=customer.band,
        mood_reasons=list(customer.reasons),
        stage=customer.stage,
    )
    _attach(db, session, turn, turns)
    db.flush()
    return turn


def _attach(
    db: Session, session: PracticeSession, turn: Turn, turns: Sequence[TurnRow] | None
) -> None:
    """Give ``turn`` the index after the session's last turn and add it.

    The last turn is the last of ``turns`` when given (the session was loaded
    without its own, which stay unread), else of the session's loaded turns.
    A session takes one reply at a time (the practice lock); the unique
    (session, index) constraint still refuses a second writer that slipped
    past it.
    """
    if turns is None:
        turn.index = max((t.index for t in session.turns), default=-1) + 1
        session.turns.append(turn)
    else:
        turn.index = max((t.index for t in turns), default=-1) + 1
        turn.session_id = session.id
        db.add(turn)


def _delete(db: Session, statement: Any) -> int:
    result = db.execute(statement.execution_options(synchronize_session=False))
    return int(result.rowcount)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
