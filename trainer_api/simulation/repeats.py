"""What counts as a learner repeating an earlier reply.

One definition for both sides: the scorer caps a repeated reply's score, and
the customer hears a repeated reply as a script and grows impatient.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

REPEAT_SIMILARITY = 0.9
"""Token Jaccard similarity at which a reply of four or more words repeats."""

_APOSTROPHES = str.maketrans(dict.fromkeys("'\u2018\u2019\u02bc`\u00b4", ""))
_TOKEN = re.compile(r"[a-z0-9]+")


def reply_tokens(text: str) -> list[str]:
    """The words of a reply for comparison: lower case, apostrophes dropped."""
    return _TOKEN.findall(text.lower().translate(_APOSTROPHES))


def is_repeat(
    reply: str,
    previous_replies: Iterable[str],
    threshold: float = REPEAT_SIMILARITY,
) -> bool:
    """True if reply is (near-)identical to one of the previous replies.

    Case, whitespace and punctuation are ignored. Replies of four or more words
    count as repeats at a token Jaccard similarity of ``threshold`` or more;
    shorter replies must match exactly. A reply with no words repeats nothing.
    """
    tokens = reply_tokens(reply)
    if not tokens:
        return False
    for previous in previous_replies:
        earlier = reply_tokens(previous)
        if earlier == tokens:
            return True
        if (
            min(len(earlier), len(tokens)) >= 4
            and _jaccard(tokens, earlier) >= threshold
        ):
            return True
    return False


def _jaccard(first: Sequence[str], second: Sequence[str]) -> float:
    a, b = set(first), set(second)
    return len(a & b) / len(a | b)
