"""Account security: password hashing, equal work at login, deactivation,
token purging and login throttling shared through the database."""

from __future__ import annotations

import base64
import hashlib
import threading
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from trainer_api.settings import Settings
from trainer_api.storage import passwords, repository
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.models import AppUser, AuthToken, LoginFailure
from trainer_api.storage.passwords import (
    RECOMMENDED_COST,
    TEST_COST,
    PasswordCost,
    cost_for,
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)
from trainer_api.usecases import login_guard
from trainer_api.usecases.login_guard import (
    BadCredentials,
    LoginPolicy,
    TooManyAttempts,
    lock_expiry,
    log_in,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
PASSWORD = "a long enough password"
WINDOW = login_guard.DEFAULT_POLICY.window
# Browsers' POSTs are same-origin; a client library sends this header.
HEADERS = {"X-Requested-With": "empathy-trainer"}


def add_user(
    sessions: sessionmaker[Session], username: str = "alice", **fields: Any
) -> None:
    with sessions.begin() as db:
        repository.create_user(
            db=db,
            username=username,
            display_name=fields.get("display_name", "Alice Agent"),
            role=fields.get("role", "learner"),
            password=fields.get("password", PASSWORD),
            cost=TEST_COST,
        )


def attempt(
    sessions: sessionmaker[Session],
    password: str,
    *,
    username: str = "alice",
    address: str = "192.0.2.1",
    at: datetime = NOW,
) -> str:
    """Log in; "ok", "bad" or "locked"."""
    try:
        log_in(
            sessions,
            username=username,
            password=password,
            client_address=address,
            cost=TEST_COST,
            now=at,
        )
    except BadCredentials:
        return "bad"
    except TooManyAttempts:
        return "locked"
    return "ok"


def failure_count(sessions: sessionmaker[Session], **where: str) -> int:
    query = select(func.count(LoginFailure.id))
    for column, value in where.items():
        query = query.where(getattr(LoginFailure, column) == value)
    with sessions() as db:
        return int(db.scalar(query))


# --- password hashing ---------------------------------------------------------


def test_new_hashes_use_argon2id_at_rfc_9106_parameters() -> None:
    assert RECOMMENDED_COST == PasswordCost(time_cost=3, memory_kib=65536)
    stored = hash_password(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(PASSWORD, stored)
    assert not verify_password("a wrong password here", stored)
    assert not verify_password(PASSWORD, "$argon2id$not-a-hash")


def test_only_the_test_environment_hashes_cheaply() -> None:
    assert cost_for("test") == TEST_COST
    assert cost_for("development") == RECOMMENDED_COST
    assert cost_for("production") == RECOMMENDED_COST


def test_scrypt_hashes_of_earlier_releases_verify_and_become_argon2id_at_login(
    db_sessions: sessionmaker[Session],
) -> None:
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(
        PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32, maxmem=64 << 20
    )
    encoded_salt, encoded_digest = (
        base64.b64encode(b).decode() for b in (salt, digest)
    )
    old = f"scrypt$16384$8$1${encoded_salt}${encoded_digest}"
    add_user(db_sessions)
    with db_sessions.begin() as db:
        repository.get_user(db=db, username="alice").password_hash = old
    with db_sessions.begin() as db:
        user = repository.authenticate(
            db=db, username="alice", password=PASSWORD, cost=RECOMMENDED_COST
        )
        assert user is not None
    with db_sessions() as db:
        upgraded = repository.get_user(db=db, username="alice").password_hash
    assert upgraded.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(PASSWORD, upgraded)


def test_a_hash_is_rehashed_only_when_weaker_than_the_current_cost() -> None:
    cheap = hash_password(PASSWORD, cost=TEST_COST)
    assert needs_rehash(cheap, cost=RECOMMENDED_COST)
    assert not needs_rehash(cheap, cost=TEST_COST)
    assert not needs_rehash(cheap, cost=PasswordCost(1, 8, 1))
    assert not needs_rehash("not a hash", cost=RECOMMENDED_COST)


def test_new_passwords_must_be_12_to_256_characters() -> None:
    assert "at least 12 characters" in (password_problem("elevenchars") or "")
    assert password_problem("twelve chars") is None
    assert "at most 256" in (password_problem("x" * 257) or "")


# --- equal work for unknown, deactivated and known users -----------------------


def test_unknown_deactivated_and_known_users_cost_the_same_hashing_work(
    db_sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_user(db_sessions, "alice")
    add_user(db_sessions, "bob")
    with db_sessions.begin() as db:
        repository.get_user(db=db, username="bob").is_active = False
    calls: list[tuple[int, int, int]] = []
    real_verify = passwords.PasswordHasher.verify

    def counted(self: Any, stored: str, password: str) -> bool:
        found = passwords.extract_parameters(stored)
        calls.append((found.time_cost, found.memory_cost, found.parallelism))
        return real_verify(self, stored, password)

    monkeypatch.setattr(passwords.PasswordHasher, "verify", counted)
    expected = (TEST_COST.time_cost, TEST_COST.memory_kib, TEST_COST.parallelism)
    for username, password in (
        ("nobody", PASSWORD),
        ("alice", "a wrong password"),
        ("alice", PASSWORD),
        ("bob", PASSWORD),
    ):
        calls.clear()
        with db_sessions() as db:
            user = repository.authenticate(
                db=db, username=username, password=password, cost=TEST_COST
            )
        assert (user is not None) == (username == "alice" and password == PASSWORD)
        assert calls == [expected], username


# --- deactivation, password resets, tokens -------------------------------------


def test_a_deactivated_user_cannot_log_in_and_their_tokens_stop_working(
    db_sessions: sessionmaker[Session],
) -> None:
    add_user(db_sessions)
    with db_sessions.begin() as db:
        user = repository.get_user(db=db, username="alice")
        first = repository.issue_token(db=db, user=user)
        second = repository.issue_token(db=db, user=user)
        assert repository.set_user_active(db=db, user=user, active=False) == 2
    with db_sessions() as db:
        assert repository.user_for_token(db=db, token=first) is None
        assert repository.user_for_token(db=db, token=second) is None
        assert (
            repository.authenticate(
                db=db, username="alice", password=PASSWORD, cost=TEST_COST
            )
            is None
        )
    with db_sessions.begin() as db:
        user = repository.get_user(db=db, username="alice")
        repository.set_user_active(db=db, user=user, active=True)
        assert repository.authenticate(
            db=db, username="alice", password=PASSWORD, cost=TEST_COST
        )


def test_a_token_stops_working_as_soon_as_its_user_is_inactive(
    db_sessions: sessionmaker[Session],
) -> None:
    add_user(db_sessions)
    with db_sessions.begin() as db:
        user = repository.get_user(db=db, username="alice")
        token = repository.issue_token(db=db, user=user)
        user.is_active = False  # even if a token was somehow left behind
    with db_sessions() as db:
        assert repository.user_for_token(db=db, token=token) is None


def test_a_new_password_revokes_every_token(
    db_sessions: sessionmaker[Session],
) -> None:
    add_user(db_sessions)
    with db_sessions.begin() as db:
        user = repository.get_user(db=db, username="alice")
        token = repository.issue_token(db=db, user=user)
        revoked = repository.set_password(
            db=db, user=user, password="another long password", cost=TEST_COST
        )
    assert revoked == 1
    with db_sessions() as db:
        assert repository.user_for_token(db=db, token=token) is None
        assert repository.authenticate(
            db=db, username="alice", password="another long password", cost=TEST_COST
        )


def test_expired_tokens_are_purged(db_sessions: sessionmaker[Session]) -> None:
    add_user(db_sessions)
    with db_sessions.begin() as db:
        user = repository.get_user(db=db, username="alice")
        repository.issue_token(db=db, user=user, now=NOW - timedelta(hours=13))
        live = repository.issue_token(db=db, user=user, now=NOW)
    with db_sessions.begin() as db:
        assert repository.purge_expired_tokens(db=db, now=NOW) == 1
    with db_sessions() as db:
        assert db.scalar(select(func.count(AuthToken.id))) == 1
        assert repository.user_for_token(db=db, token=live, now=NOW) is not None


def test_a_successful_login_purges_expired_tokens(
    db_sessions: sessionmaker[Session],
) -> None:
    add_user(db_sessions, "alice")
    add_user(db_sessions, "bob")
    with db_sessions.begin() as db:
        bob = repository.get_user(db=db, username="bob")
        repository.issue_token(db=db, user=bob, now=NOW - timedelta(days=2))
    assert attempt(db_sessions, PASSWORD) == "ok"
    with db_sessions() as db:
        owners = db.scalars(select(AuthToken.user_id)).all()
        alice = repository.get_user(db=db, username="alice")
    assert owners == [alice.id]


# --- throttling ---------------------------------------------------------------


def test_five_failures_lock_the_username_even_for_the_right_password(
    db_sessions: sessionmaker[Session],
) -> None:
    add_user(db_sessions)
    for minute in range(5):
        at = NOW + timedelta(minutes=minute)
        assert attempt(db_sessions, "a wrong password", at=at) == "bad"
    with pytest.raises(TooManyAttempts) as locked:
        log_in(
            db_sessions,
            username="alice",
            password=PASSWORD,
            client_address="192.0.2.1",
            cost=TEST_COST,
            now=NOW + timedelta(minutes=5),
        )
    # The oldest of the five counts until NOW + 15 minutes.
    assert locked.value.retry_at == NOW + WINDOW
    assert locked.value.retry_after_seconds == 10 * 60
    assert str(locked.value) == (
        "Too many failed login attempts. Try again in 10 minutes."
    )


def test_refused_attempts_do_not_extend_the_lock(
    db_sessions: sessionmaker[Session],
) -> None:
    add_user(db_sessions)
    for _ in range(5):
        assert attempt(db_sessions, "a wrong password") == "bad"
    for minute in range(1, 15):
        at = NOW + timedelta(minutes=minute)
        assert attempt(db_sessions, PASSWORD, at=at) == "locked"
    assert failure_count(db_sessions, username="alice") == 5
    assert attempt(db_sessions, PASSWORD, at=NOW + WINDOW + timedelta(seconds=1)) == (
        "ok"
    )


def test_a_success_clears_the_usernames_failures(
    db_sessions: sessionmaker[Session],
) -> None:
    add_user(db_sessions)
    for _ in range(4):
        assert attempt(db_sessions, "a wrong password") == "bad"
    assert attempt(db_sessions, PASSWORD) == "ok"
    assert failure_count(db_sessions, username="alice") == 0
    for _ in range(4):
        assert attempt(db_sessions, "a wrong password") == "bad"
    assert attempt(db_sessions, PASSWORD) == "ok"


def test_unknown_usernames_are_locked_alike(
    db_sessions: sessionmaker[Session],
) -> None:
    outcomes = [attempt(db_sessions, PASSWORD, username="ghost") for _ in range(7)]
    assert outcomes == ["bad"] * 5 + ["locked"] * 2


def test_twenty_failures_from_one_address_lock_it_for_every_username(
    db_sessions: sessionmaker[Session],
) -> None:
    add_user(db_sessions)
    for index in range(20):
        assert attempt(db_sessions, PASSWORD, username=f"guess{index}") == "bad"
    assert attempt(db_sessions, PASSWORD) == "locked"
    assert attempt(db_sessions, PASSWORD, address="198.51.100.7") == "ok"


def test_old_failures_are_purged_and_no_longer_count(
    db_sessions: sessionmaker[Session],
) -> None:
    add_user(db_sessions)
    for _ in range(5):
        assert attempt(db_sessions, "a wrong password") == "bad"
    later = NOW + WINDOW + timedelta(minutes=1)
    assert attempt(db_sessions, "a wrong password", at=later) == "bad"
    assert failure_count(db_sessions, username="alice") == 1
    with db_sessions.begin() as db:
        purged = login_guard.purge_old_failures(
            db=db, now=later + WINDOW + timedelta(seconds=1)
        )
    assert purged == 1
    assert failure_count(db_sessions) == 0


def test_the_lock_is_shared_by_processes_using_one_database(
    settings: Settings, db_sessions: sessionmaker[Session]
) -> None:
    add_user(db_sessions)
    other_engine = make_engine(settings.database_url)
    other_process = make_session_factory(other_engine)
    try:
        for _ in range(5):
            assert attempt(db_sessions, "a wrong password") == "bad"
        assert attempt(other_process, PASSWORD) == "locked"
    finally:
        other_engine.dispose()


def test_parallel_guesses_cannot_get_past_the_limit(
    db_sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_user(db_sessions)
    real_verify = passwords.verify_password

    def slow(password: str, stored: str) -> bool:
        threading.Event().wait(0.3)  # every guess is still being checked ...
        return real_verify(password, stored)

    monkeypatch.setattr(repository, "verify_password", slow)
    start = threading.Barrier(12)
    outcomes: list[str] = []

    def guess(index: int) -> None:
        start.wait()
        outcomes.append(attempt(db_sessions, f"wrong guess {index}", at=NOW))

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == 12
    # ... while the others arrive: at most the limit of them are checked (an
    # attempt counts as a failure from the moment it starts, so a burst may even
    # be refused entirely).
    assert outcomes.count("bad") <= 5
    assert outcomes.count("locked") == 12 - outcomes.count("bad")


def test_a_key_unlocks_when_its_oldest_counted_failure_leaves_the_window() -> None:
    times = [NOW - timedelta(minutes=m) for m in range(6)]  # newest first
    assert lock_expiry(times[:4], limit=5, window=WINDOW) is None
    assert lock_expiry(times, limit=5, window=WINDOW) == times[4] + WINDOW
    policy = LoginPolicy(username_limit=2, address_limit=3, window=WINDOW)
    assert policy.username_limit == 2


def test_the_refusal_says_when_to_try_again() -> None:
    assert str(TooManyAttempts(NOW + timedelta(seconds=30), NOW)).endswith(
        "Try again in 1 minute."
    )
    refused = TooManyAttempts(NOW + timedelta(minutes=14, seconds=1), NOW)
    assert refused.retry_after_seconds == 14 * 60 + 1
    assert str(refused).endswith("Try again in 15 minutes.")


# --- through the HTTP API ------------------------------------------------------


def post_login(client: TestClient, username: str, password: str) -> Any:
    return client.post(
        "/api/login",
        json={"username": username, "password": password},
        headers=HEADERS,
    )


def test_forty_wrong_passwords_end_in_429_with_retry_after(
    client: TestClient,
) -> None:
    statuses = [post_login(client, "learner", "wrong").status_code for _ in range(40)]
    assert statuses == [401] * 5 + [429] * 35
    refused = post_login(client, "learner", "learner-demo")  # the right one
    assert refused.status_code == 429
    assert refused.json()["error"] == {
        "code": "too_many_attempts",
        "message": "Too many failed login attempts. Try again in 15 minutes.",
    }
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    assert post_login(client, "trainer", "trainer-demo").status_code == 200


def test_one_address_guessing_many_usernames_is_refused(client: TestClient) -> None:
    for index in range(20):
        assert post_login(client, f"guess{index}", "wrong").status_code == 401
    assert post_login(client, "learner", "learner-demo").status_code == 429


def test_a_deactivated_user_gets_the_same_401_as_anyone(
    client: TestClient, db_sessions: sessionmaker[Session]
) -> None:
    assert post_login(client, "learner", "learner-demo").status_code == 200
    assert client.get("/api/me").status_code == 200
    with db_sessions.begin() as db:
        learner = repository.get_user(db=db, username="learner")
        repository.set_user_active(db=db, user=learner, active=False)
    assert client.get("/api/me").status_code == 401
    answers = [
        post_login(client, "learner", "learner-demo"),
        post_login(client, "learner", "wrong"),
        post_login(client, "nobody", "learner-demo"),
    ]
    assert [a.status_code for a in answers] == [401, 401, 401]
    assert len({a.text for a in answers}) == 1


def test_logging_in_purges_expired_tokens(
    client: TestClient, db_sessions: sessionmaker[Session]
) -> None:
    with db_sessions.begin() as db:
        hr = repository.get_user(db=db, username="hr")
        repository.issue_token(db=db, user=hr, now=NOW - timedelta(days=30))
    assert post_login(client, "learner", "learner-demo").status_code == 200
    with db_sessions() as db:
        holders = db.scalars(select(AppUser.username).join(AuthToken.user)).all()
    assert holders == ["learner"]
