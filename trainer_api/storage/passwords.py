"""Password hashing with scrypt (standard library), in a self-describing format.

A stored hash reads ``scrypt$N$r$p$salt$digest``, so hashes made with older,
cheaper parameters keep verifying; :func:`needs_rehash` says when to upgrade one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import threading
from dataclasses import dataclass
from functools import cache

MIN_PASSWORD_LENGTH = 12
# The login form accepts at most this many characters (LoginRequest.password).
MAX_PASSWORD_LENGTH = 256
# Refuse to verify a stored hash that would need more memory than this.
_MAX_MEMORY = 256 << 20
# Each scrypt at the recommended cost takes 128 MiB for ~0.2 s and releases the
# GIL; more at once than there are CPUs adds memory, not throughput.
_SCRYPT_SLOTS = threading.BoundedSemaphore(min(os.cpu_count() or 1, 8))


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's work factors: CPU/memory cost ``n``, block size ``r``, ``p``."""

    n: int
    r: int = 8
    p: int = 1

    def covers(self, other: ScryptCost) -> bool:
        """True if these parameters are at least as strong as ``other``'s."""
        return self.n >= other.n and self.r >= other.r and self.p >= other.p


# OWASP Password Storage Cheat Sheet: N=2^17, r=8, p=1 (128 MiB).
RECOMMENDED_COST = ScryptCost(n=2**17)
# Only for the test environment, where the suite creates users in many fixtures.
TEST_COST = ScryptCost(n=2**10)


def cost_for(environment: str) -> ScryptCost:
    """The hashing cost for a settings environment: cheap only under test."""
    return TEST_COST if environment == "test" else RECOMMENDED_COST


def hash_password(password: str, *, cost: ScryptCost = RECOMMENDED_COST) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, cost)
    return f"scrypt${cost.n}${cost.r}${cost.p}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        cost, salt, expected = _parse(stored)
        actual = _scrypt(password, salt, cost)
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def verify_dummy(password: str, *, cost: ScryptCost = RECOMMENDED_COST) -> bool:
    """Spend the work of one verification at ``cost``; always False.

    Used when there is no stored hash to check (unknown user), so that the
    answer takes as long as for a user who exists.
    """
    verify_password(password, _dummy_hash(cost))
    return False


def needs_rehash(stored: str, *, cost: ScryptCost = RECOMMENDED_COST) -> bool:
    """True if ``stored`` was made with weaker parameters than ``cost``."""
    try:
        stored_cost, _salt, _digest = _parse(stored)
    except ValueError:
        return False
    return not stored_cost.covers(cost)


def password_problem(password: str) -> str | None:
    """Why ``password`` may not be set as a new password, or None if it may."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return (
            f"the password must be at least {MIN_PASSWORD_LENGTH} characters long "
            f"(this one has {len(password)})"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        return (
            f"the password must be at most {MAX_PASSWORD_LENGTH} characters long "
            f"(this one has {len(password)})"
        )
    return None


@cache
def _dummy_hash(cost: ScryptCost) -> str:
    # Any salt and digest will do: the work is in deriving the candidate's key.
    salt, digest = secrets.token_bytes(16), secrets.token_bytes(32)
    return f"scrypt${cost.n}${cost.r}${cost.p}${_b64(salt)}${_b64(digest)}"


def _parse(stored: str) -> tuple[ScryptCost, bytes, bytes]:
    scheme, n, r, p, salt, digest = stored.split("$")
    if scheme != "scrypt":
        raise ValueError(f"unknown password hash scheme {scheme!r}")
    cost = ScryptCost(n=int(n), r=int(r), p=int(p))
    return cost, base64.b64decode(salt), base64.b64decode(digest)


def _scrypt(password: str, salt: bytes, cost: ScryptCost) -> bytes:
    with _SCRYPT_SLOTS:
        return hashlib.scrypt(
            password.encode("utf-8"),
            salt=salt,
            n=cost.n,
            r=cost.r,
            p=cost.p,
            dklen=32,
            maxmem=_MAX_MEMORY,
        )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
