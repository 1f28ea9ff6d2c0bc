"""JSON views of stored sessions and turns, as the browser receives them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from trainer_api.scoring.conversation import ScoredReply, conversation_score
from trainer_api.scoring.result import UNSCORED
from trainer_api.simulation import ScenarioError
from trainer_api.simulation.library import parse_stored
from trainer_api.storage.models import PracticeSession, Turn
from trainer_api.storage.repository import TurnRow
from trainer_api.usecases import assessments
from trainer_api.usecases.mood_reasons import localise_reasons


def session_view(
    session: PracticeSession,
    *,
    reviewer: bool = False,
    turns: Sequence[Turn | TurnRow] | None = None,
) -> dict[str, Any]:
    """A session as the pages show it. The scenario version's content hash and
    the random seed are for trainers (``reviewer``), not learners' pages.
    ``turns``: the session's turns, when it was loaded without them."""
    turns = session.turns if turns is None else turns
    version = session.scenario_version
    view: dict[str, Any] = {
        "id": session.id,
        "scenario": {
            "id": version.scenario_id,
            "title": version.title,
            "persona_name": _persona_name(version.content),
        },
        "learner": session.learner.username,
        "learner_name": session.learner.display_name,
        "status": session.status,
        "is_test": bool(session.is_test),
        "mood": {
            "anger": session.anger,
            "trust": session.trust,
            "band": _latest_band(turns),
        },
        "started_at": _iso(session.started_at),
        "ended_at": _iso(session.ended_at),
        "turn_count": sum(1 for t in turns if t.speaker == "learner"),
        "average_score": average_score(session, turns),
        "conversation_score": _conversation_score(session, turns),
        "needs": _needs(session),
        "assignment_id": session.assignment_id,
    }
    deadline = assessments.deadline_of(session)
    if deadline is not None:
        view["deadline"] = deadline.isoformat()
        if not reviewer:  # assessment mode: no scores or needs for the candidate
            view.update(
                average_score=None, conversation_score=None, needs=None, mood=None
            )
    if reviewer:
        view["seed"] = session.seed
        view["scenario"]["version"] = version.content_hash
    return view


def average_score(
    session: PracticeSession, turns: Sequence[Turn | TurnRow] | None = None
) -> int | None:
    """The mean of the session's scored replies (unscored languages left out)."""
    scores = [
        t.score.score
        for t in (session.turns if turns is None else turns)
        if t.score is not None and t.score.band != UNSCORED
    ]
    return round(sum(scores) / len(scores)) if scores else None


def _needs(session: PracticeSession) -> list[dict[str, Any]] | None:
    """The customer's needs in the scenario's order, each met or not, for the
    learner's "still needs" panel; None when the scenario hides the panel."""
    try:
        scenario = parse_stored(session.scenario_version.content)
    except ScenarioError:
        return None
    if not scenario.needs_panel or _hidden_by_assignment(session, "show_needs"):
        return None
    met = set(session.needs_met or [])
    return [
        {"id": need.id, "label": scenario.render(need.shown_as), "met": need.id in met}
        for need in scenario.needs
    ]


def _hidden_by_assignment(session: PracticeSession, setting: str) -> bool:
    """True while an assignment's attempt hides the needs panel or the tips
    (the debrief, once the session has ended, shows everything)."""
    assignment = session.assignment
    return (
        assignment is not None
        and session.status == "active"
        and not getattr(assignment, setting)
    )


def _conversation_score(
    session: PracticeSession, turns: Sequence[Turn | TurnRow]
) -> dict[str, Any] | None:
    """The whole session's score (``trainer_api.scoring.conversation``)."""
    replies = [
        ScoredReply(t.score.score, t.score.dimensions or {}, t.score.penalties or [])
        for t in turns
        if t.score is not None and t.score.band != UNSCORED
    ]
    try:
        needs_total = len(parse_stored(session.scenario_version.content).needs)
    except ScenarioError:
        return None
    met = len(set(session.needs_met or []))
    result = conversation_score(
        replies,
        needs_met=min(met, needs_total),
        needs_total=needs_total,
        status=session.status,
    )
    return result.to_dict() if result else None


def turn_view(
    turn: Turn,
    mark: dict[str, Any] | None = None,
    *,
    include_mark: bool = False,
    reviewer: bool = False,
) -> dict[str, Any]:
    """A turn as the pages show it; in a hiring assessment the candidate gets
    no score (only reviewers do)."""
    hidden = turn.session.round_scenario_id is not None and not reviewer
    mood = None
    if turn.speaker == "customer" and not hidden:  # the mood gives scores away
        mood = {
            "anger": turn.anger,
            "trust": turn.trust,
            "band": turn.mood_band,
            "reasons": localise_reasons(turn.mood_reasons),
            "stage": turn.stage,
        }
    view = {
        "id": turn.id,
        "index": turn.index,
        "speaker": turn.speaker,
        "text": turn.text,
        "created_at": _iso(turn.created_at),
        "message_id": turn.message_id,
        "score": None
        if hidden
        else score_view(
            turn, tips=not _hidden_by_assignment(turn.session, "show_tips")
        ),
        "mood": mood,
    }
    if include_mark and turn.speaker == "learner":
        view["mark"] = mark
    return view


def score_view(turn: Turn, *, tips: bool = True) -> dict[str, Any] | None:
    score = turn.score
    if score is None:
        return None
    return {
        "score": score.score,
        "band": score.band,
        "dimensions": score.dimensions,
        "penalties": score.penalties,
        "evidence": score.evidence,
        "feedback": score.feedback if tips else [],
        "scorer_version": score.scorer_version,
        "moment": score.moment,
        "language": score.language,
    }


def transcript_view(
    session: PracticeSession,
    marks: dict[int, dict[str, Any]] | None = None,
    *,
    reviewer: bool = False,
) -> dict[str, Any]:
    """The session and its turns; with ``marks`` (for trainers) by turn id."""
    found = marks or {}
    turns = [
        turn_view(
            turn, found.get(turn.id), include_mark=marks is not None, reviewer=reviewer
        )
        for turn in session.turns
    ]
    return {"session": session_view(session, reviewer=reviewer), "turns": turns}


def _latest_band(turns: Sequence[Turn | TurnRow]) -> str | None:
    for turn in reversed(turns):
        if turn.mood_band:
            return str(turn.mood_band)
    return None


def _persona_name(content: str) -> str:
    """The customer's name in a stored version (parsed once per content)."""
    try:
        return parse_stored(content).persona.name
    except ScenarioError:
        return ""


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
