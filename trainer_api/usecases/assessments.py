"""Hiring assessments: rounds that freeze the customer, candidates invited by
one-time links, consent before anything is recorded, and people who review
and decide (a score alone never decides). Every view, export and decision is
written to an append-only audit log.

Who may do what: an HR user sees the rounds they own or review; trainers,
learners and admins see none; a candidate's link reaches only their own
assessment.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer_api import i18n
from trainer_api.i18n import N_, localise
from trainer_api.storage import repository
from trainer_api.storage import scenarios as scenario_store
from trainer_api.storage.models import (
    CANDIDATE,
    AppUser,
    AssessmentRound,
    AuditEntry,
    Candidate,
    PracticeSession,
    RoundReviewer,
    RoundScenario,
    utc_now,
)
from trainer_api.storage.passwords import TEST_COST
from trainer_api.usecases import self_declaration
from trainer_api.usecases.people import Viewer
from trainer_api.usecases.refusal import Kind, Problem, Refused

LANGUAGES = ("en", "fr")
MAX_CANDIDATES = 1000
EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
TIME_UP = "time_up"


@dataclass(frozen=True)
class RoundRequest:
    title: str
    scenario_ids: tuple[str, ...]
    language: str
    time_limit_minutes: int
    opens_at: datetime
    closes_at: datetime
    pass_mark: int
    reviewers: tuple[str, ...] = ()
    second_review: bool = False
    retention_days: int = 180
    contact: str = ""
    demographic_questions: tuple[str, ...] = ("sex", "race_ethnicity")


AUDIT_ACTIONS = frozenset(
    {
        "create_round",
        "copy_round",
        "update_round",
        "invite",
        "consent",
        "decline",
        "grant_attempt",
        "view_results",
        "view_transcript",
        "view_fairness",
        "observation",
        "decide",
        "export",
        "delete_candidate",
    }
)
"""What the audit log records; the round page names each in the reader's
language (``web/src/lib/labels.js``)."""


def audit(
    db: Session,
    actor: str,
    action: str,
    *,
    round_id: int | None = None,
    subject: str | None = None,
    **details: Any,
) -> None:
    """Append one entry to the audit log (nothing ever updates or deletes one)."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    db.add(
        AuditEntry(
            actor=actor,
            action=action,
            round_id=round_id,
            subject=subject,
            details=details,
        )
    )
    db.flush()


def staff_label(user: Viewer) -> str:
    """How the audit log names a member of staff: their username."""
    return str(getattr(user, "username", None) or f"user:{user.id}")


# --- rounds --------------------------------------------------------------------


def create_round(
    db: Session, hr: Viewer, request: RoundRequest, *, now: datetime | None = None
) -> AssessmentRound:
    """A new round; each scenario is pinned to its published version now,
    with a seed, so every candidate meets the same customer word for word."""
    problems = _round_problems(db, request, now or utc_now())
    reviewers = _reviewers(db, request.reviewers, problems)
    if problems:
        raise Refused.itemising(Kind.INVALID, "invalid_round", problems)
    round_ = AssessmentRound(
        title=request.title,
        owner_id=hr.id,
        language=request.language,
        time_limit_minutes=request.time_limit_minutes,
        opens_at=request.opens_at,
        closes_at=request.closes_at,
        pass_mark=request.pass_mark,
        second_review=request.second_review,
        retention_days=request.retention_days,
        contact=request.contact,
        demographic_questions=self_declaration.check_questions(
            request.demographic_questions
        ),
    )
    db.add(round_)
    db.flush()
    for position, scenario_id in enumerate(request.scenario_ids):
        scenario = scenario_store.published_scenario(db, scenario_id)
        assert scenario is not None  # checked above
        version = repository.record_scenario_version(db=db, scenario=scenario)
        db.add(
            RoundScenario(
                round_id=round_.id,
                position=position,
                scenario_version_id=version.id,
                seed=secrets.randbelow(2**31),
            )
        )
    for user in reviewers:
        if user.id != hr.id:
            db.add(RoundReviewer(round_id=round_.id, user_id=user.id))
    db.flush()
    audit(db, staff_label(hr), "create_round", round_id=round_.id)
    return round_


