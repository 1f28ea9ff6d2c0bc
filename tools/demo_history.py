"""The demo cohort's practice history, so the dashboards of ``make run`` are
not empty: several learners, a few weeks of sessions, two assignments and a
trainer's comments.

Each session is played for real: every reply is scored by the product's
scorer in the conversation's context, and the customer answers through the
simulation core, hearing the reply through its score (as the bot does for a
reply its NLU cannot read) plus, for a reply written as a strong answer to
the stage, the moves that stage asks for (what the bot's NLU would hear; the
score alone misses an explanation, for one). Only the clock is moved back.
Replies come from ``data/demo/replies.yml`` (strong, middling and weak lines
per stage); a learner's chance of a strong reply grows week by week.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from trainer_api.provisioning import DEMO_COHORT
from trainer_api.scoring import score_reply
from trainer_api.settings import PROJECT_ROOT, Settings
from trainer_api.simulation import (
    UNCLEAR,
    Scenario,
    is_repeat,
    moves_of_score,
    open_conversation,
    respond,
)
from trainer_api.storage import coaching, people, repository
from trainer_api.storage import scenarios as scenario_store
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.models import (
    AppUser,
    Assignment,
    PracticeSession,
    SessionComment,
    utc_now,
)
from trainer_api.storage.passwords import cost_for
from trainer_api.usecases import records
from trainer_api.usecases.practice import scoring_context

REPLIES = PROJECT_ROOT / "data" / "demo" / "replies.yml"
DEMO_LEARNERS = (
    # username, name, starting skill, weekly gain
    ("maya", "Maya Okafor", 0.55, 0.08),
    ("omar", "Omar Haddad", 0.25, 0.15),
    ("chloe", "Chloé Martin", 0.70, 0.03),
    ("dev", "Dev Patel", 0.35, 0.02),
    ("ines", "Inès Dubois", 0.15, 0.12),
)
DEMO_LEARNER_PASSWORD = "learner-demo"
WEEKS = 4
MAX_REPLIES = 9
ASSIGNED = ("flight_delay", "double_charge")


@dataclass(frozen=True)
class Pace:
    """One simulated learner: how likely a strong reply is, week by week."""

    skill: float
    gain: float

    def chances(self, week: int) -> tuple[float, float]:
        """(strong, weak) probabilities in ``week`` (0 = the first week)."""
        strong = min(0.9, self.skill + self.gain * week)
        weak = max(0.05, (1 - strong) * 0.55)
        return strong, weak


def load_replies(path: Path = REPLIES) -> dict[str, dict[str, dict[str, list[str]]]]:
    """scenario id -> need id -> quality (strong, middling, weak) -> replies."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["scenarios"]


def play(
    db: Session,
    *,
    learner: AppUser,
    scenario: Scenario,
    choose: Any,
    seed: int,
    started_at: datetime,
    assignment_id: int | None = None,
    rng: random.Random,
    base_url: str = Settings().public_url,
    round_scenario_id: int | None = None,
) -> PracticeSession:
    """Play one session until the customer ends the call or MAX_REPLIES replies;
    timestamps start at ``started_at``.

    ``choose(stage)`` gives each reply as (text, moves it is written to make
    beyond what its score shows).
    """
    version = repository.record_scenario_version(db=db, scenario=scenario)
    opening = open_conversation(scenario, seed)
    session = repository.create_session(
        db=db,
        session_id=str(uuid.uuid4()),
        learner=learner,
        version=version,
        seed=seed,
        opening=opening,
    )
    session.started_at = started_at
    session.assignment_id = assignment_id
    session.round_scenario_id = round_scenario_id
    session.turns[0].created_at = started_at
    clock, state, stage = started_at, opening.state, opening.stage
    said: list[str] = [opening.line]
    replies: list[str] = []
    for number in range(MAX_REPLIES):
        text, meant = choose(stage)
        context = scoring_context(session)
        score = score_reply(text, customer_message=said[-1], context=context)
        clock += timedelta(seconds=rng.randint(25, 110))
        turn = repository.add_learner_turn(
            db=db, session=session, text=text, message_id=f"demo-{number}", score=score
        )
        turn.created_at = clock
        heard = moves_of_score(score.dimensions, score.penalties)
        moves = tuple(dict.fromkeys(m for m in (*heard, *meant) if m != UNCLEAR))
        moves = moves or heard
        answer = respond(
            scenario,
            state,
            moves,
            empathy_score=score.score,
            seed=seed,
            repeated=is_repeat(text, replies),
            said=said,
            penalised=bool(score.penalties),
        )
        clock += timedelta(seconds=rng.randint(3, 9))
        customer = repository.add_customer_turn(
            db=db, session=session, customer=answer, moves=list(moves)
        )
        customer.created_at = clock
        replies.append(text)
        said.append(answer.line)
        state, stage = answer.state, answer.stage
        db.flush()
        if state.ended:
            session.ended_at = clock
            db.flush()
            records.record_session(db, session, base_url)
            break
    db.flush()
    return session


