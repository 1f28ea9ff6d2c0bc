"""Scenario authoring for trainers: validate, draft, publish, export.

Scenarios live in the database (trainer_api.storage.scenarios): a draft is
kept until it is published, and learners never see it; publishing validates
the draft, records it as a version and makes it the published one. The files
in ``scenarios/`` are the seed library, and ``empathy-trainer
export-scenarios`` writes the published versions back to files.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer_api.simulation import Scenario, ScenarioError, parse_scenario
from trainer_api.simulation.scenario import MAX_SCENARIO_BYTES, SCENARIO_ID
from trainer_api.storage import scenarios as store
from trainer_api.storage.models import ScenarioDraft, ScenarioVersion, utc_now
from trainer_api.usecases.refusal import Kind, Refused


@dataclass(frozen=True)
class Validation:
    scenario: Scenario | None
    errors: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        summary = None
        if self.scenario is not None:
            summary = {
                "id": self.scenario.id,
                "title": self.scenario.title,
                "needs": len(self.scenario.needs),
                "lines": self.scenario.line_count,
                "scripts": len(self.scenario.scripts),
            }
        return {"valid": not self.errors, "errors": self.errors, "summary": summary}


@lru_cache(maxsize=256)
def _validation_of(content: str) -> Validation:
    """Validation of a stored draft, once per content (drafts are listed often)."""
    return validate(content)


def validate(content: str, *, source: str = "draft") -> Validation:
    """Validate scenario text; never raises for bad content."""
    check_size(content)
    try:
        return Validation(parse_scenario(content, source=source), [])
    except ScenarioError as error:
        return Validation(None, [problem.to_dict() for problem in error.problems])


def check_size(content: str) -> None:
    try:
        size = len(content.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise Refused(
            Kind.INVALID,
            "not_text",
            "The scenario has a broken character (a lone surrogate) at position "
            "{position}; remove it.",
            position=exc.start,
        ) from exc
    if size > MAX_SCENARIO_BYTES:
        raise Refused(
            Kind.TOO_LARGE,
            "too_large",
            "The scenario is {size} bytes; the limit is {limit}.",
            size=f"{size:,}",
            limit=f"{MAX_SCENARIO_BYTES:,}",
        )


def check_id(scenario_id: str) -> str:
    if not SCENARIO_ID.match(scenario_id):
        raise Refused(
            Kind.INVALID,
            "bad_scenario_id",
            "{scenario} is not a scenario id: use 2-64 lowercase letters, "
            "digits and underscores, starting with a letter.",
            scenario=repr(scenario_id[:70]),
        )
    return scenario_id


TEMPLATE = Path(__file__).parent.parent / "simulation" / "scenario_template.yml"


def new_scenario_text(scenario_id: str) -> str:
    """A complete, valid scenario for ``scenario_id``, for a trainer to rewrite."""
    check_id(scenario_id)
    title = scenario_id.replace("_", " ").strip().capitalize()
    template = string.Template(TEMPLATE.read_text(encoding="utf-8"))
    return template.safe_substitute(scenario_id=scenario_id, scenario_title=title)


def overview(db: Session) -> list[dict[str, Any]]:
    """Every published scenario and every draft, with their state."""
    drafts = {d.scenario_id: d for d in db.scalars(select(ScenarioDraft))}
    rows: dict[str, dict[str, Any]] = {}
    for entry in store.published(db):
        scenario = entry.scenario
        rows[scenario.id] = _row(scenario.id, scenario.title)
        rows[scenario.id]["published"] = {
            "version": scenario.content_hash,
            "published_at": entry.published_at,
        }
    for scenario_id, draft in drafts.items():
        check = _validation_of(draft.content)
        title = check.scenario.title if check.scenario else scenario_id
        row = rows.setdefault(scenario_id, _row(scenario_id, title))
        row["draft"] = {
            "updated_at": draft.updated_at.isoformat(),
            "updated_by": draft.author.username,
            "valid": check.scenario is not None,
        }
    return sorted(rows.values(), key=lambda row: row["title"].lower())


def source(db: Session, scenario_id: str) -> dict[str, Any]:
    """The text a trainer edits: the draft if there is one, else the published one."""
    check_id(scenario_id)
    draft = _draft(db, scenario_id)
    published = store.published_scenario(db, scenario_id)
    if draft is None and published is None:
        raise Refused(
            Kind.NOT_FOUND,
            "unknown_scenario",
            "There is no scenario {scenario}.",
            scenario=repr(scenario_id),
        )
    return {
        "id": scenario_id,
        "content": draft.content if draft else published.source_text,  # type: ignore[union-attr]
        "source": "draft" if draft else "published",
        "published_version": published.content_hash if published else None,
        "versions": [
            {
                "version": v.content_hash,
                "created_at": v.created_at.isoformat(),
                "published_at": v.published_at.isoformat() if v.published_at else None,
            }
            for v in store.versions_of(db, scenario_id)
        ],
    }


def save_draft(
    db: Session, *, scenario_id: str, content: str, user_id: int
) -> Validation:
    """Store a draft (valid or not) and report its validation."""
    check_id(scenario_id)
    check = validate(content)
    draft = _draft(db, scenario_id)
    if draft is None:
        draft = ScenarioDraft(
            scenario_id=scenario_id, content=content, updated_by=user_id
        )
        db.add(draft)
    draft.content, draft.updated_by, draft.updated_at = content, user_id, utc_now()
    db.flush()
    return check


def discard_draft(db: Session, *, scenario_id: str) -> None:
    draft = _draft(db, check_id(scenario_id))
    if draft is None:
        raise _no_draft(scenario_id)
    db.delete(draft)


def draft_scenario(db: Session, *, scenario_id: str) -> Scenario:
    """The draft as a playable scenario, for a trainer's test chat."""
    draft = _draft(db, check_id(scenario_id))
    if draft is None:
        raise _no_draft(scenario_id)
    return _valid(draft.content, scenario_id)


