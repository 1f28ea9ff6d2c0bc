"""The practice use cases without Rasa: start, reply, resend, resume, nudge,
endings and refusals, against a customer built on the simulation core and a
real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session, sessionmaker

from tests.support.factories import make_user
from trainer_api.storage import repository
from trainer_api.usecases.practice import PracticeService
from trainer_api.usecases.refusal import Kind, Refused

WARM = (
    "I'm so sorry, that's our mistake. I understand how stressful this must be. "
    "I've booked you on the 18:40 and I've sent the boarding pass."
)
RUDE = "Calm down. It's company policy, you should have checked the app."


class Pushed:
    """What the use case pushed to the learner's browser, in order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    async def __call__(self, event: str, payload: dict[str, Any]) -> None:
        self.events.append((event, payload))

    def turns(self) -> list[dict[str, Any]]:
        return [p["turn"] for e, p in self.events if e == "turn"]


@pytest.fixture
def learner_id(db_sessions: sessionmaker[Session]) -> int:
    with db_sessions.begin() as db:
        return make_user(db).id


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def start(practice: PracticeService, learner_id: int) -> dict[str, Any]:
    return run(practice.start(user_id=learner_id, scenario_id="flight_delay"))


def reply(
    practice: PracticeService, learner_id: int, session_id: str, text: str, mid: str
) -> Pushed:
    pushed = Pushed()
    run(
        practice.reply(
            user_id=learner_id,
            session_id=session_id,
            message_id=mid,
            text=text,
            emit=pushed,
        )
    )
    return pushed


def stored_turns(db_sessions: sessionmaker[Session], session_id: str) -> list[Any]:
    with db_sessions() as db:
        session = repository.get_session(db=db, session_id=session_id)
        assert session is not None
        return [(t.speaker, t.text) for t in session.turns]


def test_a_session_opens_with_the_customers_first_message(practice, learner_id):
    view = start(practice, learner_id)
    assert view["session"]["status"] == "active"
    assert [t["speaker"] for t in view["turns"]] == ["customer"]
    assert view["turns"][0]["text"]


def test_a_reply_is_scored_stored_and_answered(practice, learner_id, db_sessions):
    session_id = start(practice, learner_id)["session"]["id"]
    pushed = reply(practice, learner_id, session_id, WARM, "m1")
    learner, customer = pushed.turns()
    assert learner["speaker"] == "learner" and learner["text"] == WARM
    assert learner["score"]["score"] >= 60
    assert customer["speaker"] == "customer" and customer["text"]
    assert [e for e, _ in pushed.events] == ["turn", "turn", "session"]
    speakers = [s for s, _ in stored_turns(db_sessions, session_id)]
    assert speakers == ["customer", "learner", "customer"]


def test_a_resent_reply_is_stored_and_answered_once(
    practice, learner_id, db_sessions, customer
):
    session_id = start(practice, learner_id)["session"]["id"]
    reply(practice, learner_id, session_id, WARM, "same-id")
    again = reply(practice, learner_id, session_id, WARM, "same-id")
    assert again.events == []
    assert len(stored_turns(db_sessions, session_id)) == 3
    assert [c for c, _ in customer.calls].count("send") == 1


def test_a_reply_the_customer_did_not_answer_is_kept_and_answered_on_resend(
    practice, learner_id, db_sessions, customer
):
    session_id = start(practice, learner_id)["session"]["id"]
    customer.unavailable = True
    with pytest.raises(Refused) as refused:
        reply(practice, learner_id, session_id, WARM, "m1")
    assert refused.value.kind is Kind.UNAVAILABLE
    assert [s for s, _ in stored_turns(db_sessions, session_id)][-1] == "learner"
    customer.unavailable = False
    pushed = reply(practice, learner_id, session_id, WARM, "m1")
    assert [t["speaker"] for t in pushed.turns()] == ["customer"]
    assert len(stored_turns(db_sessions, session_id)) == 3


def test_a_failed_reply_followed_by_another_is_heard_first(
    practice, learner_id, db_sessions, customer
):
    """The bot was down for the first reply; the learner wrote something else
    instead of sending it again. The customer answers both, in order."""
    session_id = start(practice, learner_id)["session"]["id"]
    customer.unavailable = True
    with pytest.raises(Refused):
        reply(practice, learner_id, session_id, WARM, "m1")
    customer.unavailable = False
    later = "Can you tell me your booking reference?"
    pushed = reply(practice, learner_id, session_id, later, "m2")
    assert [t["speaker"] for t in pushed.turns()] == [
        "customer",
        "learner",
        "customer",
    ]
    stored = stored_turns(db_sessions, session_id)
    assert [speaker for speaker, _ in stored] == [
        "customer",
        "learner",
        "customer",
        "learner",
        "customer",
    ]
    assert [text for speaker, text in stored if speaker == "learner"] == [WARM, later]


def test_a_resend_the_customer_had_answered_is_not_answered_twice(
    practice, learner_id, db_sessions, customer
):
    """The answer was lost on the way back: sent again under the same id, the
    customer's state moves once (the bot and this customer both dedupe)."""
    session_id = start(practice, learner_id)["session"]["id"]
    first = reply(practice, learner_id, session_id, WARM, "m1")
    state = customer._conversation(session_id).state
    # the stored customer turn is lost, as if trainer_api timed out
    with db_sessions.begin() as db:
        db.delete(repository.get_session(db=db, session_id=session_id).turns[-1])
    again = reply(practice, learner_id, session_id, WARM, "m1")
    assert customer._conversation(session_id).state == state
    assert again.turns()[-1]["text"] == first.turns()[-1]["text"]