def copy_round(db: Session, hr: Viewer, round_id: int) -> AssessmentRound:
    """A new, unlocked round with the same scenarios (same versions and
    seeds), settings and reviewers: how a started round is changed."""
    source = visible_round(db, hr, round_id)
    copy = AssessmentRound(
        title=f"{source.title} (copy)"[:200],
        owner_id=hr.id,
        language=source.language,
        time_limit_minutes=source.time_limit_minutes,
        opens_at=source.opens_at,
        closes_at=source.closes_at,
        pass_mark=source.pass_mark,
        second_review=source.second_review,
        retention_days=source.retention_days,
        contact=source.contact,
        demographic_questions=source.demographic_questions,
    )
    db.add(copy)
    db.flush()
    for pinned in source.scenarios:
        db.add(
            RoundScenario(
                round_id=copy.id,
                position=pinned.position,
                scenario_version_id=pinned.scenario_version_id,
                seed=pinned.seed,
            )
        )
    for reviewer in source.reviewers:
        if reviewer.user_id != hr.id:
            db.add(RoundReviewer(round_id=copy.id, user_id=reviewer.user_id))
    if source.owner_id != hr.id:
        db.add(RoundReviewer(round_id=copy.id, user_id=source.owner_id))
    db.flush()
    audit(db, staff_label(hr), "copy_round", round_id=copy.id, source=source.id)
    return copy


def update_round(
    db: Session, hr: Viewer, round_id: int, request: RoundRequest
) -> AssessmentRound:
    """Change a round nobody has started; a started round is refused."""
    round_ = visible_round(db, hr, round_id)
    if round_.owner_id != hr.id:
        raise Refused(
            Kind.FORBIDDEN, "forbidden", "Only the round's owner can change it."
        )
    if round_.locked_at is not None:
        raise Refused(
            Kind.CONFLICT,
            "round_started",
            "A candidate has started this round, so it can no longer change: "
            "every candidate must face the same assessment. Make a copy and "
            "change the copy.",
        )
    problems = _round_problems(db, request, utc_now())
    reviewers = _reviewers(db, request.reviewers, problems)
    if problems:
        raise Refused.itemising(Kind.INVALID, "invalid_round", problems)
    round_.title = request.title
    round_.language = request.language
    round_.time_limit_minutes = request.time_limit_minutes
    round_.opens_at, round_.closes_at = request.opens_at, request.closes_at
    round_.pass_mark = request.pass_mark
    round_.second_review = request.second_review
    round_.retention_days = request.retention_days
    round_.contact = request.contact
    round_.demographic_questions = self_declaration.check_questions(
        request.demographic_questions
    )
    round_.reviewers = [
        RoundReviewer(round_id=round_.id, user_id=u.id)
        for u in reviewers
        if u.id != hr.id
    ]
    pinned = [s.scenario_version.scenario_id for s in round_.scenarios]
    if list(request.scenario_ids) != pinned:
        round_.scenarios = []
        db.flush()
        for position, scenario_id in enumerate(request.scenario_ids):
            scenario = scenario_store.published_scenario(db, scenario_id)
            assert scenario is not None
            version = repository.record_scenario_version(db=db, scenario=scenario)
            round_.scenarios.append(
                RoundScenario(
                    position=position,
                    scenario_version_id=version.id,
                    seed=secrets.randbelow(2**31),
                )
            )
    db.flush()
    audit(db, staff_label(hr), "update_round", round_id=round_.id)
    return round_


def visible_round(db: Session, user: Viewer, round_id: int) -> AssessmentRound:
    """The round if ``user`` is HR and owns or reviews it; else 404."""
    round_ = db.get(AssessmentRound, round_id)
    if round_ is None or user.role != "hr" or not _involved(round_, user.id):
        raise Refused(Kind.NOT_FOUND, "unknown_round", "There is no such round.")
    return round_


def rounds_of(db: Session, user: Viewer) -> list[AssessmentRound]:
    if user.role != "hr":
        return []
    reviewing = select(RoundReviewer.round_id).where(RoundReviewer.user_id == user.id)
    return list(
        db.scalars(
            select(AssessmentRound)
            .where(
                (AssessmentRound.owner_id == user.id)
                | AssessmentRound.id.in_(reviewing)
            )
            .order_by(AssessmentRound.created_at.desc())
        )
    )


