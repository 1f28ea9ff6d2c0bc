"""The two journeys of a class, in headless Chromium against the real stack.

A trainer creates a cohort from a CSV file, assigns two scenarios with a due
date, watches a learner practise live, comments, and sees the cohort
dashboard fill in; the learner signs in with their one-time password, chooses
their own, sees their assignments, practises, reads the debrief with the
comment, and sees their progress. An admin sees every account. The numbers on
the pages are checked against the database, and each step is saved as a
screenshot (``SCREENSHOTS``; the README's pictures come from these).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import func, select

from tests.stack.conftest import log_in
from tools.stack import Stack
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.models import AppUser, PracticeSession, Turn

pytestmark = [pytest.mark.stack, pytest.mark.browser]

SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR", Path(__file__).parents[2] / "var" / "screenshots")
)
ROSTER = (
    "name,email,role,cohort\n"
    "Priya Shah,priya.shah@example.com,learner,Browser intake\n"
    "Tom Reyes,tom.reyes@example.com,learner,Browser intake\n"
)
NEW_PASSWORD = "a fresh long password"
PRIYA = "priya.shah@example.com"
PRIYA_ROW = f'[data-testid="learner-row"][data-username="{PRIYA}"]'


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def database(stack: Stack) -> Iterator[object]:
    engine = make_engine(stack.config.database_url)
    yield make_session_factory(engine)
    engine.dispose()


def test_a_trainer_runs_a_class_and_a_learner_follows_it(
    stack: Stack,
    browser: Browser,
    database: object,
) -> None:
    base = stack.config.web_url
    trainer = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(trainer, base, "trainer", "trainer-demo")
    trainer.wait_for_url(f"{base}/class**")

    # a cohort from a CSV file: every one-time password shown once
    trainer.get_by_test_id("roster-text").fill(ROSTER)
    trainer.get_by_test_id("roster-submit").click()
    passwords = trainer.get_by_test_id("one-time-password")
    expect(passwords).to_have_count(2, timeout=10_000)
    one_time = {
        row.locator("td").nth(1).inner_text(): row.get_by_test_id(
            "one-time-password"
        ).inner_text()
        for row in trainer.get_by_test_id("one-time-table").locator("tbody tr").all()
    }
    expect(trainer.get_by_test_id("cohort-select")).to_have_value(re.compile(r"\d+"))
    expect(
        trainer.get_by_test_id("cohort-select").locator("option:checked")
    ).to_have_text("Browser intake")
    shot(trainer, "trainer-roster-imported")

    # two scenarios assigned to the cohort, due in a week
    for count, scenario in enumerate(("flight_delay", "double_charge"), 1):
        trainer.get_by_test_id("assign-scenario").select_option(scenario)
        trainer.get_by_test_id("assign-due").fill("2099-01-15T17:00")
        trainer.get_by_test_id("assign-attempts").fill("3")
        trainer.get_by_test_id("assign-submit").click()
        expect(trainer.get_by_test_id("cohort-assignment")).to_have_count(
            count, timeout=10_000
        )
    expect(trainer.get_by_test_id("cohort-assignment")).to_contain_text(
        ["Delayed flight", "Charged twice"]
    )
    expect(trainer.get_by_test_id("cohort-assignment").first).to_contain_text(
        "0 of 2 done"
    )

    # the learner's first sign-in: one-time password, then their own
    learner = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(learner, base, "priya.shah@example.com", one_time["priya.shah@example.com"])
    learner.wait_for_url(f"{base}/password**")
    learner.goto(f"{base}/home")
    learner.wait_for_url(f"{base}/password**")  # nothing else until it is done
    learner.get_by_test_id("current-password").fill(one_time["priya.shah@example.com"])
    learner.get_by_test_id("new-password").fill(NEW_PASSWORD)
    learner.get_by_test_id("repeat-password").fill(NEW_PASSWORD)
    learner.get_by_test_id("password-submit").click()
    learner.wait_for_url(f"{base}/home**")
    cards = learner.get_by_test_id("assignment")
    expect(cards).to_have_count(2, timeout=10_000)
    expect(cards.first.get_by_test_id("assignment-state")).to_have_text("To do")
    shot(learner, "learner-home-assignments")

    # the learner starts the first assignment; the trainer watches live
    learner.locator(
        '[data-testid="assignment"][data-scenario="flight_delay"]'
    ).get_by_test_id("start-assignment").click()
    learner.wait_for_url(f"{base}/chat**")
    expect(learner.get_by_test_id("assignment-attempt")).to_be_visible()
    learner.get_by_test_id("start-button").click()
    customer = learner.locator('[data-testid="message"][data-speaker="customer"]')
    expect(customer.first).to_be_visible(timeout=30_000)
    session_id = learner.url.split("session=")[1].split("&")[0]

    trainer.get_by_test_id("apply-filters").click()
    watch = trainer.locator(
        '[data-testid="learner-row"][data-username="priya.shah@example.com"]'
    )
    expect(watch.get_by_test_id("watch-link")).to_be_visible(timeout=10_000)
    watch.get_by_test_id("watch-link").click()
    trainer.wait_for_url(f"{base}/watch?session={session_id}")
    watched = trainer.locator('[data-testid="message"]')
    expect(watched).to_have_count(1, timeout=10_000)

    reply = (
        "I'm so sorry, Fiona, being stuck at the airport with your connection "
        "gone must be exhausting. Let me sort this out for you right now."
    )
    learner.get_by_test_id("reply-input").fill(reply)
    learner.get_by_test_id("send-button").click()
    expect(customer).to_have_count(2, timeout=30_000)
    expect(watched).to_have_count(3, timeout=15_000)  # arrived without a reload
    expect(watched.nth(1)).to_contain_text("stuck at the airport")
    shot(trainer, "trainer-watches-live")
    for text in (
        "That's on us, not you. I'll handle it myself.",
        "Calm down, it's only a delay.",
    ):
        learner.get_by_test_id("reply-input").fill(text)
        learner.get_by_test_id("send-button").click()
        expect(learner.get_by_test_id("turn-score")).to_have_count(
            2 if "us" in text else 3, timeout=30_000
        )
    expect(watched).to_have_count(7, timeout=30_000)

    # the trainer comments from the debrief
    trainer.get_by_test_id("watch-debrief").click()
    trainer.wait_for_url(f"{base}/debrief?session={session_id}")
    trainer.get_by_test_id("comment-text").fill(
        "Lovely opening. Watch the 'calm down' at the end: name the feeling instead."
    )
    expect(trainer.get_by_test_id("comment-counter")).to_contain_text("/ 4000")
    trainer.get_by_test_id("comment-submit").click()
    expect(trainer.get_by_test_id("comment")).to_have_count(1, timeout=10_000)
    expect(trainer.get_by_test_id("comment-text")).to_have_value("")
    # and on one reply: listed in the panel (with a link to the reply) and under it
    trainer.get_by_test_id("turn-comment-open").nth(2).click()
    trainer.get_by_test_id("turn-comment-text").nth(2).fill(
        "Here: 'I can hear how stressful this is' would have landed better."
    )
    trainer.get_by_test_id("turn-comment-submit").nth(2).click()
    expect(trainer.get_by_test_id("comment")).to_have_count(3, timeout=10_000)
    expect(trainer.get_by_test_id("comment-on-reply")).to_have_text("On reply 3")
    shot(trainer, "trainer-debrief-comments")

    # the learner is told, reads the debrief, and sees their progress
    learner.goto(f"{base}/home")
    expect(learner.get_by_test_id("new-comment")).to_have_count(2, timeout=10_000)
    expect(learner.get_by_test_id("assignment-state").first).to_have_text(
        re.compile("In progress|Not passed yet")
    )
    expect(learner.get_by_test_id("weakest-dimension")).to_be_visible()
    expect(learner.get_by_test_id("progress-table")).to_be_attached()
    shot(learner, "learner-home-progress")
    learner.get_by_test_id("new-comment").first.get_by_role("link").click()
    learner.wait_for_url(f"{base}/debrief?session={session_id}")
    expect(learner.get_by_test_id("comment").first).to_contain_text("Lovely opening")
    expect(learner.get_by_test_id("comment-on-reply")).to_have_text("On reply 3")
    expect(learner.get_by_test_id("next-time-tip")).to_have_count(2)
    expect(learner.get_by_test_id("mood-table")).to_be_attached()
    expect(learner.get_by_test_id("angered")).to_contain_text("Calm down")
    facts = learner.get_by_test_id("debrief-facts").inner_text()
    assert "Seed" not in facts and "version" not in facts.lower()
    shot(learner, "learner-debrief")
    learner.goto(f"{base}/home")
    expect(learner.get_by_test_id("new-comment")).to_have_count(0)

    # the dashboard fills in, and its figures are the database's
    trainer.goto(f"{base}/class")
    trainer.get_by_test_id("cohort-select").select_option(label="Browser intake")
    row = trainer.locator(
        '[data-testid="learner-row"][data-username="priya.shah@example.com"]'
    )
    expect(row).to_be_visible(timeout=10_000)
    with database() as db:  # type: ignore[operator]
        priya = db.scalar(
            select(AppUser).where(AppUser.username == "priya.shah@example.com")
        )
        scores = [
            t.score.score
            for t in db.scalars(
                select(Turn)
                .join(PracticeSession, PracticeSession.id == Turn.session_id)
                .where(
                    PracticeSession.learner_id == priya.id, Turn.speaker == "learner"
                )
            )
            if t.score is not None
        ]
        sessions = db.scalar(
            select(func.count(PracticeSession.id)).where(
                PracticeSession.learner_id == priya.id
            )
        )
    expect(row.get_by_test_id("learner-average")).to_have_text(
        str(round(sum(scores) / len(scores)))
    )
    expect(row.locator("td").first).to_have_text(str(sessions))
    expect(trainer.get_by_test_id("heat-table")).to_be_attached()
    shot(trainer, "trainer-class-dashboard")
    with trainer.expect_download() as download:
        trainer.get_by_test_id("export-csv").click()
    exported = list(
        csv.DictReader(io.StringIO(Path(download.value.path()).read_text()))
    )
    assert {r["username"]: r["sessions"] for r in exported} == {
        "priya.shah@example.com": str(sessions),
        "tom.reyes@example.com": "0",
    }
    trainer.close()
    learner.close()


def test_an_admin_sees_every_account(
    stack: Stack,
    browser: Browser,
    database: object,
) -> None:
    base = stack.config.web_url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, base, "admin", "admin-demo")
    page.wait_for_url(f"{base}/admin**")
    with database() as db:  # type: ignore[operator]
        accounts = db.scalar(select(func.count(AppUser.id)))
    expect(page.get_by_test_id("people-table").locator("tbody tr")).to_have_count(
        accounts, timeout=10_000
    )
    page.get_by_test_id("roster-text").fill("name,username,role\nBad,bad user,boss\n")
    page.get_by_test_id("roster-submit").click()
    problems = page.get_by_test_id("roster-problem")
    expect(problems).to_have_count(2)
    expect(problems.first).to_contain_text("Line 2")
    with database() as db:  # type: ignore[operator]
        assert db.scalar(select(func.count(AppUser.id))) == accounts
    shot(page, "admin-people")
    page.close()


def test_the_demo_cohort_fills_the_class_and_home_pages(
    stack: Stack, browser: Browser
) -> None:
    """What ``make run`` shows: the demo cohort's weeks of practice."""
    from tools.demo_history import seed_demo_history
    from trainer_api.settings import Settings

    seed_demo_history(
        Settings(environment="test", database_url=stack.config.database_url)
    )
    base = stack.config.web_url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, base, "trainer", "trainer-demo")
    page.wait_for_url(f"{base}/class**")
    page.get_by_test_id("cohort-select").select_option(label="Demo cohort")
    expect(page.get_by_test_id("learner-row")).to_have_count(6, timeout=10_000)
    expect(page.get_by_test_id("cohort-assignment")).to_have_count(2)
    page.wait_for_timeout(300)  # the charts draw after the tables
    shot(page, "demo-class-dashboard")
    page.get_by_test_id("logout").click()
    page.wait_for_url(f"{base}/login")
    log_in(page, base, "maya", "learner-demo")
    page.wait_for_url(f"{base}/home**")
    expect(page.get_by_test_id("assignment")).to_have_count(2, timeout=10_000)
    expect(page.get_by_test_id("progress-table").locator("tbody tr")).to_have_count(4)
    page.wait_for_timeout(300)
    shot(page, "demo-learner-home")
    page.close()
