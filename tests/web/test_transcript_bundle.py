"""A round's transcripts as one HTML file for the hiring file, over HTTP:
every candidate's conversation, scores and reviewers' decisions in the ranked
order, hostile text shown as text, an empty round's cover, who may download
it, and the export in the audit log."""

from __future__ import annotations

import asyncio
import html
import re
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from tests.web import test_assessments
from tests.web.conftest import login
from tests.web.test_assessments import REPLIES, invite, make_round, user_of
from trainer_api.storage.models import AuditEntry, PracticeSession, Turn
from trainer_api.usecases.practice import PracticeService

# test_assessments' fixture: the demo HR signed in (the practice service
# with the simulation core as the customer comes from tests/conftest.py)
hr = test_assessments.hr

HOSTILE_REPLY = 'Not my problem. <script>alert("boo")</script> Read the "policy".'
HOSTILE_REASON = 'Blamed the customer: "not my problem" & <b>policy</b> talk.'
HOSTILE_NOTE = "My keyboard broke <img src=x onerror=alert(1)> midway."
GOOD_REASON = "Named the customer's exhaustion and rebooked her at once."


def talk(practice: PracticeService, user_id: int, replies: tuple[str, ...]) -> None:
    """The candidate's conversation: the round's customer, these replies."""
    started = asyncio.run(practice.start_assessment(user_id=user_id))

    async def emit(_event: str, _payload: dict[str, Any]) -> None:
        pass

    for number, text in enumerate(replies):
        asyncio.run(
            practice.reply(
                user_id=user_id,
                session_id=started["session"]["id"],
                message_id=f"m{number}",
                text=text,
                emit=emit,
            )
        )


def consent(hr: TestClient, invitation: dict[str, Any]) -> TestClient:
    """The candidate's own browser, after agreeing to the notice."""
    device = TestClient(hr.app)
    token = invitation["link"].removeprefix("/assess/")
    answer = device.post(f"/api/assess/{token}/consent", json={"consent": True})
    assert answer.status_code == 200, answer.text
    return device


def decide(hr: TestClient, candidate_id: int, decision: str, reason: str) -> None:
    answer = hr.post(
        f"/api/candidates/{candidate_id}/decision",
        json={"decision": decision, "reason": reason},
    )
    assert answer.status_code == 201, answer.text


def sections(page: str) -> dict[str, str]:
    """Each candidate's part of the page, by pseudonym, in the page's order."""
    found = re.findall(
        r'<section class="candidate" id="([^"]+)">(.*?)</section>', page, re.DOTALL
    )
    return dict(found)