def round_view(db: Session, round_: AssessmentRound) -> dict[str, Any]:
    counts = dict(
        db.execute(
            select(Candidate.consent, func.count(Candidate.id))
            .where(Candidate.round_id == round_.id)
            .group_by(Candidate.consent)
        ).all()
    )
    owner = db.get(AppUser, round_.owner_id)
    return {
        "id": round_.id,
        "title": round_.title,
        "owner": owner.username if owner else None,
        "language": round_.language,
        "time_limit_minutes": round_.time_limit_minutes,
        "opens_at": round_.opens_at.isoformat(),
        "closes_at": round_.closes_at.isoformat(),
        "pass_mark": round_.pass_mark,
        "second_review": bool(round_.second_review),
        "retention_days": round_.retention_days,
        "contact": round_.contact,
        "demographic_questions": list(
            self_declaration.questions_of(round_.demographic_questions)
        ),
        "locked": round_.locked_at is not None,
        "scenarios": [
            {
                "id": pinned.id,
                "scenario_id": pinned.scenario_version.scenario_id,
                "title": pinned.scenario_version.title,
                "version": pinned.scenario_version.content_hash,
                "seed": pinned.seed,
            }
            for pinned in round_.scenarios
        ],
        "reviewers": [r.user.username for r in round_.reviewers],
        "candidates": {
            "invited": sum(counts.values()),
            "consented": counts.get("given", 0),
            "declined": counts.get("declined", 0),
        },
    }


# --- candidates -------------------------------------------------------------------


@dataclass(frozen=True)
class Invitation:
    candidate: Candidate
    token: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.candidate.id,
            "pseudonym": self.candidate.pseudonym,
            "name": self.candidate.name,
            "email": self.candidate.email,
            "link": f"/assess/{self.token}",
            "expires_at": self.candidate.expires_at.isoformat(),
        }


def parse_candidates(text: str) -> list[tuple[int, str, str]]:
    """Rows of a candidates CSV (columns name and email), every problem by line."""
    import csv
    import io

    problems: list[Problem] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        fields = reader.fieldnames or []
    except csv.Error as error:
        raise Refused(
            Kind.INVALID,
            "invalid_candidates",
            "The file is not readable as CSV: {error}",
            [{"line": 1, "column": None, "message": str(error)}],
            error=str(error),
        ) from None
    reader.fieldnames = [(f or "").strip().lower() for f in fields]
    if not {"name", "email"} <= set(reader.fieldnames):
        raise Refused(
            Kind.INVALID,
            "invalid_candidates",
            "The header row must name the columns name and email.",
            [
                {
                    "line": 1,
                    "column": None,
                    "message": localise("missing name or email column"),
                }
            ],
        )
    rows = []
    try:
        for record in reader:
            values = [v for v in record.values() if isinstance(v, str)]
            if not any(v.strip() for v in values):
                continue
            rows.append(
                (
                    reader.line_num,
                    " ".join(str(record.get("name") or "").split()),
                    str(record.get("email") or "").strip(),
                )
            )
    except csv.Error as error:
        raise Refused(
            Kind.INVALID,
            "invalid_candidates",
            "Line {line} is not readable as CSV: {error}",
            [{"line": reader.line_num, "column": None, "message": str(error)}],
            line=reader.line_num,
            error=str(error),
        ) from None
    if len(rows) > MAX_CANDIDATES:
        problems.append(
            Problem(
                {"line": 1, "column": None},
                N_("more than {most} rows"),
                {"most": MAX_CANDIDATES},
            )
        )
    if not rows:
        problems.append(
            Problem({"line": 2, "column": None}, N_("the file lists nobody"))
        )
    if problems:
        raise Refused.itemising(Kind.INVALID, "invalid_candidates", problems)
    return rows


