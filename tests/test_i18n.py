"""Every message people read is in every catalogue, and no text bypasses them.

Babel extracts the messages of the Python code, the page templates and the
pages' JavaScript (``python -m tools.i18n``); the French catalogue must
translate each one, keep its placeholders, and hold nothing fuzzy. ESLint's
i18n rules (eslint.config.js) catch English written straight into the DOM,
and tests/web/test_languages.py reads every rendered page in both languages.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable

import pytest

from tools import i18n as catalogues
from trainer_api import i18n
from trainer_api.settings import PROJECT_ROOT
from trainer_api.storage.models import ROLES
from trainer_api.usecases.assessments import AUDIT_ACTIONS


def test_every_message_people_read_is_translated() -> None:
    problems = list(catalogues.problems())
    assert not problems, (
        f"{len(problems)} message(s) without a French translation; run "
        "`python -m tools.i18n update`, translate trainer_api/locale/fr, then "
        "`python -m tools.i18n check`:\n" + "\n".join(problems[:40])
    )


def test_the_catalogue_holds_no_message_the_sources_dropped() -> None:
    extracted = {m.id for m in catalogues.extract() if m.id}
    kept = {m.id for m in catalogues.load("fr") if m.id}
    assert not kept - extracted, "run `python -m tools.i18n update` to drop them"


def test_a_catalogue_message_reads_in_french_with_its_values() -> None:
    with i18n.using("fr-CA"):
        assert i18n.localise("Log in to continue.") != "Log in to continue."
    with i18n.using("en"):
        assert i18n.localise("Log in to continue.") == "Log in to continue."
    plural = next(m for m in catalogues.load("fr") if isinstance(m.id, tuple))
    one, many = plural.id
    values = {name: "x" for name in catalogues.PLACEHOLDER.findall(one + many)}
    values.pop("count", None)
    # French says "0 ..." and "1 ..." in the singular, "2 ..." in the plural
    for count, form in ((0, 0), (1, 0), (2, 1)):
        expected = plural.string[form].format(count=count, **values)
        assert i18n.ngettext("fr-FR", one, many, count, **values) == expected


def test_no_page_script_writes_english_straight_into_the_page() -> None:
    npx = shutil.which("npx")
    if npx is None or not (PROJECT_ROOT / "node_modules" / ".bin" / "eslint").exists():
        pytest.fail("the npm packages are missing: run `make setup`")
    result = subprocess.run(
        [npx, "eslint", "--max-warnings=0", "trainer_api/web/src"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("table", "codes"),
    [("ROLES", ROLES), ("AUDIT_ACTIONS", AUDIT_ACTIONS)],
)
def test_every_code_the_server_sends_for_people_to_read_has_a_label(
    table: str, codes: Iterable[str]
) -> None:
    """Roles and audit actions reach pages as codes; labels.js names each one
    through the catalogue, so a new code cannot show up untranslated."""
    source = (PROJECT_ROOT / "trainer_api/web/src/lib/labels.js").read_text("utf-8")
    body = source.split(f"const {table} = {{", 1)[1].split("\n};", 1)[0]
    labelled = set(re.findall(r"^\s+(\w+): \(\) => t\(", body, re.MULTILINE))
    assert labelled == set(codes)
