"""Practice sessions: the use cases behind the chat, independent of transport.

A learner starts a scenario, sends replies, and resumes after a reconnect.
Every learner reply is validated, scored and persisted before the customer
simulator sees it; a resend with the same message id changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from trainer_api.adapters.customer import Customer, CustomerUnavailable
from trainer_api.i18n import N_
from trainer_api.scoring import score_reply
from trainer_api.scoring.result import UNSCORED
from trainer_api.settings import Settings
from trainer_api.simulation import (
    Scenario,
    ScenarioError,
    is_repeat,
)
from trainer_api.simulation.library import parse_stored
from trainer_api.simulation.scenario import Need
from trainer_api.storage import repository
from trainer_api.storage import scenarios as scenario_store
from trainer_api.storage.models import AppUser, PracticeSession, Turn
from trainer_api.storage.repository import TurnRow
from trainer_api.usecases import (
    assessments,
    assignments,
    authoring,
    records,
    serializers,
)
from trainer_api.usecases.clean_text import text_fault
from trainer_api.usecases.refusal import Kind, Refused

logger = logging.getLogger(__name__)
Emit = Callable[[str, dict[str, Any]], Awaitable[None]]
TurnLike = Turn | TurnRow
"""A stored turn: an ORM object, or the plain row a reply's turn reads."""

MAX_MESSAGE_ID = 64
MAX_NUDGES = 2
REPLY_FAULTS = {
    "nul": N_("Your reply: contains a NUL character (\\u0000), which is not text."),
    "surrogate": N_(
        "Your reply: contains a lone surrogate (such as \\ud800), "
        "which is not valid text."
    ),
}
"""How a reply that is not text is refused (keys of ``clean_text.FAULTS``)."""


class SessionLocks:
    """One lock per practice session, kept only while someone holds or awaits it.

    Turns of one session are handled one at a time; a lock for a session id
    exists only during an event for it, so made-up ids leave nothing behind.
    With ``redis_url`` (several trainer_api processes behind a balancer), the
    lock is also taken in Redis, so a learner whose socket moved to another
    process mid-turn still has their turns handled one at a time. The Redis
    lock expires after ``lease`` seconds, so a process that dies holding it
    blocks the conversation for that long at most.
    """

    def __init__(self, redis_url: str | None = None, *, lease: float = 60.0) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}
        self._lease = lease
        self._redis: Any = None
        if redis_url:
            from redis.asyncio import Redis

            self._redis = Redis.from_url(
                redis_url, socket_timeout=10, socket_connect_timeout=5
            )

    def __len__(self) -> int:
        return len(self._locks)

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                if self._redis is None:
                    yield
                else:
                    async with self._shared(key):
                        yield
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key], self._locks[key]

    @asynccontextmanager
    async def _shared(self, key: str) -> AsyncIterator[None]:
        from redis.exceptions import LockError, RedisError

        shared = self._redis.lock(
            f"empathy:practice-session:{key}",
            timeout=self._lease,
            blocking_timeout=self._lease,
            sleep=0.05,
        )
        try:
            acquired = await shared.acquire()
        except RedisError as error:
            raise Refused(
                Kind.UNAVAILABLE,
                "busy",
                "The chat server could not take your turn; try again in a moment.",
            ) from error
        if not acquired:
            raise Refused(
                Kind.CONFLICT,
                "busy",
                "Your previous reply is still being answered; try again in a moment.",
            )
        try:
            yield
        finally:
            try:
                await shared.release()
            except (LockError, RedisError):
                logger.warning(
                    "the turn lock of session %s expired before the turn ended "
                    "(lease %.0f s)",
                    key,
                    self._lease,
                )

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.close()


