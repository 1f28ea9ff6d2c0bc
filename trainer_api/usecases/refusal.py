"""The one error type of the use cases: a request refused, and why.

A use case (practice, authoring, accounts, ...) raises :class:`Refused` with
the kind of refusal, a code the pages know and a message a person can read.
It knows nothing of HTTP or Socket.IO: the web edge turns the kind into an
HTTP status (``trainer_api.edge.errors``), and the socket events send the code and
message as the event's answer.

A refusal may itemise problems (:class:`Problem`: each field or line of a file
and what is wrong with it); :meth:`Refused.itemising` says the first, lists all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from trainer_api import i18n


class Kind(str, Enum):
    """What sort of refusal; the edge decides how each is answered."""

    INVALID = "invalid"  # the request itself is wrong: fix it and send again
    UNAUTHENTICATED = "unauthenticated"  # log in first
    FORBIDDEN = "forbidden"  # this user may not do this
    NOT_FOUND = "not_found"  # no such thing (or not one this user may see)
    GONE = "gone"  # it existed but is over (an expired link)
    CONFLICT = "conflict"  # not possible in the current state
    TOO_LARGE = "too_large"  # over a size limit
    THROTTLED = "throttled"  # too many attempts: wait
    UNAVAILABLE = "unavailable"  # a part of the product did not answer: retry


class Refused(Exception):
    """A refused request.

    Args:
        kind: what sort of refusal.
        code: a stable machine-readable code (``unknown_session``).
        message: what went wrong and what to do, for a person: an English
            message id of the catalogues, with ``{name}`` placeholders filled
            from ``values`` (so it reads in the reader's language).
        errors: itemised problems (e.g. every error of a scenario file).
        retry_after: seconds to wait before trying again, when known.
        values: what fills the message's placeholders.
    """

    def __init__(
        self,
        kind: Kind,
        code: str,
        message: str,
        errors: list[dict[str, Any]] | None = None,
        *,
        retry_after: int | None = None,
        **values: object,
    ) -> None:
        self.kind = kind
        self.code = code
        self.template = message
        self.values = values
        self.message = message.format(**values) if values else message
        self.errors = errors or []
        self.retry_after = retry_after
        # said in the locale of where it was refused (a candidate's link
        # speaks its round's language, whatever the browser asks for)
        self.locale = i18n.current()
        super().__init__(f"{code}: {self.message}")

    def to_dict(self) -> dict[str, Any]:
        """The refusal as the pages receive it, in the locale it was made in."""
        with i18n.using(self.locale):
            message = i18n.localise(self.template, self.values)
        answer: dict[str, Any] = {"code": self.code, "message": message}
        if self.errors:
            answer["errors"] = self.errors
        return answer

    @classmethod
    def itemising(cls, kind: Kind, code: str, problems: Sequence[Problem]) -> Refused:
        """A refusal that says the first of ``problems`` and lists them all."""
        first = problems[0]
        return cls(
            kind,
            code,
            first.message,
            [problem.to_dict() for problem in problems],
            **first.values,
        )


@dataclass(frozen=True)
class Problem:
    """One itemised problem of a refused request (a field, a line of a file).

    Args:
        where: what the pages need to point at it (``{"field": "title"}``,
            ``{"line": 3, "column": "role"}``).
        message: what is wrong: an English message id of the catalogues
            (mark it with ``N_`` where it is written), with ``{name}``
            placeholders filled from ``values``.
        values: what fills the message's placeholders.
    """

    where: Mapping[str, Any]
    message: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The problem as the pages receive it, in the current locale."""
        return {**self.where, "message": i18n.localise(self.message, self.values)}
