"""The JSON shapes of the coaching routes: home, progress, assignments,
debriefs, comments and cohort dashboards.

Deep parts (a week's figures, a dashboard row) are plain objects here; the
use cases that build them (``usecases.progress``, ``usecases.debrief``,
``usecases.assignments``) document their fields.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from trainer_api.edge.api_models import SessionView, Shape, TurnView
from trainer_api.usecases.comments import MAX_COMMENT_CHARS


class CommentView(Shape):
    id: int
    turn_id: int | None
    author: str
    text: str
    created_at: str
    seen: bool
    session_id: str | None = None


class AssignmentView(Shape):
    id: int
    scenario: dict[str, Any]
    cohort: str | None
    learner: str | None
    due_at: str | None
    overdue: bool
    attempt_limit: int | None
    show_needs: bool
    show_tips: bool
    created_at: str
    state: str | None = None
    attempts_used: int | None = None
    attempts_left: int | None = None
    continue_session: str | None = None
    can_start: bool | None = None
    attempts: list[dict[str, Any]] | None = None
    learners: list[dict[str, Any]] | None = None
    done: int | None = None
    passed: int | None = None
    assigned: int | None = None


class AssignmentList(Shape):
    assignments: list[AssignmentView]


class HomeView(Shape):
    assignments: list[AssignmentView]
    comments: list[CommentView]


class ProgressView(Shape):
    learner: dict[str, Any]
    sessions: int
    completed: int
    replies: int
    average_score: int | None
    dimensions: dict[str, Any]  # 0-100, or null with no replies
    weekly: list[dict[str, Any]]
    weakest: dict[str, Any] | None
    trend: dict[str, Any]


class DebriefView(Shape):
    session: SessionView
    turns: list[TurnView]
    mood_curve: list[dict[str, Any]]
    turning_points: dict[str, list[dict[str, Any]]]
    needs: list[dict[str, Any]]
    model_answers: list[dict[str, Any]]
    next_time: list[str]
    comments: list[CommentView]
    assignment: dict[str, Any] | None


class DashboardView(Shape):
    cohort: dict[str, Any]
    filter: dict[str, Any]
    dimensions: list[str]
    learners: list[dict[str, Any]]
    cohort_average: dict[str, Any]  # 0-100, or null with no replies
    score_distribution: list[dict[str, int]]
    assignments: list[AssignmentView]
    scenarios: list[list[str]]


class AssignmentRequestBody(BaseModel):
    scenario_id: str = Field(..., min_length=1, max_length=64)
    cohort_id: int | None = None
    learners: list[str] = Field(default_factory=list, max_items=500)
    due_at: datetime | None = None
    # checked by the use case, which says what is wrong in plain words
    attempt_limit: int | None = Field(None, ge=-(10**6), le=10**6)
    show_needs: bool = True
    show_tips: bool = True


class CommentRequest(BaseModel):
    text: str = Field(..., max_length=MAX_COMMENT_CHARS * 4)
    turn_id: int | None = None
