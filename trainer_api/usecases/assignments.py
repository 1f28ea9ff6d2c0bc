"""Assignments: scenarios a trainer sets for a cohort or for learners, with a
due date, an attempt limit and whether the needs panel and live tips show.

An attempt is a practice session started from the assignment. It passes when
it has ended and its replies average at least the scenario's pass score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer_api.i18n import N_
from trainer_api.simulation import ScenarioError
from trainer_api.simulation.library import parse_stored
from trainer_api.storage import coaching
from trainer_api.storage import scenarios as scenario_store
from trainer_api.storage.models import Assignment, PracticeSession, utc_now
from trainer_api.usecases import people, serializers
from trainer_api.usecases.people import Viewer
from trainer_api.usecases.refusal import Kind, Problem, Refused

MAX_ATTEMPTS = 50
STATES = ("to_do", "in_progress", "passed", "failed")


@dataclass(frozen=True)
class AssignmentRequest:
    scenario_id: str
    cohort_id: int | None = None
    learners: tuple[str, ...] = ()
    due_at: datetime | None = None
    attempt_limit: int | None = None
    show_needs: bool = True
    show_tips: bool = True


def create(
    db: Session,
    coach: Viewer,
    request: AssignmentRequest,
    *,
    now: datetime | None = None,
) -> list[Assignment]:
    """One assignment for the cohort, or one per named learner."""
    problems = _problems(db, request, now or utc_now())
    if problems:
        raise Refused.itemising(Kind.INVALID, "invalid_assignment", problems)
    targets: list[dict[str, Any]] = []
    if request.cohort_id is not None:
        people.visible_cohort(db, coach, request.cohort_id)
        targets.append({"cohort_id": request.cohort_id})
    for username in dict.fromkeys(request.learners):
        learner = people.visible_learner(db, coach, username)
        if learner.role != "learner":
            raise Refused(
                Kind.INVALID,
                "invalid_assignment",
                "{username} is not a learner.",
                username=repr(username),
            )
        targets.append({"learner_id": learner.id})
    _refuse_duplicates(db, request, targets)
    return [
        coaching.add_assignment(
            db=db,
            assignment=Assignment(
                scenario_id=request.scenario_id,
                due_at=request.due_at,
                attempt_limit=request.attempt_limit,
                show_needs=request.show_needs,
                show_tips=request.show_tips,
                created_by=coach.id,
                **target,
            ),
        )
        for target in targets
    ]


def _refuse_duplicates(
    db: Session, request: AssignmentRequest, targets: list[dict[str, Any]]
) -> None:
    """The same scenario set twice for the same people is a mistake."""
    for target in targets:
        existing = db.scalar(
            select(Assignment).where(
                Assignment.scenario_id == request.scenario_id,
                *(getattr(Assignment, key) == value for key, value in target.items()),
            )
        )
        if existing is not None:
            if "cohort_id" in target:
                raise Refused(
                    Kind.CONFLICT,
                    "already_assigned",
                    "{scenario} is already assigned to this cohort; "
                    "withdraw that assignment first to set it again.",
                    scenario=repr(request.scenario_id),
                )
            raise Refused(
                Kind.CONFLICT,
                "already_assigned",
                "{scenario} is already assigned to this learner; "
                "withdraw that assignment first to set it again.",
                scenario=repr(request.scenario_id),
            )


def remove(db: Session, coach: Viewer, assignment_id: int) -> None:
    """Withdraw an assignment; attempts already made stay as free practice."""
    coaching.delete_assignment(db=db, assignment=visible(db, coach, assignment_id))


def visible(db: Session, viewer: Viewer, assignment_id: int) -> Assignment:
    """The assignment if ``viewer`` coaches (or is) the people it is set for."""
    assignment = coaching.get_assignment(db=db, assignment_id=assignment_id)
    allowed = assignment is not None and (
        people.can_view_cohort(db, viewer, assignment.cohort_id)
        if assignment.cohort_id is not None
        else people.can_view_learner(db, viewer, assignment.learner_id)
    )
    if assignment is None or not allowed:
        raise Refused(
            Kind.NOT_FOUND, "unknown_assignment", "There is no such assignment."
        )
    return assignment


def for_attempt(db: Session, learner_id: int, assignment_id: int) -> Assignment:
    """The assignment a learner starts an attempt of, if they have one left."""
    assignment = next(
        (
            a
            for a in coaching.assignments_for_learner(db=db, learner_id=learner_id)
            if a.id == assignment_id
        ),
        None,
    )
    if assignment is None:
        raise Refused(
            Kind.NOT_FOUND, "unknown_assignment", "There is no such assignment."
        )
    tried = coaching.attempts(
        db=db, assignment_ids=[assignment.id], learner_ids=[learner_id]
    )
    if assignment.attempt_limit is not None and len(tried) >= assignment.attempt_limit:
        raise Refused(
            Kind.CONFLICT,
            "no_attempts_left",
            "You have used all {limit} attempts of this "
            "assignment. Your trainer can set it again.",
            limit=assignment.attempt_limit,
        )
    return assignment


def learner_view(
    db: Session, learner_id: int, *, now: datetime | None = None
) -> list[dict[str, Any]]:
    """The learner's assignments, each with its state and attempts."""
    found = coaching.assignments_for_learner(db=db, learner_id=learner_id)
    tries = coaching.attempts(
        db=db, assignment_ids=[a.id for a in found], learner_ids=[learner_id]
    )
    return [
        progress_of(db, a, [s for s in tries if s.assignment_id == a.id], now=now)
        for a in found
    ]


