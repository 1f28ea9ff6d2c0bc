"""What a customer line asks about: the keywords of each need of a scenario.

A need's keywords are the stems of the words of its ``description`` and
``shown_as`` (three letters or more, outside ``STOP_WORDS``) that no other need
of the scenario has; only a need that an answering move meets
(``ANSWER_MOVES``) has any (a need met by acknowledging, apologising or
asking names the customer's worries and answers none of them). A question
(a sentence ending in "?") holding a keyword of a need asks about it.

The mood engine uses this to keep a customer from asking again about a need
already met: while another line fits it takes that one, and when none does it
says the line without those questions (``without_questions_about``);
``make eval-customer`` counts, with the same rule, the questions that still
come.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping

from trainer_api.simulation.scenario import Scenario

ANSWER_MOVES = frozenset(
    {"explain", "take_ownership", "offer_solution", "offer_compensation"}
    | {"set_expectation"}
)
"""Moves that answer something; a need met only by feelings (acknowledging,
validating, apologising) or by the learner's questions answers nothing."""
STOP_WORDS = frozenset(
    """
    the and for are but not you your she her hers his him they them their
    who why how what when where which while that this these those with
    from into onto over under about before after again instead also just
    only very more most some such each every any all can could will would
    should cannot has have had been being was were does did done its one
    two way ways now today tonight morning tomorrow day days time times
    someone agent customer tell tells told know knows given give gives
    offer offered plainly exactly means mean simple gently without hurry
    whatever happens happen say says said get gets got help back full real
    right put use come coming need needs own hear heard long another went
    kept clear sent stop take taken takes away find found plan late quickly
    short firm way down won
    """.split()
)
_WORD = re.compile(r"[a-z\u00e0-\u00ff]+")
_SENTENCE = re.compile(r"[^.!?]*[.!?]+|[^.!?]+$")


def stem(word: str) -> str:
    """A crude stem for matching a need's words: a suffix and a final "e"
    off, then the first six letters (``damaged`` and ``damage`` match)."""
    for suffix in ("ations", "ation", "ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word[:6]


def key_stems(text: str) -> set[str]:
    """The stems of ``text``'s words of three letters or more, stop words out."""
    words = _WORD.findall(text.lower())
    stems = {stem(word) for word in words if len(word) >= 3}
    return stems - _STOP_STEMS


_STOP_STEMS = frozenset(stem(word) for word in STOP_WORDS)


def need_keywords(scenario: Scenario) -> dict[str, frozenset[str]]:
    """Each need's keywords: stems of its own words that no other need has;
    none for a need no answering move meets (``ANSWER_MOVES``)."""
    own = {
        need.id: key_stems(
            f"{scenario.render(need.description)} {scenario.render(need.shown_as)}"
        )
        for need in scenario.needs
    }
    shared = Counter(key for keys in own.values() for key in keys)
    answering = {n.id for n in scenario.needs if ANSWER_MOVES & set(n.met_by)}
    return {
        need: frozenset(key for key in keys if shared[key] == 1)
        if need in answering
        else frozenset()
        for need, keys in own.items()
    }


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (split after ".", "!" and "?"), stripped."""
    found = (match.group().strip() for match in _SENTENCE.finditer(text))
    return [sentence for sentence in found if sentence]


def questions(text: str) -> list[str]:
    """The sentences of ``text`` that end in a question mark."""
    return [sentence for sentence in sentences(text) if sentence.endswith("?")]


_KEYWORDS: dict[str, Mapping[str, frozenset[str]]] = {}


def asks_about(scenario: Scenario, text: str, needs: Collection[str]) -> str | None:
    """The first of ``needs`` a question in ``text`` asks about, if any."""
    if not needs:
        return None
    keywords = _KEYWORDS.get(scenario.content_hash)
    if keywords is None:
        keywords = _KEYWORDS.setdefault(scenario.content_hash, need_keywords(scenario))
    for sentence in questions(text):
        keys = key_stems(sentence)
        for need in sorted(needs):
            if keys & keywords.get(need, frozenset()):
                return need
    return None


def without_questions_about(
    scenario: Scenario, line: str, needs: Collection[str]
) -> str:
    """``line`` (as written, placeholders and all) without the questions that
    ask about one of ``needs``; ``line`` itself when it has none, or when
    they are all it says. "Oh, thank goodness. Can you email me the
    confirmation?" once the confirmation is promised: "Oh, thank goodness."
    """
    if not needs:
        return line
    parts = sentences(line)
    kept = [
        sentence
        for sentence in parts
        if not sentence.endswith("?")
        or asks_about(scenario, scenario.render(sentence), needs) is None
    ]
    if not kept or len(kept) == len(parts):
        return line
    return " ".join(kept)
