"""Socket.IO events of the practice chat: a thin edge over PracticeService."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import socketio
from sqlalchemy.orm import Session, sessionmaker

from trainer_api import i18n
from trainer_api.edge.auth import (
    CurrentUser,
    token_from_cookie_header,
    user_for_token,
)
from trainer_api.edge.pages import headers_locale
from trainer_api.edge.security import socket_origin_check
from trainer_api.settings import Settings
from trainer_api.storage.models import CANDIDATE
from trainer_api.usecases import debrief, serializers
from trainer_api.usecases.clean_text import FAULTS, shown_field, text_fault
from trainer_api.usecases.practice import PracticeService
from trainer_api.usecases.refusal import Kind, Refused

logger = logging.getLogger(__name__)
MAX_ID_CHARS = 64
INTERNAL_MESSAGE = i18n.N_("Something went wrong on our side; try again in a moment.")
INTERNAL_ERROR = {
    "code": "internal_error",
    "message": INTERNAL_MESSAGE,
}


def create_socket_server(
    settings: Settings, sessions: sessionmaker[Session], practice: PracticeService
) -> socketio.AsyncServer:
    """A Socket.IO server whose events drive ``practice``; Redis fans out if set."""
    manager = (
        socketio.AsyncRedisManager(settings.redis_url) if settings.redis_url else None
    )
    sio = socketio.AsyncServer(
        async_mode="asgi",
        client_manager=manager,
        cors_allowed_origins=socket_origin_check(settings),
        max_http_buffer_size=64 * 1024,
    )

    @sio.event
    async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        token = token_from_cookie_header(environ.get("HTTP_COOKIE"))
        if isinstance(auth, dict) and isinstance(auth.get("token"), str):
            token = auth["token"]
        user = user_for_token(sessions, token)
        locale = headers_locale(
            environ.get("HTTP_COOKIE"), environ.get("HTTP_ACCEPT_LANGUAGE")
        )
        i18n.set_current(user.locale if user and user.locale else locale)
        if user is None:
            raise socketio.exceptions.ConnectionRefusedError(
                Refused(
                    Kind.UNAUTHENTICATED, "not_authenticated", "Log in to practise."
                ).to_dict()
            )
        if user.must_change_password:
            raise socketio.exceptions.ConnectionRefusedError(
                Refused(
                    Kind.FORBIDDEN,
                    "password_change_required",
                    "Choose a new password first: open /password.",
                ).to_dict()
            )
        await sio.save_session(
            sid, {"user_id": user.id, "token": token, "locale": locale}
        )

    async def current_user(sid: str) -> CurrentUser:
        """The connection's user, as long as their login is still valid.

        Logging out or the token expiring ends what an open socket may do.
        """
        saved = await sio.get_session(sid)
        i18n.set_current(saved.get("locale") or i18n.DEFAULT_LOCALE)
        user = await asyncio.to_thread(user_for_token, sessions, saved.get("token"))
        if user is not None and user.locale:
            i18n.set_current(user.locale)
        if user is None or user.id != saved.get("user_id"):
            raise Refused(
                Kind.UNAUTHENTICATED,
                "not_authenticated",
                "Your login has ended; log in again.",
            )
        return user

    async def user_id(sid: str) -> int:
        return (await current_user(sid)).id

    @sio.event
    async def start_assessment(sid: str, data: Any = None) -> dict[str, Any]:
        """A candidate starts the next conversation of their hiring round."""

        async def run() -> dict[str, Any]:
            view = await practice.start_assessment(user_id=await user_id(sid))
            await sio.enter_room(sid, view["session"]["id"])
            return view

        return await _answer(run)

    @sio.event
    async def start_session(sid: str, data: Any = None) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            viewer = await current_user(sid)
            if viewer.role == CANDIDATE:
                raise Refused(
                    Kind.FORBIDDEN,
                    "forbidden",
                    "A candidate's link opens only their own assessment.",
                )
            view = await practice.start(
                user_id=viewer.id,
                scenario_id=_field(data, "scenario_id"),
                draft=data.get("draft") is True,
                assignment_id=data.get("assignment_id"),
            )
            await sio.enter_room(sid, view["session"]["id"])
            return view

        return await _answer(run)

    @sio.event
    async def resume_session(sid: str, data: Any = None) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            view = await practice.resume(
                user_id=await user_id(sid), session_id=_field(data, "session_id")
            )
            await sio.enter_room(sid, view["session"]["id"])
            return view

        return await _answer(run)

    @sio.event
    async def watch_session(sid: str, data: Any = None) -> dict[str, Any]:
        """A trainer follows a learner's session as it happens (read-only):
        the answer is the transcript so far; later turns arrive as events."""

        async def run() -> dict[str, Any]:
            session_id = _field(data, "session_id")
            viewer = await current_user(sid)
            view = await asyncio.to_thread(watchable, viewer, session_id)
            await sio.enter_room(sid, session_id)
            return view

        return await _answer(run)

    @sio.event
    async def unwatch_session(sid: str, data: Any = None) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            session_id = _field(data, "session_id")
            if (await current_user(sid)).role == "trainer":
                # (a learner's own practice room is not theirs to leave)
                await sio.leave_room(sid, session_id)
            return {}

        return await _answer(run)

    def watchable(viewer: CurrentUser, session_id: str) -> dict[str, Any]:
        if viewer.role != "trainer":
            raise Refused(
                Kind.NOT_FOUND, "unknown_session", "There is no such practice session."
            )
        with sessions() as db:
            session = debrief.visible_session(db, viewer, session_id)
            return serializers.transcript_view(session, reviewer=True)

    @sio.event
    async def learner_reply(sid: str, data: Any = None) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            session_id = _field(data, "session_id")

            async def emit(event: str, payload: dict[str, Any]) -> None:
                await sio.emit(event, payload, room=str(session_id))

            await practice.reply(
                user_id=await user_id(sid),
                session_id=session_id,
                message_id=data.get("message_id"),
                text=data.get("text"),
                emit=emit,
            )
            return {}

        return await _answer(run)

    @sio.event
    async def learner_idle(sid: str, data: Any = None) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            session_id = _field(data, "session_id")

            async def emit(event: str, payload: dict[str, Any]) -> None:
                await sio.emit(event, payload, room=str(session_id))

            await practice.nudge(
                user_id=await user_id(sid), session_id=session_id, emit=emit
            )
            return {}

        return await _answer(run)

    return sio


async def _answer(run: Any) -> dict[str, Any]:
    """Run an event handler; turn refusals into ``{"ok": false, "error": ...}``.

    Every event gets an answer: an unexpected failure is logged and answered
    as an internal error, so the browser never waits for nothing.
    """
    try:
        return {"ok": True, **(await run())}
    except Refused as error:
        return {"ok": False, "error": error.to_dict()}
    except Exception:
        logger.exception("a Socket.IO event failed")
        return {
            "ok": False,
            "error": {
                **INTERNAL_ERROR,
                "message": i18n.localise(INTERNAL_MESSAGE),
            },
        }


def _field(data: Any, name: str) -> Any:
    if not isinstance(data, dict):
        raise Refused(
            Kind.INVALID, "bad_request", "Send an object with the event's fields."
        )
    value = data.get(name)
    if value in (None, ""):
        raise Refused(
            Kind.INVALID, "bad_request", "The field {name} is missing.", name=repr(name)
        )
    if not isinstance(value, str) or len(value) > MAX_ID_CHARS:
        raise Refused(
            Kind.INVALID,
            "bad_request",
            "The field {name} must be a text of 1 to {most} characters.",
            name=repr(name),
            most=MAX_ID_CHARS,
        )
    fault = text_fault(value)
    if fault is not None:
        raise Refused(
            Kind.INVALID, "bad_request", FAULTS[fault], field=shown_field(name)
        )
    return value
