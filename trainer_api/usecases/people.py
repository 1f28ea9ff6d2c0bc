"""People and classes: accounts an admin (or a trainer) creates, rosters from
CSV, cohorts, and who may see whose practice.

The access policy lives here, in one place: a learner sees their own practice;
a trainer sees the learners of the cohorts they coach; HR sees a cohort's
practice only when an admin has made them a member of it (a grant); an admin
manages accounts and cohorts but reads no practice.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import string
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.orm import Session

from trainer_api.i18n import N_, localise
from trainer_api.storage import people as store
from trainer_api.storage import repository
from trainer_api.storage.models import ROLES, AppUser, Cohort
from trainer_api.storage.passwords import (
    PASSWORD_FAULTS,
    PasswordCost,
    password_fault,
    verify_password,
)
from trainer_api.usecases.refusal import Kind, Problem, Refused

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
MAX_NAME = 128
MAX_ROSTER_ROWS = 2000
MAX_ROSTER_BYTES = 512 * 1024
COHORT_VIEWERS = ("trainer", "hr")
# A one-time password is 16 random characters (95 bits): no guessing attack
# needs slowing down, so it is hashed cheaply, and a roster of hundreds is
# created in seconds. The first login rehashes it at the full cost and then
# asks for a password of the user's own.
TEMPORARY_COST = PasswordCost(time_cost=1, memory_kib=1024, parallelism=1)
# Who may create accounts of which roles.
CREATABLE_ROLES = {"admin": ROLES, "trainer": ("learner",)}
# Why a new password is refused, whole (the keys of PASSWORD_FAULTS, and one more).
NEW_PASSWORD_FAULTS = {
    "too_short": N_(
        "Choose another password: the password must be at least {least} "
        "characters long (this one has {length})."
    ),
    "too_long": N_(
        "Choose another password: the password must be at most {most} "
        "characters long (this one has {length})."
    ),
    "unchanged": N_(
        "Choose another password: the new password must differ from the current one."
    ),
}
UNCHANGED_PASSWORD = N_("the new password must differ from the current one")


class Viewer(Protocol):
    """Who is asking: the signed-in user as the edge knows them."""

    @property
    def id(self) -> int: ...

    @property
    def role(self) -> str: ...


def can_view_learner(db: Session, viewer: Viewer, learner_id: int) -> bool:
    """True if ``viewer`` may read ``learner_id``'s practice."""
    if viewer.id == learner_id:
        return True
    if viewer.role not in COHORT_VIEWERS:
        return False
    return store.shares_a_cohort(db=db, viewer_id=viewer.id, learner_id=learner_id)


def can_view_cohort(db: Session, viewer: Viewer, cohort_id: int) -> bool:
    if viewer.role not in COHORT_VIEWERS:
        return False
    return any(c.id == cohort_id for c in store.cohorts_of(db=db, user_id=viewer.id))


def visible_cohort(db: Session, viewer: Viewer, cohort_id: int) -> Cohort:
    """The cohort if ``viewer`` coaches it (or was granted it), else refused."""
    cohort = store.get_cohort(db=db, cohort_id=cohort_id)
    if cohort is None or not can_view_cohort(db, viewer, cohort_id):
        raise Refused(Kind.NOT_FOUND, "unknown_cohort", "There is no such cohort.")
    return cohort


def visible_learner(db: Session, viewer: Viewer, username: str) -> AppUser:
    """The learner ``username`` if ``viewer`` may see their practice."""
    learner = repository.get_user(db=db, username=username)
    if learner is None or not can_view_learner(db, viewer, learner.id):
        raise Refused(
            Kind.NOT_FOUND,
            "unknown_learner",
            "There is no learner {username} among the people you can see.",
            username=repr(username),
        )
    return learner


def username_problem(username: str) -> str | None:
    """Why ``username`` cannot be one (an English message id), or None."""
    if not USERNAME.match(username):
        return N_(
            "a username is 1 to 64 letters, digits or . _ @ + - "
            "(an email address works), starting with a letter or digit"
        )
    return None


