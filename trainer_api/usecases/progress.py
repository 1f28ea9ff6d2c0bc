"""Progress over time: a learner's rubric dimensions week by week, their
weakest dimension and one thing to work on, and a cohort's dashboard.

A dimension's figure is the mean level of the learner's scored replies on it,
as a percentage of the top level (0 = never shown, 100 = always shown fully).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import mean
from typing import Any

from sqlalchemy.orm import Session

from trainer_api.scoring import DIMENSIONS
from trainer_api.scoring.feedback import dimension_tip
from trainer_api.scoring.result import UNSCORED
from trainer_api.storage import coaching
from trainer_api.storage import people as people_store
from trainer_api.storage.models import AppUser, PracticeSession, utc_now
from trainer_api.usecases import assignments, people
from trainer_api.usecases.people import Viewer
from trainer_api.usecases.spreadsheet import csv_text

TOP_LEVEL = 2
RECENT_REPLIES = 20
"""The weakest dimension and the trend read the learner's last this many
replies (the trend compares them with the this many before)."""
TREND_STEP = 5
"""A change of at least this many points is a trend; less is steady."""


@dataclass(frozen=True)
class Reply:
    """One scored learner reply, as progress reads it."""

    at: datetime
    score: int
    levels: dict[str, int]
    session_id: str
    scenario_id: str


def replies_of(sessions: Iterable[PracticeSession]) -> list[Reply]:
    found = []
    for session in sessions:
        for turn in session.turns:
            score = turn.score
            if turn.speaker != "learner" or score is None or score.band == UNSCORED:
                continue
            levels = {d: int((score.dimensions or {}).get(d, 0)) for d in DIMENSIONS}
            found.append(
                Reply(
                    turn.created_at,
                    score.score,
                    levels,
                    session.id,
                    session.scenario_version.scenario_id,
                )
            )
    return sorted(found, key=lambda reply: reply.at)


def dimension_means(replies: Sequence[Reply]) -> dict[str, int | None]:
    if not replies:
        return dict.fromkeys(DIMENSIONS)
    return {
        d: round(mean(r.levels[d] for r in replies) * 100 / TOP_LEVEL)
        for d in DIMENSIONS
    }


def weakest(replies: Sequence[Reply]) -> dict[str, Any] | None:
    """The weakest dimension of the recent replies and a tip to work on it."""
    recent = replies[-RECENT_REPLIES:]
    if not recent:
        return None
    means = dimension_means(recent)
    dimension = min(DIMENSIONS, key=lambda d: (means[d] or 0, DIMENSIONS.index(d)))
    value = means[dimension] or 0
    level = 0 if value < 50 else 1
    return {
        "dimension": dimension,
        "value": value,
        "tip": dimension_tip(dimension, level) if value < 100 else None,
    }


def trend(replies: Sequence[Reply]) -> dict[str, Any]:
    """Recent replies against the ones before, by dimension and overall."""
    recent = replies[-RECENT_REPLIES:]
    before = replies[-2 * RECENT_REPLIES : -RECENT_REPLIES]
    if len(recent) < 3 or len(before) < 3:
        return {"direction": None, "change": None, "dimensions": {}}
    change = round(mean(r.score for r in recent) - mean(r.score for r in before))
    now, then = dimension_means(recent), dimension_means(before)
    return {
        "direction": _direction(change),
        "change": change,
        "dimensions": {d: (now[d] or 0) - (then[d] or 0) for d in DIMENSIONS},
    }


def weekly(replies: Sequence[Reply]) -> list[dict[str, Any]]:
    """One point per week with replies: mean score and each dimension."""
    weeks: dict[date, list[Reply]] = defaultdict(list)
    for reply in replies:
        day = reply.at.date()
        weeks[day - timedelta(days=day.weekday())].append(reply)
    return [
        {
            "week": start.isoformat(),
            "replies": len(group),
            "sessions": len({r.session_id for r in group}),
            "average_score": round(mean(r.score for r in group)),
            "dimensions": dimension_means(group),
        }
        for start, group in sorted(weeks.items())
    ]


def learner_progress(db: Session, learner: AppUser) -> dict[str, Any]:
    sessions = coaching.sessions_of(db=db, learner_ids=[learner.id])
    replies = replies_of(sessions)
    return {
        "learner": {"username": learner.username, "display_name": learner.display_name},
        "sessions": len(sessions),
        "completed": sum(s.status != "active" for s in sessions),
        "replies": len(replies),
        "average_score": round(mean(r.score for r in replies)) if replies else None,
        "dimensions": dimension_means(replies[-RECENT_REPLIES:]),
        "weekly": weekly(replies),
        "weakest": weakest(replies),
        "trend": trend(replies),
    }


@dataclass(frozen=True)
class DashboardFilter:
    scenario_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def cohort_dashboard(
    db: Session,
    viewer: Viewer,
    cohort_id: int,
    chosen: DashboardFilter,
    *,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Learners x dimensions for the filtered practice, with each learner's
    weakest dimension and trend, assignment completion and the score spread."""
    cohort = people.visible_cohort(db, viewer, cohort_id)
    learners = people_store.members(db=db, cohort_id=cohort.id, role="learner")
    ids = [learner.id for learner in learners]
    sessions = coaching.sessions_of(
        db=db,
        learner_ids=ids,
        scenario_id=chosen.scenario_id,
        since=chosen.since,
        until=chosen.until,
    )
    work = assignments.cohort_view(db, cohort.id, ids, now=now)
    moment = now or utc_now()
    rows = [
        _learner_row(
            learner, [s for s in sessions if s.learner_id == learner.id], work, moment
        )
        for learner in learners
    ]
    everyone = replies_of(sessions)
    return {
        "cohort": {"id": cohort.id, "name": cohort.name},
        "filter": {
            "scenario_id": chosen.scenario_id,
            "since": chosen.since.isoformat() if chosen.since else None,
            "until": chosen.until.isoformat() if chosen.until else None,
        },
        "dimensions": list(DIMENSIONS),
        "learners": rows,
        "cohort_average": dimension_means(everyone),
        "score_distribution": _distribution(everyone),
        "assignments": work,
        "scenarios": sorted(
            {
                (s.scenario_version.scenario_id, s.scenario_version.title)
                for s in (
                    sessions
                    if not chosen.scenario_id
                    else coaching.sessions_of(db=db, learner_ids=ids)
                )
            }
        ),
    }


