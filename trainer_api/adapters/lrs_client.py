"""Sending xAPI statements to a Learning Record Store over HTTP."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

XAPI_VERSION = "1.0.3"


class SendFailed(Exception):
    """The LRS did not take the statements; the message says why."""


class LrsClient:
    """POSTs statements to ``{endpoint}/statements`` with Basic credentials."""

    def __init__(
        self, endpoint: str, username: str, password: str, *, timeout: float = 10.0
    ) -> None:
        self._url = endpoint.rstrip("/") + "/statements"
        self._client = httpx.Client(
            auth=(username, password) if username else None,
            timeout=timeout,
            headers={
                "X-Experience-API-Version": XAPI_VERSION,
                "Content-Type": "application/json",
            },
        )

    def send(self, statements: Sequence[dict[str, Any]]) -> None:
        try:
            answer = self._client.post(self._url, json=list(statements))
        except httpx.HTTPError as error:
            raise SendFailed(
                f"the LRS at {self._url} did not answer: {error}"
            ) from None
        if answer.status_code >= 300:
            raise SendFailed(
                f"the LRS answered HTTP {answer.status_code}: {answer.text[:200]}"
            )

    def close(self) -> None:
        self._client.close()
