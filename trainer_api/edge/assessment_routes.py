"""JSON HTTP routes of hiring assessments.

HR (``/api/rounds``, ``/api/candidates``): rounds, invitations, the ranked
table, transcripts, decisions, exports (CSV, JSON, and the transcripts as one
HTML file) and the audit log. Candidates (``/api/assess/{token}``): their
notice, consent and place in the assessment; the link itself is the
credential. Use cases:
``usecases.assessments``, ``usecases.assessment_review``,
``usecases.assessment_notice``, ``usecases.transcript_bundle``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response
from pydantic import BaseModel, Field

from trainer_api import i18n
from trainer_api.edge.api_models import Shape, errors
from trainer_api.edge.auth import CurrentUser, optional_user, require_role
from trainer_api.edge.dependencies import AppSettings, Db
from trainer_api.edge.responses import as_utc, download, set_login_cookie
from trainer_api.edge.security import CheckedRoute
from trainer_api.i18n import N_
from trainer_api.usecases import (
    assessment_notice,
    assessment_review,
    assessments,
    candidate_rights,
    transcript_bundle,
)

router = APIRouter(prefix="/api", route_class=CheckedRoute)
Hr = Annotated[
    CurrentUser,
    Depends(
        require_role("hr", refusal=N_("Only HR users can run hiring assessments."))
    ),
]
Token = Annotated[str, Path(min_length=1, max_length=128)]


class RoundBody(BaseModel):
    title: str = Field(..., max_length=200)
    scenario_ids: list[str] = Field(..., max_items=5)
    language: str = Field("en", max_length=8)
    time_limit_minutes: int = Field(15, ge=1, le=600)
    opens_at: datetime
    closes_at: datetime
    pass_mark: int = Field(60, ge=-1000, le=1000)
    reviewers: list[str] = Field(default_factory=list, max_items=20)
    second_review: bool = False
    retention_days: int = Field(180, ge=0, le=100000)
    contact: str = Field("", max_length=200)
    demographic_questions: list[str] = Field(
        default_factory=lambda: ["sex", "race_ethnicity"], max_items=5
    )

    def request(self) -> assessments.RoundRequest:
        return assessments.RoundRequest(
            title=" ".join(self.title.split()),
            scenario_ids=tuple(s.strip() for s in self.scenario_ids),
            language=self.language,
            time_limit_minutes=self.time_limit_minutes,
            opens_at=as_utc(self.opens_at),
            closes_at=as_utc(self.closes_at),
            pass_mark=self.pass_mark,
            reviewers=tuple(r.strip() for r in self.reviewers if r.strip()),
            second_review=self.second_review,
            retention_days=self.retention_days,
            contact=self.contact.strip(),
            demographic_questions=tuple(self.demographic_questions),
        )


class CandidateIn(BaseModel):
    name: str = Field(..., max_length=200)
    email: str = Field(..., max_length=300)


class InviteBody(BaseModel):
    candidates: list[CandidateIn] = Field(default_factory=list, max_items=1000)
    csv: str | None = Field(None, max_length=300_000)


class DecisionBody(BaseModel):
    decision: str = Field(..., max_length=16)
    reason: str = Field(..., max_length=8000)


class ConsentBody(BaseModel):
    consent: bool


class RoundView(Shape):
    id: int
    title: str
    owner: str | None
    language: str
    time_limit_minutes: int
    opens_at: str
    closes_at: str
    pass_mark: int
    second_review: bool
    retention_days: int
    contact: str
    demographic_questions: list[str]
    locked: bool
    scenarios: list[dict[str, Any]]
    reviewers: list[str]
    candidates: dict[str, int]


class RoundList(Shape):
    rounds: list[RoundView]


class Invitations(Shape):
    invitations: list[dict[str, Any]]


class Results(Shape):
    round: RoundView
    candidates: list[dict[str, Any]]


class Transcripts(Shape):
    candidate: dict[str, Any]
    conversations: list[dict[str, Any]]


class AuditLog(Shape):
    entries: list[dict[str, Any]]


class LinkView(Shape):
    round: dict[str, Any]
    consent: str
    signed_in: bool
    active_session: str | None
    finished: int
    can_start: bool
    texts: dict[str, str]
    self_declaration: dict[str, Any] | None = None


@router.get("/rounds", response_model=RoundList, responses=errors(403))
def list_rounds(db: Db, user: Hr) -> dict[str, Any]:
    return {
        "rounds": [
            assessments.round_view(db, r) for r in assessments.rounds_of(db, user)
        ]
    }


@router.post(
    "/rounds", status_code=201, response_model=RoundView, responses=errors(403)
)
def create_round(body: RoundBody, db: Db, user: Hr) -> dict[str, Any]:
    with db.begin():
        made = assessments.create_round(db, user, body.request())
        return assessments.round_view(db, made)


@router.get("/rounds/{round_id}", response_model=RoundView, responses=errors(403, 404))
def get_round(round_id: int, db: Db, user: Hr) -> dict[str, Any]:
    return assessments.round_view(db, assessments.visible_round(db, user, round_id))


@router.put(
    "/rounds/{round_id}", response_model=RoundView, responses=errors(403, 404, 409)
)
def update_round(round_id: int, body: RoundBody, db: Db, user: Hr) -> dict[str, Any]:
    with db.begin():
        changed = assessments.update_round(db, user, round_id, body.request())
        return assessments.round_view(db, changed)


@router.post(
    "/rounds/{round_id}/copy",
    status_code=201,
    response_model=RoundView,
    responses=errors(403, 404),
)
def copy_round(round_id: int, db: Db, user: Hr) -> dict[str, Any]:
    with db.begin():
        return assessments.round_view(db, assessments.copy_round(db, user, round_id))


@router.post(
    "/rounds/{round_id}/candidates",
    status_code=201,
    response_model=Invitations,
    responses=errors(403, 404, 409),
)
def invite(round_id: int, body: InviteBody, db: Db, user: Hr) -> dict[str, Any]:
    """Invite candidates (all or none). Each link is shown only in this answer."""
    if body.csv is not None:
        rows = assessments.parse_candidates(body.csv)
    else:
        rows = [
            (number, " ".join(c.name.split()), c.email.strip())
            for number, c in enumerate(body.candidates, 1)
        ]
    with db.begin():
        made = assessments.invite(db, user, round_id, rows)
        return {"invitations": [i.to_dict() for i in made]}


@router.get(
    "/rounds/{round_id}/results", response_model=Results, responses=errors(403, 404)
)
def results(round_id: int, db: Db, user: Hr) -> dict[str, Any]:
    with db.begin():
        return assessment_review.results(db, user, round_id)


@router.get(
    "/rounds/{round_id}/export.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, **errors(403, 404)},
)
def export_csv(round_id: int, db: Db, user: Hr) -> Response:
    with db.begin():
        text = assessment_review.export(db, user, round_id, "csv")
    return download(text, f"round-{round_id}", ".csv", "text/csv; charset=utf-8")


@router.get(
    "/rounds/{round_id}/export.json",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}, **errors(403, 404)},
)
def export_json(round_id: int, db: Db, user: Hr) -> Response:
    with db.begin():
        text = assessment_review.export(db, user, round_id, "json")
    return download(text, f"round-{round_id}", ".json", "application/json")


@router.get(
    "/rounds/{round_id}/transcripts.html",
    response_class=Response,
    responses={200: {"content": {"text/html": {}}}, **errors(403, 404)},
)
def export_transcripts(round_id: int, db: Db, user: Hr) -> Response:
    """Every candidate's conversations, scores and decisions as one HTML file
    for the hiring file (printable to PDF from the browser)."""
    with db.begin():
        text = transcript_bundle.bundle(db, user, round_id)
    return download(
        text, f"round-{round_id}-transcripts", ".html", "text/html; charset=utf-8"
    )


@router.get(
    "/rounds/{round_id}/audit", response_model=AuditLog, responses=errors(403, 404)
)
def audit_log(round_id: int, db: Db, user: Hr) -> dict[str, Any]:
    return {"entries": assessment_review.audit_log(db, user, round_id)}


@router.get(
    "/candidates/{candidate_id}/transcripts",
    response_model=Transcripts,
    responses=errors(403, 404),
)
def candidate_transcripts(candidate_id: int, db: Db, user: Hr) -> dict[str, Any]:
    with db.begin():
        return assessment_review.transcripts(db, user, candidate_id)


@router.post(
    "/candidates/{candidate_id}/decision",
    status_code=201,
    response_model=Transcripts,
    responses=errors(403, 404, 422),
)
def decide(candidate_id: int, body: DecisionBody, db: Db, user: Hr) -> dict[str, Any]:
    with db.begin():
        assessment_review.decide(db, user, candidate_id, body.decision, body.reason)
        return assessment_review.transcripts(db, user, candidate_id)


@router.post(
    "/candidates/{candidate_id}/grant-attempt",
    status_code=204,
    response_class=Response,
    responses=errors(403, 404),
)
def grant_attempt(candidate_id: int, db: Db, user: Hr) -> Response:
    with db.begin():
        assessments.grant_attempt(db, user, candidate_id)
    return Response(status_code=204)


@router.get("/assess/{token}", response_model=LinkView, responses=errors(404, 410))
def open_link(token: Token, request: Request, db: Db) -> dict[str, Any]:
    """What the candidate's link shows; public: the link is the credential."""
    with db.begin():
        candidate = assessments.candidate_for_link(db, token)
        assessments.close_overdue(db, candidate)
        return assessment_notice.link_view(
            db, candidate, signed_in=_is_candidate(request, candidate.user_id)
        )


