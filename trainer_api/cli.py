"""The operator's command line: migrate, seed demo data, scenarios, accounts.

Running the whole product locally and training the bot are developer tools:
``python -m tools.run`` and ``python -m tools.bot_model``.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from trainer_api.provisioning import (
    import_scenarios,
    migrate,
    seed_demo,
)
from trainer_api.settings import PROJECT_ROOT, Settings, load_settings
from trainer_api.simulation import ScenarioError
from trainer_api.simulation.scenario import load_scenario_file
from trainer_api.storage import people as people_store
from trainer_api.storage import repository
from trainer_api.storage import scenarios as scenario_store
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.models import ROLES, AppUser
from trainer_api.storage.passwords import cost_for, password_problem
from trainer_api.usecases import people
from trainer_api.usecases.refusal import Refused


def export_scenarios(settings: Settings, directory: Path) -> int:
    """Write every published scenario to ``directory`` for version control."""
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as db:
            written = scenario_store.export_published(db, directory)
    finally:
        engine.dispose()
    for path in written:
        _say(f"wrote {path}")
    return 0


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
            for problem in error.problems:
                sys.stderr.write(f"error: {problem.message}\n")
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
    from trainer_api.usecases.calibration import labelled_examples

    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as db:
            rows = [json.dumps(example) for example in labelled_examples(db)]
    finally:
        engine.dispose()
    path.write_text("".join(row + "\n" for row in rows), encoding="utf-8")
    _say(f"{len(rows)} marked turns written to {path}")
    return 0


class CommandError(Exception):
    """A command cannot do what was asked; shown as ``error: ...``, exit code 2."""


def create_user(settings: Settings, args: argparse.Namespace) -> int:
    """Add a user; the password comes from standard input or two prompts."""
    username = _checked_username(args.username)
    display_name = " ".join(args.display_name.split())
    if not display_name or len(display_name) > 128:
        raise CommandError("the display name must be 1 to 128 characters long")
    with _sessions(settings) as sessions:
        with sessions() as db:
            if repository.get_user(db=db, username=username) is not None:
                raise CommandError(f"user {username!r} already exists")
        password = _new_password(from_stdin=args.password_stdin)
        with sessions.begin() as db:
            try:
                repository.create_user(
                    db=db,
                    username=username,
                    display_name=display_name,
                    role=args.role,
                    password=password,
                    cost=cost_for(settings.environment),
                )
            except repository.DuplicateUser as error:
                raise CommandError(str(error)) from None
    _say(f"created {args.role} {username!r} ({display_name})")
    return 0


def reset_password(settings: Settings, args: argparse.Namespace) -> int:
    """Set a user's password and log them out everywhere."""
    with _sessions(settings) as sessions:
        with sessions() as db:
            _existing_user(db, args.username)
        password = _new_password(from_stdin=args.password_stdin)
        with sessions.begin() as db:
            user = _existing_user(db, args.username)
            revoked = repository.set_password(
                db=db, user=user, password=password, cost=cost_for(settings.environment)
            )
            repository.clear_login_failures(db=db, username=user.username)
            active = user.is_active
    note = "" if active else " (the account is still deactivated)"
    _say(f"new password set for {args.username!r}; {_logins(revoked)} revoked{note}")
    return 0


def set_user_active(settings: Settings, args: argparse.Namespace) -> int:
    """Deactivate (and log out everywhere) or reactivate a user."""
    active = args.command == "activate-user"
    with _sessions(settings) as sessions, sessions.begin() as db:
        user = _existing_user(db, args.username)
        revoked = repository.set_user_active(db=db, user=user, active=active)
    if active:
        _say(f"activated {args.username!r}; they can log in again")
    else:
        _say(f"deactivated {args.username!r}; {_logins(revoked)} revoked")
    return 0


@dataclass(frozen=True)
class Operator:
    """Whoever runs the command line acts as an admin."""

    id: int = 0
    role: str = "admin"


