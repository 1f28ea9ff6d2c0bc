"""People and classes: rosters from CSV, cohorts, and who sees whose practice."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.support.factories import make_user
from trainer_api.storage import people as store
from trainer_api.storage import repository
from trainer_api.storage.passwords import cost_for, verify_password
from trainer_api.usecases import people
from trainer_api.usecases.refusal import Refused

COST = cost_for("test")


@dataclass(frozen=True)
class Who:
    id: int
    role: str


ADMIN = Who(0, "admin")


def problems_of(text: str, db: Session, creator: Who = ADMIN) -> list[dict]:
    with pytest.raises(Refused) as refused:
        people.import_roster(db, creator, people.parse_roster(text), cost=COST)
    assert refused.value.code == "invalid_roster"
    return refused.value.errors


def test_a_clean_roster_creates_everyone_with_one_time_passwords(
    db_sessions: sessionmaker[Session],
) -> None:
    roster = (
        "\ufeffName,Email,Role,Cohort\n"
        "Sam Rivera,sam@example.com,learner,Spring intake\n"
        "Jo Chen,jo@example.com,,Spring intake;Night shift\n"
        "\n"
        "Lee Park,lee.park,trainer,Spring intake\n"
    )
    with db_sessions.begin() as db:
        created = people.import_roster(
            db, ADMIN, people.parse_roster(roster), cost=COST
        )
    assert [(a.username, a.role) for a in created] == [
        ("sam@example.com", "learner"),
        ("jo@example.com", "learner"),
        ("lee.park", "trainer"),
    ]
    with db_sessions() as db:
        sam = repository.get_user(db=db, username="sam@example.com")
        assert sam is not None and sam.must_change_password
        assert verify_password(created[0].temporary_password, sam.password_hash)
        cohorts = {c.name: c for c in store.list_cohorts(db=db)}
        spring = store.members(db=db, cohort_id=cohorts["Spring intake"].id)
        assert {u.username for u in spring} == {
            "sam@example.com",
            "jo@example.com",
            "lee.park",
        }
        night = store.members(db=db, cohort_id=cohorts["Night shift"].id)
        assert [u.username for u in night] == ["jo@example.com"]


def test_every_bad_line_is_reported_and_nothing_is_imported(
    db_sessions: sessionmaker[Session],
) -> None:
    with db_sessions.begin() as db:
        make_user(db, username="taken")
    roster = (
        "name,username,role,cohort\n"
        "Good One,good.one,learner,A\n"
        "Bad Role,bad.role,boss,A\n"
        "Twice,twice,learner,A\n"
        "Twice Again,TWICE,learner,A\n"
        ",no.name,learner,A\n"
        "Taken,taken,learner,A\n"
        "Spaces,has space,learner,A\n"
    )
    with db_sessions.begin() as db:
        found = problems_of(roster, db)
    assert [(p["line"], p["column"]) for p in found] == [
        (3, "role"),
        (5, "username"),
        (6, "name"),
        (7, "username"),
        (8, "username"),
    ]
    assert "boss" in found[0]["message"] and "learner" in found[0]["message"]
    assert "twice" in found[1]["message"]
    with db_sessions() as db:
        assert repository.get_user(db=db, username="good.one") is None
        assert store.list_cohorts(db=db) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("username,role\nx,learner\n", "missing: name"),
        ("name,username\n", "lists nobody"),
        ("name,username\n,\n", "lists nobody"),
    ],
)
def test_a_roster_without_its_columns_or_rows_is_refused(
    text: str, message: str
) -> None:
    with pytest.raises(Refused) as refused:
        people.parse_roster(text)
    assert message in refused.value.errors[0]["message"]


def test_a_trainer_imports_learners_into_a_cohort_they_then_coach(
    db_sessions: sessionmaker[Session],
) -> None:
    with db_sessions.begin() as db:
        coach = Who(make_user(db, role="trainer").id, "trainer")
        rival = make_user(db, role="trainer")
        theirs = store.create_cohort(db=db, name="Theirs")
        store.add_member(db=db, cohort=theirs, user=rival)
    with db_sessions.begin() as db:
        found = problems_of(
            "name,username,role,cohort\n"
            "A Boss,a.boss,admin,Mine\n"
            "B,b.b,learner,Theirs\n",
            db,
            coach,
        )
    assert [(p["line"], p["column"]) for p in found] == [(2, "role"), (3, "cohort")]
    with db_sessions.begin() as db:
        people.import_roster(
            db,
            coach,
            people.parse_roster("name,username,cohort\nAna,ana,Mine\n"),
            cost=COST,
        )
    with db_sessions() as db:
        ana = repository.get_user(db=db, username="ana")
        assert ana is not None
        assert people.can_view_learner(db, coach, ana.id)
        assert not people.can_view_learner(db, Who(rival.id, "trainer"), ana.id)


def test_who_sees_whose_practice(db_sessions: sessionmaker[Session]) -> None:
    with db_sessions.begin() as db:
        learner, other = make_user(db), make_user(db)
        coach, stranger = make_user(db, role="trainer"), make_user(db, role="trainer")
        granted, hr = make_user(db, role="hr"), make_user(db, role="hr")
        admin = make_user(db, role="admin")
        cohort = store.create_cohort(db=db, name="Class")
        for member in (learner, coach, granted):
            store.add_member(db=db, cohort=cohort, user=member)
        ids = {
            name: Who(u.id, u.role)
            for name, u in {
                "learner": learner,
                "other": other,
                "coach": coach,
                "stranger": stranger,
                "granted": granted,
                "hr": hr,
                "admin": admin,
            }.items()
        }
        learner_id = learner.id
    with db_sessions() as db:
        seen = {
            name: people.can_view_learner(db, who, learner_id)
            for name, who in ids.items()
        }
    assert seen == {
        "learner": True,
        "other": False,
        "coach": True,
        "stranger": False,
        "granted": True,
        "hr": False,
        "admin": False,
    }


def test_a_password_change_checks_the_current_one_and_the_rules(
    db_sessions: sessionmaker[Session],
) -> None:
    with db_sessions.begin() as db:
        user = make_user(db)
        temporary = people.reset_to_temporary(db, user, cost=COST)
        assert user.must_change_password
        for current, new, code in (
            ("wrong-password", "a long new password", "wrong_password"),
            (temporary, "short", "weak_password"),
            (temporary, temporary, "weak_password"),
        ):
            with pytest.raises(Refused) as refused:
                people.change_own_password(
                    db, user, current=current, new=new, cost=COST
                )
            assert refused.value.code == code
        people.change_own_password(
            db, user, current=temporary, new="a long new password", cost=COST
        )
        assert not user.must_change_password
        assert verify_password("a long new password", user.password_hash)


def test_a_file_that_is_not_csv_is_refused_clearly() -> None:
    with pytest.raises(Refused) as refused:
        people.parse_roster("\rÊÁ\x1d\U000e57e5æÏ")
    assert refused.value.code == "invalid_roster"
