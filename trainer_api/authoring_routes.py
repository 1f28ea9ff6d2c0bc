"""Trainer-only HTTP routes for authoring scenarios (see trainer_api.authoring)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from trainer_api import authoring, calibration
from trainer_api.auth import CurrentUser, require_user
from trainer_api.errors import ApiError

router = APIRouter(prefix="/api/trainer")
MAX_CONTENT_CHARS = 1_000_000  # bytes are checked precisely by authoring


def require_trainer(user: Annotated[CurrentUser, Depends(require_user)]) -> CurrentUser:
    if user.role != "trainer":
        raise ApiError(403, "forbidden", "Only trainers can author scenarios.")
    return user


Trainer = Annotated[CurrentUser, Depends(require_trainer)]


class ScenarioText(BaseModel):
    content: str = Field(..., max_length=MAX_CONTENT_CHARS)


@router.get("/scenarios")
def list_scenarios(request: Request, _user: Trainer) -> dict[str, Any]:
    with request.app.state.sessions() as db:
        return {"scenarios": authoring.overview(request.app.state.settings, db)}


@router.get("/scenarios/{scenario_id}")
def get_scenario(scenario_id: str, request: Request, _user: Trainer) -> dict[str, Any]:
    with request.app.state.sessions() as db:
        return authoring.source(request.app.state.settings, db, scenario_id)


@router.post("/validate")
def validate(body: ScenarioText, _user: Trainer) -> dict[str, Any]:
    return authoring.validate(body.content).to_dict()


@router.put("/scenarios/{scenario_id}/draft")
def save_draft(
    scenario_id: str, body: ScenarioText, request: Request, user: Trainer
) -> dict[str, Any]:
    with request.app.state.sessions.begin() as db:
        check = authoring.save_draft(
            db, scenario_id=scenario_id, content=body.content, user_id=user.id
        )
    return {"saved": True, "validation": check.to_dict()}


@router.delete("/scenarios/{scenario_id}/draft", status_code=204)
def discard_draft(scenario_id: str, request: Request, _user: Trainer) -> Response:
    with request.app.state.sessions.begin() as db:
        authoring.discard_draft(db, scenario_id=scenario_id)
    return Response(status_code=204)


@router.post("/scenarios/{scenario_id}/publish")
def publish(scenario_id: str, request: Request, _user: Trainer) -> dict[str, Any]:
    with request.app.state.sessions.begin() as db:
        version = authoring.publish(
            request.app.state.settings, db, scenario_id=scenario_id
        )
        return {
            "version": version.content_hash,
            "published_at": version.published_at.isoformat(),
        }


@router.get("/scenarios/{scenario_id}/export")
def export(
    scenario_id: str, request: Request, _user: Trainer, version: str | None = None
) -> Response:
    text = authoring.export(
        request.app.state.settings, scenario_id=scenario_id, version=version
    )
    return Response(
        text,
        media_type="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{scenario_id}.yml"'},
    )


class Mark(BaseModel):
    dimensions: dict[str, Any]
    penalties: list[Any]


@router.put("/turns/{turn_id}/mark")
def mark_turn(
    turn_id: int, body: Mark, request: Request, user: Trainer
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
            raise ApiError(422, "bad_mark", str(error)) from error
        except LookupError as error:
            raise ApiError(404, "unknown_turn", str(error)) from error
        return {"mark": calibration.mark_view(mark)}


@router.get("/calibration")
def scorer_agreement(request: Request, _user: Trainer) -> dict[str, Any]:
    with request.app.state.sessions() as db:
        return calibration.agreement(db)
