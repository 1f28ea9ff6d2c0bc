"""The real product: trained model, Rasa server, action server and trainer_api.

These tests start real processes on free loopback ports. The database is
PostgreSQL when TEST_DATABASE_URL is set, else a SQLite file.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tools.bot_model import ensure_model
from tools.stack import Stack, throwaway_postgres, throwaway_stack


@pytest.fixture(scope="session")
def stack_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = os.environ.get("TEST_DATABASE_URL")
    if server:
        with throwaway_postgres(server) as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'trainer.db'}"


@pytest.fixture(scope="session")
def stack(
    tmp_path_factory: pytest.TempPathFactory, stack_database_url: str
) -> Iterator[Stack]:
    model, _ = ensure_model()
    running = throwaway_stack(
        model=model,
        database_url=stack_database_url,
        work_dir=tmp_path_factory.mktemp("stack"),
    )
    running.start()
    yield running
    running.stop()


CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Module scope: Playwright's sync API runs an event loop in this thread while
# it is open, and later tests (asyncio.run) need the thread's loop free.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is not installed: run `make system-deps`"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()


def log_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()
