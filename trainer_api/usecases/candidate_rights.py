"""Candidates' rights: the main factors behind their result, observations to
the reviewers, and deletion of their data (on request, or when the round's
retention period ends) everywhere it is kept.

Deletion removes the candidate's conversations (turns, scores), their
account and logins, their name and email, decisions and observations, and
the customer bot's record of the conversations in the Rasa tracker store.
The audit log keeps its entries, which name the candidate only by pseudonym.
Exports are downloads: the product writes none to its own disk.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from trainer_api.adapters.tracker_store import forget_conversations
from trainer_api.scoring.result import DIMENSION_LABELS, DIMENSION_LABELS_FR
from trainer_api.storage.models import (
    AppUser,
    AssessmentRound,
    Candidate,
    CandidateObservation,
    PracticeSession,
    utc_now,
)
from trainer_api.usecases import assessments
from trainer_api.usecases.assessment_review import candidate_row
from trainer_api.usecases.people import Viewer
from trainer_api.usecases.refusal import Kind, Refused

MAX_OBSERVATION = 4000
FACTOR_WORDS = {
    "en": {
        "strong": "a strength",
        "partly": "partly shown",
        "rarely": "rarely shown",
        "ended": "How the conversation ended: {how}.",
        "resolved": "the customer's problem was resolved",
        "escalated": "the customer asked for a manager",
        "abandoned": "the customer gave up on the call",
        "time_up": "the time ran out",
        "overall": "Overall conversation score: {score} of 100 (advisory; the "
        "round's reference mark is {mark}). A person reviews every result.",
    },
    "fr": {
        "strong": "un point fort",
        "partly": "en partie démontré",
        "rarely": "rarement démontré",
        "ended": "Fin de la conversation : {how}.",
        "resolved": "le problème de la personne a été réglé",
        "escalated": "la personne a demandé un gestionnaire",
        "abandoned": "la personne a abandonné l'appel",
        "time_up": "le temps était écoulé",
        "overall": "Note globale de la conversation : {score} sur 100 (indicative ; "
        "la note de référence est {mark}). Une personne examine chaque résultat.",
    },
}


def signed_in_candidate(db: Session, token: str, user_id: int | None) -> Candidate:
    """The link's candidate, if this browser is the one that consented."""
    candidate = assessments.candidate_for_link(db, token)
    if user_id is None or candidate.user_id != user_id:
        raise Refused(
            Kind.FORBIDDEN,
            "not_this_device",
            "Open your link on the device where you took the assessment.",
        )
    return candidate


def factors(db: Session, candidate: Candidate) -> dict[str, Any]:
    """The main factors behind the candidate's result, in plain words. The
    decision itself is a person's, and the employer tells the candidate."""
    row = candidate_row(db, candidate)
    if not row["finished"]:
        return {"available": False, "factors": [], "reviewed": False}
    words = FACTOR_WORDS[candidate.round.language]
    labels = (
        DIMENSION_LABELS_FR if candidate.round.language == "fr" else DIMENSION_LABELS
    )
    lines = []
    for dimension, value in sorted(row["dimensions"].items(), key=lambda kv: -kv[1]):
        strength = words[
            "strong" if value >= 60 else "partly" if value >= 30 else "rarely"
        ]
        lines.append(f"{labels[dimension]}: {strength} ({value}/100).")
    for outcome in row["outcomes"]:
        lines.append(words["ended"].format(how=words.get(outcome, outcome)))
    if row["score"] is not None:
        lines.append(
            words["overall"].format(score=row["score"], mark=candidate.round.pass_mark)
        )
    return {
        "available": True,
        "factors": lines,
        "reviewed": bool(row["decisions"]),
    }


def observe(db: Session, candidate: Candidate, text: str) -> None:
    """A candidate's observations reach the reviewers, kept with the decision."""
    clean = text.strip()
    if not clean or len(clean) > MAX_OBSERVATION:
        raise Refused(
            Kind.INVALID,
            "invalid_observation",
            "Write your observations (1 to {most} characters).",
            most=MAX_OBSERVATION,
        )
    db.add(CandidateObservation(candidate_id=candidate.id, text=clean))
    db.flush()
    assessments.audit(
        db,
        "candidate",
        "observation",
        round_id=candidate.round_id,
        subject=candidate.pseudonym,
    )


def erase(
    db: Session,
    candidate: Candidate,
    *,
    actor: str,
    reason: str,
    tracker_url: str | None,
) -> dict[str, int]:
    """Delete everything about one candidate (see the module's docstring)."""
    sessions: list[str] = []
    if candidate.user_id is not None:
        sessions = list(
            db.scalars(
                select(PracticeSession.id).where(
                    PracticeSession.learner_id == candidate.user_id
                )
            )
        )
        db.execute(
            delete(PracticeSession).where(
                PracticeSession.learner_id == candidate.user_id
            )
        )
        user = db.get(AppUser, candidate.user_id)
        if user is not None:
            db.delete(user)
    assessments.audit(
        db,
        actor,
        "delete_candidate",
        round_id=candidate.round_id,
        subject=candidate.pseudonym,
        reason=reason,
    )
    db.delete(candidate)
    db.flush()
    events = forget_conversations(tracker_url, sessions) if tracker_url else 0
    return {"sessions": len(sessions), "tracker_events": events}


def erase_on_request(
    db: Session, hr: Viewer, candidate_id: int, *, tracker_url: str | None
) -> dict[str, int]:
    candidate = assessments.visible_candidate(db, hr, candidate_id)
    return erase(
        db,
        candidate,
        actor=assessments.staff_label(hr),
        reason="request",
        tracker_url=tracker_url,
    )


def purge_expired(
    db: Session, *, tracker_url: str | None, now: datetime | None = None
) -> int:
    """Delete candidates whose round's retention period has ended."""
    moment = now or utc_now()
    expired = [
        candidate
        for candidate, round_ in db.execute(
            select(Candidate, AssessmentRound).join(
                AssessmentRound, AssessmentRound.id == Candidate.round_id
            )
        )
        if round_.closes_at + timedelta(days=round_.retention_days) <= moment
    ]
    for candidate in expired:
        erase(
            db,
            candidate,
            actor="retention",
            reason="retention",
            tracker_url=tracker_url,
        )
    return len(expired)
