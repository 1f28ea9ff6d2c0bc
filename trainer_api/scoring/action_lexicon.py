"""Phrase patterns for ownership and resolution: apologies, owning the fault,
and the next steps a reply commits to (vague or concrete).

Same conventions as :mod:`trainer_api.scoring.lexicon`.
"""

from __future__ import annotations

from .lexicon import (
    I_AM,
    I_WILL,
    INCONVENIENCE,
    INTENSES,
    SORRY,
    WE_ARE,
    YOU,
    YOUR,
    any_of,
)

# --- ownership ------------------------------------------------------------------
OWN_APOLOGY = any_of(
    rf"(?:(?:{I_AM}|{WE_ARE})\s+)?{INTENSES}{SORRY}\s*,?\s*(?:for|about)\s+"
    rf"(?:the|any|this|that|all\s+(?:the|this)|our)\s+(?:{INCONVENIENCE})\b",
    rf"(?:(?:{I_AM}|{WE_ARE})\s+)?{SORRY}\s+(?:for|about)\s+(?:that|this)\s*(?=[.!,;]|$)",
    r"\bapp?olog\w*",
    rf"{SORRY}\s*,?\s*(?:that\s+)?(?:we|our)\b",
)
_FIX = (
    r"(?:fix|sort|put\s+(?:this|it|that|things)\s+right|make\s+(?:this|it|that|things)"
    r"\s+right|take\s+care\s+of|deal\s+with|handle|resolve|own|make\s+sure"
    r"|get\s+(?:this|it|that)\s+(?:sorted|fixed|resolved))"
)
OWN_RESPONSIBILITY = any_of(
    rf"(?:{I_WILL}|{I_AM}\s+(?:going\s+to|gonna)|\blet\s+me|\bi\s+want\s+to)\s+"
    rf"(?:personally\s+|now\s+|right\s+now\s+)?(?:{_FIX})\b",
    r"\bleave\s+(?:it|this)\s+with\s+me\b",
    r"\b(?:i|we)\s+(?:take|accept)\s+(?:full\s+|complete\s+|total\s+)?"
    r"(?:responsibility|ownership)\b",
    r"(?<!not\s)(?<!n't\s)(?<!nt\s)\b(?:our|my)\s+(?:own\s+)?(?:mistake|fault|error"
    r"|bad|responsibility|failure"
    r"|screw-?\s?up|mess)\b",
    r"\b(?:this|that|it)\s+(?:should\s*n'?t|should\s+not)\s+have\s+happened\b",
    r"\bwe\s*(?:\s+should|\s+shouldn'?t|\s+should\s+not|'?d|\s+should'?ve)\s+(?:have\s+)?"
    r"(?:told|informed|let|warned|called|e-?mailed|notified|sent|caught|checked"
    r"|done|kept|offered|updated)\b",
    rf"\bwe\s+(?:really\s+)?let\s+{YOU}\s+down\b",
    r"\bwe\s+dropped\s+the\s+ball\b",
    r"\bwe\s*(?:'?ve|\s+have)?\s*(?:messed|screwed|mucked|slipped|fouled)\s+up\b",
    rf"\bwe\s*(?:'?ve|\s+have)?\s*got\s+(?:this|it|that|{YOUR}\s+\w+)\s+wrong\b",
    r"\bwe\s*(?:'?ve|\s+have)?\s*made\s+(?:a|an)\s+(?:\w+\s+)?(?:mistake|error|mess)\b",
    r"\bwe\s+(?:failed|forgot)\s+to\b",
)

