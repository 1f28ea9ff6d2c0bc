"""Features of a reply for the learned scorer: n-grams and rule-extractor signals.

The same functions feed training (:mod:`.train`) and scoring (:mod:`.model`),
so the model sees at run time exactly what it was trained on. Chat spellings
are folded before n-grams are taken ("u" -> "you", "im" -> "i'm", "sooo" ->
"so"), so "im so sory" and "I'm so sorry" share features and chat style is not
punished. Apostrophes stay: "we'll" must not become the sarcastic "well".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .extractors import Span, find_filler
from .result import DIMENSIONS, PENALTIES
from .text import ReplyView, has_words, matching_copy

CHAR_NGRAMS = (2, 5)
# Long replies are cut for char n-grams only: enough text to judge, bounded time.
CHAR_TEXT_LIMIT = 1500
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[?!]")
_RUN = re.compile(r"([^\W\d_])\1{2,}")
_CHAT = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "yr": "your",
    "r": "are",
    "rly": "really",
    "realy": "really",
    "relly": "really",
    "sory": "sorry",
    "sry": "sorry",
    "soz": "sorry",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "abt": "about",
    "bc": "because",
    "cuz": "because",
    "tmrw": "tomorrow",
    "2nite": "tonight",
    "w": "with",
    "rn": "now",
    "gonna": "going",
    "lemme": "let",
    "gimme": "give",
    "undrstand": "understand",
    "understnad": "understand",
    **{
        word.replace("'", ""): word
        for word in (
            "i'm i've i'll you're you've you'll we've they're that's what's "
            "there's let's don't can't won't didn't doesn't isn't wasn't aren't "
            "shouldn't couldn't wouldn't haven't hasn't"
        ).split()
    },
}


def fold(token: str) -> str:
    """One token as the model sees it: no letter runs, chat spellings expanded."""
    word = _RUN.sub(r"\1", token)
    return _CHAT.get(word, word)


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Folded tokens with their offsets in text (the matching copy keeps them)."""
    return [(fold(m.group()), *m.span()) for m in _TOKEN.finditer(matching_copy(text))]


def tokens(text: str) -> list[str]:
    """Folded word tokens (see :func:`fold`) and the marks ? and !."""
    return [fold(m.group()) for m in _TOKEN.finditer(matching_copy(text))]


def word_ngrams(words: Sequence[str]) -> list[str]:
    """Unigrams and bigrams of the folded tokens."""
    bigrams = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return [*words, *bigrams]


def char_ngrams(words: Sequence[str]) -> list[str]:
    """Character n-grams inside space-padded words (like scikit-learn's char_wb)."""
    low, high = CHAR_NGRAMS
    grams: list[str] = []
    budget = CHAR_TEXT_LIMIT
    for word in words:
        budget -= len(word) + 1
        if budget < 0:
            break
        padded = f" {word} "
        size = len(padded)
        for n in range(low, min(high, size) + 1):
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return grams


_SHARED_DENSE = (
    "rule:filler",
    "text:specific",
    "text:questions",
    "text:words",
    "text:no_words",
    "text:caps",
    "text:you",
    "text:we",
    "text:i",
)
"""Dense features every head sees (the tail of DENSE_FEATURES)."""

DENSE_FEATURES: tuple[str, ...] = (
    *(f"rule:{d}:{level}" for d in DIMENSIONS for level in (1, 2)),
    *(f"rule:{d}:spans" for d in DIMENSIONS),
    *(f"rule:{p}" for p in PENALTIES),
    "rule:cancelled",
    *_SHARED_DENSE,
)
_HEAD_EXTRA: dict[str, tuple[str, ...]] = {
    "emotional_reaction": ("rule:cancelled",),
    "interpretation": ("rule:cancelled",),
    "exploration": ("rule:blame", "rule:hostility"),
    "policy_wall": ("rule:resolution:2",),
}