def display_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a person's name (an English message id whose
    ``{most}`` is :data:`MAX_NAME`), or None."""
    if not name or len(name) > MAX_NAME:
        return N_("the name must be 1 to {most} characters long")
    return None


TEMPORARY_ALPHABET = string.ascii_letters + string.digits
"""Letters and digits only: easy to read out, and no leading - or = that a
spreadsheet would take for a formula when the list is handed out as CSV."""


def temporary_password() -> str:
    """A one-time password (16 characters, 95 bits) the user must change at
    their first login."""
    return "".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(16))


@dataclass(frozen=True)
class NewAccount:
    username: str
    display_name: str
    role: str
    cohorts: tuple[str, ...] = ()


@dataclass(frozen=True)
class CreatedAccount:
    username: str
    display_name: str
    role: str
    cohorts: tuple[str, ...]
    temporary_password: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
            "cohorts": list(self.cohorts),
            "temporary_password": self.temporary_password,
        }


@dataclass
class RosterProblems:
    """Every problem of a roster, by line, before anything is written."""

    problems: list[Problem] = field(default_factory=list)

    def add(
        self, line: int, column: str | None, message: str, **values: object
    ) -> None:
        """``message``: an English message id (marked with ``N_``), its
        ``{name}`` placeholders filled from ``values``."""
        self.problems.append(Problem({"line": line, "column": column}, message, values))

    def raise_if_any(self) -> None:
        if not self.problems:
            return
        errors = [problem.to_dict() for problem in self.problems]
        if len(errors) == 1:
            raise Refused(
                Kind.INVALID,
                "invalid_roster",
                "The file has 1 problem; nothing was imported. Fix them and "
                "import the file again.",
                errors=errors,
            )
        raise Refused(
            Kind.INVALID,
            "invalid_roster",
            "The file has {count} problems; nothing was imported. Fix them and "
            "import the file again.",
            errors=errors,
            count=len(errors),
        )


def create_account(
    db: Session,
    creator: Viewer,
    account: NewAccount,
    *,
    cost: PasswordCost,
) -> CreatedAccount:
    """One account, made by an admin (any role) or a trainer (learners)."""
    problems = RosterProblems()
    _check_account(db, creator, account, problems, line=0, seen=set())
    if problems.problems:
        raise Refused.itemising(Kind.INVALID, "invalid_account", problems.problems[:1])
    return _write_accounts(db, creator, [account], cost=cost)[0]


def parse_roster(text: str) -> list[tuple[int, NewAccount]]:
    """Read a CSV roster: columns name, username (or email), role, cohort.

    The header row names the columns in any order; ``role`` defaults to
    learner and ``cohort`` may be empty or list several names separated by
    ``;``. Every problem is reported with its line, and nothing is returned
    until the whole file is clean.
    """
    problems = RosterProblems()
    if len(text.encode("utf-8")) > MAX_ROSTER_BYTES:
        problems.add(
            1, None, N_("the file is over {size} KiB"), size=MAX_ROSTER_BYTES // 1024
        )
        problems.raise_if_any()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        fields = reader.fieldnames or []
    except csv.Error as error:
        problems.add(1, None, N_("not readable as CSV: {error}"), error=str(error))
        problems.raise_if_any()
    header = [(name or "").strip().lower() for name in fields]
    reader.fieldnames = header
    login_column = "username" if "username" in header else "email"
    missing = [c for c in ("name", login_column) if c not in header]
    if missing:
        problems.add(
            1,
            None,
            N_(
                "the header row must name the columns name, username (or email), "
                "role and cohort; missing: {missing}"
            ),
            missing=", ".join(missing),
        )
        problems.raise_if_any()
    rows: list[tuple[int, NewAccount]] = []
    try:
        for record in reader:
            line = reader.line_num
            if not any((value or "").strip() for value in record.values()):
                continue
            if len(rows) >= MAX_ROSTER_ROWS:
                problems.add(
                    line, None, N_("more than {most} people"), most=MAX_ROSTER_ROWS
                )
                break
            rows.append((line, _account_of(record, login_column)))
    except csv.Error as error:
        problems.add(
            reader.line_num, None, N_("not readable as CSV: {error}"), error=str(error)
        )
    if not rows and not problems.problems:
        problems.add(2, None, N_("the file lists nobody"))
    problems.raise_if_any()
    return rows


def import_roster(
    db: Session,
    creator: Viewer,
    rows: list[tuple[int, NewAccount]],
    *,
    cost: PasswordCost,
) -> list[CreatedAccount]:
    """Create every account of a parsed roster, or none if any line is wrong."""
    problems = RosterProblems()
    seen: set[str] = set()
    for line, account in rows:
        _check_account(db, creator, account, problems, line=line, seen=seen)
    problems.raise_if_any()
    return _write_accounts(db, creator, [account for _, account in rows], cost=cost)


def _account_of(record: dict[str, Any], login_column: str) -> NewAccount:
    def cell(name: str) -> str:
        value = record.get(name)
        return " ".join(value.split()) if isinstance(value, str) else ""

    cohorts = tuple(
        name for name in (" ".join(c.split()) for c in cell("cohort").split(";"))
    )
    return NewAccount(
        username=cell(login_column),
        display_name=cell("name"),
        role=(cell("role") or "learner").lower(),
        cohorts=tuple(c for c in cohorts if c),
    )


def _check_account(
    db: Session,
    creator: Viewer,
    account: NewAccount,
    problems: RosterProblems,
    *,
    line: int,
    seen: set[str],
) -> None:
    allowed = CREATABLE_ROLES.get(creator.role, ())
    name_problem = display_name_problem(account.display_name)
    if name_problem:
        problems.add(line, "name", name_problem, most=MAX_NAME)
    login_problem = username_problem(account.username)
    if login_problem:
        problems.add(line, "username", login_problem)
    if account.role not in ROLES:
        problems.add(
            line,
            "role",
            N_("{role} is not a role; use one of {roles}"),
            role=repr(account.role),
            roles=", ".join(ROLES),
        )
    elif account.role not in allowed:
        problems.add(
            line,
            "role",
            N_("you cannot create {role} accounts; ask an admin"),
            role=account.role,
        )
    key = account.username.lower()
    username = repr(account.username)
    if key in seen:
        problems.add(
            line, "username", N_("{username} is in the file twice"), username=username
        )
    elif account.username and _username_taken(db, account.username):
        problems.add(
            line,
            "username",
            N_("{username} already has an account"),
            username=username,
        )
    seen.add(key)
    for name in account.cohorts:
        if len(name) > MAX_NAME:
            problems.add(
                line,
                "cohort",
                N_("a cohort name is at most {most} chars"),
                most=MAX_NAME,
            )
        elif creator.role != "admin" and not _may_fill_cohort(db, creator, name):
            problems.add(
                line,
                "cohort",
                N_("cohort {cohort} is coached by other trainers"),
                cohort=repr(name),
            )


def _temporary(cost: PasswordCost) -> PasswordCost:
    return TEMPORARY_COST if cost.covers(TEMPORARY_COST) else cost


def _username_taken(db: Session, username: str) -> bool:
    return any(
        user.username.lower() == username.lower()
        for user in store.users_like(db=db, username=username)
    )


def _may_fill_cohort(db: Session, trainer: Viewer, name: str) -> bool:
    """A trainer fills a new cohort (which they then coach) or one of theirs."""
    cohort = store.cohorts_by_name(db=db, names=[name]).get(name)
    return cohort is None or can_view_cohort(db, trainer, cohort.id)


def _write_accounts(
    db: Session, creator: Viewer, accounts: list[NewAccount], *, cost: PasswordCost
) -> list[CreatedAccount]:
    names = {name for account in accounts for name in account.cohorts}
    cohorts = store.cohorts_by_name(db=db, names=names)
    coach = store.get_user_by_id(db=db, user_id=creator.id)
    for name in sorted(names - set(cohorts)):
        cohorts[name] = store.create_cohort(db=db, name=name)
        if creator.role == "trainer" and coach is not None:
            store.add_member(db=db, cohort=cohorts[name], user=coach)
    created = []
    for account in accounts:
        password = temporary_password()
        user = repository.create_user(
            db=db,
            username=account.username,
            display_name=account.display_name,
            role=account.role,
            password=password,
            cost=_temporary(cost),
        )
        user.must_change_password = True
        for name in account.cohorts:
            store.add_member(db=db, cohort=cohorts[name], user=user)
        created.append(
            CreatedAccount(
                account.username,
                account.display_name,
                account.role,
                account.cohorts,
                password,
            )
        )
    db.flush()
    return created


def reset_to_temporary(db: Session, user: AppUser, *, cost: PasswordCost) -> str:
    """A new one-time password for ``user``; they are logged out everywhere
    and must choose their own password at the next login."""
    password = temporary_password()
    repository.set_password(db=db, user=user, password=password, cost=_temporary(cost))
    repository.clear_login_failures(db=db, username=user.username)
    user.must_change_password = True
    db.flush()
    return password


def change_own_password(
    db: Session, user: AppUser, *, current: str, new: str, cost: PasswordCost
) -> None:
    """Replace ``user``'s password after checking the current one.

    All their login tokens are revoked; the caller issues a fresh one.
    """
    if not verify_password(current, user.password_hash):
        raise Refused(
            Kind.INVALID,
            "wrong_password",
            "Your current password is not right. Nothing was changed.",
            [
                {
                    "field": "current_password",
                    "message": localise("not your current password"),
                }
            ],
        )
    fault = password_fault(new)
    if fault is None and new == current:
        fault = "unchanged", {}
    if fault is not None:
        key, values = fault
        problem = PASSWORD_FAULTS.get(key, UNCHANGED_PASSWORD)
        raise Refused(
            Kind.INVALID,
            "weak_password",
            NEW_PASSWORD_FAULTS[key],
            [{"field": "new_password", "message": localise(problem, values)}],
            **values,
        )
    repository.set_password(db=db, user=user, password=new, cost=cost)
    user.must_change_password = False
    db.flush()


def create_cohort(db: Session, creator: Viewer, name: str) -> Cohort:
    """A new, empty cohort; a trainer who creates one coaches it."""
    clean = " ".join(name.split())
    if not clean or len(clean) > MAX_NAME:
        raise Refused(
            Kind.INVALID,
            "invalid_cohort",
            "A cohort's name must be 1 to {most} characters long.",
            most=MAX_NAME,
        )
    if store.cohorts_by_name(db=db, names=[clean]):
        raise Refused(
            Kind.CONFLICT,
            "cohort_exists",
            "There is already a cohort {cohort}.",
            cohort=repr(clean),
        )
    cohort = store.create_cohort(db=db, name=clean)
    creator_user = store.get_user_by_id(db=db, user_id=creator.id)
    if creator.role == "trainer" and creator_user is not None:
        store.add_member(db=db, cohort=cohort, user=creator_user)
    return cohort


def existing_user(db: Session, username: str) -> AppUser:
    user = repository.get_user(db=db, username=username)
    if user is None:
        raise Refused(
            Kind.NOT_FOUND,
            "unknown_user",
            "There is no user {username}.",
            username=repr(username),
        )
    return user


def cohort_view(db: Session, cohort: Cohort) -> dict[str, Any]:
    people = store.members(db=db, cohort_id=cohort.id)
    return {
        "id": cohort.id,
        "name": cohort.name,
        "members": [
            {
                "username": user.username,
                "display_name": user.display_name,
                "role": user.role,
                "is_active": bool(user.is_active),
            }
            for user in people
        ],
    }


def user_view(db: Session, user: AppUser) -> dict[str, Any]:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "is_active": bool(user.is_active),
        "must_change_password": bool(user.must_change_password),
        "cohorts": [c.name for c in store.cohorts_of(db=db, user_id=user.id)],
        "created_at": user.created_at.isoformat(),
    }


def delete_learner(db: Session, user: AppUser) -> dict[str, int]:
    """Erase a learner and everything recorded about them, when they ask.

    Their sessions go with their turns, scores, trainers' marks and comments
    and the learning records not yet sent (the database cascades), then the
    account with its logins, cohort places and personal assignments. Staff
    accounts are deactivated instead: scenarios and comments they wrote stay.
    """
    if user.role != "learner":
        raise Refused(
            Kind.CONFLICT,
            "not_a_learner",
            "{username} is a {role}; deactivate staff accounts "
            "instead of deleting them.",
            username=repr(user.username),
            role=user.role,
        )
    counts = store.erase_learner(db=db, user=user)
    repository.clear_login_failures(db=db, username=user.username)
    return counts
