"""Phrase patterns for the EPITOME dimensions (emotional_reaction,
interpretation, exploration) and the building blocks the other lexicons share.

Ownership and resolution live in :mod:`.action_lexicon`, penalties in
:mod:`.penalty_lexicon`. All patterns are compiled once and written to accept
chat style and common typos ("im so sory", "i undrstand", "u", "ur", "rly",
"ive"). They are lower case and run on the matching copy of a reply
(lower-cased, typographic apostrophes folded to '), which makes them
case-insensitive without the cost of re.IGNORECASE.
"""

from __future__ import annotations

import re
from re import Pattern


def any_of(*alternatives: str) -> Pattern[str]:
    """Compile lower-case alternatives into one pattern."""
    return re.compile("|".join(f"(?:{alt})" for alt in alternatives))


# --- building blocks ---------------------------------------------------------
I_AM = r"\bi\s*'?\s*a?m"
WE_ARE = r"\bwe\s*'?\s*re|\bwe\s+are"
I_WILL = r"\bi\s*'?\s*ll?(?=\s)|\bwe\s*'\s*ll(?=\s)|\b(?:i|we)\s+(?:will|shall)"
YOU = r"(?:you|u|ya|yu)"
YOUR = r"(?:your|ur|yr|yor)"
SORRY = r"\b(?:so+r+[iy]+e?|soz|sry)\b"
INTENS = (
    r"(?:so+|really|rly|realy|relly|truly|very|terribly|incredibly|genuinely|deeply"
    r"|awfully|extremely|sincerely|hugely|massively|super|utterly|absolutely)"
)
# Bounded repeats keep matching linear on adversarial input ("so so so ...").
INTENSES = rf"(?:{INTENS}\s+){{0,3}}"
ADV = (
    rf"(?:{INTENS}|completely|totally|fully|understandably|clearly|quite|pretty"
    r"|just|do)"
)
ADVS = rf"(?:{ADV}\s+){{0,4}}"
UNDERSTAND = r"(?:un?d[ea]?r?st[ae]?n?d|understood)"
FEELINGS = (
    r"(?:frustrat\w*|stress\w*|angry|anger|upset\w*|exhaust\w*|worri\w*|worry\w*"
    r"|anxious|disappoint\w*|annoy\w*|furious|livid|fuming|tired|scared|afraid"
    r"|fed\s+up|overwhelm\w*|confus\w*|let\s+down|panic\w*|helpless|ignored"
    r"|worn\s+out|infuriat\w*|irritat\w*|mad|hurt|unhappy|gutted|devastated"
    r"|distress\w*|stranded|stuck|abandoned|cheated|misled|powerless"
    r"|nerve-?\s?wracking|scary)"
)
BAD_SITUATION = (
    r"(?:awful|terrible|horrible|horrendous|dreadful|rubbish|appalling|a\s+nightmare"
    r"|no\s+fun|not\s+fun|stressful|frustrating|upsetting|hard|difficult|tough"
    r"|rough|miserable|exhausting|annoying|infuriating|disappointing|worrying"
    r"|scary|unacceptable|maddening|distressing|heartbreaking|devastating|bad"
    r"|not\s+(?:ok|okay|good\s+enough|acceptable|fair)|a\s+pain)"
)
INCONVENIENCE = (
    r"(?:inconvenience|trouble|confusion|hassle|delays?|wait|waiting|disruption"
    r"|mix-?\s?up|problems?|issues?|errors?|mistakes?|experience|frustration"
    r"|difficult(?:y|ies))"
)
# Phrases after "sorry" that turn it into a dismissal or a company apology.
_SORRY_DISMISSIVE = (
    rf"(?!\s*,?\s*(?:that\s+|if\s+)?{YOU}\s*(?:feel|felt|think|thought|see|saw|took"
    rf"|(?:'?re|are|were)\s+(?:feeling|upset|offended)))(?!\s*,?\s*if\b)"
)
_SORRY_OWNERSHIP = (
    rf"(?!\s*,?\s*(?:for|about)\s+(?:the|any|this|that|all\s+(?:the|this)|our)"
    rf"\s+(?:{INCONVENIENCE})\b)(?!\s*,?\s*(?:for|about)\s+(?:that|this)\s*(?:[.!,;]|$))"
)

