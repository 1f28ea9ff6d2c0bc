"""Trainer-only HTTP routes for authoring scenarios (see trainer_api.authoring)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, Field

from trainer_api import authoring, calibration
from trainer_api.api_models import (
    Agreement,
    AuthoringList,
    DraftSaved,
    MarkResponse,
    Published,
    ScenarioSource,
    ValidationResult,
    errors,
)
from trainer_api.auth import CurrentUser, require_user
from trainer_api.refusal import Kind, Refused
from trainer_api.security import CheckedRoute

router = APIRouter(prefix="/api/trainer", route_class=CheckedRoute)
MAX_CONTENT_CHARS = 1_000_000  # bytes are checked precisely by authoring
MAX_ROW_ID = 2**31 - 1
ScenarioId = Annotated[str, Path(min_length=1, max_length=64)]


def require_trainer(user: Annotated[CurrentUser, Depends(require_user)]) -> CurrentUser:
    if user.role != "trainer":
        raise Refused(
            Kind.FORBIDDEN, "forbidden", "Only trainers can author scenarios."
        )
    return user


Trainer = Annotated[CurrentUser, Depends(require_trainer)]


class ScenarioText(BaseModel):
    content: str = Field(..., max_length=MAX_CONTENT_CHARS)


@router.get("/scenarios", response_model=AuthoringList, responses=errors(403))
def list_scenarios(request: Request, _user: Trainer) -> dict[str, Any]:
    with request.app.state.sessions() as db:
        return {"scenarios": authoring.overview(db)}


@router.get(
    "/scenarios/{scenario_id}",
    response_model=ScenarioSource,
    responses=errors(403, 404),
)
def get_scenario(
    scenario_id: ScenarioId, request: Request, _user: Trainer
) -> dict[str, Any]:
    with request.app.state.sessions() as db:
        return authoring.source(db, scenario_id)


@router.post("/validate", response_model=ValidationResult, responses=errors(403))
def validate(body: ScenarioText, _user: Trainer) -> dict[str, Any]:
    return authoring.validate(body.content).to_dict()


@router.put(
    "/scenarios/{scenario_id}/draft",
    response_model=DraftSaved,
    responses=errors(403),
)
def save_draft(
    scenario_id: ScenarioId, body: ScenarioText, request: Request, user: Trainer
) -> dict[str, Any]:
    with request.app.state.sessions.begin() as db:
        check = authoring.save_draft(
            db, scenario_id=scenario_id, content=body.content, user_id=user.id
        )
    return {"saved": True, "validation": check.to_dict()}


@router.delete(
    "/scenarios/{scenario_id}/draft",
    status_code=204,
    response_class=Response,
    responses=errors(403, 404),
)
def discard_draft(
    scenario_id: ScenarioId, request: Request, _user: Trainer
) -> Response:
    with request.app.state.sessions.begin() as db:
        authoring.discard_draft(db, scenario_id=scenario_id)
    return Response(status_code=204)


@router.post(
    "/scenarios/{scenario_id}/publish",
    response_model=Published,
    responses=errors(403, 404),
)
def publish(scenario_id: ScenarioId, request: Request, user: Trainer) -> dict[str, Any]:
    with request.app.state.sessions.begin() as db:
        version = authoring.publish(db, scenario_id=scenario_id, user_id=user.id)
        return {
            "version": version.content_hash,
            "published_at": version.published_at.isoformat(),
        }


@router.get(
    "/scenario-template",
    response_class=Response,
    responses={200: {"content": {"application/yaml": {}}}, **errors(403)},
)
def scenario_template(
    _user: Trainer, scenario_id: Annotated[str, Query(min_length=1, max_length=64)]
) -> Response:
    """The starting text of a new scenario, complete and valid, for ``scenario_id``."""
    return Response(
        authoring.new_scenario_text(scenario_id), media_type="application/yaml"
    )


@router.get(
    "/scenarios/{scenario_id}/export",
    response_class=Response,
    responses={
        200: {"content": {"application/yaml": {}}},
        **errors(403, 404),
    },
)
def export(
    scenario_id: ScenarioId,
    request: Request,
    _user: Trainer,
    version: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    with request.app.state.sessions() as db:
        text = authoring.export(db, scenario_id=scenario_id, version=version)
    return Response(
        text,
        media_type="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{scenario_id}.yml"'},
    )


class Mark(BaseModel):
    dimensions: dict[str, Any]
    penalties: list[Any]


@router.put(
    "/turns/{turn_id}/mark",
    response_model=MarkResponse,
    responses=errors(403, 404),
)
def mark_turn(
    turn_id: Annotated[int, Path(ge=1, le=MAX_ROW_ID)],
    body: Mark,
    request: Request,
    user: Trainer,
) -> dict[str, Any]:
    """A trainer's own levels for a learner turn (scorer calibration)."""
    with request.app.state.sessions.begin() as db:
        try:
            mark = calibration.save_mark(
                db,
                turn_id=turn_id,
                trainer_id=user.id,
                dimensions=body.dimensions,
                penalties=body.penalties,
            )
        except calibration.MarkError as error:
            raise Refused(Kind.INVALID, "bad_mark", str(error)) from error
        except LookupError as error:
            raise Refused(Kind.NOT_FOUND, "unknown_turn", str(error)) from error
        return {"mark": calibration.mark_view(mark)}


@router.get("/calibration", response_model=Agreement, responses=errors(403))
def scorer_agreement(request: Request, _user: Trainer) -> dict[str, Any]:
    with request.app.state.sessions() as db:
        return calibration.agreement(db)
