"""The debrief of a practice session: what happened, why the customer's mood
moved, which reply met each need, model answers where the learner scored low,
two things to try next time, and the trainer's comments.

Learners see their own debriefs (opening one marks its comments as seen);
trainers see their cohorts' learners'. Content hashes and seeds are for
trainers only.
"""

from __future__ import annotations

from statistics import mean
from typing import Any

from sqlalchemy.orm import Session

from trainer_api import i18n
from trainer_api.scoring import DIMENSIONS
from trainer_api.scoring.feedback import dimension_tip, penalty_tip
from trainer_api.scoring.result import UNSCORED
from trainer_api.simulation import Scenario, ScenarioError
from trainer_api.simulation.library import parse_stored
from trainer_api.storage import coaching, repository
from trainer_api.storage.models import PracticeSession, SessionComment, Turn
from trainer_api.usecases import assignments, people, serializers
from trainer_api.usecases.mood_reasons import localise_reasons
from trainer_api.usecases.people import Viewer
from trainer_api.usecases.refusal import Kind, Refused

LOW_BANDS = ("poor", "developing")
NEED_MET = "need met: "
BIGGEST_MOVES = 3


def visible_session(db: Session, viewer: Viewer, session_id: str) -> PracticeSession:
    session = repository.get_session(db=db, session_id=session_id)
    if session is None or not people.can_view_learner(db, viewer, session.learner_id):
        raise Refused(
            Kind.NOT_FOUND, "unknown_session", "There is no such practice session."
        )
    return session


def debrief(db: Session, viewer: Viewer, session_id: str) -> dict[str, Any]:
    session = visible_session(db, viewer, session_id)
    try:
        scenario: Scenario | None = parse_stored(session.scenario_version.content)
    except ScenarioError:
        scenario = None
    is_owner = viewer.id == session.learner_id
    transcript = serializers.transcript_view(session, reviewer=not is_owner)
    turns = list(session.turns)
    view = {
        **transcript,
        "mood_curve": mood_curve(turns),
        "turning_points": turning_points(turns),
        "needs": needs_met_by(scenario, turns, session.needs_met or []),
        "model_answers": model_answers(scenario, turns, session.needs_met or []),
        "next_time": next_time(turns),
        "comments": [
            comment_view(c) for c in coaching.comments_of(db=db, session_id=session.id)
        ],
        "assignment": _assignment(session),
    }
    if is_owner:
        coaching.mark_comments_seen(db=db, session_id=session.id)
    return view


def mood_curve(turns: list[Turn]) -> list[dict[str, Any]]:
    """The customer's anger and trust after each of their lines, with the
    learner reply that moved them and the reasons."""
    points = []
    previous: Turn | None = None
    for turn in turns:
        if turn.speaker == "customer" and turn.anger is not None:
            points.append(
                {
                    "turn": turn.index,
                    "anger": turn.anger,
                    "trust": turn.trust,
                    "band": turn.mood_band,
                    "after_reply": previous.index if previous else None,
                    "reasons": localise_reasons(
                        r
                        for r in (turn.mood_reasons or [])
                        if not r.startswith(NEED_MET)
                    ),
                }
            )
            previous = None
        elif turn.speaker == "learner":
            previous = turn
    return points


def turning_points(turns: list[Turn]) -> dict[str, list[dict[str, Any]]]:
    """The replies that calmed the customer most and those that angered them."""
    moves = []
    anger: int | None = None
    reply: Turn | None = None
    for turn in turns:
        if turn.speaker == "learner":
            reply = turn
        elif turn.anger is not None:
            if anger is not None and reply is not None:
                moves.append(
                    {
                        "turn": reply.index,
                        "text": reply.text,
                        "change": turn.anger - anger,
                        "reasons": localise_reasons(
                            r
                            for r in (turn.mood_reasons or [])
                            if r.startswith("anger")
                        ),
                    }
                )
            anger, reply = turn.anger, None
    calmed = sorted((m for m in moves if m["change"] < 0), key=lambda m: m["change"])
    angered = sorted((m for m in moves if m["change"] > 0), key=lambda m: -m["change"])
    return {"calmed": calmed[:BIGGEST_MOVES], "angered": angered[:BIGGEST_MOVES]}


