"""Trainer-only HTTP routes for authoring scenarios (use cases: usecases.authoring)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, Field

from trainer_api.edge.api_models import (
    AuthoringList,
    DraftSaved,
    Published,
    ScenarioCheck,
    ScenarioSource,
    ValidationResult,
    errors,
)
from trainer_api.edge.auth import Trainer
from trainer_api.edge.dependencies import Db
from trainer_api.edge.security import CheckedRoute
from trainer_api.usecases import authoring, scenario_check

router = APIRouter(prefix="/api/trainer", route_class=CheckedRoute)
MAX_CONTENT_CHARS = 1_000_000  # bytes are checked precisely by authoring
ScenarioId = Annotated[str, Path(min_length=1, max_length=64)]


class ScenarioText(BaseModel):
    content: str = Field(..., max_length=MAX_CONTENT_CHARS)


@router.get("/scenarios", response_model=AuthoringList, responses=errors(403))
def list_scenarios(db: Db, _user: Trainer) -> dict[str, Any]:
    return {"scenarios": authoring.overview(db)}


@router.get(
    "/scenarios/{scenario_id}",
    response_model=ScenarioSource,
    responses=errors(403, 404),
)
def get_scenario(scenario_id: ScenarioId, db: Db, _user: Trainer) -> dict[str, Any]:
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
    scenario_id: ScenarioId, body: ScenarioText, db: Db, user: Trainer
) -> dict[str, Any]:
    with db.begin():
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
def discard_draft(scenario_id: ScenarioId, db: Db, _user: Trainer) -> Response:
    with db.begin():
        authoring.discard_draft(db, scenario_id=scenario_id)
    return Response(status_code=204)


@router.post(
    "/scenarios/{scenario_id}/publish",
    response_model=Published,
    responses=errors(403, 404),
)
def publish(scenario_id: ScenarioId, db: Db, user: Trainer) -> dict[str, Any]:
    with db.begin():
        version = authoring.publish(db, scenario_id=scenario_id, user_id=user.id)
        return {
            "version": version.content_hash,
            "published_at": version.published_at.isoformat(),
        }


@router.post(
    "/scenarios/{scenario_id}/check",
    response_model=ScenarioCheck,
    responses=errors(403, 404, 422, 503),
)
async def check(
    scenario_id: ScenarioId, request: Request, user: Trainer
) -> dict[str, Any]:
    """Play the draft (else the published version) through the real customer:
    its scripts, good learners using its model answers, and rude learners."""
    return await scenario_check.check_scenario(
        request.app.state.practice,
        request.app.state.sessions,
        user_id=user.id,
        scenario_id=scenario_id,
    )


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
    db: Db,
    _user: Trainer,
    version: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    text = authoring.export(db, scenario_id=scenario_id, version=version)
    return Response(
        text,
        media_type="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{scenario_id}.yml"'},
    )