def cohort_view(
    db: Session,
    cohort_id: int,
    learner_ids: Sequence[int],
    *,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """A cohort's assignments, each with how many of its learners are done."""
    found = coaching.assignments_for_cohort(
        db=db, cohort_id=cohort_id, learner_ids=learner_ids
    )
    tries = coaching.attempts(
        db=db, assignment_ids=[a.id for a in found], learner_ids=learner_ids
    )
    names = coaching.learners_by_id(db=db, ids=list(learner_ids))
    views = []
    for assignment in found:
        assigned = (
            list(learner_ids)
            if assignment.cohort_id == cohort_id
            else [assignment.learner_id]
        )
        states = {
            learner: progress_of(
                db,
                assignment,
                [
                    s
                    for s in tries
                    if s.assignment_id == assignment.id and s.learner_id == learner
                ],
                now=now,
            )["state"]
            for learner in assigned
        }
        view = describe(db, assignment, now=now)
        view["learners"] = [
            {"username": names[i].username, "state": state}
            for i, state in states.items()
            if i in names
        ]
        view["done"] = sum(s in ("passed", "failed") for s in states.values())
        view["passed"] = sum(s == "passed" for s in states.values())
        view["assigned"] = len(states)
        views.append(view)
    return views


def describe(
    db: Session, assignment: Assignment, *, now: datetime | None = None
) -> dict[str, Any]:
    scenario = scenario_store.published_scenario(db, assignment.scenario_id)
    due = assignment.due_at
    return {
        "id": assignment.id,
        "scenario": {
            "id": assignment.scenario_id,
            "title": scenario.title if scenario else assignment.scenario_id,
            "pass_score": scenario.pass_score if scenario else None,
            "available": scenario is not None,
        },
        "cohort": assignment.cohort.name if assignment.cohort else None,
        "learner": assignment.learner.username if assignment.learner else None,
        "due_at": due.isoformat() if due else None,
        "overdue": bool(due and due < (now or utc_now())),
        "attempt_limit": assignment.attempt_limit,
        "show_needs": bool(assignment.show_needs),
        "show_tips": bool(assignment.show_tips),
        "created_at": assignment.created_at.isoformat(),
    }


def progress_of(
    db: Session,
    assignment: Assignment,
    tries: Sequence[PracticeSession],
    *,
    now: datetime | None = None,
) -> dict[str, Any]:
    """One learner's state on one assignment from their attempts."""
    view = describe(db, assignment, now=now)
    pass_score = view["scenario"]["pass_score"]
    results = [attempt_result(s, pass_score_of(s) or pass_score) for s in tries]
    active = [s for s in tries if s.status == "active"]
    if any(r["passed"] for r in results):
        state = "passed"
    elif active:
        state = "in_progress"
    elif results:
        state = "failed"
    else:
        state = "to_do"
    used = len(tries)
    left = None if assignment.attempt_limit is None else assignment.attempt_limit - used
    view.update(
        state=state,
        overdue=view["overdue"] and state in ("to_do", "in_progress"),
        attempts_used=used,
        attempts_left=left,
        continue_session=active[-1].id if active else None,
        can_start=(left is None or left > 0)
        and not active
        and state != "passed"
        and view["scenario"]["available"],
        attempts=results,
    )
    return view


def attempt_result(session: PracticeSession, pass_score: int | None) -> dict[str, Any]:
    average = serializers.average_score(session)
    ended = session.status != "active"
    return {
        "session_id": session.id,
        "status": session.status,
        "started_at": session.started_at.isoformat(),
        "average_score": average,
        "passed": bool(
            ended
            and average is not None
            and pass_score is not None
            and average >= pass_score
        ),
    }


def hides(session: PracticeSession) -> tuple[bool, bool]:
    """(needs panel hidden, live tips hidden) for a session's assignment."""
    assignment = session.assignment
    if assignment is None:
        return False, False
    return not assignment.show_needs, not assignment.show_tips


def _problems(db: Session, request: AssignmentRequest, now: datetime) -> list[Problem]:
    problems = []
    if scenario_store.published_scenario(db, request.scenario_id) is None:
        problems.append(
            Problem(
                {"field": "scenario_id"},
                N_("There is no published scenario {scenario}."),
                {"scenario": repr(request.scenario_id)},
            )
        )
    if request.cohort_id is None and not request.learners:
        problems.append(
            Problem({"field": "cohort_id"}, N_("Choose a cohort or some learners."))
        )
    if request.due_at is not None and request.due_at <= now:
        problems.append(
            Problem({"field": "due_at"}, N_("The due date must be in the future."))
        )
    limit = request.attempt_limit
    if limit is not None and not 1 <= limit <= MAX_ATTEMPTS:
        problems.append(
            Problem(
                {"field": "attempt_limit"},
                N_("The attempt limit must be 1 to {most}, or none."),
                {"most": MAX_ATTEMPTS},
            )
        )
    return problems


def pass_score_of(session: PracticeSession) -> int | None:
    try:
        return parse_stored(session.scenario_version.content).pass_score
    except ScenarioError:
        return None