def shown(fragment: str) -> str:
    """What a reader sees: the text without tags, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def turns_of(db_sessions: sessionmaker[Session], user_id: int) -> list[str]:
    with db_sessions() as db:
        return list(
            db.scalars(
                select(Turn.text)
                .join(PracticeSession)
                .where(PracticeSession.learner_id == user_id)
            )
        )


def audit_actions(db_sessions: sessionmaker[Session]) -> list[tuple[str, dict]]:
    with db_sessions() as db:
        return [
            (e.action, dict(e.details or {}))
            for e in db.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]


def test_every_candidate_in_ranked_order_with_turns_scores_and_decisions(
    hr: TestClient, practice: PracticeService, db_sessions: sessionmaker[Session]
) -> None:
    round_ = make_round(hr)
    # invited worst first, so the page's order can only come from the ranking
    ben, ana, cal = invite(
        hr,
        round_["id"],
        ("Ben Ruiz", "ben@example.com"),
        ("Ana Ortiz", "ana@example.com"),
        ("Cal Diaz", "cal@example.com"),
    )
    ben_device = consent(hr, ben)
    consent(hr, ana)
    talk(practice, user_of(db_sessions, ben["id"]), (HOSTILE_REPLY,))
    talk(practice, user_of(db_sessions, ana["id"]), REPLIES)
    token = ben["link"].removeprefix("/assess/")
    noted = ben_device.post(
        f"/api/assess/{token}/observations", json={"text": HOSTILE_NOTE}
    )
    assert noted.status_code == 204
    decide(hr, ana["id"], "advance", GOOD_REASON)
    decide(hr, ben["id"], "reject", HOSTILE_REASON)
    ranked = [
        c["pseudonym"]
        for c in hr.get(f"/api/rounds/{round_['id']}/results").json()["candidates"]
    ]
    assert ranked[0] == ana["pseudonym"] and ranked[-1] == cal["pseudonym"]
    before = audit_actions(db_sessions)

    answer = hr.get(f"/api/rounds/{round_['id']}/transcripts.html")

    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="round-{round_["id"]}-transcripts.html"'
    )
    page = answer.text
    parts = sections(page)
    assert list(parts) == ranked
    ana_part, ben_part, cal_part = (parts[c["pseudonym"]] for c in (ana, ben, cal))
    for text in turns_of(db_sessions, user_of(db_sessions, ana["id"])):
        assert text in shown(ana_part), text  # the customer's lines and hers
    assert all(reply in shown(ana_part) for reply in REPLIES)
    assert "<mark" in ana_part, "the evidence words are highlighted"
    assert re.search(r"Score \d+ \(", shown(ana_part)), "each reply's score"
    assert re.search(r"Emotional reaction [012]/2", shown(ana_part)), "its levels"
    assert "Advance" in shown(ana_part) and GOOD_REASON in shown(ana_part)
    assert HOSTILE_REASON not in shown(ana_part)
    assert "Reject" in shown(ben_part) and HOSTILE_REASON in shown(ben_part)
    assert HOSTILE_REPLY in shown(ben_part) and HOSTILE_NOTE in shown(ben_part)
    assert "No conversation recorded." in shown(cal_part)
    assert "No decision yet." in shown(cal_part)

    # what they wrote is text on the page, never markup
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<b>" not in lowered
    assert html.escape(HOSTILE_REASON, quote=True) in ben_part
    assert "&lt;script&gt;" in ben_part and "&quot;" in ben_part

    added = audit_actions(db_sessions)[len(before) :]
    assert ("export", {"format": "transcripts_html"}) in added
    assert sorted(action for action, _ in added) == ["export", "view_results"]


def test_an_empty_round_gives_the_cover_and_says_there_is_nobody(
    hr: TestClient,
) -> None:
    title = 'Night shift <advisors> & "team leads"'
    round_ = make_round(hr, title=title, pass_mark=65)
    [pinned] = round_["scenarios"]

    page = hr.get(f"/api/rounds/{round_['id']}/transcripts.html").text

    cover = shown(page)
    assert title in cover and html.escape(title, quote=True) in page
    assert pinned["version"] in cover and f"seed {pinned['seed']}" in cover
    assert "<dt>Pass mark (advisory)</dt><dd>65</dd>" in page
    assert "Scores are advisory" in cover and "made by people" in cover
    assert "There are no candidates in this round." in cover
    assert sections(page) == {}
    assert "<script" not in page.lower() and "src=" not in page.lower()


@pytest.mark.parametrize(
    ("username", "password"),
    [("second-hr", "second-hr-password"), ("trainer", "trainer-demo")],
)
def test_others_are_refused_as_for_the_csv_export(
    hr: TestClient, db_sessions: sessionmaker[Session], username: str, password: str
) -> None:
    round_ = make_round(hr)
    login(hr, username, password)
    before = audit_actions(db_sessions)

    refused = hr.get(f"/api/rounds/{round_['id']}/transcripts.html")
    csv = hr.get(f"/api/rounds/{round_['id']}/export.csv")

    assert refused.status_code in (403, 404)
    assert refused.status_code == csv.status_code
    assert round_["title"] not in refused.text
    assert audit_actions(db_sessions) == before, "a refusal exports nothing"


def test_an_unknown_round_is_404(hr: TestClient) -> None:
    assert hr.get("/api/rounds/999999/transcripts.html").status_code == 404
