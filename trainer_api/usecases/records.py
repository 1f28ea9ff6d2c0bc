"""Learning records for the LMS: xAPI statements of practice, following the
cmi5 conventions where they apply, kept in an outbox until a Learning Record
Store has them.

When a session ends, three kinds of statement are recorded in the same
transaction: ``completed`` (with its duration), ``passed`` or ``failed``
against the scenario's pass score (with ``result.score.scaled``, the
duration and the rubric sub-scores as result extensions), and one
``answered`` statement per scored reply with that reply's rubric levels.
The reply's words are not sent: an LMS needs the result, not the
conversation. Statement ids are derived from the session, so recording or
sending twice never makes a second statement.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from statistics import mean
from typing import Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from trainer_api.adapters.lrs_client import XAPI_VERSION, LrsClient, SendFailed
from trainer_api.scoring import DIMENSIONS
from trainer_api.scoring.result import UNSCORED
from trainer_api.settings import Settings
from trainer_api.simulation import ScenarioError
from trainer_api.simulation.library import parse_stored
from trainer_api.storage import records as store
from trainer_api.storage.models import LearningRecord, PracticeSession, Turn, utc_now

VERBS = {
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
}
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
NAMESPACE = uuid.UUID("6f1c2d3e-8a4b-5c6d-9e0f-112233445566")
MAX_RETRY_WAIT = timedelta(hours=1)
BATCH = 100


def extension(base: str, name: str) -> str:
    """The IRI of one of this product's extensions."""
    return f"{base}/xapi/extensions/{name}"


def scenario_activity(base: str, session: PracticeSession) -> dict[str, Any]:
    version = session.scenario_version
    return {
        "objectType": "Activity",
        "id": f"{base}/xapi/scenarios/{version.scenario_id}",
        "definition": {
            "type": SIMULATION,
            "name": {"en-US": version.title},
        },
    }


def statements_for(session: PracticeSession, base: str) -> list[dict[str, Any]]:
    """Every statement a finished session makes (none while it is going)."""
    if session.status == "active" or session.is_test:
        return []
    if session.round_scenario_id is not None:
        return []  # a hiring assessment is no learning record
    scored = [
        t
        for t in session.turns
        if t.speaker == "learner" and t.score is not None and t.score.band != UNSCORED
    ]
    ended = session.ended_at or utc_now()
    duration = _duration(ended - session.started_at)
    average = round(mean(t.score.score for t in scored)) if scored else 0
    pass_score = _pass_score(session)
    passed = bool(scored) and pass_score is not None and average >= pass_score
    rubric = {
        d: round(mean(int(t.score.dimensions.get(d, 0)) for t in scored) * 50)
        if scored
        else 0
        for d in DIMENSIONS
    }
    outcome = "passed" if passed else "failed"
    statements = [
        _statement(
            session,
            base,
            "completed",
            ended,
            result={"completion": True, "duration": duration},
            categories=(CMI5_CATEGORY, MOVEON_CATEGORY),
        ),
        _statement(
            session,
            base,
            outcome,
            ended + timedelta(milliseconds=1),
            result={
                "success": passed,
                "duration": duration,
                "score": {
                    "scaled": round(average / 100, 4),
                    "raw": average,
                    "min": 0,
                    "max": 100,
                },
                "extensions": {
                    extension(base, "rubric"): rubric,
                    extension(base, "pass-score"): pass_score,
                    extension(base, "outcome"): session.status,
                },
            },
            categories=(CMI5_CATEGORY, MOVEON_CATEGORY),
        ),
    ]
    statements += [_answered(session, base, turn) for turn in scored]
    return statements


def record_session(db: Session, session: PracticeSession, base: str) -> int:
    """Put a finished session's statements in the outbox (once)."""
    made = 0
    for statement in statements_for(session, base):
        if store.get(db=db, record_id=statement["id"]) is None:
            store.add(
                db=db,
                record=LearningRecord(
                    id=statement["id"],
                    learner_id=session.learner_id,
                    session_id=session.id,
                    verb=statement["verb"]["display"]["en-US"],
                    statement=statement,
                ),
            )
            made += 1
    return made


class StatementSink(Protocol):
    """Where statements go: an LRS client (``adapters.lrs_client``)."""

    def send(self, statements: Sequence[dict[str, Any]]) -> None: ...


