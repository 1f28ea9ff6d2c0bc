"""Logging in, throttled: too many failures for a username or an address lock it.

Failures live in the database (table ``login_failure``) so that every
trainer_api process sharing it applies one count. An attempt is stored as a
failure *before* its password is checked and committed before counting, so
parallel guesses cannot all slip in under the limit; a refused attempt is then
deleted (it does not extend the lock) and a successful one clears the
username's failures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trainer_api.i18n import N_
from trainer_api.storage import repository
from trainer_api.storage.models import AppUser, utc_now
from trainer_api.storage.passwords import RECOMMENDED_COST, PasswordCost

# Addresses are stored in a 64-character column; IPv6 needs at most 45.
_ADDRESS_CHARS = 64


@dataclass(frozen=True)
class LoginPolicy:
    """How many failures within ``window`` lock a username or a client address."""

    username_limit: int = 5
    address_limit: int = 20
    window: timedelta = timedelta(minutes=15)


DEFAULT_POLICY = LoginPolicy()


class LoginRefused(Exception):
    """A login that did not succeed."""


class BadCredentials(LoginRefused):
    """Unknown user, wrong password or deactivated user (deliberately alike)."""


class TooManyAttempts(LoginRefused):
    """Too many recent failures; nothing is checked until ``retry_at``.

    Its text is English; a person reads ``template`` (an English message id
    of the catalogues) filled from ``values``, in their language.
    """

    def __init__(self, retry_at: datetime, now: datetime) -> None:
        self.retry_at = retry_at
        self.retry_after_seconds = max(1, math.ceil((retry_at - now).total_seconds()))
        minutes = math.ceil(self.retry_after_seconds / 60)
        self.template = (
            N_("Too many failed login attempts. Try again in 1 minute.")
            if minutes == 1
            else N_("Too many failed login attempts. Try again in {minutes} minutes.")
        )
        self.values: dict[str, Any] = {"minutes": minutes}
        super().__init__(self.template.format(**self.values))


@dataclass(frozen=True)
class LoginSuccess:
    user: AppUser
    token: str


def log_in(
    sessions: sessionmaker[Session],
    *,
    username: str,
    password: str,
    client_address: str,
    cost: PasswordCost = RECOMMENDED_COST,
    policy: LoginPolicy = DEFAULT_POLICY,
    now: datetime | None = None,
) -> LoginSuccess:
    """Check a login and issue a token, unless the username or address is locked.

    Raises:
        TooManyAttempts: locked; the password was not checked.
        BadCredentials: the username and password do not name an active user.
    """
    now = now or utc_now()
    address = client_address[:_ADDRESS_CHARS]
    with sessions.begin() as db:
        purge_old_failures(db=db, policy=policy, now=now)
        attempt = repository.record_login_attempt(
            db=db, username=username, client_address=address, at=now
        )
    with sessions.begin() as db:
        locked_until = _locked_until(db, username, address, attempt, policy, now)
        if locked_until is not None:
            repository.delete_login_failure(db=db, failure_id=attempt)
    if locked_until is not None:
        raise TooManyAttempts(locked_until, now)
    with sessions.begin() as db:
        user = repository.authenticate(
            db=db, username=username, password=password, cost=cost
        )
        token = _welcome(db, user, now) if user is not None else None
    if user is None or token is None:
        raise BadCredentials("wrong username or password")
    return LoginSuccess(user, token)


def lock_expiry(
    failure_times: Sequence[datetime], *, limit: int, window: timedelta
) -> datetime | None:
    """When a key with these failures unlocks, or None if it is not locked.

    Args:
        failure_times: the key's failures within the window, newest first (only
            the first ``limit`` matter).
        limit: failures within the window that lock the key.
        window: how long a failure counts.
    """
    if len(failure_times) < limit:
        return None
    return failure_times[limit - 1] + window


def purge_old_failures(
    *, db: Session, policy: LoginPolicy = DEFAULT_POLICY, now: datetime | None = None
) -> int:
    """Delete failures too old to count; how many there were."""
    return repository.purge_login_failures(
        db=db, before=(now or utc_now()) - policy.window
    )


def _welcome(db: Session, user: AppUser, now: datetime) -> str:
    """Clear the username's failures, tidy expired tokens, issue a new one."""
    repository.clear_login_failures(db=db, username=user.username)
    repository.purge_expired_tokens(db=db, now=now)
    return repository.issue_token(db=db, user=user, now=now)


def _locked_until(
    db: Session,
    username: str,
    address: str,
    attempt: int,
    policy: LoginPolicy,
    now: datetime,
) -> datetime | None:
    since = now - policy.window
    by_username = repository.login_failure_times(
        db=db,
        since=since,
        limit=policy.username_limit,
        username=username,
        excluding=attempt,
    )
    by_address = repository.login_failure_times(
        db=db,
        since=since,
        limit=policy.address_limit,
        client_address=address,
        excluding=attempt,
    )
    locks = [
        lock_expiry(by_username, limit=policy.username_limit, window=policy.window),
        lock_expiry(by_address, limit=policy.address_limit, window=policy.window),
    ]
    return max((lock for lock in locks if lock is not None), default=None)