def checked_scenario(db: Session, *, scenario_id: str) -> tuple[Scenario, bool]:
    """What *Check this scenario* plays: the draft (and True) if there is
    one, else the published version (and False)."""
    check_id(scenario_id)
    if _draft(db, scenario_id) is not None:
        return draft_scenario(db, scenario_id=scenario_id), True
    published = store.published_scenario(db, scenario_id)
    if published is None:
        raise Refused(
            Kind.NOT_FOUND,
            "unknown_scenario",
            "There is no scenario {scenario}.",
            scenario=repr(scenario_id),
        )
    return published, False


def publish(db: Session, *, scenario_id: str, user_id: int) -> ScenarioVersion:
    """Validate the draft, record it as a version and make it the published one.

    Sessions already running keep the version they started with; every
    trainer_api process sees the new version at once (it is in the database).
    """
    draft = _draft(db, check_id(scenario_id))
    if draft is None:
        raise _no_draft(scenario_id)
    scenario = _valid(draft.content, scenario_id)
    version = store.publish(db, scenario, user_id=user_id)
    db.delete(draft)
    db.flush()
    return version


def export(db: Session, *, scenario_id: str, version: str | None) -> str:
    """The YAML of the published version, or of any recorded version."""
    check_id(scenario_id)
    if version:
        text = store.version_text(db, version)
        if text is None or store.scenario_of(db, version).id != scenario_id:
            raise Refused(
                Kind.NOT_FOUND,
                "unknown_version",
                "{scenario} has no version {version}.",
                scenario=repr(scenario_id),
                version=repr(version),
            )
        return text
    published = store.published_scenario(db, scenario_id)
    if published is None:
        raise Refused(
            Kind.NOT_FOUND,
            "unknown_scenario",
            "{scenario} is not published.",
            scenario=repr(scenario_id),
        )
    return published.source_text


def _valid(content: str, scenario_id: str) -> Scenario:
    check = validate(content)
    if check.scenario is None:
        raise Refused(
            Kind.INVALID,
            "invalid_scenario",
            "The draft has errors; fix them first.",
            check.errors,
        )
    if check.scenario.id != scenario_id:
        raise Refused(
            Kind.INVALID,
            "id_mismatch",
            "The draft says id {found} but is saved as {scenario}.",
            found=repr(check.scenario.id),
            scenario=repr(scenario_id),
        )
    return check.scenario


def _no_draft(scenario_id: str) -> Refused:
    return Refused(
        Kind.NOT_FOUND,
        "no_draft",
        "There is no draft of {scenario}.",
        scenario=repr(scenario_id),
    )


def _row(scenario_id: str, title: str) -> dict[str, Any]:
    return {
        "id": scenario_id,
        "title": title,
        "published": None,
        "draft": None,
        "error": None,
    }


def _draft(db: Session, scenario_id: str) -> ScenarioDraft | None:
    return db.scalar(
        select(ScenarioDraft).where(ScenarioDraft.scenario_id == scenario_id)
    )
