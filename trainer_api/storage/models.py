"""Tables of the record of truth: people, scenario versions, sessions, turns, scores."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import registry, relationship
from sqlalchemy.orm.decl_api import DeclarativeMeta
from sqlalchemy.sql.expression import false, true
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)
mapper_registry = registry(metadata=metadata)


class Base(metaclass=DeclarativeMeta):
    """Declarative base spelled out so that type checkers understand it."""

    __abstract__ = True
    registry = mapper_registry
    metadata = mapper_registry.metadata
    __init__ = mapper_registry.constructor


ROLES = ("learner", "trainer", "hr", "admin")
CANDIDATE = "candidate"
"""The role of a hiring candidate's account: made by their assessment link,
never signed into with a password, never listed among people."""
ACCOUNT_ROLES = (*ROLES, CANDIDATE)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp on every database, SQLite included."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is not None and value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


class AppUser(Base):
    __tablename__ = "app_user"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)
    display_name = Column(String(128), nullable=False)
    role = Column(String(16), nullable=False)
    password_hash = Column(String(256), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)
    # A deactivated user cannot log in, and their tokens stop working.
    is_active = Column(Boolean, nullable=False, default=True, server_default=true())
    # Set for accounts an admin creates or resets: the first login must choose
    # a new password before anything else.
    must_change_password = Column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    # The language and formats the user chose for the pages (en, fr-CA,
    # fr-FR); NULL follows the browser.
    locale = Column(String(8), nullable=True)


class AuthToken(Base):
    __tablename__ = "auth_token"

    id = Column(Integer, primary_key=True)
    user_id = Column(
        Integer, ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False
    )
    token_hash = Column(String(64), nullable=False, unique=True)
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)
    expires_at = Column(UTCDateTime, nullable=False)

    user = relationship(AppUser)


class LoginFailure(Base):
    """One failed (or still running) login attempt, for throttling.

    Kept in the database so that every trainer_api process sees the same count.
    ``username`` is what was typed, whether or not such a user exists.
    """

    __tablename__ = "login_failure"
    __table_args__ = (
        Index("ix_login_failure_username_failed_at", "username", "failed_at"),
        Index(
            "ix_login_failure_client_address_failed_at", "client_address", "failed_at"
        ),
        Index("ix_login_failure_failed_at", "failed_at"),
    )

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False)
    client_address = Column(String(64), nullable=False)
    failed_at = Column(UTCDateTime, nullable=False, default=utc_now)


class ScenarioVersion(Base):
    __tablename__ = "scenario_version"
    __table_args__ = (UniqueConstraint("scenario_id", "content_hash"),)

    id = Column(Integer, primary_key=True)
    scenario_id = Column(String(64), nullable=False, index=True)
    content_hash = Column(String(64), nullable=False)
    title = Column(String(200), nullable=False)
    content = Column(Text, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)
    published_at = Column(UTCDateTime, nullable=True)


class ScenarioPublication(Base):
    """Which version of a scenario learners play: the published pointer.

    ``published_by`` is the trainer who published it, or None when the version
    came from the seed library in ``scenarios/``.
    """

    __tablename__ = "scenario_publication"

    id = Column(Integer, primary_key=True)
    scenario_id = Column(String(64), nullable=False, unique=True)
    version_id = Column(Integer, ForeignKey("scenario_version.id"), nullable=False)
    published_at = Column(UTCDateTime, nullable=False, default=utc_now)
    published_by = Column(Integer, ForeignKey("app_user.id"), nullable=True)

    version = relationship(ScenarioVersion)


class ScenarioDraft(Base):
    """A trainer's unpublished edit of a scenario; learners never see it."""

    __tablename__ = "scenario_draft"

    id = Column(Integer, primary_key=True)
    scenario_id = Column(String(64), nullable=False, unique=True)
    content = Column(Text, nullable=False)
    updated_by = Column(Integer, ForeignKey("app_user.id"), nullable=False)
    updated_at = Column(UTCDateTime, nullable=False, default=utc_now)

    author = relationship(AppUser)