# --- resolution -----------------------------------------------------------------
_FILLER = (
    r"(?:just|also|now|already|personally|happily|immediately|definitely|certainly"
    r"|gladly|quickly|go\s+ahead\s+and|gone\s+ahead\s+and|right\s+away"
    r"|straight\s+away|be\s+able\s+to|able\s+to|happy\s+to)"
)
_FILLERS = rf"(?:(?:{_FILLER})\s+){{0,3}}"
_PUT = rf"put(?!\s+{YOU}\s+(?:on\s+hold|through))"
_ACTION_BASE = (
    r"(?:re-?book|book|refund|reimburse|credit|send|e-?mail|issue|arrange|reserve"
    r"|upgrade|waive|cover|compensate|replace|reschedule|process|dispatch|courier"
    rf"|offer|give|move|switch|{_PUT}|secure|authori[sz]e|approve"
    r"|organi[sz]e|order"
    r"|ship|post|deliver|restore|reset|unlock|reactivate|extend"
    rf"|get\s+{YOU}\s+(?:on|onto|a|an|booked|rebooked|moved))"
)
_ACTION_PAST = (
    r"(?:re-?booked|booked|refunded|reimbursed|credited|sent|e-?mailed|issued"
    r"|arranged|reserved|upgraded|waived|covered|compensated|replaced|rescheduled"
    rf"|processed|dispatched|couriered|offered|gave|given|moved|switched|{_PUT}"
    r"|secured|authori[sz]ed|approved|organi[sz]ed|ordered|shipped|posted"
    r"|delivered|restored|reset|unlocked|reactivated|extended"
    rf"|got\s+{YOU}\s+(?:on|onto|a|an|booked|rebooked|moved)"
    rf"|found\s+(?:{YOU}\s+)?(?:a|an|another)\s+(?:[\w-]+\s+)?(?:seat|room|flight|hotel"
    r"|option|slot|replacement|way|route|connection))"
)
_ACTION_ING = (
    r"(?:re-?booking|booking|refunding|sending|e-?mailing|issuing|arranging|processing"
    r"|organi[sz]ing|upgrading|ordering|posting|crediting|moving|switching)"
)
_MODAL_SUBJECT = (
    rf"{I_WILL}|\b(?:i|we)\s+(?:can|could|would\s+like\s+to|would\s+love\s+to)"
    rf"|\b(?:i|we)\s*'?\s*d\s+(?:like|love|be\s+happy)\s+to"
    rf"|(?:{I_AM}|{WE_ARE})\s+(?:going\s+to|gonna|able\s+to|happy\s+to|glad\s+to"
    rf"|about\s+to)|\blet\s+(?:me|us)|\blet'?s|\b(?:can|could|may|shall|should)\s+(?:i|we)"
)
# A bare "we" is left out: "the email we sent" is history, not a fix.
_PERFECT_SUBJECT = r"\b(?:i|we)\s*'?\s*ve|\b(?:i|we)\s+have|\bi"
RES_CONCRETE_ACTION = any_of(
    rf"(?:{_MODAL_SUBJECT})\s+{_FILLERS}(?:{_ACTION_BASE})\b",
    rf"(?:{_PERFECT_SUBJECT})\s+{_FILLERS}(?:{_ACTION_PAST})\b",
    rf"\bi\s+{_ACTION_BASE}\s+(?:{YOU}|{YOUR})\b",
    rf"(?:{I_AM}|{WE_ARE})\s+{_FILLERS}(?:{_ACTION_ING})\b",
    rf"\b(?:{YOUR}|the|a|an)\s+(?:new\s+|full\s+)?(?:refund|voucher|boarding\s+pass"
    rf"|ticket|replacement|confirmation|credit|compensation|booking|reservation"
    rf"|parcel|package|order|seat|hotel|taxi|e-?ticket)\s+(?:is|has\s+been|will\s+be"
    rf"|was|'?s|should\s+be)\s+(?:now\s+|already\s+)?(?:in|on|ready|confirmed|booked"
    rf"|processed|issued|sent|approved|waiting|refunded|attached|available|arriving"
    rf"|on\s+its\s+way)\b",
    rf"\b(?:{YOUR}|the|a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:is|has\s+been|'?s\s+been"
    rf"|will\s+be|'?s)\s+(?:now\s+|already\s+|just\s+)?(?:re-?booked|booked|refunded"
    rf"|confirmed|processed|issued|sent|approved|reserved|upgraded|arranged|credited"
    rf"|replaced|dispatched|reinstated|on\s+its\s+way)\b",
    rf"\b{YOU}\s*(?:'?ll|\s+will|\s+should)\s+(?:now\s+|also\s+)?(?:get|receive|have"
    rf"|see)\s+(?:a|an|the|{YOUR})\s+(?:\w+\s+)?(?:refund|voucher|e-?mail|text|sms"
    rf"|boarding\s+pass|confirmation|credit|replacement|call|ticket|link|code)\b",
    rf"\b{YOU}\s+can\s+(?:now\s+)?(?:either|choose|pick|collect)\b",
    r"\balternatively\b|\b(?:another|other)\s+option\b|\b(?:two|2|three|3|a\s+few)\s+"
    r"options\b|\bor\s+i\s+can\b",
    r"\b(?:there'?s|there\s+is|there\s+are|i\s+have|i'?ve\s+got|we\s+have|we'?ve\s+got)"
    r"\s+(?:still\s+)?(?:a|an|one|two|\d+|some)\s+(?:[\w-]+\s+)?(?:seats?|rooms?"
    r"|flights?|options?|slots?|places?|appointments?|replacements?)\s+(?:on|at"
    r"|available|for|in|left|tonight|tomorrow)\b",
)
_VAGUE_BASE = (
    r"(?:look\s+into|look\s+at|check|investigate|escalate|pass\s+(?:this|it|that)\s+on"
    r"|raise|follow\s+up|get\s+back|see\s+what|try|find\s+out|review|work\s+on"
    rf"|call|ring|contact|be\s+in\s+touch|update\s+{YOU}|keep\s+{YOU}\s+(?:updated"
    rf"|posted|informed)|do\s+(?:my|our|everything)|help\s+{YOU}\s+(?:with|to|get"
    rf"|sort)|transfer\s+{YOU}|speak\s+to|talk\s+to|chase|find\s+(?:{YOU}\s+)?(?:a|an"
    r"|another)\s+(?:way|solution|option|seat|flight|route))"
)
_VAGUE_PAST = (
    r"(?:looked\s+into|checked|investigated|escalated|passed\s+(?:this|it|that)\s+on"
    r"|raised|followed\s+up|reviewed|contacted|chased|spoken\s+to|flagged|logged"
    r"|reported)"
)
RES_VAGUE = any_of(
    rf"(?<!else\s)(?:{_MODAL_SUBJECT})\s+{_FILLERS}(?:{_VAGUE_BASE})\b",
    rf"(?:{_PERFECT_SUBJECT})\s+{_FILLERS}(?:{_VAGUE_PAST})\b",
    rf"(?:{I_AM}|{WE_ARE})\s+{_FILLERS}(?:looking\s+into|checking|investigating"
    rf"|escalating|working\s+on|reviewing|chasing|following\s+up)\b",
    r"\b(?:someone|somebody|a\s+colleague|(?:my|our|the)\s+(?:team|manager|supervisor"
    r"|colleague|specialist)s?|they)\s+(?:will|'ll|should|is\s+going\s+to|are\s+going"
    r"\s+to)\s+(?:be\s+in\s+touch|contact|call|ring|e-?mail|get\s+back|reach\s+out"
    r"|look\s+into|review|investigate)\b",
    r"\bwill\s+look\s+into\b",
)
_DAY = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
CONCRETE_MARKER = any_of(
    r"\b\d{1,2}[:.]\d{2}\b",
    r"\b\d{1,2}\s*(?:am|pm)\b",
    r"\b(?:noon|midday|midnight)\b",
    r"[£$€]\s*\d",
    r"\b\d+(?:[.,]\d+)?\s*(?:pounds|quid|dollars|euros|gbp|usd|eur|percent)\b|\d\s*%",
    r"\b(?:within|in|by)\s+(?:the\s+next\s+)?(?:\d+|an?|one|two|three|four|five|24|48)"
    r"\s*(?:hours?|hrs?|days?|working\s+days|business\s+days|minutes?|mins?|weeks?)\b",
    rf"\bby\s+(?:{_DAY}|tomorrow|tmrw|tonight|today|the\s+end\s+of|end\s+of|eod|close)\b",
)