def seed_demo_history(settings: Settings, *, now: datetime | None = None) -> int:
    """Give the demo cohort its history (once); the number of sessions made."""
    if settings.is_production:
        raise SystemExit("refusing to create demo data in production")
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine).begin() as db:
            return _seed(db, settings, now or utc_now())
    finally:
        engine.dispose()


def _seed(db: Session, settings: Settings, now: datetime) -> int:
    cohort = people.cohorts_by_name(db=db, names=[DEMO_COHORT]).get(DEMO_COHORT)
    trainer = repository.get_user(db=db, username="trainer")
    if cohort is None or trainer is None or _has_history(db, cohort.id):
        return 0
    learners = _demo_learners(db, settings, cohort)
    library = {s.id: s for s in (e.scenario for e in scenario_store.published(db))}
    replies = load_replies()
    playable = sorted(s for s in replies if s in library)
    rng = random.Random(20261201)
    work = _assignments(db, cohort.id, trainer.id, now)
    made = 0
    for user, pace in learners:
        for week in range(WEEKS):
            for _ in range(rng.randint(1, 3)):
                made += _practise(
                    db,
                    user,
                    pace,
                    week,
                    now,
                    rng,
                    library,
                    replies,
                    playable,
                    work,
                    settings.public_url,
                )
    _comments(db, trainer, learners, rng)
    _demo_round(db, now, rng, replies, library)
    return made


DEMO_CANDIDATES = (
    # name, email, share of strong replies (None: invited, not started yet)
    ("Jordan Lee", "jordan.lee@example.com", 0.8),
    ("Sam Okoro", "sam.okoro@example.com", 0.45),
    ("Riley Chen", "riley.chen@example.com", 0.2),
    ("Alex Moreau", "alex.moreau@example.com", None),
)
# what the finished demo candidates chose to declare (Riley preferred not to)
DEMO_DECLARATIONS: dict[str, dict[str, str | None]] = {
    "Jordan Lee": {"sex": "male", "race_ethnicity": "black"},
    "Sam Okoro": {"sex": "female", "race_ethnicity": "white"},
    "Riley Chen": {"sex": None, "race_ethnicity": None},
}


def _demo_round(
    db: Session,
    now: datetime,
    rng: random.Random,
    replies: dict[str, Any],
    library: dict[str, Scenario],
) -> None:
    """A hiring round owned by the demo HR user: three candidates finished,
    one invited; no decisions yet (those are people's to make)."""
    from trainer_api.usecases import assessments, self_declaration

    hr = repository.get_user(db=db, username="hr")
    if hr is None or "flight_delay" not in library:
        return
    made = assessments.create_round(
        db,
        hr,
        assessments.RoundRequest(
            title="Customer care advisor (demo round)",
            scenario_ids=("flight_delay",),
            language="en",
            time_limit_minutes=15,
            opens_at=now - timedelta(days=5),
            closes_at=now + timedelta(days=9),
            pass_mark=60,
            contact="careers@example.com",
        ),
        now=now,
    )
    invitations = assessments.invite(
        db, hr, made.id, [(i, n, e) for i, (n, e, _) in enumerate(DEMO_CANDIDATES, 2)]
    )
    pinned = made.scenarios[0]
    scenario = library["flight_delay"]
    for invitation, (name, _email, strong) in zip(
        invitations, DEMO_CANDIDATES, strict=True
    ):
        if strong is None:
            continue
        assessments.consent(db, invitation.candidate, given=True)
        user = db.get(AppUser, invitation.candidate.user_id)

        assert user is not None
        session = play(
            db,
            learner=user,
            scenario=scenario,
            choose=_candidate_voice(scenario, replies["flight_delay"], strong, rng),
            seed=pinned.seed,
            started_at=now - timedelta(days=rng.randint(1, 4), hours=rng.randint(1, 6)),
            rng=rng,
            round_scenario_id=pinned.id,
        )
        if session.status == "active":  # the demo candidate ran out of time
            session.status = assessments.TIME_UP
            session.ended_at = session.started_at + timedelta(minutes=15)
        self_declaration.declare(db, invitation.candidate, DEMO_DECLARATIONS[name])
    assessments.lock(db, made, now=now - timedelta(days=4))


