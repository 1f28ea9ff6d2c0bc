"""Quoting the learner's (or a model answer's) words in tips."""

from __future__ import annotations

from trainer_api.scoring.feedback import quote


def test_a_long_quote_is_cut_at_a_whole_word_with_one_ellipsis() -> None:
    text = "Your bag is tagged through to Vienna. " * 6
    quoted = quote(text, 60)
    assert quoted.endswith('\u2026"') and len(quoted) <= 62
    assert ".\u2026" not in quoted and ",\u2026" not in quoted
    assert quoted[1:-2].split()[-1] in text.split()  # no word cut in two
    assert quote("Short enough.", 60) == '"Short enough."'
    assert quote(text, 60, "fr").startswith("« ")
