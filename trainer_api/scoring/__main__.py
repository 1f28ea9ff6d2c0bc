"""Score replies from JSON lines: ``python -m trainer_api.scoring < replies.jsonl``.

Each input line is an object ``{"reply": str, "customer": str, "context": {...}}``
("customer" and "context" are optional). Each output line is the result's
``to_dict()``, or ``{"error": "line N: ..."}`` for a malformed line; processing
continues after errors. Blank lines are skipped. Exit status is 0 unless stdin
cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO, TextIO

from .scorer import score_reply


class MalformedLine(ValueError):
    """An input line that is not a valid scoring request."""


def parse_request(raw: bytes) -> dict[str, Any]:
    """Decode one JSON line into keyword arguments for ``score_reply``."""
    try:
        payload = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise MalformedLine(f"not valid UTF-8 ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise MalformedLine(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(payload, dict):
        raise MalformedLine("expected a JSON object")
    if "reply" not in payload:
        raise MalformedLine('missing "reply"')
    for key in ("reply", "customer"):
        if not isinstance(payload.get(key, ""), str):
            raise MalformedLine(f'"{key}" must be a string')
    context = payload.get("context")
    if context is not None and not isinstance(context, dict):
        raise MalformedLine('"context" must be an object')
    return {
        "reply": payload["reply"],
        "customer_message": payload.get("customer", ""),
        "context": context,
    }


def score_lines(lines: Iterable[bytes]) -> Iterable[dict[str, Any]]:
    """Yield one result (or error) object per non-blank input line."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            request = parse_request(raw)
        except MalformedLine as exc:
            yield {"error": f"line {number}: {exc}"}
            continue
        yield score_reply(**request).to_dict()


def run(stdin: BinaryIO, stdout: TextIO) -> None:
    """Score every line of stdin, writing one JSON object per line to stdout."""
    for item in score_lines(stdin):
        stdout.write(json.dumps(item) + "\n")
        stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m trainer_api.scoring",
        description="Score learner replies for empathy, one JSON object per line "
        '({"reply": ..., "customer": ...}) on stdin, one result per line on stdout.',
    )
    parser.parse_args(argv)
    if sys.stdin is None:
        sys.stderr.write("cannot read stdin: it is closed\n")
        return 1
    try:
        run(sys.stdin.buffer, sys.stdout)
    except OSError as exc:
        sys.stderr.write(f"cannot read stdin: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
