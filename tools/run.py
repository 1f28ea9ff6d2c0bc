"""Run the whole product locally: ``python -m tools.run`` (what ``make run`` does).

Migrates the database, seeds the demo users, trains the customer bot if its
sources changed, then starts the action server, the Rasa server and
trainer_api until Ctrl-C, starting again any of them that crashes.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Sequence
from types import FrameType

from tools.bot_model import ensure_model
from tools.demo_history import DEMO_LEARNER_PASSWORD, DEMO_LEARNERS, seed_demo_history
from tools.stack import Stack, StackConfig, StackError
from trainer_api.provisioning import migrate, seed_demo
from trainer_api.settings import PROJECT_ROOT, Settings, load_settings


def run(settings: Settings, *, host: str, port: int) -> int:
    """Set up and run the whole product until Ctrl-C."""
    logs = PROJECT_ROOT / "var" / "log"
    _say("Preparing the database (migrations, scenario library, demo users) ...")
    migrate(settings)
    logins = seed_demo(settings)
    made = seed_demo_history(settings)
    if made:
        _say(f"  played {made} demo practice sessions for the demo cohort")
    _say("Checking the customer bot's model ...")
    model, trained = ensure_model(log=logs / "train.log")
    _say(f"  {'trained' if trained else 'up to date'}: {model.name}")
    stack = Stack(
        StackConfig(
            model=model,
            database_url=settings.database_url,
            tracker_url=f"sqlite:///{PROJECT_ROOT / 'var' / 'rasa_tracker.db'}",
            log_dir=logs,
            host=host,
            web_port=port,
        )
    )
    stopping = False

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    _say("Starting the action server, the Rasa server and trainer_api ...")
    try:
        stack.start()
        _say_ready(stack.config.web_url, logins)
        while not stopping:
            # a crashed process is started again (the learners' replies wait
            # for it or are refused with "send again"; nothing is lost)
            for note in stack.restart_dead():
                _say(note)
            time.sleep(0.5)
    except StackError as error:
        sys.stderr.write(f"error: {error}\n")
        return 1
    finally:
        _say("Stopping ...")
        stack.stop()
    _say("Stopped.")
    return 0


def _say_ready(url: str, logins: list[tuple[str, str, str]]) -> None:
    _say(f"\nEmpathy Trainer is running at {url}\n\nDemo logins:")
    for role, username, password in logins:
        _say(f"  {role:<8} {username} / {password}")
    others = ", ".join(username for username, *_ in DEMO_LEARNERS)
    _say(f"  (the demo cohort's other learners, {others}: {DEMO_LEARNER_PASSWORD})")
    _say("\nLogs: var/log/. Press Ctrl-C to stop.")


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.run", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    return run(load_settings(), host=args.host, port=args.port)


if __name__ == "__main__":
    raise SystemExit(main())
