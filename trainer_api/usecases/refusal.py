"""The one error type of the use cases: a request refused, and why.

A use case (practice, authoring, accounts, ...) raises :class:`Refused` with
the kind of refusal, a code the pages know and a message a person can read.
It knows nothing of HTTP or Socket.IO: the web edge turns the kind into an
HTTP status (``trainer_api.edge.errors``), and the socket events send the code and
message as the event's answer.
"""

from __future__ import annotations

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
        super().__init__(f"{code}: {self.message}")

    def to_dict(self) -> dict[str, Any]:
        """The refusal as the pages receive it, in the current locale."""
        answer: dict[str, Any] = {
            "code": self.code,
            "message": i18n.localise(self.template, self.values),
        }
        if self.errors:
            answer["errors"] = self.errors
        return answer
