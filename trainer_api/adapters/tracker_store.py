"""The Rasa tracker store, seen from trainer_api: only to forget
conversations (a candidate's data deleted on request or at retention's end).

Rasa's SQL tracker store keeps every event of a conversation in its table
``events``, keyed by ``sender_id``: here, the practice session's id.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import create_engine, inspect, text


def forget_conversations(tracker_url: str, sender_ids: Sequence[str]) -> int:
    """Delete these conversations' events; the number of events deleted."""
    if not sender_ids:
        return 0
    engine = create_engine(tracker_url, future=True)
    try:
        if "events" not in inspect(engine).get_table_names():
            return 0
        with engine.begin() as connection:
            deleted = 0
            for sender in sender_ids:
                result = connection.execute(
                    text("DELETE FROM events WHERE sender_id = :sender"),
                    {"sender": sender},
                )
                deleted += int(result.rowcount or 0)
            return deleted
    finally:
        engine.dispose()
