"""A local Learning Record Store for the tests: a real HTTP server that keeps
the statements it is sent, checks their shape as an LRS would, and can be
told to fail (HTTP 500) or to be down."""

from __future__ import annotations

import base64
import json
import re
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DURATION = re.compile(r"^P(?:\d+D)?T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?$")
IRI = re.compile(r"^https?://\S+$")


def statement_problems(statement: dict[str, Any]) -> list[str]:
    """What an LRS would reject or an LMS could not use, in one statement."""
    found = []
    try:
        uuid.UUID(statement["id"])
    except (KeyError, ValueError, TypeError):
        found.append("id is not a UUID")
    account = statement.get("actor", {}).get("account", {})
    if not (IRI.match(str(account.get("homePage", ""))) and account.get("name")):
        found.append("actor is not an account with a homePage and a name")
    verb = statement.get("verb", {})
    if not IRI.match(str(verb.get("id", ""))) or "en-US" not in verb.get("display", {}):
        found.append("verb has no IRI id or display")
    target = statement.get("object", {})
    if target.get("objectType") != "Activity" or not IRI.match(str(target.get("id"))):
        found.append("object is not an Activity with an IRI")
    result = statement.get("result", {})
    score = result.get("score")
    if score is not None and not -1 <= score.get("scaled", 2) <= 1:
        found.append("result.score.scaled is not in [-1, 1]")
    if "duration" in result and not DURATION.match(result["duration"]):
        found.append(f"result.duration {result['duration']!r} is not ISO 8601")
    for key in result.get("extensions", {}):
        if not IRI.match(key):
            found.append(f"extension key {key!r} is not an IRI")
    try:
        uuid.UUID(statement["context"]["registration"])
    except (KeyError, ValueError, TypeError):
        found.append("context.registration is not a UUID")
    if "timestamp" not in statement:
        found.append("no timestamp")
    return found


class LocalLrs:
    def __init__(self, username: str = "lrs-user", password: str = "lrs-secret"):
        self.credentials = base64.b64encode(f"{username}:{password}".encode()).decode()
        self.username, self.password = username, password
        self.statements: dict[str, dict[str, Any]] = {}
        self.posts = 0
        self.failing = False
        self.problems: list[str] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def endpoint(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/xapi"

    def handler(self) -> type[BaseHTTPRequestHandler]:
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the http.server API)
                lrs.posts += 1
                if self.path != "/xapi/statements":
                    return self._answer(404, {"error": "no such resource"})
                if self.headers.get("X-Experience-API-Version") != "1.0.3":
                    return self._answer(400, {"error": "no xAPI version header"})
                if self.headers.get("Authorization") != f"Basic {lrs.credentials}":
                    return self._answer(401, {"error": "bad credentials"})
                if lrs.failing:
                    return self._answer(500, {"error": "the LRS is having a bad day"})
                length = int(self.headers.get("Content-Length", 0))
                batch = json.loads(self.rfile.read(length))
                for statement in batch:
                    problems = statement_problems(statement)
                    if problems:
                        lrs.problems += problems
                        return self._answer(400, {"error": problems})
                for statement in batch:
                    lrs.statements.setdefault(statement["id"], statement)
                return self._answer(200, [s["id"] for s in batch])

            def _answer(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args: Any) -> None:
                pass

        return Handler

    @contextmanager
    def running(self, port: int = 0) -> Iterator[LocalLrs]:
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self.handler())
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