@dataclass
class PracticeService:
    settings: Settings
    sessions: sessionmaker[Session]
    customer: Customer

    def __post_init__(self) -> None:
        # a turn may ask the customer twice (an unanswered reply first)
        self._locks = SessionLocks(
            self.settings.redis_url, lease=2 * self.settings.rasa_timeout + 30
        )

    async def start(
        self,
        *,
        user_id: int,
        scenario_id: Any,
        draft: bool = False,
        assignment_id: Any = None,
        test: bool = False,
    ) -> dict[str, Any]:
        """Start a new session of ``scenario_id``; returns the session and turns.

        With ``draft``, a trainer test-chats their unpublished draft; the
        session is marked as a test, as it is with ``test`` (a scenario
        check's conversations). With ``assignment_id``, the session is an
        attempt of that assignment (which must be the learner's, for this
        scenario, with an attempt left).
        """
        if assignment_id is not None:
            await asyncio.to_thread(
                self._check_assignment, user_id, scenario_id, assignment_id
            )
        if draft:
            scenario = await asyncio.to_thread(self._draft, user_id, scenario_id)
        else:
            scenario = await asyncio.to_thread(self._scenario, scenario_id)
        await asyncio.to_thread(self._record, scenario)
        session_id, seed = str(uuid.uuid4()), secrets.randbelow(2**31)
        opening = await self._ask_customer(
            self.customer.start(
                sender=session_id,
                scenario_id=scenario.id,
                version=scenario.content_hash,
                seed=seed,
            )
        )

        def store() -> dict[str, Any]:
            with self.sessions.begin() as db:
                learner = self._learner(db, user_id)
                version = repository.record_scenario_version(db=db, scenario=scenario)
                session = repository.create_session(
                    db=db,
                    session_id=session_id,
                    learner=learner,
                    version=version,
                    seed=seed,
                    opening=opening.turn,
                )
                session.is_test = draft or test
                if assignment_id is not None:
                    self._check_assignment(user_id, scenario_id, assignment_id, db)
                    session.assignment_id = assignment_id
                db.flush()
                db.refresh(session)
                return serializers.transcript_view(session)

        return await asyncio.to_thread(store)

    async def start_assessment(self, *, user_id: int) -> dict[str, Any]:
        """A candidate starts the next conversation of their round: its pinned
        version and seed, so every candidate meets the same customer."""

        def pick() -> tuple[int, Scenario, int]:
            with self.sessions() as db:
                candidate = assessments.candidate_of_user(db, user_id)
                if candidate is None:
                    raise Refused(
                        Kind.FORBIDDEN,
                        "forbidden",
                        "Only a candidate with an assessment link can start one.",
                    )
                pinned = assessments.next_conversation(db, candidate)
                scenario = parse_stored(pinned.scenario_version.content)
                return pinned.id, scenario, pinned.seed

        pinned_id, scenario, seed = await asyncio.to_thread(pick)
        session_id = str(uuid.uuid4())
        opening = await self._ask_customer(
            self.customer.start(
                sender=session_id,
                scenario_id=scenario.id,
                version=scenario.content_hash,
                seed=seed,
            )
        )

        def store() -> dict[str, Any]:
            with self.sessions.begin() as db:
                candidate = assessments.candidate_of_user(db, user_id)
                assert candidate is not None
                if assessments.next_conversation(db, candidate).id != pinned_id:
                    raise Refused(
                        Kind.CONFLICT,
                        "already_started",
                        "This conversation has already started; reload the page.",
                    )
                version = repository.record_scenario_version(db=db, scenario=scenario)
                session = repository.create_session(
                    db=db,
                    session_id=session_id,
                    learner=self._learner(db, user_id),
                    version=version,
                    seed=seed,
                    opening=opening.turn,
                )
                session.round_scenario_id = pinned_id
                assessments.lock(db, candidate.round)
                db.flush()
                db.refresh(session)
                return serializers.transcript_view(session)

        return await asyncio.to_thread(store)

    async def resume(self, *, user_id: int, session_id: Any) -> dict[str, Any]:
        """The session's current state and full transcript."""

        def load() -> dict[str, Any]:
            with self.sessions() as db:
                return serializers.transcript_view(self._own(db, user_id, session_id))

        return await asyncio.to_thread(load)

    async def reply(
        self,
        *,
        user_id: int,
        session_id: Any,
        message_id: Any,
        text: Any,
        emit: Emit,
    ) -> None:
        """Score, store and deliver one learner reply; ``emit`` pushes results."""
        text = self._valid_text(text)
        message_id = self._valid_message_id(message_id)
        async with self._locks.hold(str(session_id)):
            await self._reply(user_id, str(session_id), message_id, text, emit)

    async def nudge(self, *, user_id: int, session_id: Any, emit: Emit) -> None:
        """The learner has been quiet: the customer prompts them (at most twice)."""
        async with self._locks.hold(str(session_id)):
            await self._nudge(user_id, str(session_id), emit)

    async def close(self) -> None:
        await self.customer.close()
        await self._locks.close()

    async def _nudge(self, user_id: int, session_id: str, emit: Emit) -> None:
        def check() -> dict[str, Any]:
            with self.sessions() as db:
                session = self._own(db, user_id, session_id)
                if session.status != "active":
                    raise Refused(
                        Kind.CONFLICT, "session_ended", "This conversation has ended."
                    )
                if _quiet_turns(session) > MAX_NUDGES:
                    raise Refused(
                        Kind.CONFLICT,
                        "nudge_limit",
                        "The customer is waiting for your reply.",
                    )
                return {"session_id": session.id, "seed": session.seed}

        metadata = await asyncio.to_thread(check)
        answer = await self._ask_customer(
            self.customer.nudge(sender=session_id, metadata=metadata)
        )
        await self._store_customer_turn(user_id, session_id, answer, emit)

    async def _store_customer_turn(
        self, user_id: int, session_id: str, answer: Any, emit: Emit
    ) -> None:
        def store() -> tuple[dict[str, Any], dict[str, Any]]:
            with self.sessions.begin() as db:
                if answer.turn.state.ended:  # the record reads the whole session
                    session = self._own(db, user_id, session_id)
                    turn = repository.add_customer_turn(
                        db=db, session=session, customer=answer.turn, moves=answer.moves
                    )
                    if session.status != "active":
                        records.record_session(db, session, self.settings.public_url)
                    return (
                        serializers.turn_view(turn),
                        serializers.session_view(session),
                    )
                session = self._own(db, user_id, session_id, with_turns=False)
                turns = repository.turn_rows(db=db, session=session)
                turn = repository.add_customer_turn(
                    db=db,
                    session=session,
                    customer=answer.turn,
                    moves=answer.moves,
                    turns=turns,
                )
                turns.append(repository.TurnRow.of(turn))
                view = serializers.session_view(session, turns=turns)
                return serializers.turn_view(turn), view

        customer_turn, session_view = await asyncio.to_thread(store)
        await emit("turn", {"session_id": session_id, "turn": customer_turn})
        await emit("session", {"session": session_view})

    async def _reply(
        self, user_id: int, session_id: str, message_id: str, text: str, emit: Emit
    ) -> None:
        stored = await asyncio.to_thread(
            self._store_learner_turn, user_id, session_id, message_id, text
        )
        if isinstance(stored, _TimeUp):
            raise Refused(
                Kind.CONFLICT,
                "time_up",
                "Your time for this conversation is up; it has ended.",
            )
        if isinstance(stored, _Unanswered):
            # An earlier reply the customer never answered (the bot was down
            # and the learner wrote something else): the customer hears it
            # first, so nothing the learner said is silently dropped. Sent
            # under its own message id, it is answered once even if the bot
            # had in fact taken it.
            answer = await self._ask_customer(
                self.customer.send(
                    sender=session_id, text=stored.text, metadata=stored.metadata
                )
            )
            await self._store_customer_turn(user_id, session_id, answer, emit)
            stored = await asyncio.to_thread(
                self._store_learner_turn, user_id, session_id, message_id, text
            )
        assert not isinstance(stored, (_Unanswered, _TimeUp))  # answered now
        learner_turn, metadata, fresh = stored
        if learner_turn is None:
            return  # an already answered resend: nothing to do
        if fresh:
            await emit("turn", {"session_id": session_id, "turn": learner_turn})
        answer = await self._ask_customer(
            self.customer.send(sender=session_id, text=text, metadata=metadata)
        )
        await self._store_customer_turn(user_id, session_id, answer, emit)

    def _store_learner_turn(
        self, user_id: int, session_id: str, message_id: str, text: str
    ) -> tuple[dict[str, Any] | None, dict[str, Any], bool] | _Unanswered | _TimeUp:
        """Score and store a new reply (its view, the customer's metadata, and
        True); for a resend, the stored one (False), or None when already
        answered. Stores nothing and returns the earlier reply when the last
        one was never answered and this is neither it nor a new wording of it
        (the learner retyped it)."""
        with self.sessions.begin() as db:
            session = self._own(db, user_id, session_id, with_turns=False)
            existing = repository.find_learner_turn(
                db=db, session=session, message_id=message_id
            )
            turns = repository.turn_rows(db=db, session=session)
            if existing is not None:
                answered = any(t.index > existing.index for t in turns)
                if answered:
                    return None, {}, False
                return (
                    serializers.turn_view(existing),
                    _metadata(session, existing),
                    False,
                )
            if assessments.end_if_overdue(session):
                return _TimeUp()  # ended and committed; the reply is refused
            last = turns[-1] if turns else None
            if (
                session.status == "active"
                and last is not None
                and last.speaker == "learner"
                and not is_repeat(text, [last.text])
            ):
                return _Unanswered(last.text, _metadata(session, last))
            if session.status != "active":
                raise Refused(
                    Kind.CONFLICT,
                    "session_ended",
                    "This conversation has ended ({status}). "
                    "Start a new one to keep practising.",
                    status=session.status,
                )
            score = score_reply(
                text,
                customer_message=_last_customer_line(turns),
                context=scoring_context(session, turns),
            )
            turn = repository.add_learner_turn(
                db=db,
                session=session,
                text=text,
                message_id=message_id,
                score=score,
                turns=turns,
            )
            return serializers.turn_view(turn), _metadata(session, turn), True

    async def _ask_customer(self, call: Awaitable[Any]) -> Any:
        try:
            return await call
        except CustomerUnavailable as error:
            raise Refused(
                Kind.UNAVAILABLE,
                "customer_unavailable",
                "The customer did not answer (the simulator may be starting). "
                "Your reply is saved; press Send again to retry.",
            ) from error

    def _record(self, scenario: Scenario) -> None:
        """Store the version before the customer opens: the action server reads it."""
        try:
            with self.sessions.begin() as db:
                repository.record_scenario_version(db=db, scenario=scenario)
        except IntegrityError:
            # another start recorded the same new version at the same moment
            # (two conversations of a new draft, two replicas): it is there now
            with self.sessions.begin() as db:
                repository.record_scenario_version(db=db, scenario=scenario)

    def _scenario(self, scenario_id: Any) -> Scenario:
        """The published version of ``scenario_id``."""
        with self.sessions() as db:
            try:
                scenario = scenario_store.published_scenario(db, str(scenario_id))
            except ScenarioError as error:
                raise Refused(
                    Kind.INVALID,
                    "scenario_invalid",
                    "This scenario cannot be played: {error}",
                    error=str(error),
                ) from error
        if scenario is None:
            raise Refused(
                Kind.NOT_FOUND,
                "unknown_scenario",
                "There is no scenario {scenario}; pick one from the list.",
                scenario=repr(str(scenario_id)[:64]),
            )
        return scenario

    def _check_assignment(
        self,
        user_id: int,
        scenario_id: Any,
        assignment_id: Any,
        db: Session | None = None,
    ) -> None:
        """Refuse an attempt the learner may not start (checked again, inside
        the transaction that stores the session, against a double start)."""
        if not isinstance(assignment_id, int) or isinstance(assignment_id, bool):
            raise Refused(
                Kind.INVALID, "invalid_assignment", "assignment_id must be a number."
            )
        if db is None:
            with self.sessions() as own:
                return self._check_assignment(user_id, scenario_id, assignment_id, own)
        assignment = assignments.for_attempt(db, user_id, assignment_id)
        if assignment.scenario_id != scenario_id:
            raise Refused(
                Kind.INVALID,
                "invalid_assignment",
                "Assignment {assignment} is for scenario {assigned}, not {scenario}.",
                assignment=assignment_id,
                assigned=repr(assignment.scenario_id),
                scenario=repr(scenario_id),
            )
        return None

    def _draft(self, user_id: int, scenario_id: Any) -> Scenario:
        with self.sessions() as db:
            if self._learner(db, user_id).role != "trainer":
                raise Refused(
                    Kind.FORBIDDEN, "forbidden", "Only trainers can test-chat drafts."
                )
            return authoring.draft_scenario(db, scenario_id=str(scenario_id))

    def _valid_text(self, text: Any) -> str:
        if not isinstance(text, str) or not text.strip():
            raise Refused(Kind.INVALID, "empty_reply", "Write a reply before sending.")
        fault = text_fault(text)
        if fault is not None:
            raise Refused(Kind.INVALID, "bad_text", REPLY_FAULTS[fault])
        text = text.strip()
        limit = self.settings.max_reply_chars
        if len(text) > limit:
            raise Refused(
                Kind.INVALID,
                "reply_too_long",
                "Your reply is {length} characters; the limit is {limit}. "
                "Customers read short, clear replies best.",
                length=f"{len(text):,}",
                limit=f"{limit:,}",
            )
        return text

    @staticmethod
    def _valid_message_id(message_id: Any) -> str:
        if message_id is None:
            return str(uuid.uuid4())
        if (
            not isinstance(message_id, str)
            or not 0 < len(message_id) <= MAX_MESSAGE_ID
            or text_fault(message_id) is not None
        ):
            raise Refused(
                Kind.INVALID,
                "bad_request",
                "message_id must be a text of 1 to {most} characters.",
                most=MAX_MESSAGE_ID,
            )
        return message_id

    @staticmethod
    def _learner(db: Session, user_id: int) -> AppUser:
        user = db.get(AppUser, user_id)
        if user is None:
            raise Refused(
                Kind.UNAUTHENTICATED, "not_authenticated", "Log in again to continue."
            )
        return user

    @staticmethod
    def _own(
        db: Session, user_id: int, session_id: Any, *, with_turns: bool = True
    ) -> PracticeSession:
        session = repository.get_session(
            db=db, session_id=session_id, with_turns=with_turns
        )
        if session is None or session.learner_id != user_id:
            raise Refused(
                Kind.NOT_FOUND,
                "unknown_session",
                "There is no such practice session; start a scenario first.",
            )
        return session


