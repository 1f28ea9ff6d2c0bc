"""The JSON shapes of the HTTP API: every route declares one of these.

They make the OpenAPI description complete (``/openapi.json``), so clients and
the fuzzer in the test suite can check every answer against it. A response
with a field these models do not know is a server error, caught by the tests.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Extra


class Shape(BaseModel):
    class Config:
        extra = Extra.forbid

        @staticmethod
        def schema_extra(schema: dict[str, Any], model: type[BaseModel]) -> None:
            """Say in the schema that optional fields may be null.

            pydantic 1 leaves ``null`` out of an optional field's schema, so
            clients and validators would reject the answers the API gives.
            """
            for field in model.__fields__.values():
                properties = schema.get("properties", {})
                if field.allow_none and field.alias in properties:
                    declared = properties[field.alias]
                    properties[field.alias] = {
                        "title": declared.pop("title", field.alias),
                        "anyOf": [declared, {"type": "null"}],
                    }


class ErrorDetail(Shape):
    code: str
    message: str
    errors: list[dict[str, Any]] | None = None


class ErrorResponse(Shape):
    error: ErrorDetail


class UserView(Shape):
    username: str
    display_name: str
    role: str
    must_change_password: bool = False
    locale: str | None = None


class LocaleResponse(Shape):
    locale: str
    chosen: str | None = None


class LocaleItem(Shape):
    code: str
    label: str


class UserResponse(Shape):
    user: UserView


class RubricItem(Shape):
    code: str
    label: str
    points: int


class BandItem(Shape):
    code: str
    label: str
    below: int


class Rubric(Shape):
    dimensions: list[RubricItem]
    penalties: list[RubricItem]
    bands: list[BandItem]


class StatusItem(Shape):
    code: str
    label: str
    ending: str


class ClientConfig(Shape):
    locale: str
    locales: list[LocaleItem]
    max_reply_chars: int
    max_comment_chars: int
    nudge_after_seconds: int
    ack_timeout_seconds: int
    scenario_id_pattern: str
    max_scenario_bytes: int
    min_password_length: int
    roles: list[str]
    rubric: Rubric
    statuses: list[StatusItem]


class ScenarioSummary(Shape):
    id: str
    title: str
    difficulty: str
    summary: str
    persona_name: str
    locale: str = "en"
    language: str = "en"


class ScenarioList(Shape):
    scenarios: list[ScenarioSummary]


class SessionScenario(Shape):
    id: str
    title: str
    persona_name: str
    version: str | None = None
    """The version's content hash: for trainers only."""


class SessionMood(Shape):
    anger: int
    trust: int
    band: str | None


class ConversationParts(Shape):
    replies: int
    needs: int
    outcome: int | None
    penalised_replies: int


class ConversationScoreView(Shape):
    score: int
    band: str
    final: bool
    parts: ConversationParts
    dimensions: dict[str, int]


class NeedView(Shape):
    id: str
    label: str
    met: bool


class SessionView(Shape):
    id: str
    scenario: SessionScenario
    learner: str
    learner_name: str | None = None
    status: str
    is_test: bool
    mood: SessionMood | None
    """Null for a hiring candidate: the customer's mood would show the scores."""
    seed: int | None = None
    """The customer's random seed: for trainers only."""
    started_at: str | None
    ended_at: str | None
    turn_count: int
    average_score: int | None
    conversation_score: ConversationScoreView | None = None
    needs: list[NeedView] | None = None
    """What the customer needs, met or not: only when the scenario shows the
    learner its needs panel (``needs_panel``), else null."""
    assignment_id: int | None = None
    """The assignment this session is an attempt of; null for free practice."""
    deadline: str | None = None
    """When a hiring assessment conversation's time is up (assessments only)."""


class SessionList(Shape):
    sessions: list[SessionView]


class EvidenceView(Shape):
    dimension: str
    start: int
    end: int
    text: str
    effect: str


class ScoreView(Shape):
    score: int
    band: str
    dimensions: dict[str, int]
    penalties: list[str]
    evidence: list[EvidenceView]
    feedback: list[str]
    scorer_version: str
    moment: str | None = None
    language: str | None = None


class TurnMood(Shape):
    anger: int | None
    trust: int | None
    band: str | None
    reasons: list[str]
    stage: str | None


class MarkView(Shape):
    dimensions: dict[str, int]
    penalties: list[str]
    trainer: str
    updated_at: str


class TurnView(Shape):
    id: int
    index: int
    speaker: Literal["learner", "customer"]
    text: str
    created_at: str | None
    message_id: str | None
    score: ScoreView | None
    mood: TurnMood | None
    mark: MarkView | None = None


class Transcript(Shape):
    session: SessionView
    turns: list[TurnView]


class LearnerRow(Shape):
    username: str
    display_name: str
    session_count: int


class LearnerList(Shape):
    learners: list[LearnerRow]


class PublishedState(Shape):
    version: str
    published_at: str | None


class DraftState(Shape):
    updated_at: str
    updated_by: str
    valid: bool


class AuthoringRow(Shape):
    id: str
    title: str
    published: PublishedState | None
    draft: DraftState | None
    error: str | None


class AuthoringList(Shape):
    scenarios: list[AuthoringRow]


class VersionRow(Shape):
    version: str
    created_at: str
    published_at: str | None


class ScenarioSource(Shape):
    id: str
    content: str
    source: Literal["draft", "published"]
    published_version: str | None
    versions: list[VersionRow]


class ValidationProblem(Shape):
    source: str
    line: int | None
    field: str
    problem: str
    message: str


class ValidationSummary(Shape):
    id: str
    title: str
    needs: int
    lines: int
    scripts: int


class ValidationResult(Shape):
    valid: bool
    errors: list[ValidationProblem]
    summary: ValidationSummary | None


class DraftSaved(Shape):
    saved: bool
    validation: ValidationResult


class Published(Shape):
    version: str
    published_at: str


class CheckTurn(Shape):
    speaker: str
    text: str


class CheckedConversation(Shape):
    kind: str
    name: str
    expect: list[str]
    outcome: str
    replies: int
    passed: bool
    problem: str
    turns: list[CheckTurn]


class CheckCount(Shape):
    passed: int
    of: int


class CheckGood(Shape):
    resolved: int
    of: int
    median_replies: float | None


class CheckRude(Shape):
    ended: int
    of: int


class ScenarioCheck(Shape):
    scenario: str
    version: str
    scripts: CheckCount
    good: CheckGood
    rude: CheckRude
    ok: bool
    notes: list[str]
    conversations: list[CheckedConversation]


class MarkResponse(Shape):
    mark: MarkView


class Kappa(Shape):
    kappa: float | None
    n: int


class PenaltyAgreement(Shape):
    agreement: float | None
    n: int


class Agreement(Shape):
    marks: int
    dimensions: dict[str, Kappa]
    penalties: dict[str, PenaltyAgreement]


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error answers a route can give."""
    common = (401, 413, 422)
    return {status: {"model": ErrorResponse} for status in sorted({*statuses, *common})}
