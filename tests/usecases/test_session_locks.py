"""Turns of one practice session one at a time, within a process and, with
Redis, across the processes behind a balancer (against the real Redis)."""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest
import redis

from trainer_api.usecases.practice import SessionLocks
from trainer_api.usecases.refusal import Refused

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url() -> str:
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as error:  # pragma: no cover - the machine has Redis
        pytest.fail(f"Redis is needed at {REDIS_URL}: {error}")
    return REDIS_URL


async def _overlap(first: SessionLocks, second: SessionLocks, key: str) -> list[str]:
    """Two holders of ``key`` on two lock sets; the order they ran in."""
    log: list[str] = []

    async def turn(locks: SessionLocks, name: str) -> None:
        async with locks.hold(key):
            log.append(f"{name} in")
            await asyncio.sleep(0.2)
            log.append(f"{name} out")

    await asyncio.gather(turn(first, "a"), turn(second, "b"))
    return log


def test_one_process_takes_turns_one_at_a_time() -> None:
    async def run() -> list[str]:
        locks = SessionLocks()
        return await _overlap(locks, locks, "s1")

    assert asyncio.run(run()) == ["a in", "a out", "b in", "b out"]


def test_without_redis_two_processes_would_overlap() -> None:
    """What the shared lock is for: separate processes know nothing of each
    other's local locks."""

    async def run() -> list[str]:
        return await _overlap(SessionLocks(), SessionLocks(), "s1")

    assert asyncio.run(run()) == ["a in", "b in", "a out", "b out"]


def test_with_redis_two_processes_take_turns(redis_url: str) -> None:
    async def run() -> list[str]:
        first, second = SessionLocks(redis_url), SessionLocks(redis_url)
        try:
            return await _overlap(first, second, f"s-{uuid.uuid4().hex}")
        finally:
            await first.close()
            await second.close()

    log = asyncio.run(run())
    assert log in (
        ["a in", "a out", "b in", "b out"],
        ["b in", "b out", "a in", "a out"],
    )


def test_different_sessions_do_not_wait_for_each_other(redis_url: str) -> None:
    async def run() -> list[str]:
        first, second = SessionLocks(redis_url), SessionLocks(redis_url)
        log: list[str] = []

        async def turn(locks: SessionLocks, key: str, name: str) -> None:
            async with locks.hold(key):
                log.append(f"{name} in")
                await asyncio.sleep(0.2)
                log.append(f"{name} out")

        try:
            await asyncio.gather(
                turn(first, f"x-{uuid.uuid4().hex}", "a"),
                turn(second, f"y-{uuid.uuid4().hex}", "b"),
            )
        finally:
            await first.close()
            await second.close()
        return log

    # both are in before either is out (in whichever order Redis let them in)
    assert sorted(asyncio.run(run())[:2]) == ["a in", "b in"]


def test_a_lock_left_by_a_dead_process_expires(redis_url: str) -> None:
    """A process that dies mid-turn blocks its conversation for the lease only;
    a turn that cannot get the lock within it is refused, not left hanging."""
    key = f"s-{uuid.uuid4().hex}"
    held = redis.Redis.from_url(redis_url).lock(
        f"empathy:practice-session:{key}", timeout=0.6
    )
    assert held.acquire(blocking=False)  # the dead process's lock

    async def waits() -> float:
        locks = SessionLocks(redis_url, lease=5)
        loop = asyncio.get_running_loop()
        began = loop.time()
        try:
            async with locks.hold(key):
                return loop.time() - began
        finally:
            await locks.close()

    assert 0.3 < asyncio.run(waits()) < 3

    async def refused() -> None:
        blocker = redis.Redis.from_url(redis_url).lock(
            f"empathy:practice-session:{key}", timeout=10
        )
        assert blocker.acquire(blocking=False)
        locks = SessionLocks(redis_url, lease=0.3)
        try:
            async with locks.hold(key):
                pytest.fail("the lock was held by someone else")
        finally:
            await locks.close()
            blocker.release()

    with pytest.raises(Refused) as caught:
        asyncio.run(refused())
    assert caught.value.code == "busy"