# --- emotional_reaction --------------------------------------------------------
ER_WARMTH = any_of(
    rf"(?:(?:{I_AM}|{WE_ARE})\s+)?{INTENSES}{SORRY}{_SORRY_DISMISSIVE}{_SORRY_OWNERSHIP}",
    r"\boh\s+no+\b",
    rf"(?:\b(?:that|this|it)\s*(?:'?s|\s+is|\s+was|\s+has\s+been)|\b(?:that\s+|it\s+)?"
    rf"(?:sounds|seems|looks))\s+{INTENSES}{BAD_SITUATION}\b(?!\s+to\b)",
    rf"\bhow\s+{INTENSES}(?:awful|frustrating|stressful|horrible|upsetting"
    rf"|exhausting|annoying|worrying|disappointing|infuriating)\b",
    r"\bwhat\s+an?\s+(?:nightmare|pain|mess|ordeal|shame|awful|terrible|horrible"
    r"|stressful|frustrating)\b",
    rf"\bi\s+(?:really\s+)?feel\s+(?:for\s+{YOU}|{INTENSES}(?:terrible|awful|bad))",
    rf"\bi\s+hate\s+that\s+(?:this|{YOU}|{YOUR})\b",
    r"\b(?:my|our)\s+(?:sincere\s+|deepest\s+)?sympath(?:y|ies)\b",
    r"\bi\s+can\s+imagine\b",
    rf"\b{YOU}\s+deserved?\s+better\b",
    r"\bpoor\s+(?:you|thing)\b",
    rf"{I_AM}\s+{INTENSES}(?:sad|gutted|upset)\s+to\s+hear\b",
)
ER_COMPASSION = any_of(
    rf"\b(?:that|this|it)\s*(?:\s+must|\s+would|'d)\s+(?:be|have\s+been|'ve\s+been"
    rf"|feel|have\s+felt)\s+{INTENSES}(?:{BAD_SITUATION}|{FEELINGS})\b",
    rf"(?<!you\s)(?<!\bu\s)\bmust\s+(?:be|have\s+been|feel)\s+{INTENSES}"
    rf"{BAD_SITUATION}\b(?!\s+to\b)",
    r"\bi\s+can\s+(?:only|just|really|hardly|barely)\s+imagine\b",
    r"\bi\s+(?:can'?t|cannot|can\s+not)\s+(?:even\s+|begin\s+to\s+)?imagine\b",
    r"\b(?:my|our)\s+hearts?\s+go(?:es)?\s+out\b",
    rf"{I_AM}\s+{INTENSES}(?:devastated|heartbroken|gutted)\s+for\s+{YOU}\b",
)
INTENSIFIER = any_of(rf"\b(?:{INTENS})\b")

# --- interpretation ------------------------------------------------------------
INTERP_GENERIC = any_of(
    rf"\bi\s+{ADVS}(?:{UNDERSTAND})\b",
    rf"\bi\s+{ADVS}(?:get\s+(?:it|that|why|how|what)|hear\s+(?:{YOU}|what|how|that)"
    rf"|see\s+(?:why|how|what\s+{YOU}\s+mean|where\s+{YOU}))\b",
    r"\bi\s+can\s+(?:see|tell|hear)\s+(?:how|why|that|what)\b",
    r"\bi\s+see\b(?=\s*(?:[,.!;:]|$))",
    r"\b(?:that|it)\s*(?:'?s|\s+is)\s+(?:completely\s+|totally\s+|perfectly\s+)?"
    r"understandable\b",
    r"\bmakes\s+(?:total\s+|complete\s+|perfect\s+)?sense\b",
    r"\bi\s+know\s+(?:how|what)\b",
    r"^\s*understood\b",
)
_YOU_BE = (
    rf"(?:\b{YOU}\s*'?\s*re|\b{YOU}\s+r|\bur|\byoure|\b{YOU}\s*'?\s*ve\s+been"
    rf"|\b{YOU}\s*'?\s*d\s+be|\b{YOU}\s+(?:are|were|must\s+be|must\s+feel"
    rf"|must\s+have\s+been|feel|felt|seem|sound|look|would\s+be|have\s+been"
    rf"|may\s+be|might\s+be))"
)
INTERP_FEELING = any_of(
    rf"{_YOU_BE}\s+{ADVS}(?:feeling\s+)?(?:{FEELINGS})\b",
    r"\bno\s+wonder\b",
    r"\bunderstandably\b",
    rf"\b(?:it|that)\s*(?:'?s|\s+is)\s+{ADVS}(?:understandable|natural|normal|fair"
    rf"|reasonable|only\s+natural)\s+(?:that\s+)?(?:{YOU}\b|to\s+(?:be|feel))",
    rf"\b{YOU}\s*(?:'?ve|\s+have)\s+every\s+right\b",
    r"\banyone\s+would\s+(?:be|feel)\b",
    rf"\bi\s*(?:'?d|\s+would)\s+(?:be|feel)\s+{ADVS}(?:{FEELINGS})\b",
    rf"\bi\s+(?:can\s+)?(?:only\s+|just\s+|really\s+|completely\s+)?(?:know|{UNDERSTAND}"
    rf"|get|see|imagine|tell|hear)\s+(?:just\s+)?how\s+{ADVS}(?:{FEELINGS})",
    rf"(?:\b(?:that|this|it)\s*(?:'?s|\s+is|\s+must\s+be|\s+must\s+have\s+been"
    rf"|\s+has\s+been|\s+was)|\b(?:that\s+|it\s+)?(?:sounds|seems)"
    rf"|\bmust\s+(?:be|have\s+been))\s+{ADVS}"
    rf"(?:stressful|frustrating"
    rf"|exhausting|upsetting|worrying|infuriating|disappointing|maddening"
    rf"|overwhelming|annoying|distressing|confusing|nerve-?\s?wracking)\b",
)
INTERP_RESTATE = any_of(
    rf"\bso\s+(?:{YOU}\s*(?:'?ve|\s+have|'?re|\s+are|\s+were|\s+had|\s+got|\s+did"
    rf"|\s+didn'?t|\s+haven'?t|\s+still|\s+went)|{YOUR}\s+\w+)",
    rf"\b(?:sounds|seems)\s+like\s+(?:{YOU}|{YOUR})\b",
    r"\bif\s+i\s+(?:understand|have\s+(?:this|that|it)|got\s+(?:this|that|it))"
    r"\s+(?:correctly|right)\b",
    r"\bwhat\s+i\s*'?\s*a?m\s+hearing\b",
    rf"\b{YOU}\s*(?:'?ve|\s+have)\s+been\s+\w+ing\b",
)