def _practise(
    db: Session,
    user: AppUser,
    pace: Pace,
    week: int,
    now: datetime,
    rng: random.Random,
    library: dict[str, Scenario],
    replies: dict[str, Any],
    playable: list[str],
    work: dict[str, Assignment],
    base_url: str,
) -> int:
    started = week_start(now, WEEKS - week) + timedelta(
        days=rng.randint(0, 4), hours=rng.randint(8, 17), minutes=rng.randint(0, 59)
    )
    in_last_week = week == WEEKS - 1
    assigned_now = in_last_week and rng.random() < 0.7
    scenario_id = rng.choice(ASSIGNED if assigned_now else playable)
    assignment = work.get(scenario_id) if in_last_week else None
    if assignment is not None and _attempts(db, assignment, user) >= (
        assignment.attempt_limit or 99
    ):
        assignment = None
    strong, weak = pace.chances(week)
    scenario = library[scenario_id]

    def choose(stage: str | None) -> tuple[str, tuple[str, ...]]:
        by_stage = replies[scenario_id]
        lines = by_stage.get(stage or "") or rng.choice(list(by_stage.values()))
        roll = rng.random()
        quality = "strong" if roll < strong else "middling"
        if strong <= roll < strong + weak:
            quality = "weak"
        need = scenario.need(stage)
        meant = need.met_by[:1] if need is not None and quality == "strong" else ()
        return str(rng.choice(lines[quality])), meant

    play(
        db,
        learner=user,
        scenario=scenario,
        choose=choose,
        seed=rng.randrange(2**31),
        started_at=started,
        assignment_id=assignment.id if assignment else None,
        rng=rng,
        base_url=base_url,
    )
    return 1


def _candidate_voice(
    scenario: Scenario,
    lines_by_stage: dict[str, dict[str, list[str]]],
    strong: float,
    rng: random.Random,
) -> Any:
    def choose(stage: str | None) -> tuple[str, tuple[str, ...]]:
        lines = lines_by_stage.get(stage or "") or rng.choice(
            list(lines_by_stage.values())
        )
        roll = rng.random()
        quality = "strong" if roll < strong else rng.choice(("middling", "weak"))
        need = scenario.need(stage)
        meant = need.met_by[:1] if need is not None and quality == "strong" else ()
        return str(rng.choice(lines[quality])), meant

    return choose


def _has_history(db: Session, cohort_id: int) -> bool:
    """True once the demo learners have practised (the history was made)."""
    names = {username for username, *_ in DEMO_LEARNERS}
    ids = [
        u.id
        for u in people.members(db=db, cohort_id=cohort_id, role="learner")
        if u.username in names
    ]
    return bool(coaching.sessions_of(db=db, learner_ids=ids))


def _demo_learners(
    db: Session, settings: Settings, cohort: Any
) -> list[tuple[AppUser, Pace]]:
    found = []
    main = repository.get_user(db=db, username="learner")
    if main is not None:
        found.append((main, Pace(0.4, 0.1)))
    for username, name, skill, gain in DEMO_LEARNERS:
        user = repository.get_user(db=db, username=username)
        if user is None:
            user = repository.create_user(
                db=db,
                username=username,
                display_name=name,
                role="learner",
                password=DEMO_LEARNER_PASSWORD,
                cost=cost_for(settings.environment),
            )
        people.add_member(db=db, cohort=cohort, user=user)
        found.append((user, Pace(skill, gain)))
    return found


def week_start(now: datetime, weeks_back: int) -> datetime:
    """Midnight on the Monday ``weeks_back`` calendar weeks before ``now``'s.

    Each simulated week falls in one calendar week, whatever day it is, so a
    learner's progress chart has one point per simulated week.
    """
    monday = (now - timedelta(days=now.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return monday - timedelta(weeks=weeks_back)


def _assignments(
    db: Session, cohort_id: int, trainer_id: int, now: datetime
) -> dict[str, Assignment]:
    made = {}
    for days, scenario_id in zip((6, 13), ASSIGNED, strict=True):
        made[scenario_id] = coaching.add_assignment(
            db=db,
            assignment=Assignment(
                scenario_id=scenario_id,
                cohort_id=cohort_id,
                due_at=now + timedelta(days=days),
                attempt_limit=3,
                show_needs=scenario_id == "flight_delay",
                show_tips=True,
                created_by=trainer_id,
                created_at=week_start(now, 1) - timedelta(days=1),
            ),
        )
    return made


def _attempts(db: Session, assignment: Assignment, user: AppUser) -> int:
    return len(
        coaching.attempts(db=db, assignment_ids=[assignment.id], learner_ids=[user.id])
    )


COMMENTS = (
    "Good recovery after a rough start. Next time, name what the delay is "
    "costing the customer before you move to the fix.",
    "Your apology here was sincere; try pairing it with one concrete next step "
    "and a time, so the customer knows what happens now.",
    "Careful with quoting policy: tell the customer what you *can* do first.",
)


def _comments(
    db: Session,
    trainer: AppUser,
    learners: list[tuple[AppUser, Pace]],
    rng: random.Random,
) -> None:
    for (user, _pace), text in zip(learners, COMMENTS, strict=False):
        sessions = coaching.sessions_of(db=db, learner_ids=[user.id])
        if not sessions:
            continue
        session = sessions[-1]
        turns = [t for t in session.turns if t.speaker == "learner"]
        coaching.add_comment(
            db=db,
            comment=SessionComment(
                session_id=session.id,
                turn_id=rng.choice(turns).id if turns and rng.random() < 0.5 else None,
                author_id=trainer.id,
                text=text,
                created_at=(session.ended_at or session.started_at)
                + timedelta(hours=3),
            ),
        )
