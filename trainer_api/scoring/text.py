"""Text helpers for the evidence extractors: matching copy, sentences, content words.

Every helper keeps character offsets aligned with the original reply, so a span
found in the matching copy can be cut from the reply the learner wrote.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# One character in, one character out: offsets stay valid after translation.
_MATCHING_CHARS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


def _accent_table() -> dict[int, str]:
    """Accented Latin letters to their base letter ("é" -> "e", "Ç" -> "C")."""
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base
    return table


# One character in, one character out, like the quotes above.
_ACCENTS = _accent_table()
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"')\]]|$)|\n+")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_REPEATED_LETTERS = re.compile(r"(.)\1+")
_CONTRACTION = re.compile(r"(?:'(?:s|ve|re|ll|d|m)|n't)$", re.IGNORECASE)
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "ly", "s")

STOP_WORDS = frozenset(
    """
    about above after again against also always another anyone anything around
    back because been before being below between both came cant come could
    couldnt dear didnt does doesnt doing done dont down during each either else
    even ever every everyone everything from further getting going gonna good
    great have having hello here hers herself himself into isnt itself just
    know like made make many maybe more most much must myself need never next
    nothing okay once only other ours over please really right said same
    should since some someone something still such sure than thank thanks that
    thats their theirs them then there these they thing things think this those
    though through told under until very want wasnt well were what whats when
    where which while will with wont would wouldnt yeah your youre yours
    yourself sorry apologise apologize apology apologies understand feel
    feeling help customer customers service company business experience issue
    issues problem problems situation matter team time finally actually
    literally seriously honestly basically anyway already totally completely
    absolutely simply probably perhaps rather quite enough nobody somebody
    meant tell keep kept long
    """.split()
)
FRENCH_STOP_WORDS = frozenset(
    """
    vous votre notre nous avec dans pour mais cette cela elle elles sont etre
    avez avons suis etes fait faire tres tout tous toute toutes bien aussi
    encore deja juste meme autre autres alors donc parce quand quoi sans sous
    leur leurs celui celle ceux ceci chez entre vers depuis avant apres pendant
    jusqu rien personne quelque quelques merci bonjour madame monsieur desole
    desolee desoles navre navree comprends comprend comprendre peux peut pouvez
    pouvons vais allez allons veux voulez fais faites dois devez doit aurait
    aurez avoir etait etaient serait sera seront voila voici ainsi tellement
    vraiment beaucoup toujours jamais souvent pourquoi combien vos votres
    aucun aucune probleme problemes entreprise compagnie equipe temps fois
    dossier demande cest jai celles quel quelle quels quelles lequel laquelle
    dont puis ouin voir savoir sais salut
    """.split()
)
"""French function words and politeness, so they never count as the customer's
own words (replies and customer lines share them whatever the situation).
Words that are English content words too ("client", "suite", "moment") or
fold onto one ("non" and "noon", "chose" and "choose") are left out."""


@dataclass(frozen=True)
class ReplyView:
    """A reply prepared for matching.

    Attributes:
        reply: the reply as the learner wrote it.
        text: matching copy of the reply (lower case, quotes and accents
            folded, same length).
        sentences: (start, end) offsets of each sentence.
        specific_spans: offsets of words shared with the customer's situation.
    """

    reply: str
    text: str
    sentences: tuple[tuple[int, int], ...]
    specific_spans: tuple[tuple[int, int], ...]

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """Return the sentence that contains the span (or the span itself)."""
        index = bisect_right(self.sentences, (start, len(self.text) + 1)) - 1
        if index >= 0:
            s_start, s_end = self.sentences[index]
            if s_start <= start < s_end:
                return s_start, max(s_end, end)
        return start, end

    def has_specific(self, start: int, end: int) -> bool:
        """True if a customer-specific word lies within [start, end)."""
        index = bisect_left(self.specific_spans, (start, start))
        spans = self.specific_spans
        return index < len(spans) and spans[index][1] <= end


def fold_quotes(text: str) -> str:
    """Fold typographic quotes and odd spaces; the result has the same length."""
    return text.translate(_MATCHING_CHARS)


def fold_accents(text: str) -> str:
    """Accented Latin letters folded to their base letter; same length.

    French chat often drops accents ("desolee", "deja"): the extractors read
    the folded copy, so a pattern written without accents matches both."""
    return text.translate(_ACCENTS)


def matching_copy(text: str) -> str:
    """Lower-cased, quote-folded copy of text with exactly the same length.

    The lexicon patterns are lower case and compiled without IGNORECASE (about
    twice as fast); characters whose lower case is longer (e.g. "\u0130") stay.
    """
    folded = fold_quotes(text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Split text into sentences, returning offsets with surrounding space trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.extend(_trimmed(text, start, match.end()))
        start = match.end()
    spans.extend(_trimmed(text, start, len(text)))
    return tuple(spans)


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    piece = text[start:end]
    if not piece.strip():
        return []
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return [(start + lead, end - trail)]


@lru_cache(maxsize=4096)
def word_key(word: str) -> str:
    """Fold a word to a crude stem so "cancelled", "canceled", "cancellation" meet."""
    bare = fold_accents(_CONTRACTION.sub("", word.lower()).replace("'", ""))
    key = _REPEATED_LETTERS.sub(r"\1", bare)
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            return key[: -len(suffix)]
    return key


_STOP_KEYS = frozenset(word_key(word) for word in STOP_WORDS | FRENCH_STOP_WORDS)


@lru_cache(maxsize=4096)
def _is_content_word(word: str) -> bool:
    bare = _CONTRACTION.sub("", word).replace("'", "")
    return len(bare) >= 4 and word_key(word) not in _STOP_KEYS


def content_words(text: str) -> list[str]:
    """Content words (4+ letters, not stop words) in order, one per stem."""
    seen: set[str] = set()
    words: list[str] = []
    for match in _WORD.finditer(fold_quotes(text)):
        word = match.group()
        key = word_key(word)
        if _is_content_word(word) and key not in seen:
            seen.add(key)
            words.append(word)
    return words


def content_keys(texts: Iterable[str]) -> frozenset[str]:
    """Stems of the content words in all given texts."""
    return _content_keys(tuple(texts))


@lru_cache(maxsize=256)
def _content_keys(texts: tuple[str, ...]) -> frozenset[str]:
    # Cached: the same customer message is scored against every reply to it.
    return frozenset(word_key(word) for text in texts for word in content_words(text))


def specific_word_spans(text: str, keys: frozenset[str]) -> tuple[tuple[int, int], ...]:
    """Offsets of the words in text whose stem is one of keys."""
    if not keys:
        return ()
    return tuple(
        match.span()
        for match in _WORD.finditer(text)
        if _is_content_word(match.group()) and word_key(match.group()) in keys
    )


def build_view(reply: str, situation: Sequence[str]) -> ReplyView:
    """Prepare a reply for the extractors, given texts describing the situation.

    The view's text is the matching copy with accents folded (the lexicons'
    French patterns are written without accents)."""
    text = fold_accents(matching_copy(reply))
    keys = content_keys(situation)
    return ReplyView(reply, text, sentence_spans(text), specific_word_spans(text, keys))


def has_words(text: str) -> bool:
    """True if text holds at least one word of two or more Latin letters."""
    return re.search(r"[A-Za-z]{2,}", text) is not None
