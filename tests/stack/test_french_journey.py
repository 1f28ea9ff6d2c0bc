"""A French-speaking learner in headless Chromium, against the real stack:
the pages in French from the browser's language, a French scenario whose
customer understands French replies, French feedback, a customer who asks to
go back to French after an English reply, and the choice of English kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.stack.conftest import log_in
from tools.stack import Stack
from trainer_api.simulation.scenario import OTHER_LANGUAGE_LINES

pytestmark = [pytest.mark.stack, pytest.mark.browser]


def test_a_french_learner_practises_in_french(
    stack: Stack, browser: Browser, tmp_path: Path
) -> None:
    base = stack.config.web_url
    context = browser.new_context(
        locale="fr-CA", viewport={"width": 1200, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{base}/login")
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    expect(page.get_by_test_id("login-submit")).to_have_text("Se connecter")

    log_in(page, base, "learner", "learner-demo")
    page.wait_for_url(f"{base}/home**")
    expect(page.locator("h1")).not_to_have_text("Your practice")
    page.get_by_test_id("free-practice").click()
    page.wait_for_url(f"{base}/chat**")

    # the list offers the customers who speak the page's language first
    expect(page.get_by_test_id("scenario-language")).to_have_value("fr")
    options = page.get_by_test_id("scenario-select").locator("option")
    expect(options).not_to_have_count(0)
    assert "flight_delay" not in options.evaluate_all("os => os.map(o => o.value)")
    page.get_by_test_id("scenario-select").select_option("carte_bloquee_etranger")
    page.get_by_test_id("start-button").click()
    customer = page.locator('[data-testid="message"][data-speaker="customer"]')
    expect(customer.first).to_be_visible(timeout=30_000)
    anger = page.get_by_test_id("mood-anger")
    start_anger = int(anger.get_attribute("data-value") or "-1")

    page.get_by_test_id("reply-input").fill(
        "Je suis vraiment désolée, madame, être bloquée à l'étranger avec vos "
        "enfants et sans moyen de payer, ça doit être terriblement stressant."
    )
    page.get_by_test_id("send-button").click()
    score = page.get_by_test_id("turn-score").first
    expect(score).to_be_visible(timeout=30_000)
    assert int(score.get_attribute("data-score") or "-1") >= 40
    expect(customer).to_have_count(2, timeout=30_000)
    assert int(anger.get_attribute("data-value") or "101") < start_anger
    met = page.locator('[data-testid="need"][data-met="true"]')
    expect(met.first).to_be_visible()
    page.screenshot(path=str(tmp_path / "chat-fr.png"), full_page=True)

    # an English reply: the customer asks, in French, to go on in French
    page.get_by_test_id("reply-input").fill(
        "I understand, let me look at your card right away and unblock it."
    )
    page.get_by_test_id("send-button").click()
    expect(customer).to_have_count(3, timeout=30_000)
    asked_back = "|".join(re.escape(line) for line in OTHER_LANGUAGE_LINES["fr"])
    expect(customer.nth(2)).to_contain_text(re.compile(asked_back))

    # choosing English is kept on the account and the page reads in English
    page.get_by_test_id("language-select").first.select_option("en")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en", timeout=10_000)
    page.goto(f"{base}/home")
    expect(page.locator("h1")).to_have_text("Your practice")
    # back to following the browser, so other tests meet the account as it was
    status = page.evaluate(
        """() => fetch("/api/locale", {method: "PUT",
            headers: {"Content-Type": "application/json"},
            body: JSON.stringify({locale: null})}).then((r) => r.status)"""
    )
    assert status == 200
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    context.close()