def sender_for(settings: Settings) -> LrsClient | None:
    """A client of the configured LRS, or None when there is none."""
    if settings.lrs_endpoint is None:
        return None
    return LrsClient(
        settings.lrs_endpoint, settings.lrs_username, settings.lrs_password
    )


def send_due(
    sessions: sessionmaker[Session],
    sink: StatementSink,
    *,
    retry: timedelta,
    now: datetime | None = None,
) -> dict[str, int]:
    """Send the statements that are due, in batches; a failed batch waits
    (doubling, at most an hour) and keeps its error for the pages to show."""
    moment = now or utc_now()
    sent = failed = 0
    while True:
        with sessions() as db:
            due = store.due(db=db, now=moment, limit=BATCH)
            batch = [(r.id, r.statement) for r in due]
        if not batch:
            break
        try:
            sink.send([statement for _, statement in batch])
        except SendFailed as error:
            with sessions.begin() as db:
                store.mark_failed(
                    db=db,
                    ids=[i for i, _ in batch],
                    error=str(error)[:500],
                    now=moment,
                    retry=retry,
                    longest=MAX_RETRY_WAIT,
                )
            failed += len(batch)
            break
        with sessions.begin() as db:
            store.mark_sent(db=db, ids=[i for i, _ in batch], now=moment)
        sent += len(batch)
    return {"sent": sent, "failed": failed}


def _statement(
    session: PracticeSession,
    base: str,
    verb: str,
    at: datetime,
    *,
    result: dict[str, Any],
    categories: tuple[str, ...] = (),
    activity: dict[str, Any] | None = None,
    key: str = "",
) -> dict[str, Any]:
    parent = scenario_activity(base, session)
    context: dict[str, Any] = {
        "registration": str(_registration(session, base)),
        "contextActivities": {},
        "extensions": {SESSION_ID: session.id},
    }
    if categories:
        context["contextActivities"]["category"] = [
            {"objectType": "Activity", "id": c} for c in categories
        ]
    if activity is not None:
        context["contextActivities"]["parent"] = [parent]
    return {
        "id": str(uuid.uuid5(NAMESPACE, f"{session.id}/{verb}/{key}")),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": base, "name": session.learner.username},
        },
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": activity or parent,
        "result": result,
        "context": context,
        "timestamp": at.isoformat(),
        "version": XAPI_VERSION,
    }


def _answered(session: PracticeSession, base: str, turn: Turn) -> dict[str, Any]:
    score = turn.score
    stage = _stage_before(session, turn) or "closing"
    version = session.scenario_version
    activity = {
        "objectType": "Activity",
        "id": f"{base}/xapi/scenarios/{version.scenario_id}/stages/{stage}",
        "definition": {
            "type": INTERACTION,
            "interactionType": "long-fill-in",
            "name": {"en-US": f"{version.title}: reply at stage {stage}"},
        },
    }
    return _statement(
        session,
        base,
        "answered",
        turn.created_at,
        result={
            "score": {
                "scaled": round(score.score / 100, 4),
                "raw": score.score,
                "min": 0,
                "max": 100,
            },
            "extensions": {
                extension(base, "levels"): {
                    d: int(score.dimensions.get(d, 0)) for d in DIMENSIONS
                },
                extension(base, "penalties"): list(score.penalties or []),
                extension(base, "turn"): turn.index,
            },
        },
        activity=activity,
        key=str(turn.index),
    )


def _stage_before(session: PracticeSession, turn: Turn) -> str | None:
    stage = None
    for earlier in session.turns:
        if earlier.index >= turn.index:
            break
        if earlier.speaker == "customer":
            stage = earlier.stage
    return stage


def _registration(session: PracticeSession, base: str) -> uuid.UUID:
    """One registration per assignment and learner (cmi5: an enrolment);
    free practice is a registration of its own per session."""
    if session.assignment_id is not None:
        key = f"{base}/assignment/{session.assignment_id}/{session.learner_id}"
    else:
        key = f"{base}/session/{session.id}"
    return uuid.uuid5(NAMESPACE, key)


def _pass_score(session: PracticeSession) -> int | None:
    try:
        return parse_stored(session.scenario_version.content).pass_score
    except ScenarioError:
        return None


def _duration(elapsed: timedelta) -> str:
    """ISO 8601 duration, to the hundredth of a second (xAPI's precision)."""
    total = max(0.0, elapsed.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"PT{int(hours)}H{int(minutes)}M{seconds:.2f}S"
