"""Whether a string can be stored as text (the edge and the use cases both ask)."""

from __future__ import annotations


def text_problem(text: str, field: str) -> str | None:
    """Why ``text`` cannot be stored as text, naming ``field``; None if it can."""
    shown = field.encode("utf-8", "backslashreplace").decode("ascii", "replace")[:80]
    if "\x00" in text:
        return f"{shown}: contains a NUL character (\\u0000), which is not text."
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return (
            f"{shown}: contains a lone surrogate (such as \\ud800), "
            "which is not valid text."
        )
    return None
