"""A learner in headless Chromium: log in, start the scenario, reply, see the answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.stack.conftest import log_in
from tools.stack import Stack

pytestmark = [pytest.mark.stack, pytest.mark.browser]


def test_wrong_password_shows_an_error(stack: Stack, browser: Browser) -> None:
    page = browser.new_page()
    log_in(page, stack.config.web_url, "learner", "wrong")
    expect(page.get_by_test_id("login-error")).to_contain_text(
        "Wrong username or password"
    )
    assert page.url.endswith("/login")
    page.close()


def test_learner_chats_and_sees_score_and_answer(
    stack: Stack, browser: Browser, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    base = stack.config.web_url
    log_in(page, base, "learner", "learner-demo")
    page.wait_for_url(f"{base}/home**")
    page.get_by_test_id("free-practice").click()
    page.wait_for_url(f"{base}/chat**")
    page.get_by_test_id("scenario-select").select_option("flight_delay")
    page.get_by_test_id("start-button").click()
    customer = page.locator('[data-testid="message"][data-speaker="customer"]')
    expect(customer.first).to_be_visible(timeout=30_000)
    anger = page.get_by_test_id("mood-anger")
    start_anger = int(anger.get_attribute("data-value") or "-1")
    assert 0 < start_anger <= 100
    needs = page.get_by_test_id("need")
    expect(needs).to_have_count(5)
    expect(page.locator('[data-testid="need"][data-met="true"]')).to_have_count(0)

    page.get_by_test_id("reply-input").fill("")
    expect(page.get_by_test_id("send-button")).to_be_disabled()
    page.get_by_test_id("reply-input").fill(
        "I'm really sorry, that sounds so stressful. Let me rebook you right now."
    )
    page.get_by_test_id("send-button").click()

    score = page.get_by_test_id("turn-score").first
    expect(score).to_be_visible(timeout=30_000)
    assert int(score.get_attribute("data-score") or "-1") >= 0
    expect(customer).to_have_count(2, timeout=30_000)
    expect(anger).not_to_have_attribute("data-value", str(start_anger))
    assert int(anger.get_attribute("data-value") or "101") < start_anger
    met = page.locator('[data-testid="need"][data-met="true"]')
    expect(met.first).to_be_visible()
    expect(page.get_by_test_id("needs-count")).to_contain_text("still open")
    page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)

    # a reply in a language the scorer does not read is shown as such, no number
    page.get_by_test_id("reply-input").fill(
        "Es tut mir wirklich leid, ich buche Sie sofort auf den nächsten Flug um."
    )
    page.get_by_test_id("send-button").click()
    unscored = page.locator('[data-testid="turn-score"][data-band="unscored"]')
    expect(unscored).to_have_count(1, timeout=30_000)
    expect(unscored).to_contain_text("German")
    assert unscored.get_attribute("data-score") is None

    page.close()


def test_trainer_reviews_a_learners_scored_turns(
    stack: Stack, browser: Browser
) -> None:
    base = stack.config.web_url
    learner = browser.new_page()
    log_in(learner, base, "learner", "learner-demo")
    learner.wait_for_url(f"{base}/home**")
    learner.goto(f"{base}/chat")
    learner.get_by_test_id("scenario-select").select_option("flight_delay")
    learner.get_by_test_id("start-button").click()
    learner.get_by_test_id("reply-input").fill("Sorry you feel that way.")
    learner.get_by_test_id("send-button").click()
    expect(learner.get_by_test_id("turn-score").first).to_be_visible(timeout=30_000)
    learner.close()

    trainer = browser.new_page()
    log_in(trainer, base, "trainer", "trainer-demo")
    trainer.wait_for_url(f"{base}/class**")
    trainer.goto(f"{base}/results")
    trainer.get_by_test_id("learner-select").select_option("learner")
    rows = trainer.get_by_test_id("session-row")
    expect(rows.first).to_be_visible(timeout=10_000)
    # one number for the whole session ("so far" while it is still going)
    expect(rows.first.get_by_test_id("conversation-score")).to_have_text(
        re.compile(r"^\d+( so far)?$")
    )
    rows.first.get_by_test_id("open-session").click()
    detail = trainer.get_by_test_id("session-detail")
    expect(detail.get_by_test_id("turn-score").first).to_be_visible(timeout=10_000)
    expect(detail.get_by_test_id("penalty").first).to_contain_text("ismiss")
    expect(detail.get_by_test_id("evidence").first).to_be_visible()

    form = detail.get_by_test_id("mark-form").first
    form.get_by_test_id("mark-emotional_reaction").select_option("1")
    form.get_by_test_id("mark-save").click()
    expect(form.get_by_test_id("mark-status")).to_have_text("Saved", timeout=10_000)
    expect(form.get_by_test_id("mark-diff").first).to_be_visible()
    trainer.get_by_test_id("calibration-link").click()
    panel = trainer.get_by_test_id("calibration")
    expect(panel.get_by_test_id("calibration-marks")).to_contain_text(
        "1", timeout=10_000
    )
    trainer.close()


# A whole scenario reaches the editor the way people bring one: pasted.
PASTE = """(node, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    const paste = {clipboardData: data, bubbles: true};
    node.dispatchEvent(new ClipboardEvent("paste", paste));
}"""


def paste_into_editor(page: Page, text: str) -> None:
    """Replace the scenario editor's whole text, as pasting it would."""
    editor = page.get_by_test_id("yaml-editor")
    editor.click()
    page.keyboard.press("Control+A")
    editor.evaluate(PASTE, text)