def head_dense_features(head: str) -> frozenset[str]:
    """Dense features a head may use: its own rule signals and the text signals.

    Keeping other heads' rule signals out stops a head learning accidents of
    the corpus (hostile replies rarely offer fixes, so "obviously" would lower
    resolution); cancellation and blocked questions are let in on purpose.
    """
    own = [name for name in DENSE_FEATURES if name.startswith(f"rule:{head}")]
    return frozenset((*own, *_SHARED_DENSE, *_HEAD_EXTRA.get(head, ())))


_YOU = frozenset(
    {"you", "your", "you're", "you've", "you'll", "yours", "yourself"}
    # French: vous, tu and their forms ("t'" glued on: "t'as", "t'es"); not
    # "ton", an English word too ("a ton of")
    | {"vous", "votre", "vos", "vôtre", "tu", "te", "toi", "ta", "tes"}
)
_WE = frozenset(
    {"we", "our", "us", "we've", "we're", "we'll", "ours"}
    | {"nous", "notre", "nos", "nôtre"}
)
_I = frozenset(
    {"i", "i'm", "i've", "i'll", "i'd", "me", "my", "myself"}
    # French: je, moi and their forms ("j'", "m'" glued on: "j'ai", "m'en");
    # not "mon" (English "Mon 5th")
    | {"je", "moi", "ma", "mes"}
)
_ELIDED = {"j": "i", "m": "i", "t": "you"}
"""French pronouns elided onto the next word: "j'ai", "m'en", "t'es"."""


@dataclass(frozen=True)
class ReplyFeatures:
    """What the model reads: n-gram lists and the dense rule/text signals."""

    words: list[str]
    chars: list[str]
    dense: list[float]


def reply_features(
    reply: str, view: ReplyView, found: Mapping[str, list[Span]]
) -> ReplyFeatures:
    """All features of one reply, given its view and the rule spans found."""
    words = tokens(reply)
    return ReplyFeatures(
        word_ngrams(words), char_ngrams(words), _dense(words, view, found)
    )


def _dense(
    words: Sequence[str], view: ReplyView, found: Mapping[str, list[Span]]
) -> list[float]:
    values: dict[str, float] = {}
    for dimension in DIMENSIONS:
        level = max((span.level for span in found[dimension]), default=0)
        values[f"rule:{dimension}:1"] = float(level == 1)
        values[f"rule:{dimension}:2"] = float(level == 2)
        values[f"rule:{dimension}:spans"] = _scaled(len(found[dimension]), 3)
    for penalty in PENALTIES:
        values[f"rule:{penalty}"] = float(bool(found[penalty]))
    values["rule:cancelled"] = float(bool(found["dismissal"] or found["policy_wall"]))
    values["rule:filler"] = _scaled(len(find_filler(view)), 3)
    values["text:specific"] = _scaled(len(view.specific_spans), 4)
    values["text:questions"] = _scaled(words.count("?"), 3)
    values["text:words"] = min(math.log1p(len(words)) / math.log(200), 1.0)
    values["text:no_words"] = float(not has_words(view.reply))
    values["text:caps"] = _caps_ratio(view.reply)
    counts = Counter(words)
    elided = Counter(_ELIDED.get(w.split("'", 1)[0], "") for w in words if "'" in w)
    for name, group in (("you", _YOU), ("we", _WE), ("i", _I)):
        said = sum(counts[w] for w in group) + elided[name]
        values[f"text:{name}"] = _scaled(said, 5)
    return [values[name] for name in DENSE_FEATURES]


def _scaled(count: int, cap: int) -> float:
    return min(count, cap) / cap


def _caps_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 12:
        return 0.0
    return sum(c.isupper() for c in letters) / len(letters)


def dense_features(view: ReplyView, found: Mapping[str, list[Span]]) -> list[float]:
    """The rule and text signals alone (``DENSE_FEATURES``), without n-grams."""
    return _dense(tokens(view.reply), view, found)


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def fold_chat(text: str) -> str:
    """``text`` with chat spellings and letter runs written out ("im sooo sory
    u" -> "i'm so sorry you"), for the sentence encoder: chat style must read
    like the same words written out, never as a different reply."""

    def written_out(match: re.Match[str]) -> str:
        word = match.group()
        folded = fold(word.lower())
        return word if folded == word.lower() else folded

    return _WORD.sub(written_out, matching_copy(text))
