"""CSV for people to open in a spreadsheet: empty cells for missing values,
and text a spreadsheet would run as a formula (= + - @ first) prefixed
with ' so it stays text.

The header row names the columns: in English by their stable codes
(``average_score``: what tools reading the files rely on), in another
language by their names in it (``Score moyen``).

A file for a French reader follows what French spreadsheets expect when
they open a CSV: ``;`` between cells, a decimal comma (``72,5``) and a
byte-order mark so accents read right. English files keep ``,``, ``.``
and no mark."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from trainer_api import i18n
from trainer_api.i18n import N_, localise

FORMULA_STARTS = ("=", "+", "-", "@")
COLUMN_NAMES: dict[str, str] = {
    "pseudonym": N_("Pseudonym"),
    "name": N_("Name"),
    "email": N_("Email"),
    "consent": N_("Consent"),
    "score": N_("Score"),
    "above_pass_mark": N_("Above the pass mark"),
    "emotional_reaction": N_("Emotional reaction"),
    "interpretation": N_("Interpretation"),
    "exploration": N_("Exploration"),
    "ownership": N_("Ownership"),
    "resolution": N_("Resolution"),
    "outcomes": N_("Outcomes"),
    "minutes_taken": N_("Minutes taken"),
    "standing": N_("Standing"),
    "decisions": N_("Decisions"),
    "username": N_("Username"),
    "sessions": N_("Sessions"),
    "replies": N_("Replies"),
    "average_score": N_("Average score"),
    "weakest": N_("Weakest dimension"),
    "trend": N_("Trend"),
    "assignments_done": N_("Assignments done"),
    "assignments_set": N_("Assignments set"),
    "group": N_("Group"),
    "category": N_("Category"),
    "count": N_("Count"),
    "share_of_sample": N_("Share of the sample"),
    "under_2_percent": N_("Under 2 % of the sample"),
    "rates_withheld": N_("Rates withheld"),
    "scored": N_("Scored"),
    "above_median": N_("Above the median"),
    "scoring_rate": N_("Scoring rate"),
    "scoring_impact_ratio": N_("Scoring impact ratio"),
    "scoring_below_four_fifths": N_("Scoring below four fifths"),
    "decided": N_("Decided"),
    "selected": N_("Selected"),
    "selection_rate": N_("Selection rate"),
    "selection_impact_ratio": N_("Selection impact ratio"),
    "selection_below_four_fifths": N_("Selection below four fifths"),
}
"""Each column code's name for people reading another language than English."""


def cell(value: Any, decimal: str = ".") -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, float) and decimal != ".":
        return repr(value).replace(".", decimal)
    return value


def header_row(codes: Sequence[str]) -> list[str]:
    """The header in the reader's language: the codes in English, the
    columns' names otherwise (a code without a name stays as it is)."""
    if i18n.language_of(i18n.current()) == "en":
        return list(codes)
    return [
        localise(COLUMN_NAMES[code]) if code in COLUMN_NAMES else code for code in codes
    ]


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    french = i18n.language_of(i18n.current()) == "fr"
    delimiter, decimal, mark = (";", ",", "\ufeff") if french else (",", ".", "")
    buffer = io.StringIO()
    buffer.write(mark)
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header_row(header))
    writer.writerows([cell(v, decimal) for v in row] for row in rows)
    return buffer.getvalue()
