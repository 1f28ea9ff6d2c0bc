"""JSON HTTP routes for people: accounts (admin), rosters, cohorts, passwords.

Use cases: ``usecases.people``. An admin manages every account and cohort; a
trainer may import learners into cohorts they coach (or new ones) and see
their cohorts; everyone may change their own password.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Response
from sqlalchemy.orm import Session

from trainer_api.edge.api_models import UserResponse, errors
from trainer_api.edge.auth import (
    Admin,
    CurrentUser,
    require_login,
    require_role,
    require_user,
)
from trainer_api.edge.dependencies import AppSettings, Db
from trainer_api.edge.people_models import (
    AccountList,
    ActiveRequest,
    CohortList,
    CohortRequest,
    CohortView,
    CreatedAccounts,
    Erased,
    MemberRequest,
    NewAccountRequest,
    PasswordChange,
    RosterRequest,
    TemporaryPassword,
)
from trainer_api.edge.responses import set_login_cookie
from trainer_api.edge.security import CheckedRoute
from trainer_api.i18n import N_
from trainer_api.storage import people as store
from trainer_api.storage import repository
from trainer_api.storage.models import CANDIDATE, AppUser, Cohort
from trainer_api.storage.passwords import cost_for
from trainer_api.usecases import people
from trainer_api.usecases.refusal import Kind, Refused

router = APIRouter(prefix="/api", route_class=CheckedRoute)
SignedIn = Annotated[CurrentUser, Depends(require_login)]
LoggedIn = Annotated[CurrentUser, Depends(require_user)]
Manager = Annotated[
    CurrentUser,
    Depends(
        require_role(
            "admin", "trainer", refusal=N_("Only admins and trainers can add people.")
        )
    ),
]
Username = Annotated[str, Path(min_length=1, max_length=64)]


@router.get("/people", response_model=AccountList, responses=errors(403))
def list_people(db: Db, _user: Admin) -> dict[str, Any]:
    return {"users": [people.user_view(db, u) for u in store.list_users(db=db)]}


@router.post(
    "/people", status_code=201, response_model=CreatedAccounts, responses=errors(403)
)
def create_person(
    body: NewAccountRequest, db: Db, user: Manager, settings: AppSettings
) -> dict[str, Any]:
    account = people.NewAccount(
        username=body.username.strip(),
        display_name=" ".join(body.display_name.split()),
        role=body.role.strip().lower(),
        cohorts=tuple(" ".join(c.split()) for c in body.cohorts if c.strip()),
    )
    with db.begin():
        created = people.create_account(
            db, user, account, cost=cost_for(settings.environment)
        )
    return {"accounts": [created.to_dict()]}


@router.post(
    "/people/import",
    status_code=201,
    response_model=CreatedAccounts,
    responses=errors(403),
)
def import_people(
    body: RosterRequest, db: Db, user: Manager, settings: AppSettings
) -> dict[str, Any]:
    """Create every account of a CSV roster, or none: problems come per line."""
    rows = people.parse_roster(body.csv)
    with db.begin():
        created = people.import_roster(
            db, user, rows, cost=cost_for(settings.environment)
        )
    return {"accounts": [account.to_dict() for account in created]}


@router.post(
    "/people/{username}/reset-password",
    response_model=TemporaryPassword,
    responses=errors(403, 404),
)
def reset_password(
    username: Username, db: Db, _user: Admin, settings: AppSettings
) -> dict[str, Any]:
    with db.begin():
        target = people.existing_user(db, username)
        password = people.reset_to_temporary(
            db, target, cost=cost_for(settings.environment)
        )
    return {"username": username, "temporary_password": password}


@router.put(
    "/people/{username}/active",
    status_code=204,
    response_class=Response,
    responses=errors(403, 404, 409),
)
def set_active(
    username: Username, body: ActiveRequest, db: Db, user: Admin
) -> Response:
    with db.begin():
        target = people.existing_user(db, username)
        if target.id == user.id and not body.active:
            raise Refused(
                Kind.CONFLICT,
                "cannot_deactivate_self",
                "You cannot deactivate your own account.",
            )
        repository.set_user_active(db=db, user=target, active=body.active)
    return Response(status_code=204)


@router.delete(
    "/people/{username}",
    response_model=Erased,
    responses=errors(403, 404, 409),
)
def delete_person(username: Username, db: Db, _user: Admin) -> dict[str, Any]:
    """Erase a learner and all their practice (on their request)."""
    with db.begin():
        target = people.existing_user(db, username)
        erased = people.delete_learner(db, target)
    return {"username": username, **erased}


@router.get("/cohorts", response_model=CohortList, responses=errors(403))
def list_cohorts(db: Db, user: LoggedIn) -> dict[str, Any]:
    """Every cohort for an admin; the cohorts a trainer or HR user is in."""
    if user.role == "admin":
        found = store.list_cohorts(db=db)
    elif user.role in people.COHORT_VIEWERS:
        found = store.cohorts_of(db=db, user_id=user.id)
    else:
        raise Refused(Kind.FORBIDDEN, "forbidden", "Learners have no cohort list.")
    return {"cohorts": [people.cohort_view(db, cohort) for cohort in found]}


@router.post(
    "/cohorts", status_code=201, response_model=CohortView, responses=errors(403, 409)
)
def create_cohort(body: CohortRequest, db: Db, user: Manager) -> dict[str, Any]:
    with db.begin():
        cohort = people.create_cohort(db, user, body.name)
        return people.cohort_view(db, cohort)


@router.post(
    "/cohorts/{cohort_id}/members",
    response_model=CohortView,
    responses=errors(403, 404),
)
def add_member(
    cohort_id: int, body: MemberRequest, db: Db, user: Manager
) -> dict[str, Any]:
    with db.begin():
        cohort, member = _membership(db, user, cohort_id, body.username)
        if user.role != "admin" and store.cohorts_of(db=db, user_id=member.id):
            raise Refused(
                Kind.FORBIDDEN,
                "forbidden",
                "{username} is already in a cohort; an admin can add "
                "them to another.",
                username=repr(member.username),
            )
        store.add_member(db=db, cohort=cohort, user=member)
        return people.cohort_view(db, cohort)


@router.delete(
    "/cohorts/{cohort_id}/members/{username}",
    response_model=CohortView,
    responses=errors(403, 404),
)
def remove_member(
    cohort_id: int, username: Username, db: Db, user: Manager
) -> dict[str, Any]:
    with db.begin():
        cohort, member = _membership(db, user, cohort_id, username)
        store.remove_member(db=db, cohort=cohort, user=member)
        return people.cohort_view(db, cohort)


@router.post("/password", response_model=UserResponse, responses=errors())
def change_password(
    body: PasswordChange,
    db: Db,
    user: SignedIn,
    response: Response,
    settings: AppSettings,
) -> dict[str, Any]:
    """Replace one's own password; every other login of the user ends."""
    if user.role == CANDIDATE:
        raise Refused(
            Kind.FORBIDDEN, "forbidden", "A candidate's link needs no password."
        )
    with db.begin():
        account = people.existing_user(db, user.username)
        people.change_own_password(
            db,
            account,
            current=body.current_password,
            new=body.new_password,
            cost=cost_for(settings.environment),
        )
        token = repository.issue_token(db=db, user=account)
        view = CurrentUser.of(account)
    set_login_cookie(response, token, settings)
    return {"user": view.to_dict()}


def _membership(
    db: Session, user: CurrentUser, cohort_id: int, username: str
) -> tuple[Cohort, AppUser]:
    """The cohort and person, if ``user`` may change that membership.

    An admin changes any; a trainer adds or removes learners in their own.
    """
    if user.role == "admin":
        cohort = store.get_cohort(db=db, cohort_id=cohort_id)
        if cohort is None:
            raise Refused(Kind.NOT_FOUND, "unknown_cohort", "There is no such cohort.")
    else:
        cohort = people.visible_cohort(db, user, cohort_id)
    member = people.existing_user(db, username)
    if user.role != "admin" and member.role != "learner":
        raise Refused(
            Kind.FORBIDDEN,
            "forbidden",
            "Trainers add and remove learners; ask an admin for other roles.",
        )
    return cohort, member
