"""Candidates' optional self-declaration for the fairness report: the
questions a round may ask (New York City's bias-audit categories: sex, and
race/ethnicity as the EEO-1 report counts it), storing, replacing and
withdrawing an answer. Answers are kept apart from scores: nothing here is
read by scoring or shown to reviewers; only the fairness report counts them.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer_api.storage.models import Candidate, SelfDeclaration
from trainer_api.usecases.refusal import Kind, Refused

QUESTIONS: dict[str, tuple[str, ...]] = {
    "sex": ("female", "male", "another"),
    "race_ethnicity": (
        "hispanic_latino",
        "white",
        "black",
        "native_hawaiian_pacific_islander",
        "asian",
        "native_american_alaska_native",
        "two_or_more",
    ),
}
LABELS = {
    "en": {
        "sex": "Sex",
        "female": "Female",
        "male": "Male",
        "another": "Another sex or gender",
        "race_ethnicity": "Race/ethnicity",
        "hispanic_latino": "Hispanic or Latino",
        "white": "White",
        "black": "Black or African American",
        "native_hawaiian_pacific_islander": "Native Hawaiian or Pacific Islander",
        "asian": "Asian",
        "native_american_alaska_native": "Native American or Alaska Native",
        "two_or_more": "Two or more races",
    },
    "fr": {
        "sex": "Sexe",
        "female": "Femme",
        "male": "Homme",
        "another": "Autre sexe ou genre",
        "race_ethnicity": "Origine ethnique",
        "hispanic_latino": "Hispanique ou latino-américaine",
        "white": "Blanche",
        "black": "Noire ou afro-descendante",
        "native_hawaiian_pacific_islander": "Hawaïenne ou des îles du Pacifique",
        "asian": "Asiatique",
        "native_american_alaska_native": "Autochtone d'Amérique ou d'Alaska",
        "two_or_more": "Deux origines ou plus",
    },
}


def questions_of(round_questions: str) -> tuple[str, ...]:
    """The questions a round asks, in a stable order."""
    asked = {q for q in round_questions.split(",") if q}
    return tuple(q for q in QUESTIONS if q in asked)


def check_questions(questions: Iterable[str]) -> str:
    """The stored form of a round's questions, or a refusal naming the bad one."""
    chosen = list(questions)
    for question in chosen:
        if question not in QUESTIONS:
            raise Refused(
                Kind.INVALID,
                "invalid_round",
                f"Unknown self-declaration question '{question}': ask any of "
                f"{', '.join(QUESTIONS)}, or none.",
            )
    return ",".join(q for q in QUESTIONS if q in chosen)


def declare(db: Session, candidate: Candidate, answers: dict[str, str | None]) -> None:
    """Store (or replace) what the candidate chose to declare. Only the
    round's questions are accepted; ``None`` means "prefer not to say"."""
    asked = questions_of(candidate.round.demographic_questions)
    if not asked:
        raise Refused(
            Kind.CONFLICT,
            "no_questions",
            "This assessment asks no self-declaration questions.",
        )
    for question, answer in answers.items():
        if question not in asked:
            raise Refused(
                Kind.INVALID,
                "invalid_declaration",
                f"This assessment does not ask '{question}'.",
            )
        if answer is not None and answer not in QUESTIONS[question]:
            raise Refused(
                Kind.INVALID,
                "invalid_declaration",
                f"'{answer}' is not one of the answers to '{question}'.",
            )
    withdraw(db, candidate)
    db.add(
        SelfDeclaration(
            candidate_id=candidate.id,
            sex=answers.get("sex"),
            race_ethnicity=answers.get("race_ethnicity"),
        )
    )
    db.flush()


def withdraw(db: Session, candidate: Candidate) -> None:
    """Delete the candidate's declaration (they may withdraw it at any time)."""
    found = db.scalar(
        select(SelfDeclaration).where(SelfDeclaration.candidate_id == candidate.id)
    )
    if found is not None:
        db.delete(found)
        db.flush()


def declaration_of(db: Session, candidate: Candidate) -> dict[str, str | None] | None:
    """The candidate's own declaration, shown only to them."""
    found = db.scalar(
        select(SelfDeclaration).where(SelfDeclaration.candidate_id == candidate.id)
    )
    if found is None:
        return None
    return {
        q: getattr(found, q)
        for q in questions_of(candidate.round.demographic_questions)
    }
