"""The languages the product speaks to people, and their message catalogues.

Every text a person reads is written in English in the code (the gettext
message id) and translated through a gettext catalogue per language:
``trainer_api/locale/<lang>/LC_MESSAGES/messages.po``, kept up to date by
``python -m tools.i18n`` (Babel extracts the messages of the Python code, the
page templates and the pages' JavaScript). The catalogues are read with Babel
when the process starts; nothing is compiled ahead.

A person's locale decides the language and how dates and numbers are written:
``en``, ``fr-CA`` (Québec) or ``fr-FR`` (France). It is their own setting if
they chose one, else the language cookie the sign-in page sets, else the
browser's ``Accept-Language``, else English.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
DEFAULT_LOCALE = "en"
LOCALES: dict[str, str] = {
    "en": "English",
    "fr-CA": "Français (Canada)",
    "fr-FR": "Français (France)",
}
"""The locales a person can choose, each named in its own language."""

LANGUAGE_COOKIE = "empathy_lang"
"""Holds the locale chosen before signing in (and after, for the pages)."""

JS_SOURCES = "trainer_api/web/src/"
"""Messages found under this folder are sent to the browser with each page."""


_current: ContextVar[str] = ContextVar("locale", default=DEFAULT_LOCALE)


def current() -> str:
    """The locale of the request being answered (set by the web edge for each
    request and Socket.IO event; English elsewhere)."""
    return _current.get()


@contextmanager
def using(locale: str) -> Iterator[str]:
    """Answer in ``locale`` inside the block."""
    token = _current.set(normalise(locale) or DEFAULT_LOCALE)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def set_current(locale: str) -> None:
    """Answer in ``locale`` from here on in this context (one request)."""
    _current.set(normalise(locale) or DEFAULT_LOCALE)


def localise(message: str, values: Mapping[str, object] | None = None) -> str:
    """``message`` (an English message id with ``{name}`` placeholders) in the
    current locale, filled with ``values``."""
    text = translations(current()).ugettext(message)
    if not values:
        return text
    try:
        return text.format(**values)
    except (
        KeyError,
        IndexError,
        ValueError,
    ):  # a broken translation: say it in English
        return message.format(**values)


def normalise(value: str | None) -> str | None:
    """The supported locale ``value`` names (``fr_ca``, ``FR-ca``, ``fr-CA``
    alike), or the one its language falls back to (``fr`` and ``fr-BE`` to
    ``fr-FR``, ``en-GB`` to ``en``); None when it names no supported language."""
    if not value:
        return None
    cleaned = value.strip().replace("_", "-")
    for known in LOCALES:
        if cleaned.lower() == known.lower():
            return known
    language = cleaned.split("-")[0].lower()
    if language == "fr":
        return "fr-CA" if cleaned.lower() == "fr-ca" else "fr-FR"
    if language == "en":
        return "en"
    return None


def language_of(locale: str) -> str:
    """``en`` or ``fr``: the catalogue a locale reads."""
    return locale.split("-")[0].lower()


def from_accept_language(header: str | None) -> str | None:
    """The best supported locale of an ``Accept-Language`` header, by quality."""
    if not header:
        return None
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, index, tag.strip()))
    for _, _, tag in sorted(ranked):
        found = normalise(tag)
        if found:
            return found
    return None


def negotiate(
    chosen: str | None = None,
    cookie: str | None = None,
    accept_language: str | None = None,
) -> str:
    """The locale to speak: the person's setting, the cookie, the browser's
    languages, then English."""
    return (
        normalise(chosen)
        or normalise(cookie)
        or from_accept_language(accept_language)
        or DEFAULT_LOCALE
    )


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _catalogue(language: str) -> Any:
    path = catalogue_path(language)
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


@cache
def translations(locale: str) -> NullTranslations:
    """The gettext translations of a locale (English: the message ids)."""
    catalogue = _catalogue(language_of(locale))
    if catalogue is None or language_of(locale) == "en":
        return NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogues where no locale is known yet; it is
    translated where it is shown, with :func:`gettext`."""
    return message


def gettext(locale: str, message: str, **values: object) -> str:
    """``message`` in ``locale``, with ``{name}`` placeholders filled in."""
    text = translations(locale).ugettext(message)
    return text.format(**values) if values else text


def ngettext(
    locale: str, singular: str, plural: str, count: int, **values: object
) -> str:
    """The singular or plural of a message for ``count`` (``{count}`` is filled in)."""
    text = translations(locale).ungettext(singular, plural, count)
    return text.format(count=count, **values)


def browser_catalogue(locale: str) -> dict[str, Any]:
    """The translations the pages' JavaScript uses, for one locale: message
    id to text, or to the list of plural forms (``{}`` for English)."""
    return dict(_browser_catalogue(language_of(locale)))


@cache
def _browser_catalogue(language: str) -> tuple[tuple[str, Any], ...]:
    catalogue = _catalogue(language)
    if catalogue is None or language == "en":
        return ()
    entries: list[tuple[str, Any]] = []
    for message in catalogue:
        if not message.id or message.fuzzy or not _in_browser(message.locations):
            continue
        if isinstance(message.id, tuple):
            forms = list(message.string)
            if all(forms):
                entries.append((message.id[0], forms))
        elif message.string:
            entries.append((message.id, message.string))
    return tuple(entries)


def _in_browser(locations: Iterable[tuple[str, int | None]]) -> bool:
    return any(path.startswith(JS_SOURCES) for path, _ in locations)


def locale_names() -> Mapping[str, str]:
    """Each supported locale and its name in its own language."""
    return dict(LOCALES)


def babel_locale(locale: str) -> Locale:
    """Babel's locale for formatting dates and numbers on the server."""
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LOCALE)