def test_resume_returns_the_whole_transcript(practice, learner_id):
    session_id = start(practice, learner_id)["session"]["id"]
    reply(practice, learner_id, session_id, WARM, "m1")
    view = run(practice.resume(user_id=learner_id, session_id=session_id))
    assert [t["speaker"] for t in view["turns"]] == ["customer", "learner", "customer"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty_reply"),
        ("   \n\t", "empty_reply"),
        (None, "empty_reply"),
        ("x" * 1001, "reply_too_long"),
        ("bad\x00text", "bad_text"),
        ("\ud800 lone surrogate", "bad_text"),
    ],
)
def test_bad_replies_are_refused_and_change_nothing(
    practice, learner_id, db_sessions, text, code
):
    session_id = start(practice, learner_id)["session"]["id"]
    with pytest.raises(Refused) as refused:
        reply(practice, learner_id, session_id, text, "m1")
    assert (refused.value.kind, refused.value.code) == (Kind.INVALID, code)
    assert len(stored_turns(db_sessions, session_id)) == 1


def test_another_learners_session_is_not_found(practice, learner_id, db_sessions):
    session_id = start(practice, learner_id)["session"]["id"]
    with db_sessions.begin() as db:
        stranger = make_user(db).id
    with pytest.raises(Refused) as refused:
        reply(practice, stranger, session_id, WARM, "m1")
    assert refused.value.kind is Kind.NOT_FOUND
    with pytest.raises(Refused):
        run(practice.resume(user_id=stranger, session_id=session_id))


def test_an_unknown_scenario_is_refused(practice, learner_id):
    with pytest.raises(Refused) as refused:
        run(practice.start(user_id=learner_id, scenario_id="no_such_scenario"))
    assert refused.value.kind is Kind.NOT_FOUND


def test_rudeness_ends_the_conversation_and_later_replies_are_refused(
    practice, learner_id
):
    session_id = start(practice, learner_id)["session"]["id"]
    status = "active"
    for number in range(8):
        pushed = reply(
            practice, learner_id, session_id, f"{RUDE} ({number})", f"r{number}"
        )
        status = pushed.events[-1][1]["session"]["status"]
        if status != "active":
            break
    assert status in {"escalated", "abandoned"}
    with pytest.raises(Refused) as refused:
        reply(practice, learner_id, session_id, WARM, "after-end")
    assert refused.value.code == "session_ended"


def test_a_quiet_learner_is_nudged_at_most_twice(practice, learner_id):
    session_id = start(practice, learner_id)["session"]["id"]
    for _ in range(2):
        pushed = Pushed()
        run(practice.nudge(user_id=learner_id, session_id=session_id, emit=pushed))
        assert pushed.turns()[0]["speaker"] == "customer"
    with pytest.raises(Refused) as refused:
        run(practice.nudge(user_id=learner_id, session_id=session_id, emit=Pushed()))
    assert refused.value.code == "nudge_limit"


def test_the_session_says_which_needs_are_still_open(practice, learner_id):
    view = start(practice, learner_id)["session"]
    needs = view["needs"]
    assert [n["id"] for n in needs] == [
        "acknowledged",
        "owned",
        "informed",
        "rebooked",
        "next_steps",
    ]
    assert not any(n["met"] for n in needs)
    assert all(n["label"] and "{" not in n["label"] for n in needs)
    pushed = reply(practice, learner_id, view["id"], WARM, "m1")
    session = [p["session"] for e, p in pushed.events if e == "session"][-1]
    met = {n["id"] for n in session["needs"] if n["met"]}
    assert met and met <= {n["id"] for n in needs}


def test_what_a_turn_pushes_equals_what_a_full_reading_of_the_session_shows(
    practice, learner_id, db_sessions
):
    """A reply reads the session without its turns (plain rows instead): the
    session it pushes and the score its reply gets are those of a reading of
    the whole session, turn after turn."""
    session_id = start(practice, learner_id)["session"]["id"]
    replies = [WARM, "Let me check that for you.", "Is there anything else?"]
    for number, text in enumerate(replies):
        pushed = reply(practice, learner_id, session_id, text, f"m{number}")
        session = [p["session"] for e, p in pushed.events if e == "session"][-1]
        view = run(practice.resume(user_id=learner_id, session_id=session_id))
        assert session == view["session"]
        assert pushed.turns() == view["turns"][-2:]


def test_a_turns_rows_are_its_stored_turns(practice, learner_id, db_sessions):
    session_id = start(practice, learner_id)["session"]["id"]
    reply(practice, learner_id, session_id, WARM, "m1")
    reply(practice, learner_id, session_id, "Let me look into it.", "m2")
    with db_sessions() as db:
        session = repository.get_session(db=db, session_id=session_id)
        assert session is not None
        rows = repository.turn_rows(db=db, session=session)
        assert rows == [repository.TurnRow.of(turn) for turn in session.turns]
        assert [r.speaker for r in rows] == ["customer", "learner"] * 2 + ["customer"]
        assert rows[1].score is not None and rows[1].score.dimensions
        assert rows[0].score is None and rows[0].stage == session.turns[0].stage


def test_a_session_read_without_its_turns_refuses_to_read_them(
    practice, learner_id, db_sessions
):
    """Reading ``turns`` of a session loaded without them raises, rather
    than quietly loading every turn (or none)."""
    session_id = start(practice, learner_id)["session"]["id"]
    with db_sessions() as db:
        session = repository.get_session(db=db, session_id=session_id, with_turns=False)
        assert session is not None
        with pytest.raises(InvalidRequestError):
            _ = session.turns