DASHBOARD_COLUMNS = (
    "username",
    "name",
    "sessions",
    "replies",
    "average_score",
    *DIMENSIONS,
    "weakest",
    "trend",
    "assignments_done",
    "assignments_set",
)


def dashboard_rows(dashboard: dict[str, Any]) -> list[list[Any]]:
    """The dashboard's learner table, as CSV rows under DASHBOARD_COLUMNS."""
    return [
        [
            row["username"],
            row["display_name"],
            row["sessions"],
            row["replies"],
            row["average_score"],
            *(row["dimensions"][d] for d in DIMENSIONS),
            (row["weakest"] or {}).get("dimension"),
            row["trend"]["direction"],
            row["assignments_done"],
            row["assignments_set"],
        ]
        for row in dashboard["learners"]
    ]


def _learner_row(
    learner: AppUser,
    sessions: list[PracticeSession],
    work: list[dict[str, Any]],
    now: datetime,
) -> dict[str, Any]:
    replies = replies_of(sessions)
    mine = [
        entry
        for view in work
        for entry in view["learners"]
        if entry["username"] == learner.username
    ]
    return {
        "username": learner.username,
        "display_name": learner.display_name,
        "sessions": len(sessions),
        "replies": len(replies),
        "average_score": round(mean(r.score for r in replies)) if replies else None,
        "dimensions": dimension_means(replies),
        "weakest": weakest(replies),
        "trend": trend(replies),
        "last_practised": replies[-1].at.isoformat() if replies else None,
        "active_session": _live(sessions, now),
        "assignments_done": sum(e["state"] in ("passed", "failed") for e in mine),
        "assignments_passed": sum(e["state"] == "passed" for e in mine),
        "assignments_set": len(mine),
    }


LIVE_WITHIN = timedelta(minutes=30)
"""A session still open counts as live if its last turn is this recent."""


def _live(sessions: list[PracticeSession], now: datetime) -> str | None:
    for session in reversed(sessions):
        last = max((t.created_at for t in session.turns), default=session.started_at)
        if session.status == "active" and now - last <= LIVE_WITHIN:
            return str(session.id)
    return None


def _distribution(replies: Sequence[Reply]) -> list[dict[str, int]]:
    """How many replies scored in each tenth of the scale (the last is 90-100)."""
    counts = [0] * 10
    for reply in replies:
        counts[min(reply.score // 10, 9)] += 1
    return [{"from": i * 10, "count": count} for i, count in enumerate(counts)]


def _direction(change: int) -> str:
    if change >= TREND_STEP:
        return "improving"
    if change <= -TREND_STEP:
        return "slipping"
    return "steady"


def dashboard_csv(dashboard: dict[str, Any]) -> str:
    """The dashboard's learner table as CSV text (formula-safe cells)."""
    return csv_text(DASHBOARD_COLUMNS, dashboard_rows(dashboard))