def import_users(settings: Settings, args: argparse.Namespace) -> int:
    """Create every account of a CSV roster, or none; print one-time passwords."""
    try:
        text = args.path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read {args.path}: {error}") from None
    try:
        rows = people.parse_roster(text)
        with _sessions(settings) as sessions, sessions.begin() as db:
            created = people.import_roster(
                db, Operator(), rows, cost=cost_for(settings.environment)
            )
    except Refused as refused:
        for problem in refused.errors:
            column = f" ({problem['column']})" if problem.get("column") else ""
            sys.stderr.write(
                f"{args.path}:{problem['line']}{column}: {problem['message']}\n"
            )
        raise CommandError(refused.message) from None
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["name", "username", "role", "cohort", "one_time_password"])
    for account in created:
        writer.writerow(
            [
                account.display_name,
                account.username,
                account.role,
                ";".join(account.cohorts),
                account.temporary_password,
            ]
        )
    sys.stderr.write(
        f"created {len(created)} account(s); each must choose a password at "
        "the first login\n"
    )
    return 0


def add_to_cohort(settings: Settings, args: argparse.Namespace) -> int:
    """Put users in a cohort, creating the cohort if it is new."""
    with _sessions(settings) as sessions, sessions.begin() as db:
        name = " ".join(args.cohort.split())
        cohort = people_store.cohorts_by_name(db=db, names=[name]).get(name)
        if cohort is None:
            try:
                cohort = people.create_cohort(db, Operator(), name)
            except Refused as refused:
                raise CommandError(refused.message) from None
            _say(f"created cohort {name!r}")
        for username in args.usernames:
            user = _existing_user(db, username)
            added = people_store.add_member(db=db, cohort=cohort, user=user)
            _say(f"{username!r} {'added to' if added else 'already in'} {name!r}")
    return 0


def delete_user(settings: Settings, args: argparse.Namespace) -> int:
    """Erase a learner and all their practice (on their request)."""
    with _sessions(settings) as sessions, sessions.begin() as db:
        user = _existing_user(db, args.username)
        try:
            erased = people.delete_learner(db, user)
        except Refused as refused:
            raise CommandError(refused.message) from None
    _say(f"deleted {args.username!r} and {erased['sessions']} practice session(s)")
    return 0


def send_records(settings: Settings, args: argparse.Namespace) -> int:
    """Send the learning records that are due to the configured LRS, now."""
    from datetime import timedelta

    from trainer_api.usecases import records

    client = records.sender_for(settings)
    if client is None:
        raise CommandError("no LRS is configured (set EMPATHY_LRS_ENDPOINT)")
    try:
        with _sessions(settings) as sessions:
            outcome = records.send_due(
                sessions, client, retry=timedelta(seconds=settings.lrs_retry_seconds)
            )
    finally:
        client.close()
    _say(f"sent {outcome['sent']} statement(s); {outcome['failed']} will be retried")
    return 1 if outcome["failed"] else 0


def purge_expired(settings: Settings, args: argparse.Namespace) -> int:
    """Delete expired login tokens, failed logins too old to count and
    candidates past their round's retention period (as the web app does on
    its own every ``purge_every`` seconds); waits while a web app purges."""
    from trainer_api.usecases import housekeeping

    with _sessions(settings) as sessions:
        purged = housekeeping.purge_expired(sessions, tracker_url=settings.tracker_url)
    _say(
        f"purged {_logins(purged.tokens, 'expired')}, {purged.failures} old failed "
        f"login(s) and {purged.candidates} candidate(s) past their round's "
        "retention period"
    )
    return 0


ACCOUNT_COMMANDS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "create-user": create_user,
    "reset-password": reset_password,
    "deactivate-user": set_user_active,
    "activate-user": set_user_active,
    "purge-expired": purge_expired,
    "import-users": import_users,
    "add-to-cohort": add_to_cohort,
    "send-records": send_records,
    "delete-user": delete_user,
}


@contextmanager
def _sessions(settings: Settings) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(settings.database_url)
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()


def _existing_user(db: Session, username: str) -> AppUser:
    user = repository.get_user(db=db, username=username)
    if user is None:
        raise CommandError(f"there is no user {username!r}")
    return user


def _checked_username(username: str) -> str:
    if not username or username != username.strip():
        raise CommandError("the username must not be empty or start or end with spaces")
    if len(username) > 64:
        raise CommandError("the username must be at most 64 characters long")
    return username


