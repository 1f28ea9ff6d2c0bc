"""The background task that sends learning records to the LRS, when one is
configured: every few seconds it sends what is due (``usecases.records``).

Several trainer_api processes may run it at once; a statement sent twice is
harmless, because the LRS keeps one statement per id.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from trainer_api.adapters.lrs_client import LrsClient
from trainer_api.settings import Settings
from trainer_api.usecases import records

logger = logging.getLogger(__name__)
INTERVAL_SECONDS = 5.0


def start_record_sender(
    settings: Settings, sessions: sessionmaker[Session]
) -> asyncio.Task[None] | None:
    client = records.sender_for(settings)
    if client is None:
        return None
    return asyncio.create_task(
        _run(client, sessions, timedelta(seconds=settings.lrs_retry_seconds))
    )


async def _run(
    client: LrsClient, sessions: sessionmaker[Session], retry: timedelta
) -> None:
    try:
        while True:
            try:
                outcome = await asyncio.to_thread(
                    records.send_due, sessions, client, retry=retry
                )
            except Exception:  # a database hiccup must not stop the sender
                logger.exception("sending learning records failed")
            else:
                if outcome["failed"]:
                    logger.warning("learning records not sent yet: %s", outcome)
            await asyncio.sleep(INTERVAL_SECONDS)
    finally:
        client.close()
