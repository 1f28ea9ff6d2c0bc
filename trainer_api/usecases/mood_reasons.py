"""The customer's mood reasons in the reader's language.

The simulation core records why the mood moved as short English sentences
("anger -13: acknowledged how the customer feels (stronger for empathy score
70)"), stored with each customer turn and read by the debrief. They are
shown in the reader's locale by reading them back into their parts and
filling the catalogue's messages; a reason this module does not know (an
older wording) is shown as it was stored. A need's description is scenario
text, already in the scenario's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from trainer_api import i18n
from trainer_api.i18n import N_
from trainer_api.simulation.moves import MOVE_LABELS

_CHANGE = re.compile(
    r"^(?P<what>anger|trust) (?P<value>[+-]\d+): (?P<why>.+?)"
    r"(?: \((?P<how>stronger|weaker) for empathy score (?P<score>\d+)\))?$"
)
_MET = re.compile(r"^need met: (?P<need>.+)$", re.DOTALL)
_OTHER_LANGUAGE = re.compile(
    r"^the reply was not in the customer's language \((?P<reply>[\w-]+), "
    r"not (?P<customer>[\w-]+)\): they asked to go on in theirs$"
)

_QUANTITIES = {"anger": N_("anger"), "trust": N_("trust")}
_MOVE_WHYS = frozenset(MOVE_LABELS.values())  # marked for the catalogues in moves.py
_OTHER_WHY = {
    "repeated the same words": N_("repeated the same words"),
    "the learner went quiet": N_("the learner went quiet"),
}


def localise_reason(reason: str) -> str:
    """One stored reason in the current locale (unchanged in English)."""
    if i18n.language_of(i18n.current()) == "en":
        return reason
    change = _CHANGE.match(reason)
    if change:
        why = change["why"]
        if change["what"] == "anger" and why.startswith("empathy score "):
            anger = _QUANTITIES["anger"]
            return i18n.localise(
                "{quantity} {value}: empathy score {score}",
                {
                    "quantity": i18n.localise(anger),
                    "value": change["value"],
                    "score": why.removeprefix("empathy score "),
                },
            )
        known = why if why in _MOVE_WHYS else _OTHER_WHY.get(why)
        if known is None:
            return reason
        text = i18n.localise(known)
        if change["how"] == "stronger":
            text = i18n.localise(
                "{reason} (stronger for empathy score {score})",
                {"reason": text, "score": change["score"]},
            )
        elif change["how"] == "weaker":
            text = i18n.localise(
                "{reason} (weaker for empathy score {score})",
                {"reason": text, "score": change["score"]},
            )
        quantity = _QUANTITIES[change["what"]]
        return i18n.localise(
            "{quantity} {value}: {reason}",
            {
                "quantity": i18n.localise(quantity),
                "value": change["value"],
                "reason": text,
            },
        )
    met = _MET.match(reason)
    if met:
        return i18n.localise("need met: {need}", {"need": met["need"]})
    other = _OTHER_LANGUAGE.match(reason)
    if other:
        pair = (other["reply"], other["customer"])
        if pair == ("en", "fr"):
            return i18n.localise(
                "the reply was in English, the customer speaks French: they asked "
                "to go on in French"
            )
        if pair == ("fr", "en"):
            return i18n.localise(
                "the reply was in French, the customer speaks English: they asked "
                "to go on in English"
            )
        return i18n.localise(
            "the reply was not in the customer's language ({reply}): they asked "
            "to go on in theirs ({customer})",
            {"reply": other["reply"], "customer": other["customer"]},
        )
    return reason


def localise_reasons(reasons: Iterable[str] | None) -> list[str]:
    return [localise_reason(reason) for reason in reasons or []]