@dataclass(frozen=True)
class _Unanswered:
    """The last learner reply, which the customer never answered."""

    text: str
    metadata: dict[str, Any]


class _TimeUp:
    """An assessment conversation that ran out of time: ended, the reply refused."""


def scoring_context(
    session: PracticeSession, turns: Sequence[TurnLike] | None = None
) -> dict[str, Any]:
    """What the scorer needs to judge a reply against this moment of the call
    (``turns``: the session's turns, when it was loaded without them)."""
    turns = session.turns if turns is None else turns
    current = _current_need(session, turns)
    context: dict[str, Any] = {
        "previous_replies": _learner_replies(turns),
        "model_answers": _model_answers(current),
        "earlier_levels": _earlier_levels(turns),
        "called_for": _called_for(current),
        "language": "fr" if _locale(session).startswith("fr") else "en",
    }
    customer = [t for t in turns if t.speaker == "customer"]
    if customer and session.status == "active":
        # the need the customer waits for; none left: the moment is a closing
        stage = customer[-1].stage
        context["needs_open"] = [stage] if stage is not None else []
    return context


def _earlier_levels(turns: Sequence[TurnLike]) -> dict[str, int]:
    best: dict[str, int] = {}
    for turn in turns:
        if turn.speaker == "learner" and turn.score is not None:
            for dimension, level in (turn.score.dimensions or {}).items():
                if isinstance(level, int):
                    best[dimension] = max(best.get(dimension, 0), level)
    return best