def invite(
    db: Session,
    hr: Viewer,
    round_id: int,
    rows: list[tuple[int, str, str]],
    *,
    now: datetime | None = None,
) -> list[Invitation]:
    """Invite candidates (all or none); each gets a one-time link, shown once."""
    round_ = visible_round(db, hr, round_id)
    if round_.closes_at <= (now or utc_now()):
        raise Refused(
            Kind.CONFLICT, "round_closed", "This round has closed; make a copy."
        )
    taken = {
        email.lower()
        for email in db.scalars(
            select(Candidate.email).where(Candidate.round_id == round_.id)
        )
    }
    problems: list[Problem] = []
    seen: set[str] = set()
    for line, name, email in rows:
        if not name or len(name) > 128:
            problems.append(
                Problem(
                    {"line": line, "column": "name"},
                    N_("a name of 1 to 128 characters"),
                )
            )
        key = email.lower()
        shown = {"email": repr(email)}
        if not EMAIL.match(email) or len(email) > 254:
            problems.append(
                Problem(
                    {"line": line, "column": "email"},
                    N_("{email} is not an email address"),
                    shown,
                )
            )
        elif key in seen:
            problems.append(
                Problem(
                    {"line": line, "column": "email"},
                    N_("{email} is listed twice"),
                    shown,
                )
            )
        elif key in taken:
            problems.append(
                Problem(
                    {"line": line, "column": "email"},
                    N_("{email} is already invited to this round"),
                    shown,
                )
            )
        seen.add(key)
    if problems:
        errors = [problem.to_dict() for problem in problems]
        if len(problems) == 1:
            raise Refused(
                Kind.INVALID,
                "invalid_candidates",
                "1 problem; nobody was invited. Fix them and try again.",
                errors,
            )
        raise Refused(
            Kind.INVALID,
            "invalid_candidates",
            "{count} problems; nobody was invited. Fix them and try again.",
            errors,
            count=len(problems),
        )
    made = []
    for _line, name, email in rows:
        token = secrets.token_urlsafe(32)
        candidate = Candidate(
            round_id=round_.id,
            pseudonym=f"C-{uuid.uuid4().hex[:10]}",
            name=name,
            email=email,
            token_hash=_digest(token),
            expires_at=round_.closes_at,
            consent="pending",
            attempts_allowed=1,
        )
        db.add(candidate)
        db.flush()
        made.append(Invitation(candidate, token))
        audit(
            db,
            staff_label(hr),
            "invite",
            round_id=round_.id,
            subject=candidate.pseudonym,
        )
    return made


def candidate_for_link(
    db: Session, token: str, *, now: datetime | None = None
) -> Candidate:
    """The candidate a link belongs to, or a clear refusal: 404 for a link
    that does not exist, 410 for one that expired or whose round closed."""
    candidate = _by_link(db, token)
    if candidate is None:
        raise _unknown_link()
    moment = now or utc_now()
    if candidate.expires_at <= moment or candidate.round.closes_at <= moment:
        # Translators: said in English and French (a candidate may not have
        # chosen a language); {contact} is HR's email address or phone number.
        raise Refused(
            Kind.GONE,
            "link_expired",
            "This assessment link has expired. If you think this is a mistake, "
            "contact {contact}. / Ce lien d'évaluation a expiré. "
            "S'il s'agit d'une erreur, communiquez avec {contact}.",
            contact=candidate.round.contact,
        )
    return candidate


def grant_attempt(db: Session, hr: Viewer, candidate_id: int) -> Candidate:
    """Allow one more attempt (another device, or a new start after a
    problem): the candidate's current logins end."""
    candidate = visible_candidate(db, hr, candidate_id)
    candidate.attempts_allowed += 1
    if candidate.user is not None:
        repository.revoke_user_tokens(db=db, user=candidate.user)
    db.flush()
    audit(
        db,
        staff_label(hr),
        "grant_attempt",
        round_id=candidate.round_id,
        subject=candidate.pseudonym,
    )
    return candidate


def visible_candidate(db: Session, hr: Viewer, candidate_id: int) -> Candidate:
    candidate = db.get(Candidate, candidate_id)
    if candidate is None:
        raise Refused(
            Kind.NOT_FOUND, "unknown_candidate", "There is no such candidate."
        )
    visible_round(db, hr, candidate.round_id)
    return candidate


def consent(
    db: Session, candidate: Candidate, *, given: bool, now: datetime | None = None
) -> str | None:
    """Record the candidate's answer; on consent, a login for this device.

    Nothing of the assessment is recorded before consent. Declining is
    recorded as such, and the link then offers nothing more.
    """
    if candidate.consent == "declined":
        raise Refused(
            Kind.CONFLICT,
            "consent_declined",
            "You declined this assessment. Contact "
            "{contact} if you want to take it after all.",
            contact=candidate.round.contact,
        )
    moment = now or utc_now()
    if not given:
        candidate.consent, candidate.consent_at = "declined", moment
        audit(
            db,
            "candidate",
            "decline",
            round_id=candidate.round_id,
            subject=candidate.pseudonym,
        )
        return None
    if candidate.consent == "given" and (
        _used_up(db, candidate) or _bound_elsewhere(db, candidate)
    ):
        # Translators: said in English and French (a candidate may not have
        # chosen a language); {contact} is HR's email address or phone number.
        raise Refused(
            Kind.CONFLICT,
            "link_in_use",
            "This assessment has already been started with this link on another "
            "device; it stays there. To continue here, or for a second attempt, "
            "ask HR: {contact}. / Cette évaluation a déjà été "
            "commencée avec ce lien sur un autre appareil ; pour continuer ici, "
            "communiquez avec : {contact}.",
            contact=candidate.round.contact,
        )
    user = candidate.user or _account_for(db, candidate)
    candidate.user_id = user.id
    candidate.consent, candidate.consent_at = "given", moment
    repository.revoke_user_tokens(db=db, user=user)  # one device at a time
    token = repository.issue_token(db=db, user=user, now=moment)
    audit(
        db,
        "candidate",
        "consent",
        round_id=candidate.round_id,
        subject=candidate.pseudonym,
    )
    return token


