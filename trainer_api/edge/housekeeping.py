"""The background task that purges expired data (``usecases.housekeeping``):
a few seconds after the app starts, then every ``settings.purge_every``
seconds, so candidates are deleted when their round's retention ends without
anyone running ``empathy-trainer purge-expired``.

Several trainer_api processes may run it at once: the one that takes the
purge's lock purges, the others skip that tick.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.orm import Session, sessionmaker

from trainer_api.settings import Settings
from trainer_api.usecases import housekeeping

logger = logging.getLogger(__name__)
FIRST_RUN_SECONDS = 5.0
TASK_NAME = "housekeeping"


def start_housekeeping(
    settings: Settings, sessions: sessionmaker[Session]
) -> asyncio.Task[None] | None:
    """Start the purge task; None when ``purge_every`` is 0 (turned off)."""
    if not settings.purge_every:
        return None
    return asyncio.create_task(
        _run(sessions, settings.purge_every, tracker_url=settings.tracker_url),
        name=TASK_NAME,
    )


async def _run(
    sessions: sessionmaker[Session], every: float, *, tracker_url: str | None
) -> None:
    await asyncio.sleep(min(FIRST_RUN_SECONDS, every))
    while True:
        try:
            purged = await asyncio.to_thread(
                housekeeping.purge_expired_unless_busy,
                sessions,
                tracker_url=tracker_url,
            )
        except Exception:  # a database hiccup must not stop the housekeeping
            logger.exception("purging expired data failed; retrying at the next tick")
        else:
            _report(purged)
        await asyncio.sleep(every)


def _report(purged: housekeeping.Purged | None) -> None:
    """One line when something was purged: counts only, never whom."""
    if purged is None:
        logger.debug("another process is purging expired data; skipped this tick")
    elif purged.anything:
        logger.info(
            "purged %d expired login token(s), %d old failed login(s) and "
            "%d candidate(s) past their round's retention period",
            purged.tokens,
            purged.failures,
            purged.candidates,
        )