def needs_met_by(
    scenario: Scenario | None, turns: list[Turn], met: list[str]
) -> list[dict[str, Any]]:
    """Each need of the scenario, and the reply that met it (if one did)."""
    if scenario is None:
        return []
    by_description = {need.description: need.id for need in scenario.needs}
    met_at: dict[str, Turn] = {}
    reply: Turn | None = None
    for turn in turns:
        if turn.speaker == "learner":
            reply = turn
            continue
        for reason in turn.mood_reasons or []:
            need_id = by_description.get(reason.removeprefix(NEED_MET))
            if reason.startswith(NEED_MET) and need_id and reply is not None:
                met_at.setdefault(need_id, reply)
    return [
        {
            "id": need.id,
            "label": scenario.render(need.shown_as or need.description),
            "met": need.id in met,
            "turn": met_at[need.id].index if need.id in met_at else None,
            "text": met_at[need.id].text if need.id in met_at else None,
        }
        for need in scenario.needs
    ]


def model_answers(
    scenario: Scenario | None, turns: list[Turn], met: list[str]
) -> list[dict[str, Any]]:
    """For each stage where a reply scored poor or developing, what a strong
    reply could have said there (the scenario's model answers)."""
    if scenario is None:
        return []
    found: dict[str, dict[str, Any]] = {}
    stage: str | None = None
    for turn in turns:
        if turn.speaker == "customer":
            stage = turn.stage
            continue
        score = turn.score
        need = scenario.need(stage)
        if score is None or score.band not in LOW_BANDS or need is None:
            continue
        entry = found.setdefault(
            need.id,
            {
                "need": scenario.render(need.shown_as or need.description),
                "met_later": need.id in met,
                "turns": [],
                "answers": [scenario.render(a) for a in need.model_answers],
            },
        )
        entry["turns"].append(turn.index)
    return [entry for entry in found.values() if entry["answers"]]


def next_time(turns: list[Turn]) -> list[str]:
    """Two things to try next time: a penalty's fix first, then the weakest
    dimensions of the session."""
    scored = [
        t.score
        for t in turns
        if t.speaker == "learner" and t.score is not None and t.score.band != UNSCORED
    ]
    if not scored:
        return []
    tips: list[str] = []
    penalties = [p for s in scored for p in (s.penalties or [])]
    if penalties:
        worst = max(sorted(set(penalties)), key=penalties.count)
        said = next(
            (
                item.get("text", "")
                for s in scored
                for item in (s.evidence or [])
                if item.get("dimension") == worst
            ),
            "",
        )
        tips.append(penalty_tip(worst, said, language=_reader_language()))
    levels = {
        d: mean(int((s.dimensions or {}).get(d, 0)) for s in scored) for d in DIMENSIONS
    }
    for dimension in sorted(DIMENSIONS, key=lambda d: (levels[d], DIMENSIONS.index(d))):
        if len(tips) >= 2 or levels[dimension] >= 1.5:
            break
        level = 0 if levels[dimension] < 0.75 else 1
        tips.append(dimension_tip(dimension, level, language=_reader_language()))
    return tips


def _reader_language() -> str:
    """``en`` or ``fr``: the language of the request being answered."""
    return i18n.language_of(i18n.current())


def comment_view(comment: SessionComment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "turn_id": comment.turn_id,
        "author": comment.author.display_name,
        "text": comment.text,
        "created_at": comment.created_at.isoformat(),
        "seen": comment.seen_at is not None,
    }


def _assignment(session: PracticeSession) -> dict[str, Any] | None:
    if session.assignment is None:
        return None
    pass_score = assignments.pass_score_of(session)
    return {
        "id": session.assignment.id,
        **assignments.attempt_result(session, pass_score),
        "pass_score": pass_score,
    }
