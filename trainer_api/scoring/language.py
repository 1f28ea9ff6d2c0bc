"""Which language a reply is written in: English, French, or another one.

``langid`` (a trained classifier whose model ships in the package) names the
language; short or ambiguous replies ("ok", "merci!", fewer than four
different words) take the conversation's language instead of a guess. The
scorer supports English and French; a reply clearly in another language
(English and French together less than 5 % likely) is reported as such
rather than scored 0, named when the classifier is sure which (Spanish and
Portuguese, for one, are often too close to call).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

SUPPORTED = ("en", "fr")
NAMES = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "ru": "Russian",
    "ar": "Arabic",
    "zh": "Chinese",
    "ja": "Japanese",
    "tr": "Turkish",
    "vi": "Vietnamese",
    "hi": "Hindi",
}
MIN_WORDS = 4
OURS_AT_MOST = 0.05
NAMED_AT_LEAST = 0.9
OTHER = "other"
_WORD = re.compile(r"[^\W\d_]+")
_lock = threading.Lock()
_identifier = None


@dataclass(frozen=True)
class Language:
    code: str
    supported: bool

    @property
    def name(self) -> str | None:
        """The language's English name; None when it is not known which."""
        return NAMES.get(self.code)


def detect(text: str, default: str = "en") -> Language:
    """The reply's language; ``default`` (the conversation's) when unsure."""
    fallback = default if default in SUPPORTED else "en"
    if len({word.casefold() for word in _WORD.findall(text)}) < MIN_WORDS:
        return Language(fallback, True)
    ranked = _rank(text)
    code, probability = ranked[0]
    if code in SUPPORTED:
        return Language(code, True)
    ours = sum(p for c, p in ranked if c in SUPPORTED)
    if ours > OURS_AT_MOST:
        return Language(fallback, True)
    return Language(code if probability >= NAMED_AT_LEAST else OTHER, False)


def _rank(text: str) -> list[tuple[str, float]]:
    """Languages with their probabilities, most likely first."""
    global _identifier
    with _lock:
        if _identifier is None:
            from langid.langid import LanguageIdentifier, model

            _identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
            _identifier.set_languages(sorted(NAMES))
        ranked = _identifier.rank(text)
    return [(str(c), float(p)) for c, p in ranked]
