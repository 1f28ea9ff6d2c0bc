"""Phrase patterns for the four penalties, plus stock filler and known acronyms.

Same conventions as :mod:`trainer_api.scoring.lexicon`: compiled once, lower
case (run on the lower-cased matching copy), tolerant of chat style ("u", "ur",
"shouldve", "dont").
"""

from __future__ import annotations

from .lexicon import SORRY, YOU, YOUR, any_of

_VERBS_CUSTOMER_MISSED = (
    r"(?:read|check|checked|look|looked|follow|followed|notice|noticed|see|book|booked"
    r"|arrive|arrived|pay|paid|call|called|listen|listened|update|updated|confirm"
    r"|confirmed|bother|bothered|come|been|done|told|tell|plan|planned|print|printed"
    r"|turn\s+up|turned\s+up|get|got|leave|left|ask|asked)"
)

BLAME = any_of(
    rf"\b{YOU}\s+(?:really\s+|clearly\s+)?should\s*(?:'?ve|\s+have|\s+of)\b(?!\s+(?:received"
    rf"|got|gotten|been|had|heard)\b)(?:\s+\w+)?",
    rf"\b{YOU}\s+(?:should|need\s+to|have\s+to)\s+(?:\w+\s+)?next\s+time\b",
    rf"\bnext\s+time\s+{YOU}\s+(?:should|need|must|have)\b",
    rf"\b{YOU}\s+(?:clearly\s+|obviously\s+)?(?:didn'?t|did\s+not|didnt|never)\s+"
    rf"(?:even\s+)?(?:{_VERBS_CUSTOMER_MISSED})\b",
    rf"\b(?:it'?s|it\s+is|its|that'?s|that\s+is|thats)?\s*(?:entirely\s+|all\s+|really\s+)?"
    rf"{YOUR}\s+(?:own\s+)?fault\b",
    rf"\bthat'?s\s+on\s+{YOU}\b",
    rf"\bif\s+{YOU}\s*(?:'?d|\s+had|\s+would\s+have)(?:n'?t|\s+not)?\s+(?:just\s+|only\s+)?"
    rf"(?:{_VERBS_CUSTOMER_MISSED})\b",
    rf"\b{YOU}\s+(?:were|are)\s+(?:supposed|meant|required|expected|told)\s+to\b",
    rf"\b{YOU}\s+(?:failed|forgot|neglected|chose)\s+to\b",
    rf"\bdid\s+{YOU}\s+(?:even|actually|not|ever)\s+(?:bother\s+to\s+)?(?:read|check"
    rf"|look|listen|bother)\b",
    rf"\bwhy\s+(?:didn'?t|did\s+not|didnt|haven'?t|wouldn'?t)\s+{YOU}\b",
    r"\b(?:as|like)\s+(?:clearly\s+)?(?:stated|mentioned|explained|shown|written)\s+"
    r"(?:in|on)\s+the\s+(?:terms|t&cs|email|website|confirmation|ticket|small\s+print)\b",
    r"\bread\s+the\s+(?:terms|t&cs|small\s+print|fine\s+print|email|confirmation)\b",
    rf"\b{YOU}\s+only\s+have\s+(?:yourself|urself)\s+to\s+blame\b",
)