def _locale(session: PracticeSession) -> str:
    try:
        return parse_stored(session.scenario_version.content).locale.lower()
    except ScenarioError:
        return "en"


def _metadata(session: PracticeSession, turn: Any) -> dict[str, Any]:
    return reply_metadata(
        session_id=session.id,
        scenario_id=session.scenario_version.scenario_id,
        scenario_version=session.scenario_version.content_hash,
        seed=session.seed,
        message_id=turn.message_id,
        empathy=empathy_metadata(turn.score),
    )


def reply_metadata(
    *,
    session_id: str,
    scenario_id: str,
    scenario_version: str,
    seed: int,
    message_id: str | None,
    empathy: dict[str, Any],
) -> dict[str, Any]:
    """What the customer bot receives with a learner reply (``make load``
    sends the same to the bare bot)."""
    return {
        "session_id": session_id,
        "scenario_id": scenario_id,
        "scenario_version": scenario_version,
        "seed": seed,
        # a resend carries the same id: the customer answers it once
        "message_id": message_id,
        "empathy": empathy,
    }


def empathy_metadata(score: Any) -> dict[str, Any]:
    """What the customer hears of a reply's score (its ``empathy`` metadata);
    ``score`` is a stored score or a fresh ``ScoreResult``."""
    return {
        # a reply the scorer could not read moves the mood by its moves only
        "score": score.score if score.band != UNSCORED else None,
        "band": score.band,
        "penalties": score.penalties,
        "dimensions": score.dimensions,
        "language": score.language,
    }