# --- exploration ----------------------------------------------------------------
EXPLORE_GENERIC = any_of(
    r"\b(?:is\s+there\s+)?anything\s+else\b",
    r"\bhow\s+(?:can|may|could)\s+i\s+help\b",
    rf"\bwhat\s+can\s+i\s+do\s+for\s+{YOU}\b",
    rf"\b(?:any|do\s+{YOU}\s+have\s+any)\s+(?:other\s+|more\s+|further\s+)?questions\b",
    rf"\b(?:can|could|would)\s+{YOU}\s+(?:tell|share|explain|walk)\b",
    r"\btell\s+me\s+(?:more|what\s+happened)\b",
)
EXPLORE_SPECIFIC = any_of(
    rf"\bwhat\s+(?:matters\s+most|matters\s+to\s+{YOU}|is\s+most\s+important"
    r"|'?s\s+most\s+important)\b",
    r"\bwhat\s+would\s+(?:help|work|suit|be\s+(?:most\s+)?(?:helpful|best|easiest))\b",
    rf"\bwould\s+{YOU}\s+(?:prefer|rather|like)\b",
    rf"\b(?:do|would)\s+{YOU}\s+(?:prefer|want|need)\b",
    r"\bwhich\s+(?:would|option|one|do|of|works|suits)\b",
    rf"\b(?:works?|suits?|fits?)\s+(?:better|best)\s+for\s+{YOU}\b",
    rf"\bwhat\s+(?:works|suits)\s+(?:best\s+)?(?:for\s+)?{YOU}\b",
    r"\bwhat\s+(?:time|day|date)\s+(?:works|suits|would)\b",
    rf"\bhow\s+are\s+{YOU}\s+(?:feeling|holding\s+up|doing|coping)\b",
    r"\bis\s+(?:\w+\s+){0,5}(?:the|your|ur)\s+(?:priority|main\s+concern|biggest\s+worry)\b",
    rf"\bwhat\s+(?:do|would)\s+{YOU}\s+(?:need|want|like)\b",
    r"\bwould\s+it\s+help\s+if\b",
)
QUESTION_CHOICE = any_of(r"\bor\b")
ADDRESSED = any_of(rf"\b(?:{YOU}|{YOUR}|yourself|i|we)\b")
INTERROGATION = any_of(
    rf"\b(?:do|did|have|can|are)\s+{YOU}\s+(?:even|actually|not|ever)\b",
    rf"\bwhy\s+(?:didn'?t|did\s+not|don'?t|do\s+not|would|wouldn'?t|haven'?t|can'?t)"
    rf"\s+{YOU}\b",
    rf"\bdo\s+{YOU}\s+understand\b",
    r"\bis\s+that\s+(?:clear|understood)\b",
    r"\bhow\s+many\s+times\b",
    rf"\bwhat\s+(?:did|do)\s+{YOU}\s+expect\b",
    rf"\b(?:are|r)\s+{YOU}\s+(?:serious|kidding|joking)\b",
)