def test_a_trainer_sees_errors_at_their_line_saves_and_test_chats(
    stack: Stack, browser: Browser
) -> None:
    base = stack.config.web_url
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    log_in(page, base, "trainer", "trainer-demo")
    page.wait_for_url(f"{base}/class**")
    page.goto(f"{base}/author")
    page.locator('[data-testid="scenario-item"][data-id="wrong_order"]').click()
    editor = page.get_by_test_id("yaml-editor")
    expect(editor).to_contain_text("id: wrong_order", timeout=10_000)
    original = page.request.get(f"{base}/api/trainer/scenarios/wrong_order").json()[
        "content"
    ]

    # Type a line the schema does not know, right under the id.
    editor.locator(".cm-line", has_text="id: wrong_order").first.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("mood_swing: 3")
    broken = original.replace("id: wrong_order", "id: wrong_order\nmood_swing: 3", 1)
    line = next(n for n, t in enumerate(broken.splitlines(), 1) if "mood_swing" in t)
    error = page.get_by_test_id("validation-error").first
    expect(error).to_contain_text("mood_swing", timeout=10_000)
    expect(error).to_have_attribute("data-line", str(line))
    expect(page.get_by_test_id("save-status")).to_have_text("Unsaved changes")
    expect(page.get_by_test_id("publish")).to_be_disabled()
    # ... and the editor marks that line: its text underlined, a marker beside it.
    expect(editor.locator(".cm-lintRange-error")).to_have_text("mood_swing: 3")
    marker = page.locator(
        ".cm-gutter-lint .cm-gutterElement:has(.cm-lint-marker-error)"
    )
    expect(marker).to_have_count(1)
    marker_box = marker.bounding_box()
    line_box = editor.locator(".cm-line", has_text="mood_swing: 3").bounding_box()
    assert marker_box and line_box and abs(marker_box["y"] - line_box["y"]) < 1
    page.get_by_test_id("yaml-editor").press("Control+Home")
    error.click()  # goes to the line
    expect(editor.locator(".cm-activeLine")).to_have_text("mood_swing: 3")

    paste_into_editor(
        page, original.replace("id: wrong_order", "id: wrong_order_copy", 1)
    )
    expect(page.get_by_test_id("validation")).to_contain_text(
        "must match the scenario you are editing", timeout=10_000
    )
    paste_into_editor(page, original)
    expect(page.get_by_test_id("validation")).to_contain_text("Valid", timeout=10_000)
    expect(editor.locator(".cm-lintRange-error")).to_have_count(0)
    expect(page.get_by_test_id("publish")).to_be_enabled()

    # A new scenario starts from the server's template, is saved as a draft
    # as it is in the editor, and test-chatted in a new tab.
    page.get_by_test_id("new-scenario").click()
    page.get_by_test_id("new-scenario-id").fill("late_parcel")
    page.get_by_test_id("create-scenario").click()
    expect(page.get_by_test_id("editor-title")).to_have_text("late_parcel")
    expect(editor).to_contain_text("id: late_parcel")
    expect(page.get_by_test_id("validation")).to_contain_text("Valid", timeout=10_000)
    expect(page.get_by_test_id("save-status")).to_have_text("Unsaved changes")
    page.get_by_test_id("save-draft").click()
    expect(page.get_by_test_id("save-status")).to_contain_text(
        "Draft saved", timeout=10_000
    )
    template = page.request.get(
        f"{base}/api/trainer/scenario-template?scenario_id=late_parcel"
    ).text()
    saved = page.request.get(f"{base}/api/trainer/scenarios/late_parcel").json()
    assert (saved["source"], saved["content"]) == ("draft", template)
    with page.expect_popup() as popup:
        page.get_by_test_id("test-chat").click()
    trainer_chat = popup.value
    trainer_chat.wait_for_url(f"{base}/chat?draft=late_parcel**")
    expect(trainer_chat.get_by_test_id("draft-banner")).to_be_visible(timeout=10_000)
    customer = trainer_chat.locator('[data-testid="message"][data-speaker="customer"]')
    expect(customer.first).to_be_visible(timeout=30_000)
    trainer_chat.close()
    page.close()


