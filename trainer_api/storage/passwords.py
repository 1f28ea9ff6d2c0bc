"""Password hashing with Argon2id (argon2-cffi), at RFC 9106's recommended
parameters; hashes made by earlier releases (scrypt) still verify and are
replaced at the next successful login (:func:`needs_rehash`).

A stored Argon2 hash is self-describing (``$argon2id$v=19$m=...,t=...,p=...``),
so hashes made with older, cheaper parameters keep verifying too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import threading
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher, Type, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError

from trainer_api.i18n import N_

MIN_PASSWORD_LENGTH = 12
# The login form accepts at most this many characters (LoginRequest.password).
MAX_PASSWORD_LENGTH = 256
# Each hash at the recommended cost takes 64 MiB for a fraction of a second;
# more at once than there are CPUs adds memory, not throughput.
_HASH_SLOTS = threading.BoundedSemaphore(min(os.cpu_count() or 1, 8))
# Refuse to verify a legacy scrypt hash that would need more memory than this.
_MAX_SCRYPT_MEMORY = 256 << 20


@dataclass(frozen=True)
class PasswordCost:
    """Argon2id's work factors: passes, memory (KiB) and lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int = 4

    def covers(self, other: PasswordCost) -> bool:
        """True if these parameters are at least as strong as ``other``'s."""
        return (
            self.time_cost >= other.time_cost
            and self.memory_kib >= other.memory_kib
            and self.parallelism >= other.parallelism
        )

    @cache  # noqa: B019 (a frozen dataclass: one hasher per cost, kept)
    def hasher(self) -> PasswordHasher:
        return PasswordHasher(
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            type=Type.ID,
        )


# RFC 9106's second recommended option, argon2-cffi's default profile:
# t=3, m=64 MiB, p=4.
RECOMMENDED_COST = PasswordCost(time_cost=3, memory_kib=64 * 1024)
# Only for the test environment, where the suite creates users in many fixtures.
TEST_COST = PasswordCost(time_cost=1, memory_kib=64, parallelism=1)


def cost_for(environment: str) -> PasswordCost:
    """The hashing cost for a settings environment: cheap only under test."""
    return TEST_COST if environment == "test" else RECOMMENDED_COST


def hash_password(password: str, *, cost: PasswordCost = RECOMMENDED_COST) -> str:
    with _HASH_SLOTS:
        return cost.hasher().hash(password)


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith("scrypt$"):
        return _verify_scrypt(password, stored)
    try:
        with _HASH_SLOTS:
            return PasswordHasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_dummy(password: str, *, cost: PasswordCost = RECOMMENDED_COST) -> bool:
    """Spend the work of one verification at ``cost``; always False.

    Used when there is no stored hash to check (unknown user), so that the
    answer takes as long as for a user who exists.
    """
    verify_password(password, _dummy_hash(cost))
    return False


def needs_rehash(stored: str, *, cost: PasswordCost = RECOMMENDED_COST) -> bool:
    """True if ``stored`` is a legacy scrypt hash or weaker than ``cost``."""
    if stored.startswith("scrypt$"):
        return True
    try:
        found = extract_parameters(stored)
    except InvalidHashError:
        return False
    current = PasswordCost(found.time_cost, found.memory_cost, found.parallelism)
    return found.type is not Type.ID or not current.covers(cost)


PASSWORD_FAULTS: dict[str, str] = {
    "too_short": N_(
        "the password must be at least {least} characters long (this one has {length})"
    ),
    "too_long": N_(
        "the password must be at most {most} characters long (this one has {length})"
    ),
}
"""Why a password may not be set: an English message id of the catalogues for
each key :func:`password_fault` gives."""


def password_fault(password: str) -> tuple[str, dict[str, int]] | None:
    """Why ``password`` may not be set as a new password (a key of
    :data:`PASSWORD_FAULTS` and the values of its message), or None if it may."""
    length = len(password)
    if length < MIN_PASSWORD_LENGTH:
        return "too_short", {"least": MIN_PASSWORD_LENGTH, "length": length}
    if length > MAX_PASSWORD_LENGTH:
        return "too_long", {"most": MAX_PASSWORD_LENGTH, "length": length}
    return None


def password_problem(password: str) -> str | None:
    """Why ``password`` may not be set as a new password, in English, or None
    if it may."""
    fault = password_fault(password)
    if fault is None:
        return None
    key, values = fault
    return PASSWORD_FAULTS[key].format(**values)


@cache
def _dummy_hash(cost: PasswordCost) -> str:
    return hash_password(base64.b64encode(os.urandom(18)).decode(), cost=cost)


def _verify_scrypt(password: str, stored: str) -> bool:
    """A hash of an earlier release: ``scrypt$N$r$p$salt$digest``."""
    try:
        _scheme, n, r, p, salt, digest = stored.split("$")
        with _HASH_SLOTS:
            actual = hashlib.scrypt(
                password.encode("utf-8"),
                salt=base64.b64decode(salt),
                n=int(n),
                r=int(r),
                p=int(p),
                dklen=32,
                maxmem=_MAX_SCRYPT_MEMORY,
            )
    except ValueError:
        return False
    return hmac.compare_digest(actual, base64.b64decode(digest))
