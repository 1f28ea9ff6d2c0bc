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
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.stack.conftest import log_in
from tests.stack.test_class_journeys import shot
from tools.stack import Stack

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
