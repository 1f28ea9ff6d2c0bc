"""Keep the message catalogues in step with the code.

Usage::

    python -m tools.i18n update       # new messages into the catalogues, gone ones out
    python -m tools.i18n check        # missing, untranslated or broken ones (exit 1)
    python -m tools.i18n list [PATH]  # the messages marked (under PATH); writes nothing

Babel extracts the messages people read from three kinds of source, each
with its own markers:

- Python (``trainer_api/``): ``gettext(locale, "...")``,
  ``ngettext(locale, "one", "many", n)``, ``localise("...")`` (in the
  request's locale), ``N_("...")`` (a message declared where no locale is
  known yet, translated where it is shown), the message of
  ``Refused(kind, code, "...")`` and the problem of ``reader.fail(field, "...")``
  (both with ``{name}`` placeholders filled from keyword arguments);
- page templates (``trainer_api/web/pages/``): ``{{ _("...") }}`` and
  ``{% trans %}...{% endtrans %}``;
- the pages' JavaScript (``trainer_api/web/src/``): ``t("...")`` and
  ``tn("one", "many", n)``.

``update`` writes ``trainer_api/locale/<lang>/LC_MESSAGES/messages.po``: the
translator fills in every empty ``msgstr``. ``check`` fails on a message with
no translation, a fuzzy one, or one whose ``{placeholders}`` differ from the
English.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from trainer_api.i18n import DOMAIN, LOCALES, catalogue_path, language_of
from trainer_api.settings import PROJECT_ROOT

SOURCES: tuple[tuple[str, str, dict[str, Any]], ...] = (
    (
        "trainer_api",
        "python",
        {
            "gettext": (2,),
            "ngettext": (2, 3),
            "N_": None,
            "localise": None,
            # Refused(kind, code, "message", ...) and reader.fail(field, "problem")
            "Refused": (3,),
            "fail": (2,),
        },
    ),
    (
        "trainer_api/web/pages",
        "jinja2.ext:babel_extract",
        {"_": None, "gettext": None, "ngettext": (1, 2)},
    ),
    ("trainer_api/web/src", "javascript", {"t": None, "tn": (1, 2)}),
)
PATTERNS = {
    "python": "**.py",
    "jinja2.ext:babel_extract": "**.html",
    "javascript": "**.js",
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
HEADER = """\
# The Empathy Trainer's messages in {language}; the message ids are the English.
# Kept in step with the sources by `python -m tools.i18n update`; every
# message needs a translation (`python -m tools.i18n check`, run by the tests).
#"""


def translated_languages() -> list[str]:
    """The catalogues kept beside the English message ids (``fr``)."""
    return sorted({language_of(locale) for locale in LOCALES} - {"en"})


def extract(root: Path = PROJECT_ROOT) -> Catalog:
    """Every message the sources mark, with where each occurs."""
    template = Catalog(domain=DOMAIN, project="Empathy Trainer", charset="utf-8")
    template.header_comment = HEADER
    for folder, method, keywords in SOURCES:
        directory = root / folder
        options = {PATTERNS[method]: {"trimmed": "true"}} if "jinja" in method else {}
        for filename, lineno, message, comments, context in extract_from_dir(
            directory,
            method_map=[(PATTERNS[method], method)],
            options_map=options,
            keywords=keywords,
            comment_tags=("Translators:",),
        ):
            location = (f"{folder}/{filename}", lineno)
            template.add(
                message,
                None,
                [location],
                auto_comments=comments,
                context=context,
            )
    return template


def load(language: str) -> Catalog:
    path = catalogue_path(language)
    if not path.is_file():
        return Catalog(locale=language, domain=DOMAIN, charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def save(catalogue: Catalog, language: str) -> Path:
    catalogue.project = "Empathy Trainer"
    catalogue.version = "1"
    catalogue.copyright_holder = "the Empathy Trainer authors"
    catalogue.msgid_bugs_address = ""
    catalogue.last_translator = "Empathy Trainer translators"
    catalogue.language_team = f"{language} (fr-CA and fr-FR share it)"
    catalogue.fuzzy = False
    path = catalogue_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, ignore_obsolete=True, width=88)
    return path


def update(root: Path = PROJECT_ROOT) -> list[str]:
    """Bring every catalogue in step with the sources; returns what it did."""
    template = extract(root)
    done = []
    for language in translated_languages():
        catalogue = load(language)
        catalogue.update(template, no_fuzzy_matching=True)
        path = save(catalogue, language)
        missing = sum(1 for m in catalogue if m.id and not _complete(m))
        done.append(
            f"{path.relative_to(root)}: {len(template)} messages, "
            f"{missing} to translate"
        )
    return done


def _complete(message: Any) -> bool:
    if isinstance(message.string, (tuple, list)):
        return all(message.string)
    return bool(message.string)


def problems(root: Path = PROJECT_ROOT) -> Iterator[str]:
    """What stops a catalogue from covering the sources, one line each."""
    template = extract(root)
    for language in translated_languages():
        catalogue = load(language)
        for message in template:
            if not message.id:
                continue
            where = ", ".join(f"{path}:{line}" for path, line in message.locations)
            found = catalogue.get(message.id, context=message.context)
            shown = message.id if isinstance(message.id, str) else message.id[0]
            if found is None:
                yield (
                    f"{language}: missing {shown!r} ({where}); "
                    "run python -m tools.i18n update"
                )
            elif found.fuzzy:
                yield (
                    f"{language}: fuzzy {shown!r} ({where}): "
                    "check it and remove the fuzzy flag"
                )
            elif not _complete(found):
                yield f"{language}: untranslated {shown!r} ({where})"
            else:
                yield from _placeholder_problems(
                    language, message.id, found.string or "", where
                )


def _placeholder_problems(
    language: str, msgid: str | Sequence[str], msgstr: str | Sequence[str], where: str
) -> Iterator[str]:
    ids = [msgid] if isinstance(msgid, str) else list(msgid)
    texts = [msgstr] if isinstance(msgstr, str) else list(msgstr)
    expected = set().union(*(PLACEHOLDER.findall(text) for text in ids))
    for text in texts:
        names = set(PLACEHOLDER.findall(text))
        # a plural form may leave out {count} ("un message" for 1)
        if names - expected or expected - names - {"count"}:
            yield (
                f"{language}: placeholders of {ids[0]!r} ({where}) are "
                f"{sorted(expected)}, the translation has {sorted(names)}"
            )


def out(line: str) -> None:
    sys.stdout.write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("update", "check", "list"))
    parser.add_argument(
        "path", nargs="?", default="", help="list: only the messages under this path"
    )
    args = parser.parse_args(argv)
    if args.command == "list":
        for message in extract():
            where = [
                f"{path}:{line}"
                for path, line in message.locations
                if path.startswith(args.path)
            ]
            if message.id and where:
                ids = message.id
                shown = ids if isinstance(ids, str) else " | ".join(ids)
                out(f"{shown!r}  ({', '.join(where)})")
        return 0
    if args.command == "update":
        for line in update():
            out(line)
        return 0
    found = list(problems())
    for line in found:
        out(line)
    out(f"{len(found)} problem(s)" if found else "every message is translated")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