DISMISSAL = any_of(
    r"\bcalm\s+down\b",
    rf"{SORRY}\s*,?\s*(?:that\s+|if\s+)?{YOU}\s*(?:feel|felt)\s+(?:that\s+way|this\s+way"
    rf"|like\s+that|that|so)\b",
    rf"{SORRY}\s*,?\s*if\s+{YOU}\s*(?:feel|felt|are|'?re|were|think|thought|took)\b"
    rf"(?:\s+\w+)?",
    rf"{SORRY}\s*,?\s*(?:that\s+)?{YOU}\s+(?:see|saw|think|thought|took)\s+(?:it|that"
    rf"|so)\b(?:\s+that\s+way)?",
    r"\b(?:it|that|this)\s*(?:'?s|\s+is|\s+was)\s+(?:only|just)\s+(?:a\s+|an\s+"
    r"|one\s+)?(?:small|little|minor|short|tiny|slight|few|couple|bit|\d+|one|two"
    r"|three|delay|wait|hour|day|minute|fee|bag|suitcase|train|flight)\b",
    r"\b(?:not|no)\s+(?:a\s+|that\s+|such\s+a\s+)?big\s+(?:of\s+a\s+)?deal\b",
    r"(?<!can\s)(?<!to\s)(?<!could\s)\brelax\b(?!\s+(?:in|at|and|with|while|on)\b)",
    r"\bno\s+need\s+to\s+(?:get|be)\s+(?:so\s+)?(?:upset|angry|worked\s+up|rude"
    r"|aggressive|emotional|dramatic|like\s+that|cross|mad)\b",
    r"\bthere'?s\s+no\s+need\s+(?:for\s+that|to\s+shout)\b",
    rf"\blower\s+{YOUR}\s+voice\b|\bstop\s+(?:shouting|yelling|swearing)\b",
    r"\b(?:shouting|yelling|swearing|getting\s+angry)\s+(?:at\s+me\s+)?(?:won'?t"
    r"|will\s+not|doesn'?t|does\s+not|isn'?t\s+going\s+to)\s+help\b",
    rf"\b(?:{YOU}\s*'?\s*re|{YOU}\s+are|ur|youre)\s+(?:over\s?-?reacting|being\s+(?:dramatic"
    rf"|emotional|unreasonable|silly|hysterical|difficult))\b",
    r"\bdon'?t\s+(?:be|get)\s+(?:so\s+)?(?:upset|angry|worked\s+up|dramatic|emotional"
    r"|mad)\b",
    r"\bsettle\s+down\b|\bchill\s+out\b|\bjust\s+chill\b|\bcheer\s+up\b",
    r"\b(?:look\s+on|see)\s+the\s+bright\s+side\b",
    r"\bit\s+could\s+(?:be|have\s+been)\s+worse\b",
    r"(?<!if\s)(?<!when\s)(?<!as\s)\b(?:it|these\s+things|delays|things\s+like"
    r"\s+this|stuff)\s+happens?\b(?!\s+(?:again|to)\b)",
    r"\bfirst\s+world\s+problem\b|\bnot\s+the\s+end\s+of\s+the\s+world\b",
    r"\bi\s*'?\s*a?m\s+sure\s+it'?s\s+not\s+that\s+bad\b",
)

POLICY_WALL = any_of(
    r"\bpolicy\s+is\s+(?:the\s+)?policy\b",
    r"\brules\s+are\s+(?:the\s+)?rules\b",
    r"\bcompany\s+polic(?:y|ies)\b",
    r"\b(?:it'?s|it\s+is|that'?s|that\s+is|this\s+is)\s+(?:just\s+|simply\s+)?"
    r"(?:our|the)\s+polic(?:y|ies)\b",
    r"\b(?:against|per|due\s+to|because\s+of|according\s+to)\s+(?:our\s+|the\s+)?"
    r"polic(?:y|ies)\b",
    r"\bpolicy\s+(?:says|states|doesn'?t\s+allow|does\s+not\s+allow|won'?t\s+allow"
    r"|prevents|is\s+clear)\b",
    r"\bnothing\s+(?:more\s+|else\s+)?(?:i|we)\s+can\s+do\b",
    r"\b(?:i|we)\s+(?:can'?t|cannot|can\s+not)\s+do\s+anything\b",
    r"\b(?:we|i)\s+(?:don'?t|do\s+not|can'?t|cannot)\s+make\s+(?:any\s+)?exceptions?\b",
    r"\bno\s+exceptions\b",
    r"\b(?:my|our)\s+hands\s+are\s+tied\b|\bout\s+of\s+my\s+hands\b",
    r"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+not\s+(?:allowed|permitted|authori[sz]ed)\s+to\b",
    r"\bthe\s+system\s+(?:won'?t|doesn'?t|does\s+not|will\s+not)\s+(?:let|allow)\b",
    r"\bthat'?s\s+(?:just\s+)?(?:the\s+way|how)\s+it\s+(?:is|works)\b",
    r"\bcomputer\s+says\s+no\b",
)

