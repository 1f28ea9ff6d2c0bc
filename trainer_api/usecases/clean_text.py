"""Whether a string can be stored as text (the edge and the use cases both ask)."""

from __future__ import annotations

from trainer_api.i18n import N_, localise

FAULTS: dict[str, str] = {
    "nul": N_("{field}: contains a NUL character (\\u0000), which is not text."),
    "surrogate": N_(
        "{field}: contains a lone surrogate (such as \\ud800), which is not valid text."
    ),
}
"""Each way a string is not text, and how a problem with a field says it (an
English message id; ``{field}`` names the field)."""


def text_fault(text: str) -> str | None:
    """Why ``text`` cannot be stored as text (a key of :data:`FAULTS`), or None."""
    if "\x00" in text:
        return "nul"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "surrogate"
    return None


def shown_field(field: str) -> str:
    """A field's name as a message may show it (ASCII, at most 80 characters)."""
    return field.encode("utf-8", "backslashreplace").decode("ascii", "replace")[:80]


def text_problem(text: str, field: str) -> str | None:
    """Why ``text`` cannot be stored as text, naming ``field``, in the current
    locale (:func:`trainer_api.i18n.current`); None if it can."""
    fault = text_fault(text)
    if fault is None:
        return None
    return localise(FAULTS[fault], {"field": shown_field(field)})
