"""CSV files open right in the reader's spreadsheet: English files keep the
codes, commas and points tools rely on; French files use what French
spreadsheets expect (``;``, a decimal comma, a byte-order mark)."""

from __future__ import annotations

import csv
import io

from trainer_api import i18n
from trainer_api.usecases.spreadsheet import csv_text

HEADER = ("username", "average_score", "replies")
ROWS = [("=HYPERLINK(1)", 72.5, 3), ("léa", None, 0)]


def test_an_english_file_keeps_codes_commas_and_points() -> None:
    with i18n.using("en"):
        text = csv_text(HEADER, ROWS)
    assert not text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text))) == [
        ["username", "average_score", "replies"],
        ["'=HYPERLINK(1)", "72.5", "3"],
        ["léa", "", "0"],
    ]


def test_a_french_file_reads_in_a_french_spreadsheet() -> None:
    with i18n.using("fr-FR"):
        text = csv_text(HEADER, ROWS)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows == [
        ["Nom d'utilisateur", "Score moyen", "Réponses"],
        ["'=HYPERLINK(1)", "72,5", "3"],
        ["léa", "", "0"],
    ]