HOSTILITY = any_of(
    r"\bobviously\b",
    rf"\bwhatever\b(?!\s+(?:{YOU}|{YOUR}|works|suits|is|time|option|options|we|i|it"
    r"|would|happens|day|date|way|else|the|help|support|need|needed)\b)",
    r"\bas\s+i\s+(?:already\s+|just\s+|previously\s+|have\s+)?(?:said|told\s+you"
    r"|explained|mentioned|stated)\b",
    r"\blike\s+i\s+(?:already\s+|just\s+)?(?:said|told\s+you)\b",
    rf"\bi\s+(?:already|just)\s+(?:told|said|explained)\s+(?:{YOU}|this|that|it)\b",
    r"\bfor\s+the\s+(?:last|third|second|fourth|fifth|tenth|hundredth|millionth|\d+th)"
    r"\s+time\b",
    rf"\b(?:are|r)\s+{YOU}\s+(?:even\s+)?(?:listening|reading|serious|kidding|joking)\b",
    rf"\b(?:do|have|can|are)\s+{YOU}\s+even\b",
    rf"\bdid\s+{YOU}\s+even\b(?!\s+(?:bother\s+to\s+)?(?:read|check|look|listen|bother)\b)",
    r"\bseriously\s*\?",
    rf"\bwhat\s+do\s+{YOU}\s+(?:expect|want)\s+(?:me|us)\s+to\s+do\b",
    r"\bnot\s+my\s+(?:problem|job|fault|concern)\b",
    r"\bi\s+(?:don'?t|do\s+not)\s+care\b",
    r"\bdeal\s+with\s+it\b|\bget\s+over\s+it\b|\btake\s+it\s+or\s+leave\s+it\b",
    r"\bgood\s+luck\s+with\s+that\b|\bshut\s+up\b|\bgrow\s+up\b|\bget\s+a\s+grip\b",
    r"\b(?:stupid|idiot\w*|moron\w*|dumb|pathetic|clueless|imbecile)\b",
    r"\bnice\s+try\b|\bduh\b|\bboo\s+hoo\b|\bcry\s+me\s+a\s+river\b",
    rf"\bif\s+{YOU}\s+(?:can'?t|cannot)\s+(?:read|understand)\b",
)

FILLER = any_of(
    rf"\bwe\s+(?:truly\s+|really\s+)?value\s+(?:{YOUR}|you|our)\s+\w+",
    r"\b(?:always\s+)?committed\s+to\s+(?:\w+\s+){0,2}(?:excellence|quality|service"
    r"|satisfaction|you)\b",
    r"\bstrive\s+to\b|\bpride\s+ourselves\b|\bhighest\s+standards?\b",
    rf"\b{YOUR}\s+(?:call|business|custom|feedback|satisfaction)\s+is\s+(?:very\s+)?"
    r"(?:important|valuable|our\s+(?:top\s+|number\s+one\s+)?priority)\b",
    r"\bvalued\s+customer\b|\bcustomer\s+satisfaction\b|\bexcellent\s+service\b",
    rf"\bthank\s+{YOU}\s+for\s+(?:choosing|{YOUR}\s+(?:business|custom|loyalty"
    r"|patience|understanding))\b",
    r"\bgoing\s+forward\b|\bat\s+this\s+(?:point|moment)\s+in\s+time\b",
)

# Upper-case words that are not shouting: acronyms, codes, airports, carriers.
ACRONYMS = frozenset(
    """
    ASAP OK ID PNR FAQ USA UK EU CEO ETA ETD GPS SMS PIN ATM TV URL PDF VIP NHS
    DVD USB API IT HR GMT BST UTC CET EST PST AM PM FYI DM TBC TBA RSVP NB PS
    IBAN BIC VAT APR ISP SIM WIFI LHR LGW STN JFK LAX CDG AMS DXB MAN EDI GLA
    DUB FRA VIE BA KLM EZY UPS DHL DPD COVID TCS EMAIL NW
    """.split()
)
