"""The account commands of the empathy-trainer CLI, against a real database."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_api.cli import main, seed_demo
from trainer_api.settings import Settings
from trainer_api.storage import repository
from trainer_api.storage.models import AuthToken, LoginFailure, utc_now
from trainer_api.storage.passwords import TEST_COST

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def environment(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI reads its settings from the environment: point it at the test db."""
    monkeypatch.setenv("EMPATHY_ENV", "test")
    monkeypatch.setenv("EMPATHY_DATABASE_URL", settings.database_url)


def run(
    monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = PASSWORD + "\n"
) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(args))


def can_log_in(sessions: sessionmaker[Session], username: str, password: str) -> bool:
    with sessions.begin() as db:
        user = repository.authenticate(
            db=db, username=username, password=password, cost=TEST_COST
        )
        return user is not None


def create(monkeypatch: pytest.MonkeyPatch, username: str = "alice", **kw: str) -> int:
    return run(
        monkeypatch,
        "create-user",
        "--username",
        username,
        "--role",
        kw.get("role", "trainer"),
        "--display-name",
        kw.get("display_name", "Alice Smith"),
        "--password-stdin",
        stdin=kw.get("stdin", PASSWORD + "\n"),
    )


def test_create_user_with_a_piped_password(
    monkeypatch: pytest.MonkeyPatch,
    db_sessions: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert create(monkeypatch, display_name="  Alice   Smith ") == 0
    assert capsys.readouterr().out == "created trainer 'alice' (Alice Smith)\n"
    assert can_log_in(db_sessions, "alice", PASSWORD)
    with db_sessions() as db:
        alice = repository.get_user(db=db, username="alice")
        assert (alice.role, alice.display_name, alice.is_active) == (
            "trainer",
            "Alice Smith",
            True,
        )
    # Piped input is read even without --password-stdin.
    args = ["create-user", "--username", "bob", "--role", "hr", "--display-name", "B"]
    assert run(monkeypatch, *args, stdin="another long password\r\n") == 0
    assert can_log_in(db_sessions, "bob", "another long password")


def test_create_user_prompts_twice_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
    db_sessions: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    typed = iter([PASSWORD, "a different password", PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    monkeypatch.setattr("sys.stdin", Terminal())
    args = ["create-user", "--username", "carol", "--role", "learner"]
    assert main([*args, "--display-name", "Carol"]) == 2
    assert "the two passwords differ" in capsys.readouterr().err
    assert not can_log_in(db_sessions, "carol", PASSWORD)
    assert main([*args, "--display-name", "Carol"]) == 0
    assert can_log_in(db_sessions, "carol", PASSWORD)


def test_short_passwords_are_refused_clearly(
    monkeypatch: pytest.MonkeyPatch,
    db_sessions: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert create(monkeypatch, stdin="short\n") == 2
    assert capsys.readouterr().err == (
        "error: the password must be at least 12 characters long (this one has 5); "
        "nothing was changed\n"
    )
    assert create(monkeypatch, stdin="") == 2
    assert "no password on standard input" in capsys.readouterr().err
    with db_sessions() as db:
        assert repository.get_user(db=db, username="alice") is None


def test_duplicate_usernames_and_bad_roles_exit_with_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert create(monkeypatch) == 0
    capsys.readouterr()
    assert create(monkeypatch) == 2
    assert capsys.readouterr().err == "error: user 'alice' already exists\n"
    with pytest.raises(SystemExit) as refused:
        create(monkeypatch, "dave", role="boss")
    assert refused.value.code == 2
    assert "invalid choice: 'boss'" in capsys.readouterr().err
    assert create(monkeypatch, " eve") == 2
    assert "start or end with spaces" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["reset-password", "--password-stdin"],
        ["deactivate-user"],
        ["activate-user"],
    ],
)
def test_unknown_users_exit_with_2(
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(monkeypatch, *command, "--username", "ghost") == 2
    assert capsys.readouterr().err == "error: there is no user 'ghost'\n"


def test_reset_password_logs_the_user_out_everywhere(
    monkeypatch: pytest.MonkeyPatch,
    db_sessions: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert create(monkeypatch) == 0
    with db_sessions.begin() as db:
        alice = repository.get_user(db=db, username="alice")
        token = repository.issue_token(db=db, user=alice)
        db.add(LoginFailure(username="alice", client_address="x", failed_at=utc_now()))
    capsys.readouterr()
    new = "a brand new passphrase"
    assert run(monkeypatch, "reset-password", "--username", "alice", stdin=new) == 0
    assert capsys.readouterr().out == (
        "new password set for 'alice'; 1 login token revoked\n"
    )
    assert can_log_in(db_sessions, "alice", new)
    assert not can_log_in(db_sessions, "alice", PASSWORD)
    with db_sessions() as db:
        assert repository.user_for_token(db=db, token=token) is None
        assert db.scalar(select(func.count(LoginFailure.id))) == 0


def test_deactivate_and_activate_a_user(
    monkeypatch: pytest.MonkeyPatch,
    db_sessions: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert create(monkeypatch) == 0
    with db_sessions.begin() as db:
        alice = repository.get_user(db=db, username="alice")
        tokens = [repository.issue_token(db=db, user=alice) for _ in range(2)]
    capsys.readouterr()
    assert main(["deactivate-user", "--username", "alice"]) == 0
    assert capsys.readouterr().out == "deactivated 'alice'; 2 login tokens revoked\n"
    assert not can_log_in(db_sessions, "alice", PASSWORD)
    with db_sessions() as db:
        assert all(repository.user_for_token(db=db, token=t) is None for t in tokens)
    assert main(["activate-user", "--username", "alice"]) == 0
    assert can_log_in(db_sessions, "alice", PASSWORD)


def test_purge_expired_removes_old_tokens_and_failures(
    monkeypatch: pytest.MonkeyPatch,
    db_sessions: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert create(monkeypatch) == 0
    now = utc_now()
    with db_sessions.begin() as db:
        alice = repository.get_user(db=db, username="alice")
        repository.issue_token(db=db, user=alice, now=now - timedelta(days=1))
        live = repository.issue_token(db=db, user=alice, now=now)
        for age in (timedelta(hours=1), timedelta(minutes=1)):
            db.add(LoginFailure(username="x", client_address="y", failed_at=now - age))
    capsys.readouterr()
    assert main(["purge-expired"]) == 0
    assert capsys.readouterr().out == (
        "purged 1 expired login token, 1 old failed login(s) and 0 candidate(s) "
        "past their round's retention period\n"
    )
    with db_sessions() as db:
        assert db.scalar(select(func.count(AuthToken.id))) == 1
        assert repository.user_for_token(db=db, token=live) is not None
        assert db.scalar(select(func.count(LoginFailure.id))) == 1


def test_production_can_create_users_but_not_demo_users(
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
    db_sessions: sessionmaker[Session],
) -> None:
    monkeypatch.setenv("EMPATHY_ENV", "production")
    assert create(monkeypatch) == 0
    with db_sessions() as db:
        stored = repository.get_user(db=db, username="alice").password_hash
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    with pytest.raises(SystemExit, match="refusing to create demo users"):
        main(["seed-demo"])


def test_the_demo_logins_are_unchanged(
    settings: Settings, db_sessions: sessionmaker[Session]
) -> None:
    logins = seed_demo(settings)
    assert logins == [
        ("learner", "learner", "learner-demo"),
        ("trainer", "trainer", "trainer-demo"),
        ("hr", "hr", "hr-demo"),
        ("admin", "admin", "admin-demo"),
    ]
    for _role, username, password in logins:
        assert can_log_in(db_sessions, username, password)


def test_import_users_creates_all_or_nothing_and_prints_one_time_passwords(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,username,role,cohort\nA,a.one,learner,X\nB,b.two,chief,X\n")
    assert main(["import-users", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:3 (role): 'chief' is not a role" in err
    assert "nothing was imported" in err
    good = tmp_path / "good.csv"
    good.write_text("name,username,role,cohort\nA,a.one,learner,X\nB,b.two,trainer,X\n")
    assert main(["import-users", str(good)]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["name", "username", "role", "cohort", "one_time_password"]
    assert [row[:4] for row in rows[1:]] == [
        ["A", "a.one", "learner", "X"],
        ["B", "b.two", "trainer", "X"],
    ]
    assert all(len(row[4]) >= 12 for row in rows[1:])
    assert main(["add-to-cohort", "--cohort", "Y", "a.one", "nobody"]) == 2
    assert "there is no user 'nobody'" in capsys.readouterr().err
