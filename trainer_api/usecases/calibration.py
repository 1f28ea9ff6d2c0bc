"""Calibrating the scorer with people: trainers' marks, agreement, training data.

A trainer marks a learner turn with their own rubric levels. Agreement between
the scorer's stored levels and the marks is reported per dimension as quadratic
weighted kappa; the marks are exported as labelled examples for the scorer's
next training run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer_api.i18n import N_
from trainer_api.scoring import DIMENSIONS, PENALTIES
from trainer_api.storage.models import TrainerMark, Turn, utc_now

LEVELS = (0, 1, 2)


class MarkError(ValueError):
    """A mark that cannot be stored; the message says which field.

    ``template`` is an English message id of the catalogues whose ``{name}``
    placeholders ``values`` fill; the exception's text is it filled in.
    """

    def __init__(self, template: str, **values: object) -> None:
        self.template = template
        self.values: dict[str, Any] = values
        super().__init__(template.format(**values) if values else template)


class UnknownTurn(LookupError):
    """No scored learner turn has this id (``template`` and ``values`` as
    :class:`MarkError`'s)."""

    def __init__(self, turn_id: int) -> None:
        self.template = N_("there is no scored learner turn {turn_id}")
        self.values: dict[str, Any] = {"turn_id": turn_id}
        super().__init__(self.template.format(**self.values))


def save_mark(
    db: Session, *, turn_id: int, trainer_id: int, dimensions: Any, penalties: Any
) -> TrainerMark:
    """Store (or replace) a trainer's mark of a scored learner turn."""
    levels = _levels(dimensions)
    named = _penalties(penalties)
    turn = db.get(Turn, turn_id)
    if turn is None or turn.speaker != "learner" or turn.score is None:
        raise UnknownTurn(turn_id)
    mark = db.scalar(
        select(TrainerMark).where(
            TrainerMark.turn_id == turn_id, TrainerMark.trainer_id == trainer_id
        )
    )
    if mark is None:
        mark = TrainerMark(turn_id=turn_id, trainer_id=trainer_id)
        db.add(mark)
    mark.dimensions, mark.penalties, mark.updated_at = levels, named, utc_now()
    db.flush()
    return mark


def mark_view(mark: TrainerMark) -> dict[str, Any]:
    return {
        "dimensions": mark.dimensions,
        "penalties": mark.penalties,
        "trainer": mark.trainer.username,
        "updated_at": mark.updated_at.isoformat(),
    }


def marks_by_turn(db: Session, turn_ids: Sequence[int]) -> dict[int, TrainerMark]:
    """The latest mark of each of these turns."""
    rows = db.scalars(
        select(TrainerMark)
        .where(TrainerMark.turn_id.in_(list(turn_ids)))
        .order_by(TrainerMark.updated_at)
    )
    return {mark.turn_id: mark for mark in rows}


def agreement(db: Session) -> dict[str, Any]:
    """Scorer-versus-trainer agreement over every marked turn."""
    pairs = [(mark.turn.score, mark) for mark in db.scalars(select(TrainerMark))]
    dimensions = {}
    for name in DIMENSIONS:
        scorer = [int(score.dimensions[name]) for score, _ in pairs]
        people = [int(mark.dimensions[name]) for _, mark in pairs]
        dimensions[name] = {
            "kappa": quadratic_weighted_kappa(scorer, people),
            "n": len(pairs),
        }
    penalties = {}
    for name in PENALTIES:
        same = [
            (name in score.penalties) == (name in mark.penalties)
            for score, mark in pairs
        ]
        penalties[name] = {
            "agreement": round(sum(same) / len(same), 3) if same else None,
            "n": len(same),
        }
    return {"marks": len(pairs), "dimensions": dimensions, "penalties": penalties}


def labelled_examples(db: Session) -> Iterator[dict[str, Any]]:
    """Marked turns as training examples, in the scorer corpus's shape."""
    for mark in db.scalars(select(TrainerMark).order_by(TrainerMark.id)):
        turn = mark.turn
        customer = _customer_line_before(db, turn)
        labels = dict(mark.dimensions)
        labels.update({name: int(name in mark.penalties) for name in PENALTIES})
        yield {
            "id": f"mark-{mark.id}",
            "situation": f"trainer-marks:{turn.session.scenario_version.scenario_id}",
            "customer": customer,
            "reply": turn.text,
            "labels": labels,
        }


def quadratic_weighted_kappa(
    first: Sequence[int], second: Sequence[int], levels: Sequence[int] = LEVELS
) -> float | None:
    """Cohen's kappa with quadratic weights; None when it is undefined."""
    if len(first) != len(second):
        raise ValueError("both raters must rate the same items")
    if not first:
        return None
    k, n = len(levels), len(first)
    index = {level: i for i, level in enumerate(levels)}
    observed = [[0.0] * k for _ in range(k)]
    for a, b in zip(first, second, strict=False):
        observed[index[a]][index[b]] += 1
    row = [sum(observed[i]) for i in range(k)]
    col = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    weight = [[(i - j) ** 2 / (k - 1) ** 2 for j in range(k)] for i in range(k)]
    disagreement = sum(
        weight[i][j] * observed[i][j] for i in range(k) for j in range(k)
    )
    chance = sum(weight[i][j] * row[i] * col[j] / n for i in range(k) for j in range(k))
    if chance == 0:
        return 1.0 if disagreement == 0 else None
    return round(1 - disagreement / chance, 3)


def _levels(dimensions: Any) -> dict[str, int]:
    if not isinstance(dimensions, dict) or set(dimensions) != set(DIMENSIONS):
        raise MarkError(
            N_("dimensions must give a level for each of {dimensions}"),
            dimensions=", ".join(DIMENSIONS),
        )
    for name, level in dimensions.items():
        if isinstance(level, bool) or level not in LEVELS:
            raise MarkError(
                N_("dimensions.{name} is {level}; use 0, 1 or 2"),
                name=name,
                level=repr(level),
            )
    return {name: int(dimensions[name]) for name in DIMENSIONS}


def _penalties(penalties: Any) -> list[str]:
    if not isinstance(penalties, list) or any(p not in PENALTIES for p in penalties):
        raise MarkError(
            N_("penalties must be a list drawn from {penalties}"),
            penalties=", ".join(PENALTIES),
        )
    return [name for name in PENALTIES if name in penalties]


def _customer_line_before(db: Session, turn: Turn) -> str:
    earlier = db.scalar(
        select(Turn.text)
        .where(
            Turn.session_id == turn.session_id,
            Turn.index < turn.index,
            Turn.speaker == "customer",
        )
        .order_by(Turn.index.desc())
        .limit(1)
    )
    return earlier or ""