def attempts_used(db: Session, candidate: Candidate) -> int:
    if candidate.user_id is None:
        return 0
    return int(
        db.scalar(
            select(func.count(PracticeSession.id)).where(
                PracticeSession.learner_id == candidate.user_id,
                PracticeSession.round_scenario_id.is_not(None),
            )
        )
        or 0
    )


def candidate_of_user(db: Session, user_id: int) -> Candidate | None:
    return db.scalar(select(Candidate).where(Candidate.user_id == user_id))


def next_conversation(
    db: Session, candidate: Candidate, *, now: datetime | None = None
) -> RoundScenario:
    """The pinned scenario the candidate may start now, or a refusal."""
    round_ = candidate.round
    moment = now or utc_now()
    if candidate.consent != "given":
        raise Refused(
            Kind.FORBIDDEN, "consent_required", "Read the notice and agree first."
        )
    if moment < round_.opens_at:
        raise Refused(
            Kind.CONFLICT,
            "round_not_open",
            "This assessment opens on {opens_at} UTC.",
            opens_at=f"{round_.opens_at:%Y-%m-%d %H:%M}",
        )
    if moment >= round_.closes_at:
        raise Refused(Kind.GONE, "link_expired", "This assessment has closed.")
    done = {
        s.round_scenario_id
        for s in db.scalars(
            select(PracticeSession).where(
                PracticeSession.learner_id == candidate.user_id
            )
        )
    }
    if attempts_used(db, candidate) >= candidate.attempts_allowed * len(
        round_.scenarios
    ):
        raise Refused(
            Kind.CONFLICT,
            "no_attempts_left",
            "You have taken this assessment. A second attempt needs HR's "
            "agreement: contact {contact}.",
            contact=round_.contact,
        )
    for pinned in round_.scenarios:
        if pinned.id not in done:
            return pinned
    return round_.scenarios[0]


def lock(db: Session, round_: AssessmentRound, *, now: datetime | None = None) -> None:
    if round_.locked_at is None:
        round_.locked_at = now or utc_now()
        db.flush()


def deadline_of(session: PracticeSession) -> datetime | None:
    """When an assessment conversation's time is up (None for practice)."""
    pinned = session.round_scenario
    if pinned is None:
        return None
    return session.started_at + timedelta(minutes=pinned.round.time_limit_minutes)


def _round_problems(db: Session, request: RoundRequest, now: datetime) -> list[Problem]:
    problems: list[Problem] = []

    def problem(field: str, message: str, **values: object) -> None:
        """``message``: an English message id, marked with ``N_``."""
        problems.append(Problem({"field": field}, message, values))

    if not request.title.strip() or len(request.title) > 200:
        problem("title", N_("A round needs a title of 1 to 200 characters."))
    if not 1 <= len(request.scenario_ids) <= 5:
        problem("scenario_ids", N_("Choose 1 to 5 scenarios."))
    for scenario_id in request.scenario_ids:
        scenario = scenario_store.published_scenario(db, scenario_id)
        if scenario is None:
            problem(
                "scenario_ids",
                N_("There is no published scenario {scenario}."),
                scenario=repr(scenario_id),
            )
        elif not scenario.locale.lower().startswith(request.language):
            problem(
                "scenario_ids",
                N_(
                    "{title} is written in {locale}; a round in {language} needs "
                    "scenarios in that language, so every candidate is met and "
                    "judged in the language of the round."
                ),
                title=repr(scenario.title),
                locale=scenario.locale,
                language=request.language,
            )
    if request.language not in LANGUAGES:
        problem("language", N_("The language is en (English) or fr (French)."))
    if not 3 <= request.time_limit_minutes <= 90:
        problem("time_limit_minutes", N_("The time limit is 3 to 90 minutes."))
    if request.closes_at <= request.opens_at:
        problem("closes_at", N_("The round must close after it opens."))
    if request.closes_at <= now:
        problem("closes_at", N_("The closing date must be in the future."))
    if not 0 <= request.pass_mark <= 100:
        problem("pass_mark", N_("The pass mark is 0 to 100."))
    if not 30 <= request.retention_days <= 730:
        problem("retention_days", N_("Keep candidates' data 30 to 730 days."))
    if not request.contact.strip() or len(request.contact) > 200:
        problem(
            "contact",
            N_(
                "Give candidates a contact (an email address or phone number) "
                "for questions, accommodations and requests."
            ),
        )
    return problems