@router.post(
    "/assess/{token}/consent",
    response_model=LinkView,
    responses=errors(404, 409, 410),
)
def give_consent(
    token: Token,
    body: ConsentBody,
    request: Request,
    response: Response,
    db: Db,
    settings: AppSettings,
) -> dict[str, Any]:
    with db.begin():
        candidate = assessments.candidate_for_link(db, token)
        with i18n.using(candidate.round.language):  # the round's, not the browser's
            if body.consent and _is_candidate(request, candidate.user_id):
                login = None  # this device already has the assessment open
            else:
                login = assessments.consent(db, candidate, given=body.consent)
        if login is not None:
            set_login_cookie(response, login, settings)
        return assessment_notice.link_view(
            db,
            candidate,
            signed_in=login is not None or _is_candidate(request, candidate.user_id),
        )


class Factors(Shape):
    available: bool
    factors: list[str]
    reviewed: bool


class ObservationBody(BaseModel):
    text: str = Field(..., max_length=20_000)


class Erased(Shape):
    sessions: int
    tracker_events: int


@router.get(
    "/assess/{token}/factors", response_model=Factors, responses=errors(403, 404, 410)
)
def result_factors(token: Token, request: Request, db: Db) -> dict[str, Any]:
    """The main factors behind the candidate's result (their right to know)."""
    candidate = candidate_rights.signed_in_candidate(db, token, user_id_of(request))
    return candidate_rights.factors(db, candidate)


@router.post(
    "/assess/{token}/observations",
    status_code=204,
    response_class=Response,
    responses=errors(403, 404, 410, 422),
)
def observe(token: Token, body: ObservationBody, request: Request, db: Db) -> Response:
    """The candidate's observations, for the reviewers and kept with the decision."""
    with db.begin():
        candidate = candidate_rights.signed_in_candidate(db, token, user_id_of(request))
        with i18n.using(candidate.round.language):
            candidate_rights.observe(db, candidate, body.text)
    return Response(status_code=204)


@router.delete(
    "/candidates/{candidate_id}", response_model=Erased, responses=errors(403, 404)
)
def erase_candidate(
    candidate_id: int, db: Db, user: Hr, settings: AppSettings
) -> dict[str, Any]:
    """Delete a candidate's data everywhere, on their request."""
    with db.begin():
        return candidate_rights.erase_on_request(
            db, user, candidate_id, tracker_url=settings.tracker_url
        )


def user_id_of(request: Request) -> int | None:
    user = optional_user(request)
    return user.id if user is not None else None


def _is_candidate(request: Request, user_id: int | None) -> bool:
    user = optional_user(request)
    return user is not None and user_id is not None and user.id == user_id