def _new_password(*, from_stdin: bool) -> str:
    """One line of standard input when piped, else typed twice at a prompt."""
    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
        if not password:
            raise CommandError("no password on standard input; nothing was changed")
    else:
        password = getpass.getpass("New password: ")
        if getpass.getpass("Repeat the new password: ") != password:
            raise CommandError("the two passwords differ; nothing was changed")
    problem = password_problem(password)
    if problem is not None:
        raise CommandError(f"{problem}; nothing was changed")
    return password


def _logins(count: int, kind: str = "") -> str:
    noun = "login token" if count == 1 else "login tokens"
    return f"{count} {kind + ' ' if kind else ''}{noun}"


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "validate-scenarios":
        return validate_scenarios(args.paths)
    settings = load_settings()
    if args.command in ACCOUNT_COMMANDS:
        try:
            return ACCOUNT_COMMANDS[args.command](settings, args)
        except CommandError as error:
            sys.stderr.write(f"error: {error}\n")
            return 2
    if args.command == "migrate":
        migrate(settings)
    elif args.command == "seed-demo":
        for role, username, password in seed_demo(settings):
            _say(f"{role:<8} {username} / {password}")
    elif args.command == "import-scenarios":
        for change in import_scenarios(settings) or ["nothing to import"]:
            _say(change)
    elif args.command == "export-scenarios":
        return export_scenarios(settings, args.directory)
    elif args.command == "export-marks":
        return export_marks(settings, args.path)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="empathy-trainer", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply database migrations")
    commands.add_parser("seed-demo", help="create the demo users")
    check = commands.add_parser("validate-scenarios", help="check scenario files")
    check.add_argument("paths", nargs="+", type=Path)
    commands.add_parser(
        "import-scenarios",
        help="publish the seed library's scenarios (also done by migrate)",
    )
    export = commands.add_parser(
        "export-scenarios", help="write the published scenarios to files"
    )
    export.add_argument(
        "directory", type=Path, nargs="?", default=PROJECT_ROOT / "scenarios"
    )
    marks = commands.add_parser(
        "export-marks", help="write trainers' marks as scorer training data"
    )
    marks.add_argument(
        "path",
        type=Path,
        nargs="?",
        default=PROJECT_ROOT / "data" / "scorer" / "trainer_marks.jsonl",
    )
    _add_account_commands(commands)
    return parser


def _add_account_commands(commands: argparse._SubParsersAction) -> None:
    password_help = (
        "read the password from standard input (the default when input is piped); "
        "on a terminal it is asked for twice"
    )
    create = commands.add_parser(
        "create-user", help="add a learner, trainer, HR user or admin"
    )
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--display-name", required=True, help="the name pages show")
    create.add_argument("--password-stdin", action="store_true", help=password_help)
    reset = commands.add_parser(
        "reset-password", help="set a user's password and log them out everywhere"
    )
    reset.add_argument("--username", required=True)
    reset.add_argument("--password-stdin", action="store_true", help=password_help)
    for name, purpose in (
        ("deactivate-user", "stop a user logging in and log them out everywhere"),
        ("activate-user", "let a deactivated user log in again"),
    ):
        commands.add_parser(name, help=purpose).add_argument(
            "--username", required=True
        )
    commands.add_parser(
        "purge-expired",
        help="delete expired login tokens, old failed logins, and candidates "
        "past their round's retention period (the web app also does it every "
        "EMPATHY_PURGE_EVERY seconds)",
    )
    roster = commands.add_parser(
        "import-users",
        help="create accounts from a CSV file (name, username or email, role, "
        "cohort); all or none; prints each one-time password",
    )
    roster.add_argument("path", type=Path)
    cohort = commands.add_parser(
        "add-to-cohort", help="put users in a cohort (created if new)"
    )
    cohort.add_argument("--cohort", required=True)
    cohort.add_argument("usernames", nargs="+")
    commands.add_parser(
        "delete-user",
        help="erase a learner and all their practice (staff: deactivate-user)",
    ).add_argument("--username", required=True)
    commands.add_parser(
        "send-records",
        help="send the learning records (xAPI statements) that are due to the LRS",
    )


if __name__ == "__main__":
    sys.exit(main())