def _reviewers(
    db: Session, usernames: tuple[str, ...], problems: list[Problem]
) -> list[AppUser]:
    found = []
    for username in dict.fromkeys(usernames):
        user = repository.get_user(db=db, username=username)
        if user is None or user.role != "hr" or not user.is_active:
            problems.append(
                Problem(
                    {"field": "reviewers"},
                    N_("{username} is not an active HR user."),
                    {"username": repr(username)},
                )
            )
        else:
            found.append(user)
    return found


def _involved(round_: AssessmentRound, user_id: int) -> bool:
    return round_.owner_id == user_id or any(
        r.user_id == user_id for r in round_.reviewers
    )


def _bound_elsewhere(db: Session, candidate: Candidate) -> bool:
    """True while another device holds a live login for a started assessment
    (HR allowing another attempt ends that login)."""
    if candidate.user_id is None or attempts_used(db, candidate) == 0:
        return False
    return repository.has_live_token(db=db, user_id=candidate.user_id)


def close_overdue(db: Session, candidate: Candidate) -> int:
    """End the candidate's conversations whose time is up (``time_up``), so
    the next one can start even if no reply arrived after the deadline."""
    if candidate.user_id is None:
        return 0
    moment = utc_now()
    closed = sum(
        end_if_overdue(session, moment)
        for session in db.scalars(
            select(PracticeSession).where(
                PracticeSession.learner_id == candidate.user_id,
                PracticeSession.status == "active",
                PracticeSession.round_scenario_id.is_not(None),
            )
        )
    )
    db.flush()
    return closed


def is_overdue(session: PracticeSession, moment: datetime | None = None) -> bool:
    """True once an assessment conversation's time limit has passed."""
    deadline = deadline_of(session)
    return deadline is not None and (moment or utc_now()) >= deadline


def end_if_overdue(session: PracticeSession, moment: datetime | None = None) -> bool:
    """End an active assessment conversation whose time is up, as ``time_up``
    at its deadline (the one way a conversation runs out of time, whether a
    late reply or the next start notices it)."""
    if session.status != "active" or not is_overdue(session, moment):
        return False
    session.status, session.ended_at = TIME_UP, deadline_of(session)
    return True


def _used_up(db: Session, candidate: Candidate) -> bool:
    return attempts_used(db, candidate) >= candidate.attempts_allowed * len(
        candidate.round.scenarios
    )


def _account_for(db: Session, candidate: Candidate) -> AppUser:
    """The candidate's account: a pseudonym, no usable password, no listing;
    it speaks the round's language (the chat's messages follow it)."""
    user = repository.create_user(
        db=db,
        username=candidate.pseudonym,
        display_name="Candidate",
        role=CANDIDATE,
        password=secrets.token_urlsafe(32),
        cost=TEST_COST,  # never used to sign in: candidates cannot log in
    )
    user.locale = i18n.normalise(candidate.round.language)
    return user


def link_language(db: Session, token: str) -> str | None:
    """The language of the round a candidate's link belongs to (``en`` or
    ``fr``), so that its page reads in it; None for a link that names no
    candidate (the page then says so in the reader's language)."""
    candidate = _by_link(db, token)
    return candidate.round.language if candidate is not None else None


def _by_link(db: Session, token: str) -> Candidate | None:
    """The candidate a link's token names, if any (no check of its dates)."""
    if not token or len(token) > 128:
        return None
    return db.scalar(select(Candidate).where(Candidate.token_hash == _digest(token)))


def _line(line: int, column: str, message: str) -> dict[str, Any]:
    return {"line": line, "column": column, "message": message}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _unknown_link() -> Refused:
    return Refused(
        Kind.NOT_FOUND,
        "unknown_link",
        "This assessment link is not valid. Check that you copied all of it, "
        "or contact the person who sent it. / Ce lien d'évaluation n'est pas "
        "valide. Vérifiez que vous l'avez copié en entier, ou communiquez avec "
        "la personne qui vous l'a envoyé.",
    )
