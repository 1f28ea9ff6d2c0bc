"""Scenarios as code: every scenario's scripted conversations, through the real bot.

An empathic script must end resolved with the anger falling; a dismissive one
must end as the scenario says (escalated, or abandoned). Any deviation fails.
"""

from __future__ import annotations

import asyncio

import pytest

from tests.stack.learner_client import LearnerClient, login_cookie
from tools.stack import Stack
from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import load_library

pytestmark = pytest.mark.stack

LIBRARY = load_library(PROJECT_ROOT / "scenarios")
# Known misreadings, kept as failing-when-fixed tests (README, "How well the
# bot understands learners").
KNOWN: dict[str, str] = {}
SCRIPTS = [
    pytest.param(
        scenario,
        script,
        id=f"{scenario.id}-{script.name}",
        marks=[
            pytest.mark.xfail(reason=KNOWN[f"{scenario.id}-{script.name}"], strict=True)
        ]
        if f"{scenario.id}-{script.name}" in KNOWN
        else [],
    )
    for scenario in LIBRARY
    for script in scenario.scripts
]


def test_every_scenario_file_is_valid_and_scripted() -> None:
    assert not LIBRARY.skipped, [str(error) for error in LIBRARY.skipped]
    for scenario in LIBRARY:
        expected = {script.expect for script in scenario.scripts}
        assert "resolved" in expected, f"{scenario.id} has no resolving script"
        assert expected & {
            "escalated",
            "abandoned",
        }, f"{scenario.id}: no failing script"


@pytest.mark.parametrize(("scenario", "script"), SCRIPTS)
def test_script_ends_as_expected(stack: Stack, scenario, script) -> None:
    async def play() -> list[str]:
        learner = LearnerClient(stack.config.web_url)
        await learner.connect(
            await login_cookie(stack.config.web_url, "learner", "learner-demo")
        )
        started = await learner.call("start_session", {"scenario_id": scenario.id})
        assert started["ok"], started
        session = started["session"]
        trail = [f"start: anger {session['mood']['anger']}"]
        for number, reply in enumerate(script.replies):
            _, customer, pushed = await learner.reply(
                session["id"], f"m{number}", reply
            )
            session = pushed["session"]
            mood = customer["turn"]["mood"]
            trail.append(
                f"{reply!r} -> anger {mood['anger']} ({session['status']}): "
                f"{mood.get('reasons')}; still needed: {mood.get('stage')}"
            )
            if session["status"] != "active":
                break
        await learner.close()
        assert session["status"] == script.expect, "\n".join(trail)
        if script.expect == "resolved":
            assert session["mood"]["anger"] < scenario.mood.anger, "\n".join(trail)
        return trail

    asyncio.run(play())
