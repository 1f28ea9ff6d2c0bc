"""Trainers' comments on a learner's session or on one of its turns.

The learner sees them in the debrief, and as new on their home page until
they open that debrief.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from trainer_api.storage import coaching
from trainer_api.storage.models import SessionComment
from trainer_api.usecases import debrief
from trainer_api.usecases.clean_text import FAULTS, text_fault
from trainer_api.usecases.people import Viewer
from trainer_api.usecases.refusal import Kind, Refused

MAX_COMMENT_CHARS = 4000


def add(
    db: Session, coach: Viewer, session_id: str, text: str, turn_id: int | None
) -> dict[str, Any]:
    if coach.role != "trainer":
        raise Refused(Kind.FORBIDDEN, "forbidden", "Only trainers can comment.")
    session = debrief.visible_session(db, coach, session_id)
    clean = text.strip()
    if not clean:
        raise Refused(Kind.INVALID, "empty_comment", "Write a comment before saving.")
    if len(clean) > MAX_COMMENT_CHARS:
        raise Refused(
            Kind.TOO_LARGE,
            "comment_too_long",
            "A comment is at most {most} characters "
            "(this one has {length}). Shorten it and save again.",
            most=MAX_COMMENT_CHARS,
            length=len(clean),
        )
    fault = text_fault(clean)
    if fault is not None:
        raise Refused(Kind.INVALID, "bad_request", FAULTS[fault], field="text")
    if turn_id is not None and turn_id not in {t.id for t in session.turns}:
        raise Refused(
            Kind.NOT_FOUND, "unknown_turn", "That turn is not part of this session."
        )
    comment = coaching.add_comment(
        db=db,
        comment=SessionComment(
            session_id=session.id, turn_id=turn_id, author_id=coach.id, text=clean
        ),
    )
    db.refresh(comment)
    return debrief.comment_view(comment)


def unseen(db: Session, learner_id: int) -> list[dict[str, Any]]:
    """The learner's new comments, newest first, with the session they are on."""
    return [
        {
            **debrief.comment_view(comment),
            "session_id": comment.session_id,
        }
        for comment in coaching.unseen_comments(db=db, learner_id=learner_id)
    ]
