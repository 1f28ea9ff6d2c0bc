"""Trainer-only HTTP routes for scorer calibration: marking turns, agreement figures."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel

from trainer_api.edge.api_models import (
    Agreement,
    MarkResponse,
    errors,
)
from trainer_api.edge.auth import Trainer
from trainer_api.edge.dependencies import Db
from trainer_api.edge.security import CheckedRoute
from trainer_api.usecases import calibration
from trainer_api.usecases.refusal import Kind, Refused

router = APIRouter(prefix="/api/trainer", route_class=CheckedRoute)
MAX_ROW_ID = 2**31 - 1


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
    db: Db,
    user: Trainer,
) -> dict[str, Any]:
    """A trainer's own levels for a learner turn (scorer calibration)."""
    with db.begin():
        try:
            mark = calibration.save_mark(
                db,
                turn_id=turn_id,
                trainer_id=user.id,
                dimensions=body.dimensions,
                penalties=body.penalties,
            )
        except calibration.MarkError as error:
            raise Refused(
                Kind.INVALID, "bad_mark", error.template, **error.values
            ) from error
        except calibration.UnknownTurn as error:
            raise Refused(
                Kind.NOT_FOUND, "unknown_turn", error.template, **error.values
            ) from error
        return {"mark": calibration.mark_view(mark)}


@router.get("/calibration", response_model=Agreement, responses=errors(403))
def scorer_agreement(db: Db, _user: Trainer) -> dict[str, Any]:
    return calibration.agreement(db)
