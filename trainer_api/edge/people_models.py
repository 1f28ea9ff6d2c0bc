"""The JSON shapes of the people routes: accounts, rosters, cohorts, passwords."""

from __future__ import annotations

from pydantic import BaseModel, Field

from trainer_api.edge.api_models import Shape
from trainer_api.storage.passwords import MAX_PASSWORD_LENGTH


class AccountRow(Shape):
    username: str
    display_name: str
    role: str
    is_active: bool
    must_change_password: bool
    cohorts: list[str]
    created_at: str


class AccountList(Shape):
    users: list[AccountRow]


class CreatedAccountView(Shape):
    username: str
    display_name: str
    role: str
    cohorts: list[str]
    temporary_password: str


class CreatedAccounts(Shape):
    accounts: list[CreatedAccountView]


class TemporaryPassword(Shape):
    username: str
    temporary_password: str


class Erased(Shape):
    username: str
    sessions: int
    accounts: int


class CohortMemberView(Shape):
    username: str
    display_name: str
    role: str
    is_active: bool


class CohortView(Shape):
    id: int
    name: str
    members: list[CohortMemberView]


class CohortList(Shape):
    cohorts: list[CohortView]


class NewAccountRequest(BaseModel):
    username: str = Field(..., min_length=1, max_length=64)
    display_name: str = Field(..., min_length=1, max_length=128)
    role: str = Field("learner", max_length=16)
    cohorts: list[str] = Field(default_factory=list, max_items=20)


class RosterRequest(BaseModel):
    csv: str = Field(..., min_length=1, max_length=600_000)


class ActiveRequest(BaseModel):
    active: bool


class CohortRequest(BaseModel):
    name: str = Field(..., min_length=1, max_length=128)


class MemberRequest(BaseModel):
    username: str = Field(..., min_length=1, max_length=64)


class PasswordChange(BaseModel):
    current_password: str = Field(..., min_length=1, max_length=MAX_PASSWORD_LENGTH)
    new_password: str = Field(..., min_length=1, max_length=MAX_PASSWORD_LENGTH)
