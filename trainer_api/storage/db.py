"""Engines and sessions, built by functions (never at import time)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool


def make_engine(database_url: str) -> Engine:
    """An engine for ``database_url``; SQLite gets foreign keys and WAL.

    A SQLite file keeps a pool of connections, as PostgreSQL does: by default
    SQLAlchemy 1.4 opens a new SQLite connection (and sets its pragmas) for
    every transaction, which under ``make load`` was a tenth of trainer_api's
    time. An in-memory database keeps SQLAlchemy's default (one connection).
    """
    url = _normalise(database_url)
    if url.startswith("sqlite"):
        pooled = ":memory:" not in url and url not in ("sqlite://", "sqlite:///")
        engine = create_engine(
            url,
            future=True,
            connect_args={"check_same_thread": False},
            **(
                {"poolclass": QueuePool, "pool_size": 8, "max_overflow": 8}
                if pooled
                else {}
            ),
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


def _normalise(database_url: str) -> str:
    if database_url.startswith("postgres://"):
        return "postgresql://" + database_url.removeprefix("postgres://")
    return database_url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL syncs the log at checkpoints rather than at every
    # commit: a process that crashes loses nothing it committed; only an
    # operating-system crash or power cut can undo the last transactions.
    # (The deployment for a class runs on PostgreSQL.)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
