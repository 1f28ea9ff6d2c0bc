"""A hiring round in headless Chromium against the real stack: HR creates it
and invites three candidates from a CSV file; one consents and talks with the
customer in assessment mode (no scores, tips or needs; pasting refused; time
shown); a second device with the same link is refused until HR allows
another attempt; one candidate declines; a forged link gets a clear page; HR
reviews with the evidence, decides with a reason and exports. Screenshots go
with the other journeys' (``SCREENSHOTS``)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from tests.stack.conftest import log_in
from tests.stack.test_class_journeys import shot
from tools.stack import Stack
from trainer_api.storage.db import make_engine, make_session_factory

pytestmark = [pytest.mark.stack, pytest.mark.browser]

CANDIDATES = (
    "name,email\n"
    "Avery Stone,avery@example.com\n"
    "Blake Ng,blake@example.com\n"
    "Casey Diaz,casey@example.com\n"
)
PASTE = """node => {
    const data = new DataTransfer();
    data.setData("text/plain", "a prepared answer");
    const paste = {clipboardData: data, bubbles: true, cancelable: true};
    node.dispatchEvent(new ClipboardEvent("paste", paste));
}"""


def local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def device(browser: Browser) -> Page:
    """A page in a fresh context: another device, with no cookies."""
    return browser.new_context(viewport={"width": 1100, "height": 900}).new_page()


def test_a_round_from_creation_to_decision(stack: Stack, browser: Browser) -> None:
    base = stack.config.web_url
    hr = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(hr, base, "hr", "hr-demo")
    hr.wait_for_url(f"{base}/rounds**")
    hr.get_by_test_id("new-round").locator("summary").click()
    now = datetime.now(timezone.utc)
    hr.get_by_test_id("round-title").fill("Browser round: customer care advisor")
    hr.get_by_test_id("round-scenarios").locator('input[value="flight_delay"]').check()
    hr.get_by_test_id("round-minutes").fill("10")
    hr.get_by_test_id("round-opens").fill(local(now - timedelta(hours=1)))
    hr.get_by_test_id("round-closes").fill(local(now + timedelta(days=7)))
    hr.get_by_test_id("round-contact").fill("careers@example.com")
    hr.get_by_test_id("round-submit").click()
    expect(hr.get_by_test_id("round-heading")).to_have_text(
        "Browser round: customer care advisor", timeout=10_000
    )
    hr.get_by_test_id("invite-csv-form").locator("..").locator("summary").click()
    hr.get_by_test_id("invite-csv").fill(CANDIDATES)
    hr.get_by_test_id("invite-csv-submit").click()
    links = hr.get_by_test_id("candidate-link")
    expect(links).to_have_count(3, timeout=10_000)
    avery, blake, _casey = (links.nth(i).inner_text() for i in range(3))
    shot(hr, "hr-round-invited")

    # Avery reads the notice, consents, and talks in assessment mode
    candidate = device(browser)
    candidate.goto(avery)
    expect(candidate.get_by_test_id("notice-what")).to_contain_text("No audio")
    shot(candidate, "candidate-notice")
    candidate.get_by_test_id("consent-yes").click()
    candidate.get_by_test_id("assess-start").click()
    customer = candidate.locator('[data-testid="message"][data-speaker="customer"]')
    expect(customer.first).to_be_visible(timeout=30_000)
    expect(candidate.get_by_test_id("timer")).to_have_text(
        re.compile(r"^(09|10):\d\d$")
    )
    candidate.get_by_test_id("reply-input").evaluate(PASTE)
    expect(candidate.get_by_test_id("reply-error")).to_contain_text(
        "Pasting is turned off"
    )
    assert candidate.get_by_test_id("reply-input").input_value() == ""
    candidate.get_by_test_id("reply-input").fill(
        "I'm so sorry, Fiona. Being stuck at the airport with your connection gone "
        "must be exhausting. Let me sort this out for you right now."
    )
    candidate.get_by_test_id("send-button").click()
    expect(customer).to_have_count(2, timeout=30_000)
    expect(candidate.get_by_test_id("turn-score")).to_have_count(0)
    expect(candidate.get_by_test_id("mood-reasons")).to_have_count(0)
    expect(candidate.locator("body")).not_to_contain_text("empathy score")
    expect(candidate.locator('[data-testid="needs"]')).to_have_count(0)
    shot(candidate, "candidate-chat")
    candidate.reload()  # a reload resumes within the time limit
    expect(customer).to_have_count(2, timeout=15_000)

    # the same link on a second device is refused until HR allows it
    second = device(browser)
    second.goto(avery)
    second.get_by_test_id("consent-yes").click()
    expect(second.get_by_test_id("assess-error")).to_contain_text(
        "already", timeout=10_000
    )

    # Blake declines; a forged link gets a clear page
    declining = device(browser)
    declining.goto(blake)
    declining.get_by_test_id("consent-no").click()
    expect(declining.get_by_test_id("assess-message")).to_contain_text("You declined")
    forged = device(browser)
    forged.goto(avery[:-4] + "abcd")
    expect(forged.get_by_test_id("assess-error")).to_contain_text("not valid")

    # HR reviews with the evidence and decides with a reason
    hr.reload()
    hr.get_by_test_id("open-round").filter(has_text="Browser round").click()
    rows = hr.get_by_test_id("candidate-row")
    expect(rows).to_have_count(3, timeout=10_000)
    avery_row = rows.filter(has_text="Avery Stone")
    expect(avery_row.get_by_test_id("candidate-score")).to_have_text(
        re.compile(r"^\d+$")
    )
    expect(rows.filter(has_text="Blake Ng")).to_contain_text("Declined")
    avery_row.get_by_test_id("review-candidate").click()
    transcript = hr.get_by_test_id("candidate-transcript")
    expect(transcript.get_by_test_id("turn-score").first).to_be_visible(timeout=10_000)
    hr.get_by_test_id("decision-form").locator('input[value="advance"]').check()
    hr.get_by_test_id("decision-reason").fill("Too short")
    hr.get_by_test_id("decision-submit").click()
    expect(hr.get_by_test_id("decision-error")).to_contain_text("reason")
    hr.get_by_test_id("decision-form").locator('input[value="advance"]').check()
    hr.get_by_test_id("decision-reason").fill(
        "Named the customer's exhaustion and took charge of the fix at once."
    )
    hr.get_by_test_id("decision-submit").click()
    expect(hr.get_by_test_id("decision")).to_have_count(1, timeout=10_000)
    shot(hr, "hr-review")
    hr.get_by_test_id("grant-attempt").click()
    second.goto(avery)
    second.get_by_test_id("consent-yes").click()
    expect(second.locator('[data-testid="message"]').first).to_be_visible(
        timeout=15_000
    )  # the granted device resumes the conversation
    with hr.expect_download() as download:
        hr.get_by_test_id("export-csv").click()
    table = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert {row["name"]: row["standing"] for row in table} == {
        "Avery Stone": "advance",
        "Blake Ng": "declined",
        "Casey Diaz": "not_started",
    }


def play_to_the_end(page: Page, replies: list[str]) -> None:
    """Send ``replies`` one by one until the conversation ends."""
    customer = page.locator('[data-testid="message"][data-speaker="customer"]')
    expect(customer.first).to_be_visible(timeout=30_000)
    for number, reply in enumerate(replies, start=2):
        page.get_by_test_id("reply-input").fill(reply)
        page.get_by_test_id("send-button").click()
        expect(customer).to_have_count(number, timeout=30_000)
        if page.get_by_test_id("assess-ended").is_visible():
            return
    expect(page.get_by_test_id("assess-ended")).to_be_visible(timeout=10_000)


def test_candidates_finish_declare_observe_and_are_deleted_everywhere(
    stack: Stack, browser: Browser
) -> None:
    """Three candidates: one finishes warmly, asks for the factors, sends an
    observation and declares; one is rude and declares; one's link has
    expired. HR reads the fairness report, decides, and deletes a candidate,
    whose data is then gone from every store."""
    from sqlalchemy import create_engine, select, text, update

    from tests.web.test_coaching import rows_about
    from trainer_api.settings import PROJECT_ROOT
    from trainer_api.simulation import load_scenario
    from trainer_api.storage.models import Candidate, PracticeSession

    base = stack.config.web_url
    hr = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(hr, base, "hr", "hr-demo")
    hr.wait_for_url(f"{base}/rounds**")
    hr.get_by_test_id("new-round").locator("summary").click()
    now = datetime.now(timezone.utc)
    hr.get_by_test_id("round-title").fill("Fairness round: contact centre")
    hr.get_by_test_id("round-scenarios").locator('input[value="flight_delay"]').check()
    hr.get_by_test_id("round-opens").fill(local(now - timedelta(hours=1)))
    hr.get_by_test_id("round-closes").fill(local(now + timedelta(days=7)))
    hr.get_by_test_id("round-contact").fill("careers@example.com")
    hr.get_by_test_id("round-submit").click()
    expect(hr.get_by_test_id("round-heading")).to_have_text(
        "Fairness round: contact centre", timeout=10_000
    )
    # nobody has started: the round can still change
    hr.get_by_test_id("round-edit").click()
    hr.get_by_test_id("round-minutes").fill("12")
    hr.get_by_test_id("round-submit").click()
    expect(hr.get_by_test_id("round-facts")).to_contain_text("12 minutes")
    hr.get_by_test_id("invite-csv-form").locator("..").locator("summary").click()
    hr.get_by_test_id("invite-csv").fill(
        "name,email\nDana Fox,dana@example.com\nEli Park,eli@example.com\n"
        "Fran Okoro,fran@example.com\n"
    )
    hr.get_by_test_id("invite-csv-submit").click()
    links = hr.get_by_test_id("candidate-link")
    expect(links).to_have_count(3, timeout=10_000)
    dana, eli, fran = (links.nth(i).inner_text() for i in range(3))
    scripts = {
        s.name: list(s.replies)
        for s in load_scenario(PROJECT_ROOT / "scenarios", "flight_delay").scripts
    }

    # Dana: a warm conversation to its end, then her rights and the form
    first = device(browser)
    first.goto(dana)
    first.get_by_test_id("consent-yes").click()
    first.get_by_test_id("assess-start").click()
    play_to_the_end(first, scripts["empathic"])
    expect(first.get_by_test_id("assess-message")).to_contain_text(
        "complete", timeout=15_000
    )
    first.get_by_test_id("ask-factors").click()
    expect(first.get_by_test_id("factor").first).to_be_visible(timeout=10_000)
    first.get_by_test_id("observation").fill("My connection was slow at the start.")
    first.get_by_test_id("observation-submit").click()
    expect(first.get_by_test_id("observation-status")).to_contain_text("Sent")
    form = first.get_by_test_id("declaration-form")
    expect(form).to_contain_text("never see them")
    form.get_by_test_id("declare-sex-female").check()
    form.get_by_test_id("declare-race_ethnicity-asian").check()
    form.get_by_test_id("declaration-save").click()
    expect(first.get_by_test_id("declaration-status")).to_have_text("Saved. Thank you.")
    shot(first, "candidate-declaration")

    # Eli: rude until the customer gives up on him; he prefers not to say
    rude = device(browser)
    rude.goto(eli)
    rude.get_by_test_id("consent-yes").click()
    rude.get_by_test_id("assess-start").click()
    play_to_the_end(rude, scripts["dismissive"])
    rude.get_by_test_id("declare-sex-none").check()
    rude.get_by_test_id("declaration-save").click()
    expect(rude.get_by_test_id("declaration-status")).to_have_text("Saved. Thank you.")

    # Fran's link has expired
    with stack_db(stack) as db:
        db.execute(
            update(Candidate)
            .where(Candidate.email == "fran@example.com")
            .values(expires_at=now - timedelta(minutes=1))
        )
    late = device(browser)
    late.goto(fran)
    expect(late.get_by_test_id("assess-title")).to_contain_text("expired")

    # HR: the fairness report (small groups withheld), the observation, a decision
    hr.reload()
    hr.get_by_test_id("open-round").filter(has_text="Fairness round").click()
    expect(hr.get_by_test_id("candidate-row")).to_have_count(3, timeout=10_000)
    hr.get_by_test_id("round-fairness").locator("summary").click()
    summary = hr.get_by_test_id("fairness-summary")
    expect(summary).to_contain_text("2 candidates took the assessment", timeout=10_000)
    sex = hr.locator('[data-testid="fairness-table"][data-group="sex"]')
    expect(sex.locator("caption")).to_contain_text("not declared: 1")
    expect(sex.get_by_test_id("fairness-row")).to_contain_text("withheld")
    shot(hr, "hr-fairness")
    rows = hr.get_by_test_id("candidate-row")
    rows.filter(has_text="Dana Fox").get_by_test_id("review-candidate").click()
    expect(hr.get_by_test_id("observation")).to_contain_text("connection was slow")
    expect(hr.get_by_test_id("review")).not_to_contain_text("Asian")
    hr.get_by_test_id("decision-form").locator('input[value="advance"]').check()
    hr.get_by_test_id("decision-reason").fill(
        "Owned the delay and booked a real alternative without being asked twice."
    )
    hr.get_by_test_id("decision-submit").click()
    expect(hr.get_by_test_id("decision")).to_have_count(1, timeout=10_000)

    # Eli asks to be deleted: gone from every store
    with stack_db(stack) as db:
        eli_row = db.scalars(
            select(Candidate).where(Candidate.email == "eli@example.com")
        ).one()
        eli_id, eli_user = eli_row.id, eli_row.user_id
        eli_sessions = list(
            db.scalars(
                select(PracticeSession.id).where(PracticeSession.learner_id == eli_user)
            )
        )
    assert eli_sessions
    rows.filter(has_text="Eli Park").get_by_test_id("review-candidate").click()
    expect(hr.get_by_test_id("review-heading")).to_contain_text("Eli Park")
    hr.once("dialog", lambda dialog: dialog.accept())
    hr.get_by_test_id("delete-candidate").click()
    expect(hr.get_by_test_id("candidate-row")).to_have_count(2, timeout=10_000)
    with stack_db(stack) as db:
        left = (
            rows_about(db, "candidate_id", [eli_id])
            + rows_about(db, "learner_id", [eli_user])
            + rows_about(db, "user_id", [eli_user])
            + rows_about(db, "session_id", eli_sessions)
            + rows_about(db, "email", ["eli@example.com"])
        )
        assert left == []
    tracker = create_engine(stack.config.tracker_url)
    with tracker.connect() as connection:
        senders = {
            r[0] for r in connection.execute(text("SELECT sender_id FROM events"))
        }
    tracker.dispose()
    assert not senders & set(eli_sessions), "the bot's memory of Eli is gone"
    assert senders, "other conversations are still in the tracker store"


@contextmanager
def stack_db(stack: Stack) -> Iterator[Session]:
    """A transaction on the running stack's database (committed at the end)."""
    engine = make_engine(stack.config.database_url)
    try:
        with make_session_factory(engine).begin() as db:
            yield db
    finally:
        engine.dispose()
