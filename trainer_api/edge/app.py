"""The trainer_api ASGI application: pages, JSON API and Socket.IO in one app."""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import socketio
from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from trainer_api.adapters.rasa_client import RasaClient
from trainer_api.edge.account_routes import router as account_router
from trainer_api.edge.assessment_routes import router as assessment_router
from trainer_api.edge.auth import optional_user
from trainer_api.edge.authoring_routes import router as authoring_router
from trainer_api.edge.calibration_routes import router as calibration_router
from trainer_api.edge.coaching_routes import router as coaching_router
from trainer_api.edge.errors import install_error_handlers
from trainer_api.edge.fairness_routes import router as fairness_router
from trainer_api.edge.health import router as health_router
from trainer_api.edge.housekeeping import start_housekeeping
from trainer_api.edge.pages import LocaleMiddleware, page_response
from trainer_api.edge.people_routes import router as people_router
from trainer_api.edge.practice_routes import router as practice_router
from trainer_api.edge.realtime import create_socket_server
from trainer_api.edge.record_sender import start_record_sender
from trainer_api.edge.records_routes import router as records_router
from trainer_api.edge.security import BodyLimit, OriginGuard, SecurityHeaders
from trainer_api.scoring import warm_up
from trainer_api.settings import Settings, load_settings
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.models import CANDIDATE
from trainer_api.usecases import assessments
from trainer_api.usecases.practice import PracticeService

WEB = Path(__file__).parent.parent / "web"
PAGES = {
    "/login": "login.html",
    "/chat": "chat.html",
    "/results": "results.html",
    "/password": "password.html",
    "/debrief": "debrief.html",
}
ROLE_PAGES = {
    "/author": ("author.html", ("trainer",)),
    "/admin": ("admin.html", ("admin",)),
    "/home": ("home.html", ("learner",)),
    "/class": ("class.html", ("trainer", "hr")),
    "/watch": ("watch.html", ("trainer",)),
    "/calibration": ("calibration.html", ("trainer",)),
    "/rounds": ("rounds.html", ("hr",)),
}
HOME_PAGES = {
    "admin": "/admin",
    "learner": "/home",
    "trainer": "/class",
    "hr": "/rounds",
}
logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 16 * 1024
MAX_AUTHORING_BODY_BYTES = 2 * 1024 * 1024  # a scenario (256 KiB) JSON-escaped
MAX_ROSTER_BODY_BYTES = 1024 * 1024  # a roster (512 KiB) JSON-escaped


async def _warm_scorer() -> None:
    try:
        await asyncio.to_thread(warm_up)
    except Exception:  # the first reply will load it, or say what is wrong
        logger.exception("the scorer could not be loaded ahead")


def create_app(settings: Settings | None = None) -> socketio.ASGIApp:
    """Build the whole web application for ``settings`` (default: environment)."""
    settings = settings or load_settings()
    engine = make_engine(settings.database_url)
    sessions = make_session_factory(engine)
    practice = PracticeService(
        settings=settings,
        sessions=sessions,
        customer=RasaClient(settings.rasa_url, timeout=settings.rasa_timeout),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        # The scorer loads in the background: the first reply does not wait
        # for it, unless it comes in the first seconds.
        warming = asyncio.create_task(_warm_scorer())
        background = [warming] + [
            task
            for task in (
                start_record_sender(settings, sessions),
                start_housekeeping(settings, sessions),
            )
            if task is not None
        ]
        yield
        for task in background:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
        await practice.close()
        engine.dispose()

    public_docs = not settings.is_production
    api = FastAPI(
        title="Empathy Trainer",
        lifespan=lifespan,
        docs_url="/api/docs" if public_docs else None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
        openapi_url="/openapi.json" if public_docs else None,
    )
    api.state.settings = settings
    api.state.sessions = sessions
    api.state.practice = practice
    install_error_handlers(api)
    api.include_router(account_router)
    api.include_router(health_router)
    api.include_router(practice_router)
    api.include_router(authoring_router)
    api.include_router(calibration_router)
    api.include_router(people_router)
    api.include_router(coaching_router)
    api.include_router(records_router)
    api.include_router(assessment_router)
    api.include_router(fairness_router)
    api.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    _add_pages(api)
    _protect(api, settings)
    sio = create_socket_server(settings, sessions, practice)
    return socketio.ASGIApp(sio, other_asgi_app=api, socketio_path="socket.io")


def _protect(api: FastAPI, settings: Settings) -> None:
    """The edge protections of trainer_api.edge.security; the last added runs first."""
    api.add_middleware(OriginGuard, settings=settings)
    api.add_middleware(
        BodyLimit,
        default=MAX_BODY_BYTES,
        by_prefix={
            "/api/trainer/": MAX_AUTHORING_BODY_BYTES,
            "/api/people/import": MAX_ROSTER_BODY_BYTES,
            "/api/rounds/": MAX_ROSTER_BODY_BYTES,
        },
    )
    api.add_middleware(SecurityHeaders, settings=settings)
    api.add_middleware(LocaleMiddleware)


def _add_pages(api: FastAPI) -> None:
    @api.get("/", include_in_schema=False)
    def home(request: Request) -> Response:
        user = optional_user(request)
        if user is None:
            return RedirectResponse("/login", status_code=303)
        if user.must_change_password:
            return RedirectResponse("/password", status_code=303)
        if user.role == CANDIDATE:
            return RedirectResponse("/login", status_code=303)
        return RedirectResponse(HOME_PAGES.get(user.role, "/results"), status_code=303)

    @api.get("/healthz", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    for path, page in PAGES.items():
        api.add_api_route(
            path,
            _page(page, public=path == "/login"),
            methods=["GET"],
            include_in_schema=False,
        )

    @api.get("/assess/{token}", include_in_schema=False)
    def assess_page(token: str, request: Request) -> Response:
        """A candidate's link: the page reads in the round's language."""
        with request.app.state.sessions() as db:
            language = assessments.link_language(db, token)
        return page_response("assess.html", request, None, language=language)

    for path, (page, roles) in ROLE_PAGES.items():
        api.add_api_route(
            path,
            _page(page, public=False, roles=roles),
            methods=["GET"],
            include_in_schema=False,
        )


def _page(name: str, *, public: bool, roles: tuple[str, ...] = ()) -> Any:
    def serve(request: Request) -> Response:
        user = optional_user(request)
        if not public and user is None:
            return RedirectResponse("/login", status_code=303)
        if user is not None and not public:
            if user.role == CANDIDATE:  # their link is their only page
                return RedirectResponse("/login", status_code=303)
            if user.must_change_password and name != "password.html":
                return RedirectResponse("/password", status_code=303)
            if roles and user.role not in roles:
                return RedirectResponse("/", status_code=303)
        return page_response(name, request, user)

    serve.__name__ = f"page_{name.split('.')[0]}"
    return serve