class PracticeSession(Base):
    __tablename__ = "practice_session"

    id = Column(String(36), primary_key=True)
    learner_id = Column(Integer, ForeignKey("app_user.id"), nullable=False, index=True)
    scenario_version_id = Column(
        Integer, ForeignKey("scenario_version.id"), nullable=False
    )
    seed = Column(Integer, nullable=False)
    status = Column(String(16), nullable=False)
    anger = Column(Integer, nullable=False)
    trust = Column(Integer, nullable=False)
    needs_met = Column(JSON, nullable=False, default=list)
    started_at = Column(UTCDateTime, nullable=False, default=utc_now)
    ended_at = Column(UTCDateTime, nullable=True)
    is_test = Column(Boolean, nullable=False, default=False, server_default=false())
    # The hiring-assessment conversation this is (pinned version and seed);
    # None for practice.
    round_scenario_id = Column(
        Integer,
        ForeignKey("round_scenario.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    )
    # The assignment this attempt counts towards; None for free practice.
    assignment_id = Column(
        Integer,
        ForeignKey("assignment.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    )

    learner = relationship(AppUser)
    scenario_version = relationship(ScenarioVersion)
    assignment = relationship("Assignment")
    round_scenario = relationship("RoundScenario")
    turns = relationship(
        "Turn", order_by="Turn.index", back_populates="session", lazy="selectin"
    )


class Turn(Base):
    __tablename__ = "turn"
    __table_args__ = (
        UniqueConstraint("session_id", "index"),
        UniqueConstraint("session_id", "message_id"),
    )

    id = Column(Integer, primary_key=True)
    session_id = Column(
        String(36),
        ForeignKey("practice_session.id", ondelete="CASCADE"),
        nullable=False,
    )
    index = Column(Integer, nullable=False)
    speaker = Column(String(16), nullable=False)
    text = Column(Text, nullable=False)
    message_id = Column(String(64), nullable=True)
    moves = Column(JSON, nullable=True)
    anger = Column(Integer, nullable=True)
    trust = Column(Integer, nullable=True)
    mood_band = Column(String(32), nullable=True)
    mood_reasons = Column(JSON, nullable=True)
    stage = Column(String(64), nullable=True)
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)

    session = relationship(PracticeSession, back_populates="turns")
    score = relationship(
        "TurnScore", uselist=False, back_populates="turn", lazy="joined"
    )


class TurnScore(Base):
    __tablename__ = "turn_score"

    id = Column(Integer, primary_key=True)
    turn_id = Column(
        Integer, ForeignKey("turn.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    score = Column(Integer, nullable=False)
    band = Column(String(16), nullable=False)
    dimensions = Column(JSON, nullable=False)
    penalties = Column(JSON, nullable=False)
    evidence = Column(JSON, nullable=False)
    feedback = Column(JSON, nullable=False)
    scorer_version = Column(String(32), nullable=False)
    # what the score was judged against (model-2 on); None for older scores
    moment = Column(String(16), nullable=True)
    language = Column(String(16), nullable=True)
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)

    turn = relationship(Turn, back_populates="score")


class TrainerMark(Base):
    """A trainer's own rubric levels for a learner turn (scorer calibration)."""

    __tablename__ = "trainer_mark"
    __table_args__ = (UniqueConstraint("turn_id", "trainer_id"),)

    id = Column(Integer, primary_key=True)
    turn_id = Column(Integer, ForeignKey("turn.id", ondelete="CASCADE"), nullable=False)
    trainer_id = Column(Integer, ForeignKey("app_user.id"), nullable=False)
    dimensions = Column(JSON, nullable=False)
    penalties = Column(JSON, nullable=False)
    updated_at = Column(UTCDateTime, nullable=False, default=utc_now)

    turn = relationship(Turn)
    trainer = relationship(AppUser)


class Cohort(Base):
    """A class of learners with the trainers who coach it.

    HR users are members only when granted a view of the cohort's practice.
    """

    __tablename__ = "cohort"

    id = Column(Integer, primary_key=True)
    name = Column(String(128), nullable=False, unique=True)
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)

    members = relationship(
        "CohortMember", back_populates="cohort", cascade="all, delete-orphan"
    )


class CohortMember(Base):
    __tablename__ = "cohort_member"
    __table_args__ = (UniqueConstraint("cohort_id", "user_id"),)

    id = Column(Integer, primary_key=True)
    cohort_id = Column(
        Integer, ForeignKey("cohort.id", ondelete="CASCADE"), nullable=False
    )
    user_id = Column(
        Integer, ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False
    )
    added_at = Column(UTCDateTime, nullable=False, default=utc_now)

    cohort = relationship(Cohort, back_populates="members")
    user = relationship(AppUser)


class Assignment(Base):
    """A scenario a trainer set for a cohort or for one learner.

    Exactly one of ``cohort_id`` and ``learner_id`` is set.
    """

    __tablename__ = "assignment"

    id = Column(Integer, primary_key=True)
    scenario_id = Column(String(64), nullable=False)
    cohort_id = Column(
        Integer, ForeignKey("cohort.id", ondelete="CASCADE"), nullable=True, index=True
    )
    learner_id = Column(
        Integer,
        ForeignKey("app_user.id", ondelete="CASCADE"),
        nullable=True,
        index=True,
    )
    due_at = Column(UTCDateTime, nullable=True)
    attempt_limit = Column(Integer, nullable=True)
    show_needs = Column(Boolean, nullable=False, default=True, server_default=true())
    show_tips = Column(Boolean, nullable=False, default=True, server_default=true())
    created_by = Column(Integer, ForeignKey("app_user.id"), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)

    cohort = relationship(Cohort)
    learner = relationship(AppUser, foreign_keys=[learner_id])


class SessionComment(Base):
    """A trainer's comment on a whole session (``turn_id`` None) or one turn."""

    __tablename__ = "session_comment"

    id = Column(Integer, primary_key=True)
    session_id = Column(
        String(36),
        ForeignKey("practice_session.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    turn_id = Column(Integer, ForeignKey("turn.id", ondelete="CASCADE"), nullable=True)
    author_id = Column(Integer, ForeignKey("app_user.id"), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)
    # When the learner first saw it in a debrief; None is "new" on their home.
    seen_at = Column(UTCDateTime, nullable=True)

    author = relationship(AppUser)


class LearningRecord(Base):
    """An xAPI statement for the LMS, kept until a Learning Record Store has
    it (an outbox: a failed send is retried, never lost).

    ``id`` is the statement's own id, so sending it twice is harmless.
    """

    __tablename__ = "learning_record"
    __table_args__ = (Index("ix_learning_record_due", "sent_at", "next_attempt_at"),)

    id = Column(String(36), primary_key=True)
    learner_id = Column(
        Integer,
        ForeignKey("app_user.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    session_id = Column(
        String(36),
        ForeignKey("practice_session.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    verb = Column(String(16), nullable=False)
    statement = Column(JSON, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)
    sent_at = Column(UTCDateTime, nullable=True)
    attempts = Column(Integer, nullable=False, default=0, server_default="0")
    last_error = Column(Text, nullable=True)
    next_attempt_at = Column(UTCDateTime, nullable=True)


class AssessmentRound(Base):
    """A hiring round: frozen scenarios, dates, a time limit and reviewers."""

    __tablename__ = "assessment_round"

    id = Column(Integer, primary_key=True)
    title = Column(String(200), nullable=False)
    owner_id = Column(Integer, ForeignKey("app_user.id"), nullable=False)
    language = Column(String(8), nullable=False)
    time_limit_minutes = Column(Integer, nullable=False)
    opens_at = Column(UTCDateTime, nullable=False)
    closes_at = Column(UTCDateTime, nullable=False)
    pass_mark = Column(Integer, nullable=False)
    second_review = Column(Boolean, nullable=False, default=False)
    retention_days = Column(Integer, nullable=False, default=180)
    contact = Column(String(200), nullable=False)
    # the optional self-declaration questions the round asks, comma-separated
    demographic_questions = Column(
        String(64), nullable=False, default="sex,race_ethnicity"
    )
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)
    # set when the first candidate starts: the round can no longer change
    locked_at = Column(UTCDateTime, nullable=True)

    scenarios = relationship(
        "RoundScenario",
        order_by="RoundScenario.position",
        cascade="all, delete-orphan",
        back_populates="round",
    )
    reviewers = relationship("RoundReviewer", cascade="all, delete-orphan")


class RoundScenario(Base):
    __tablename__ = "round_scenario"
    __table_args__ = (UniqueConstraint("round_id", "position"),)

    id = Column(Integer, primary_key=True)
    round_id = Column(
        Integer, ForeignKey("assessment_round.id", ondelete="CASCADE"), nullable=False
    )
    position = Column(Integer, nullable=False)
    scenario_version_id = Column(
        Integer, ForeignKey("scenario_version.id"), nullable=False
    )
    seed = Column(Integer, nullable=False)

    round = relationship(AssessmentRound, back_populates="scenarios")
    scenario_version = relationship(ScenarioVersion)


class RoundReviewer(Base):
    __tablename__ = "round_reviewer"
    __table_args__ = (UniqueConstraint("round_id", "user_id"),)

    id = Column(Integer, primary_key=True)
    round_id = Column(
        Integer, ForeignKey("assessment_round.id", ondelete="CASCADE"), nullable=False
    )
    user_id = Column(
        Integer, ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False
    )

    user = relationship(AppUser)


class Candidate(Base):
    """A person invited to a round. No login: a one-time link (stored only as
    a hash) opens their assessment; ``user_id`` is the account the link makes
    at consent, so their conversation is stored like any other."""

    __tablename__ = "candidate"

    id = Column(Integer, primary_key=True)
    round_id = Column(
        Integer, ForeignKey("assessment_round.id", ondelete="CASCADE"), nullable=False
    )
    pseudonym = Column(String(32), nullable=False, unique=True)
    name = Column(String(128), nullable=False)
    email = Column(String(254), nullable=False)
    token_hash = Column(String(64), nullable=False, unique=True)
    expires_at = Column(UTCDateTime, nullable=False)
    consent = Column(String(16), nullable=False, default="pending")
    consent_at = Column(UTCDateTime, nullable=True)
    attempts_allowed = Column(Integer, nullable=False, default=1)
    user_id = Column(
        Integer, ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True
    )
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)

    round = relationship(AssessmentRound)
    user = relationship(AppUser)


class Decision(Base):
    """A reviewer's decision on a candidate, with the reason they wrote."""

    __tablename__ = "decision"

    id = Column(Integer, primary_key=True)
    candidate_id = Column(
        Integer, ForeignKey("candidate.id", ondelete="CASCADE"), nullable=False
    )
    reviewer_id = Column(Integer, ForeignKey("app_user.id"), nullable=False)
    decision = Column(String(16), nullable=False)
    reason = Column(Text, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)

    reviewer = relationship(AppUser)


class AuditEntry(Base):
    """Append-only: who saw, exported or decided what, and when. Candidates
    appear only by pseudonym, so an entry outlives a deletion."""

    __tablename__ = "audit_entry"

    id = Column(Integer, primary_key=True)
    at = Column(UTCDateTime, nullable=False, default=utc_now, index=True)
    actor = Column(String(64), nullable=False)
    action = Column(String(32), nullable=False)
    round_id = Column(Integer, nullable=True, index=True)
    subject = Column(String(64), nullable=True)
    details = Column(JSON, nullable=False, default=dict)


class SelfDeclaration(Base):
    """What a candidate chose to declare about themselves for the fairness
    report: kept apart from scores, never shown to reviewers, never used in
    scoring. ``None`` is "prefer not to say"; the candidate can withdraw it."""

    __tablename__ = "self_declaration"

    id = Column(Integer, primary_key=True)
    candidate_id = Column(
        Integer,
        ForeignKey("candidate.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    )
    sex = Column(String(32), nullable=True)
    race_ethnicity = Column(String(32), nullable=True)
    declared_at = Column(UTCDateTime, nullable=False, default=utc_now)


class CandidateObservation(Base):
    """What a candidate wrote to the reviewers about their assessment."""

    __tablename__ = "candidate_observation"

    id = Column(Integer, primary_key=True)
    candidate_id = Column(
        Integer, ForeignKey("candidate.id", ondelete="CASCADE"), nullable=False
    )
    text = Column(Text, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utc_now)