def _last_customer_line(turns: Sequence[TurnLike]) -> str:
    customer = [t.text for t in turns if t.speaker == "customer"]
    return customer[-1] if customer else ""


def _quiet_turns(session: PracticeSession) -> int:
    """Customer turns since the learner last spoke (the opening counts)."""
    quiet = 0
    for turn in reversed(session.turns):
        if turn.speaker != "customer":
            break
        quiet += 1
    return quiet


MOVE_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "acknowledge_feelings": ("interpretation", "emotional_reaction"),
    "validate": ("interpretation",),
    "apologize": ("emotional_reaction", "ownership"),
    "take_ownership": ("ownership",),
    "ask_open_question": ("exploration",),
    "ask_closed_question": ("exploration",),
    "explain": ("ownership",),
    "offer_solution": ("resolution",),
    "offer_compensation": ("resolution",),
    "set_expectation": ("resolution",),
}
"""The rubric dimensions a learner move shows (moves not here show none)."""


def _current_need(
    session: PracticeSession, turns: Sequence[TurnLike]
) -> tuple[Scenario, Need] | None:
    """The scenario and the need the customer waits for at this point."""
    stages = [t.stage for t in turns if t.speaker == "customer"]
    try:
        scenario = parse_stored(session.scenario_version.content)
    except ScenarioError:
        return None
    need = scenario.need(stages[-1] if stages else None)
    return (scenario, need) if need else None


def _model_answers(current: tuple[Scenario, Need] | None) -> list[str]:
    """The scenario's model answers for the stage the conversation is at."""
    if current is None:
        return []
    scenario, need = current
    return [scenario.render(answer) for answer in need.model_answers]


def _called_for(current: tuple[Scenario, Need] | None) -> list[str]:
    """The rubric dimensions of the need the customer waits for."""
    moves = current[1].met_by if current else ()
    return sorted({d for move in moves for d in MOVE_DIMENSIONS.get(move, ())})


def _learner_replies(turns: Sequence[TurnLike]) -> list[str]:
    return [t.text for t in turns if t.speaker == "learner"]
