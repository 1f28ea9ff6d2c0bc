"""Command line: migrate, seed demo data, train the bot, run the product."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from alembic import command
from alembic.config import Config

from trainer_api.settings import PROJECT_ROOT, Settings, load_settings
from trainer_api.simulation import ScenarioError, load_library
from trainer_api.simulation.scenario import load_scenario_file
from trainer_api.storage import repository
from trainer_api.storage.db import make_engine, make_session_factory

DEMO_USERS = (
    ("learner", "Alex Learner", "learner", "learner-demo"),
    ("trainer", "Taylor Trainer", "trainer", "trainer-demo"),
    ("hr", "Harper HR", "hr", "hr-demo"),
)


def alembic_config(database_url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def migrate(settings: Settings) -> None:
    """Bring the database schema to the newest revision."""
    if settings.database_url.startswith("sqlite:///"):
        Path(settings.database_url.removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
    command.upgrade(alembic_config(settings.database_url), "head")


def seed_demo(settings: Settings) -> list[tuple[str, str, str]]:
    """Create the demo learner, trainer and HR user if missing; their logins."""
    if settings.is_production:
        raise SystemExit(
            "refusing to create demo users with known passwords in production"
        )
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine).begin() as db:
            for username, name, role, password in DEMO_USERS:
                if repository.get_user(db=db, username=username) is None:
                    repository.create_user(
                        db=db,
                        username=username,
                        display_name=name,
                        role=role,
                        password=password,
                    )
    finally:
        engine.dispose()
    return [(role, username, password) for username, _, role, password in DEMO_USERS]


def validate_scenarios(paths: Sequence[Path]) -> int:
    """Check scenario files (or folders of them); print each problem."""
    files = [
        p
        for path in paths
        for p in (sorted(path.glob("*.yml")) if path.is_dir() else [path])
    ]
    errors = 0
    for file in files:
        try:
            scenario = load_scenario_file(file)
        except ScenarioError as error:
            errors += 1
            sys.stderr.write(f"error: {error}\n")
            continue
        sys.stdout.write(
            f"ok: {file} ({scenario.id}, version {scenario.content_hash})\n"
        )
    if not files:
        sys.stderr.write("error: no scenario files found\n")
        return 1
    return 1 if errors else 0


def export_marks(settings: Settings, path: Path) -> int:
    """Write trainers' marks as labelled scorer examples (JSON lines)."""
    from trainer_api.calibration import labelled_examples

    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as db:
            rows = [json.dumps(example) for example in labelled_examples(db)]
    finally:
        engine.dispose()
    path.write_text("".join(row + "\n" for row in rows), encoding="utf-8")
    _say(f"{len(rows)} marked turns written to {path}")
    return 0


def run(settings: Settings, *, host: str, port: int) -> int:
    """Set up and run the whole product until Ctrl-C."""
    from trainer_api.bot_model import ensure_model
    from trainer_api.stack import Stack, StackConfig, StackError

    migrate(settings)
    logins = seed_demo(settings)
    library = load_library(settings.scenarios_dir)
    for skipped in library.skipped:
        sys.stderr.write(f"warning: skipped invalid scenario: {skipped}\n")
    model, trained = ensure_model()
    _say(f"{'Trained' if trained else 'Reusing'} customer model {model.name}")
    stack = Stack(
        StackConfig(
            model=model,
            database_url=settings.database_url,
            tracker_url=f"sqlite:///{PROJECT_ROOT / 'var' / 'rasa_tracker.db'}",
            log_dir=PROJECT_ROOT / "var" / "log",
            versions_dir=settings.versions_dir,
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
            stack.check_alive()
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
    _say("\nLogs: var/log/. Press Ctrl-C to stop.")


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="empathy-trainer", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply database migrations")
    commands.add_parser("seed-demo", help="create the demo users")
    train = commands.add_parser("train-bot", help="train the customer bot if changed")
    train.add_argument("--force", action="store_true", help="train even if unchanged")
    check = commands.add_parser("validate-scenarios", help="check scenario files")
    check.add_argument("paths", nargs="+", type=Path)
    marks = commands.add_parser(
        "export-marks", help="write trainers' marks as scorer training data"
    )
    marks.add_argument(
        "path",
        type=Path,
        nargs="?",
        default=PROJECT_ROOT / "data" / "scorer" / "trainer_marks.jsonl",
    )
    serve = commands.add_parser("run", help="run the whole product")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if args.command == "validate-scenarios":
        return validate_scenarios(args.paths)
    settings = load_settings()
    if args.command == "migrate":
        migrate(settings)
    elif args.command == "seed-demo":
        for role, username, password in seed_demo(settings):
            _say(f"{role:<8} {username} / {password}")
    elif args.command == "train-bot":
        from trainer_api.bot_model import ensure_model

        model, trained = ensure_model(force=args.force)
        _say(f"{'trained' if trained else 'up to date'}: {model}")
    elif args.command == "export-marks":
        return export_marks(settings, args.path)
    elif args.command == "run":
        return run(settings, host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