def test_every_page_works_under_the_content_security_policy(
    stack: Stack, browser: Browser
) -> None:
    """The strict policy blocks nothing the pages need (no inline code)."""
    base = stack.config.web_url
    problems: list[str] = []
    page = browser.new_page()
    page.on(
        "console",
        lambda message: problems.append(message.text)
        if message.type == "error"
        else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response",
        lambda response: problems.append(f"{response.status} {response.url}")
        if response.status >= 400
        else None,
    )
    page.goto(f"{base}/login")
    assert (
        "frame-ancestors 'none'"
        in (
            page.context.request.get(f"{base}/login").headers["content-security-policy"]
        )
    )
    for username, home, pages in (
        (
            "trainer",
            "/class",
            (
                ("/class", "heat-map"),
                ("/results?learner=learner", "learner-progress"),
                ("/author", "scenario-item"),
                ("/calibration", "calibration-marks"),
                ("/chat", "start-button"),
            ),
        ),
        ("learner", "/home", (("/home", "progress-chart"), ("/chat", "start-button"))),
        ("admin", "/admin", (("/admin", "people-table"),)),
        ("hr", "/rounds", (("/rounds", "rounds-table"), ("/class", "class-status"))),
    ):
        log_in(page, base, username, f"{username}-demo")
        page.wait_for_url(f"{base}{home}**")
        for path, ready in pages:
            page.goto(f"{base}{path}")
            page.wait_for_load_state("networkidle")
            expect(page.get_by_test_id(ready).first).to_be_visible()
        page.get_by_test_id("logout").click()
        page.wait_for_url(f"{base}/login")
    page.close()
    assert not problems, problems


def test_a_trainer_checks_a_new_scenario_in_play_before_publishing(
    stack: Stack, browser: Browser, tmp_path: Path
) -> None:
    """*Check this scenario* on a scenario started from the template: its
    scripts, good learners (its model answers) and rude learners play through
    the real customer, and the page shows how each conversation ended."""
    base = stack.config.web_url
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    log_in(page, base, "trainer", "trainer-demo")
    page.wait_for_url(f"{base}/class**")
    page.goto(f"{base}/author")
    page.get_by_test_id("new-scenario").click()
    page.get_by_test_id("new-scenario-id").fill("check_me")
    page.get_by_test_id("create-scenario").click()
    expect(page.get_by_test_id("validation")).to_contain_text("Valid", timeout=10_000)

    page.get_by_test_id("check-scenario").click()  # saves the draft first
    expect(page.get_by_test_id("check-running")).to_be_visible(timeout=10_000)
    expect(page.get_by_test_id("check-scenario")).to_be_disabled()
    verdict = page.get_by_test_id("check-verdict")
    expect(verdict).to_be_visible(timeout=120_000)
    rows = page.get_by_test_id("check-conversation")
    expect(rows).to_have_count(2 + 3 + 3)  # the template's two scripts
    kinds = [rows.nth(i).get_attribute("data-kind") for i in range(rows.count())]
    assert kinds == ["script"] * 2 + ["good"] * 3 + ["rude"] * 3
    passed = [rows.nth(i).get_attribute("data-passed") for i in range(rows.count())]
    totals = page.get_by_test_id("check-totals").inner_text()
    rude_ended = passed[5:].count("true")
    assert f"Rude learners: {rude_ended} of 3" in totals
    assert f"Scripts: {passed[:2].count('true')} of 2" in totals
    rows.nth(5).locator("summary").click()
    expect(rows.nth(5).locator("li").first).to_be_visible()
    page.screenshot(path=str(tmp_path / "check-in-play.png"), full_page=True)
    # The check played the saved draft, and left no conversation behind.
    saved = page.request.get(f"{base}/api/trainer/scenarios/check_me").json()
    assert saved["source"] == "draft"
    mine = page.request.get(f"{base}/api/sessions")
    assert mine.ok, mine.text()
    played = [s for s in mine.json()["sessions"] if s["scenario"]["id"] == "check_me"]
    assert not played, "the check's conversations are deleted"
    page.close()
