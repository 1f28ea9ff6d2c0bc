"""FastAPI dependencies the routes declare: a database session, the settings.

A route gets a plain ``Session`` (closed when the request ends). Reading needs
nothing more; a route that writes wraps its work in ``with db.begin():`` so the
commit happens, and any error surfaces, before the response is built.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from trainer_api.settings import Settings


def database(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as db:
        yield db


def settings(request: Request) -> Settings:
    configured: Settings = request.app.state.settings
    return configured


Db = Annotated[Session, Depends(database)]
AppSettings = Annotated[Settings, Depends(settings)]


def session_factory(request: Request) -> sessionmaker[Session]:
    """For use cases that need transactions of their own (logging in)."""
    factory: sessionmaker[Session] = request.app.state.sessions
    return factory


Sessions = Annotated[sessionmaker, Depends(session_factory)]
