"""The scenario store: versions, the published pointer, the seed library.

The database is the one place scenarios live. Every distinct content is a
version (named by its content hash, never changed); each scenario has at most
one published version, the one learners start; drafts are kept apart
(``ScenarioDraft``). The files in ``scenarios/`` are the seed library: they
are imported on migrate, and ``export_published`` writes the published
versions back to files for version control.

Parsed scenarios are cached by content hash, so a process parses each version
once, whoever published it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trainer_api.simulation import Scenario, ScenarioError, load_library
from trainer_api.simulation.library import parse_stored
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.models import (
    ScenarioPublication,
    ScenarioVersion,
    utc_now,
)
from trainer_api.storage.repository import record_scenario_version

logger = logging.getLogger(__name__)


class UnknownVersion(LookupError):
    """No stored version has that content hash."""


@dataclass(frozen=True)
class Published:
    """A published scenario and when it was published."""

    scenario: Scenario
    published_at: str


def scenario_of(db: Session, content_hash: str) -> Scenario:
    """The parsed scenario of a stored version (cached by content).

    Raises:
        UnknownVersion: no version has this hash.
    """
    text = version_text(db, content_hash)
    if text is None:
        raise UnknownVersion(content_hash)
    return parse_stored(text)


def version_text(db: Session, content_hash: str) -> str | None:
    """The exact text of the stored version with this hash, or None."""
    if not isinstance(content_hash, str) or len(content_hash) != 16:
        return None
    return db.scalar(
        select(ScenarioVersion.content)
        .where(ScenarioVersion.content_hash == content_hash)
        .limit(1)
    )


def published(db: Session) -> list[Published]:
    """Every published scenario, sorted by title."""
    rows = db.execute(
        select(ScenarioPublication.published_at, ScenarioVersion.content_hash).join(
            ScenarioVersion, ScenarioPublication.version
        )
    ).all()
    found = [
        Published(
            scenario=_cached(db, row.content_hash),
            published_at=row.published_at.isoformat(),
        )
        for row in rows
    ]
    return sorted(found, key=lambda p: p.scenario.title.lower())


def published_scenario(db: Session, scenario_id: str) -> Scenario | None:
    """The published version of ``scenario_id``, or None if it has none."""
    content_hash = published_hash(db, scenario_id)
    return _cached(db, content_hash) if content_hash else None


def publish(db: Session, scenario: Scenario, *, user_id: int | None) -> ScenarioVersion:
    """Record ``scenario`` as a version and point its scenario id at it."""
    version = record_scenario_version(db=db, scenario=scenario)
    now = utc_now()
    version.published_at = version.published_at or now
    pointer = db.scalar(
        select(ScenarioPublication).where(
            ScenarioPublication.scenario_id == scenario.id
        )
    )
    if pointer is None:
        pointer = ScenarioPublication(scenario_id=scenario.id)
        db.add(pointer)
    pointer.version_id, pointer.published_at = version.id, now
    pointer.published_by = user_id
    db.flush()
    return version


def import_library(db: Session, directory: Path) -> list[str]:
    """Import the seed library; return what changed, one line per scenario.

    A file's version is published unless a trainer has published that
    scenario in the app since: their work is never overwritten by a file.
    Invalid files are skipped; ``load_library`` logs each with its line.
    """
    library = load_library(directory)
    changes = []
    for scenario in library:
        pointer = db.scalar(
            select(ScenarioPublication).where(
                ScenarioPublication.scenario_id == scenario.id
            )
        )
        if pointer is not None and pointer.published_by is not None:
            record_scenario_version(db=db, scenario=scenario)
            continue
        if (
            pointer is not None
            and pointer.version.content_hash == scenario.content_hash
        ):
            continue
        publish(db, scenario, user_id=None)
        changes.append(f"{scenario.id}: published version {scenario.content_hash}")
    return changes


def export_published(db: Session, directory: Path) -> list[Path]:
    """Write every published version to ``directory/<id>.yml``; the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in published(db):
        path = directory / f"{entry.scenario.id}.yml"
        path.write_text(entry.scenario.source_text, encoding="utf-8")
        written.append(path)
    return written


def versions_of(db: Session, scenario_id: str) -> Iterable[ScenarioVersion]:
    """Every stored version of ``scenario_id``, newest first."""
    return db.scalars(
        select(ScenarioVersion)
        .where(ScenarioVersion.scenario_id == scenario_id)
        .order_by(ScenarioVersion.created_at.desc(), ScenarioVersion.id.desc())
    )


def published_hash(db: Session, scenario_id: str) -> str | None:
    """The content hash of the published version of ``scenario_id``, or None."""
    return db.scalar(
        select(ScenarioVersion.content_hash)
        .join(ScenarioPublication, ScenarioPublication.version_id == ScenarioVersion.id)
        .where(ScenarioPublication.scenario_id == scenario_id)
    )


_PARSED: dict[str, Scenario] = {}


def _cached(db: Session, content_hash: str) -> Scenario:
    """Parse a version once per process; its content never changes."""
    scenario = _PARSED.get(content_hash)
    if scenario is None:
        try:
            scenario = scenario_of(db, content_hash)
        except ScenarioError:
            logger.exception("stored scenario version %s is invalid", content_hash)
            raise
        _PARSED[content_hash] = scenario
    return scenario


class VersionReader:
    """Read-only access to stored versions for a process without a session
    factory of its own (the action server): one engine, opened on first use.
    """

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self._sessions: sessionmaker[Session] | None = None

    def scenario(self, content_hash: str) -> Scenario:
        """The parsed version with this hash.

        Raises:
            UnknownVersion: no version has this hash.
        """
        cached = _PARSED.get(content_hash)
        if cached is not None:
            return cached
        with self._session_factory()() as db:
            return _cached(db, content_hash)

    def published(self, scenario_id: str) -> Scenario | None:
        """The published version of ``scenario_id``, or None."""
        with self._session_factory()() as db:
            return published_scenario(db, scenario_id)

    def _session_factory(self) -> sessionmaker[Session]:
        if self._sessions is None:
            self._sessions = make_session_factory(make_engine(self.database_url))
        return self._sessions
