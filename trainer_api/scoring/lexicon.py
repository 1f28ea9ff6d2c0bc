"""Phrase patterns for the EPITOME dimensions (emotional_reaction,
interpretation, exploration) and the building blocks the other lexicons share.

Ownership and resolution live in :mod:`.action_lexicon`, penalties in
:mod:`.penalty_lexicon`. All patterns are compiled once and written to accept
chat style and common typos ("im so sory", "i undrstand", "u", "ur", "rly",
"ive"). They are lower case and run on the matching copy of a reply
(lower-cased, typographic apostrophes folded to '), which makes them
case-insensitive without the cost of re.IGNORECASE.

French (France and Québec) sits beside the English, in sections marked
"French". The extractors read a copy with accents folded ("désolée" and
"desolee" both read "desolee"), so French patterns are written without
accents; they accept chat forms ("dsl", "jvais", "jai", "c pas", dropped
"ne") as the English ones do.
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

# --- French building blocks ----------------------------------------------------
FR_JE = r"\bj(?:e\s+|\s*'\s*|\s+)?"
"""je, j' and the chat forms that glue it on ("jvais", "jai", "j'vous")."""
FR_OBJ = r"(?:(?:vous|nous|te|lui|leur|les|le|la|me|en|y)\s+|[tlm]\s*'\s*){0,3}"
"""Object pronouns between subject and verb: "je vous l'ai", "je t'en"."""
FR_YOU = r"(?:vous|tu|t\s*'|te)"
FR_SORRY = r"\b(?:desole+s?|navre+s?|dsl|deso)\b"
FR_INTENS = (
    r"(?:vraiment|tellement|sincerement|profondement|terriblement|tres|extremement"
    r"|infiniment|reellement|vrm|trop|si)"
)
FR_INTENSES = rf"(?:{FR_INTENS}\s+){{0,3}}"
FR_ADVS = (
    r"(?:(?:vraiment|tellement|tres|bien|tout\s+a\s+fait|parfaitement|completement"
    r"|totalement|forcement|surement|certainement|sans\s+doute|tout\s+a\s+fait|si"
    r"|un\s+peu|assez|ben)\s+){0,3}"
)
FR_FEELINGS = (
    r"(?:frustre\w*|fache\w*|enerve\w*|en\s+colere|furieu\w*|inquiet\w*|angoisse\w*"
    r"|stresse\w*|epuise\w*|decu\w*|exaspere\w*|a\s+bout|perdue?s?|depasse\w*"
    r"|deprime\w*|desempare\w*|demuni\w*|paniqu\w*|decourage\w*|bouleverse\w*"
    r"|sous\s+le\s+choc|choque\w*|triste|tanne\w*|ecoeure\w*|mecontent\w*|degoute\w*"
    r"|impatient\w*|excede\w*|a\s+cran|sur\s+les\s+nerfs|agace\w*|blesse\w*"
    r"|abandonne\w*|seule?s?\s+au\s+monde|coince\w*|bloque\w*|terrifi\w*|effraye\w*"
    r"|amer|amere)"
)
FR_HARD = (
    r"(?:stressant|angoissant|exasperant|epuisant|rageant|frustrant|decourageant"
    r"|inquietant|eprouvant|enervant|fachant|desesperant|affolant|deroutant|deprimant"
    r"|dechirant|bouleversant|traumatisant|agacant|revoltant|l'angoisse|lourd|usant"
    r"|stressante|angoissante|eprouvante)"
)
"""What the customer lives through, named (interpretation in French)."""
FR_BAD = (
    r"(?:horrible|affreux|affreuse|terrible|epouvantable|nul|nulle|plate|poche|penible"
    r"|dur|dure|difficile|injuste|triste|dommage|moche|la\s+galere|l'enfer"
    r"|un\s+cauchemar|une\s+catastrophe|un\s+coup\s+dur|vraiment\s+pas\s+drole"
    r"|pas\s+drole|pas\s+le\s+fun|une\s+epreuve|toute\s+une\s+epreuve"
    r"|le\s+pire\s+moment)"
)
"""Words that judge the situation bad (warmth in French)."""
FR_INCONVENIENCE = (
    r"(?:desagrements?|inconvenients?|derangements?|retards?|delais?|attentes?"
    r"|erreurs?|problemes?|soucis|souci|confusions?|blocages?|dysfonctionnements?"
    r"|contretemps|malentendus?|oublis?|genes?|complications?|repetitions?"
    r"|galeres?|pannes?|incidents?|mix-?up|imprevus?|reponses?|boucles?"
    r"|mauvaises?\s+surprises?|frais|tracas)"
)
_FR_THE = (
    r"(?:le|la|les|ce|cet|cette|ces|l\s*'|tout\s+(?:ce|le|la|cela|ca)|tous\s+(?:ces|les)"
    r"|toutes\s+(?:ces|les)|notre|nos|un|une|du|des|votre|vos)"
)
_FR_SORRY_DISMISSIVE = (
    r"(?!\s*,?\s*(?:que|si|qu\s*')\s*(?:vous|tu)\s+(?:le\s+|l\s*'\s*|les\s+choses\s+"
    r"|ca\s+|cela\s+)?(?:\w+\s+){0,2}(?:comme\s+ca|ainsi|de\s+cette\s+(?:facon|maniere)"
    r"|mal|personnellement|l\s*'?\s*impression))"
)
_FR_SORRY_OWNERSHIP = (
    rf"(?!\s*,?\s*(?:pour|de|du|des|d\s*')\s*{_FR_THE}?\s*(?:[\w-]+\s+)?"
    rf"(?:{FR_INCONVENIENCE})\b)(?!\s*,?\s*mais\b)"
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
    # French
    rf"(?:\b(?:je\s+suis|j\s*'?\s*suis|chu|nous\s+sommes|on\s+est)\s+)?{FR_INTENSES}"
    rf"{FR_SORRY}{_FR_SORRY_DISMISSIVE}{_FR_SORRY_OWNERSHIP}",
    r"\b(?:oh|ah)\s+(?:non+|la\s*la|mon\s+dieu|mince)\b|\bayoye\b|\bouf\b"
    r"|\bmon\s+dieu\b",
    r"\bquel(?:le)?\s+(?:galere|cauchemar|horreur|angoisse|enfer|poisse|histoire"
    r"|catastrophe|malchance|choc|soiree|nuit|journee|semaine|epreuve)\b",
    rf"\b(?:c\s*'?\s*est|c'etait|ca\s+a\s+ete|ca\s+a\s+l\s*'?\s*air|ca\s+semble"
    rf"|ca\s+(?:doit|devait)\s+etre|c)\s+(?:quand\s+meme\s+)?{FR_INTENSES}"
    rf"(?:{FR_BAD})\b",
    r"\bj\s*'?\s*imagine\b(?=\s*(?:[.!,;:\u2026]|$|(?:tres\s+|sans\s+peine|facilement"
    r"|bien|tout\s+a\s+fait)))",
    r"\bje\s+l\s*'?\s*imagine\s+(?:tres\s+)?bien\b",
    r"\bje\s+suis\s+(?:vraiment\s+|tellement\s+|tres\s+)?(?:triste|peinee?|attristee?)"
    r"\s+(?:pour|d\s*'?\s*apprendre|de\s+lire)",
    r"\bje\s+compatis\b|\bprenez\s+(?:bien\s+)?soin\s+de\s+vous\b"
    r"|\bprends\s+(?:bien\s+)?soin\s+de\s+toi\b",
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
    # French
    r"\bcondoleances\b|\b(?:mes|nos)\s+(?:plus\s+)?(?:sinceres\s+|profondes\s+)?"
    r"sympathies\b",
    r"\bde\s+tout\s+c(?:oe|\u0153)ur\s+avec\s+(?:vous|toi)\b"
    r"|\bje\s+pense\s+(?:bien\s+|fort\s+|beaucoup\s+)?a\s+(?:vous|toi)\b",
    rf"\b(?:ca|cela|ce|c)\s*(?:doit|devait|a\s+du|a\s+dû|aurait\s+ete)\s+"
    rf"(?:etre|avoir\s+ete|etre\s+vraiment)\s+{FR_INTENSES}(?:{FR_BAD})\b",
    r"\bje\s+(?:n\s*'?\s*ose|ne\s+peux|peux)\s+(?:meme\s+)?(?:pas\s+|seulement\s+"
    r"|a\s+peine\s+)?(?:meme\s+)?imaginer\b|\bj\s*'?\s*imagine\s+a\s+peine\b"
    r"|\bje\s+n\s*'?\s*imagine\s+(?:meme\s+)?pas\b",
    rf"\bje\s+suis\s+{FR_INTENSES}(?:desolee?s?|navree?s?)\s+pour\s+(?:vous|toi|votre"
    rf"|ton|ta|tes|vos)\b",
)
INTENSIFIER = any_of(
    rf"\b(?:{INTENS})\b",
    r"\b(?:vraiment|tellement|sincerement|profondement|terriblement|tres|extremement"
    r"|infiniment|reellement|vrm)\b",
)

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
    # French
    rf"{FR_JE}(?:vous\s+|te\s+|t\s*'\s*)?compren[dsz]{{0,2}}\b(?!\s+(?:pas|rien|plus)\b)",
    r"\bje\s+(?:vous|t\s*'?|te)\s*(?:entends|ecoute)\b(?=\s*(?:[.!,;:]|$|bien|vraiment"
    r"|parfaitement))",
    r"\bje\s+vois\s+(?:bien\s+|tres\s+bien\s+)?(?:que|pourquoi|ce\s+que|a\s+quel\s+point"
    r"|combien)\b",
    r"\b(?:c\s*'?\s*est|ce\s+serait|ca\s+se\s+comprend|c)\s+(?:tout\s+a\s+fait\s+"
    r"|bien\s+|parfaitement\s+|tellement\s+)?comprehensible\b|\bca\s+se\s+comprend\b",
    r"\b(?:vous\s+avez|t\s*'?\s*as|tu\s+as)\s+(?:bien\s+|tout\s+a\s+fait\s+|entierement\s+"
    r"|parfaitement\s+|completement\s+|totalement\s+|ben\s+|mille\s+fois\s+|bien\s+"
    r"|absolument\s+)?raison\b",
    r"\bje\s+sais\s+(?:bien\s+)?(?:a\s+quel\s+point|combien|que\s+c)",
    r"^\s*compris\b|\bje\s+mesure\s+(?:bien\s+)?(?:combien|a\s+quel\s+point|l'impact)",
    r"\bje\s+me\s+mets\s+a\s+votre\s+place\b",
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
    # French
    rf"\b(?:vous|tu)\s+(?:devez|dois|deviez|devais)\s+(?:etre|vous\s+sentir|te\s+sentir"
    rf"|avoir\s+ete)\s+{FR_ADVS}(?:{FR_FEELINGS})",
    rf"\b(?:vous\s+etes|vous\s+etiez|t\s*'?\s*es|tu\s+es|vous\s+semblez|vous\s+avez"
    rf"\s+l\s*'?\s*air|vous\s+vous\s+sentez|vous\s+avez\s+du\s+etre)\s+{FR_ADVS}"
    rf"(?:{FR_FEELINGS})",
    r"\bpas\s+(?:etonnant|surprenant|etrange)\s+(?:que|qu\s*')|\bje\s+comprends\s+"
    r"(?:tout\s+a\s+fait\s+|parfaitement\s+|bien\s+|tellement\s+|vraiment\s+)?(?:que\s+"
    r"|qu\s*'\s*|a\s+quel\s+point|combien|pourquoi|ce\s+que\s+vous|ton\s+stress"
    r"|votre\s+stress)",
    rf"{FR_JE}(?:vous\s+)?compren[dsz]{{0,2}}\s+(?:tout\s+a\s+fait\s+|parfaitement\s+|bien\s+"
    rf"|tellement\s+|vraiment\s+)?(?:que\s+(?:vous|tu|ce|ca|cela|ce\s+soit)|qu\s*'\s*"
    rf"(?:on|il)|a\s+quel\s+point|combien)",
    r"\b(?:c\s*'?\s*est|ce\s+serait|ce\s+soit|c)\s+(?:bien\s+|tout\s+a\s+fait\s+"
    r"|parfaitement\s+|tellement\s+|donc\s+)?(?:normal|comprehensible|legitime|humain)"
    r"\s+(?:que\s+(?:vous|tu)|qu\s*'\s*on|d\s*'?\s*etre|de\s+(?:vous|te|se|ne|pas|plus))",
    r"\b(?:n\s*'?\s*importe\s+qui|tout\s+le\s+monde|n'importe\s+qui)\s+(?:serait"
    r"|aurait\s+ete|se\s+sentirait)\b|\ba\s+votre\s+place\s*,?\s*(?:je|moi)\b"
    r"|\bje\s+serais\s+(?:\w+\s+){0,3}(?:moi\s+aussi|aussi|a\s+votre\s+place)\b",
    r"\b(?:vous\s+avez|t\s*'?\s*as|tu\s+as)\s+(?:toutes\s+les\s+raisons|tout\s+a\s+fait"
    r"\s+le\s+droit|bien\s+le\s+droit|le\s+droit|raison)\s+d\s*'?\s*(?:etre|en\s+avoir"
    r"|vous\s+sentir)",
    rf"\b(?:c\s*'?\s*est|c'etait|ca\s+doit\s+etre|ca\s+a\s+du\s+etre|ca\s+a\s+l\s*'?\s*air"
    rf"|ca\s+semble|ca\s+devait\s+etre|ce\s+doit\s+etre|c)\s+(?:quand\s+meme\s+"
    rf"|deja\s+)?{FR_ADVS}(?:{FR_HARD})\b",
)
INTERP_RESTATE = any_of(
    rf"\bso\s+(?:{YOU}\s*(?:'?ve|\s+have|'?re|\s+are|\s+were|\s+had|\s+got|\s+did"
    rf"|\s+didn'?t|\s+haven'?t|\s+still|\s+went)|{YOUR}\s+\w+)",
    rf"\b(?:sounds|seems)\s+like\s+(?:{YOU}|{YOUR})\b",
    r"\bif\s+i\s+(?:understand|have\s+(?:this|that|it)|got\s+(?:this|that|it))"
    r"\s+(?:correctly|right)\b",
    r"\bwhat\s+i\s*'?\s*a?m\s+hearing\b",
    rf"\b{YOU}\s*(?:'?ve|\s+have)\s+been\s+\w+ing\b",
    # French
    r"\bsi\s+je\s+(?:comprends|resume)\s+bien\b|\bsi\s+j\s*'?\s*ai\s+bien\s+compris\b",
    r"\bdonc\s*,?\s*(?:vous|tu)\s+(?:avez|etes|n\s*'?\s*avez|n\s*'?\s*etes|as|es|attendez"
    r"|devez|avez\s+pas)\b|\bce\s+que\s+j\s*'?\s*entends\b",
    r"\b(?:vous|tu)\s+(?:attendez|patientez|essayez|appelez|attends|essaies)\s+depuis\b",
    r"\bca\s+fait\s+(?:\d+|deux|trois|quatre|cinq|plusieurs|des)\s+(?:\w+\s+)?(?:jours"
    r"|heures|semaines|mois|minutes)\s+que\s+(?:vous|tu|t)",
)

# --- exploration ----------------------------------------------------------------
EXPLORE_GENERIC = any_of(
    r"\b(?:is\s+there\s+)?anything\s+else\b",
    r"\bhow\s+(?:can|may|could)\s+i\s+help\b",
    rf"\bwhat\s+can\s+i\s+do\s+for\s+{YOU}\b",
    rf"\b(?:any|do\s+{YOU}\s+have\s+any)\s+(?:other\s+|more\s+|further\s+)?questions\b",
    rf"\b(?:can|could|would)\s+{YOU}\s+(?:tell|share|explain|walk)\b",
    r"\btell\s+me\s+(?:more|what\s+happened)\b",
    # French
    r"\bautre\s+chose\b",
    r"\b(?:puis|est-ce\s+que|est\s+ce\s+que)\s*-?\s*je\s+(?:vous\s+|t\s*'?\s*)?"
    r"(?:aider|faire|peux\s+(?:vous\s+)?(?:aider|faire))\b",
    r"\b(?:qu\s*'?\s*est-?\s?ce\s+que|que)\s+(?:je\s+peux|puis-je)\s+(?:faire|vous\s+aider)"
    r"|\bcomment\s+(?:puis-?\s?je|je\s+peux|est-ce\s+que\s+je\s+peux)\s+(?:vous\s+|t\s*'?\s*)"
    r"?aider\b",
    r"\b(?:avez-?\s?vous|vous\s+avez|as-?\s?tu|t\s*'?\s*as)\s+d\s*'?\s*autres\s+questions",
    r"\b(?:racontez|raconte)\s*-?\s*moi\b|\b(?:dites|dis)\s*-?\s*m\s*'?\s*en\s+plus\b"
    r"|\b(?:dites|dis)\s*-?\s*moi\s+(?:tout|ce\s+qui|ce\s+que|comment|ce\s+dont|si\s+"
    r"(?:ca|cela|vous|tu))\b"
    r"|\bqu\s*'?\s*est-?\s?ce\s+qui\s+s\s*'?\s*est\s+passe\b",
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
    # French
    r"\bqu\s*'?\s*est-?\s?ce\s+qui\s+(?:vous|t\s*'?|te)\s*(?:aiderait|arrangerait"
    r"|conviendrait|irait|soulagerait|rassurerait|faciliterait|presse|inquiete|preoccupe"
    r"|arrange|aide|convient|ferait)",
    r"\bqu\s*'?\s*est-?\s?ce\s+qui\s+(?:est|serait|compte|presse)\s+(?:le\s+)?(?:plus"
    r"|prioritaire)",
    r"\bpref(?:erez|eres|ereriez|ererais|erez-vous|eres-tu)\b",
    r"\b(?:aimeriez|voudriez|souhaitez|souhaiteriez|voulez|veux|voudrais)\s*-\s*(?:vous|tu)"
    r"\b|\b(?:vous|tu)\s+(?:voulez|veux|aimeriez|souhaitez|voudriez)\s+(?:que\s+je|qu\s*'"
    r"\s*on|lequel|laquelle|quoi)",
    r"\b(?:lequel|laquelle)\s*(?:\?|(?:vous|tu|te|t\s*')|des\s+deux|pref\w+)",
    r"\b(?:ca|cela)\s+(?:vous|t\s*'?|te)\s*(?:irait|conviendrait|arrangerait|tente)"
    r"|\bquel(?:le)?\s+(?:soir|jour|creneau|horaire|moment|date|heure|option|solution)\s+"
    r"(?:vous|t\s*'?|te)\s*(?:arrange|convient|va|irait|conviendrait)",
    r"\bcomment\s+(?:vous\s+sentez-?\s?vous|allez-?\s?vous|vous\s+allez|tenez-?\s?vous"
    r"|vous\s+tenez|ca\s+va\s+de\s+votre\s+cote|vous\s+vous\s+sentez|tu\s+vas|ca\s+va"
    r"\s+pour\s+vous)",
    r"\b(?:avez-?\s?vous|as-?\s?tu|vous\s+avez|t\s*'?\s*as)\s+besoin\s+d",
    r"\best-?\s?ce\s+qu\s*'?\s*(?:il\s+y\s+a|il\s+reste|y\s+a)\s+(?:autre\s+chose"
    r"|d\s*'?\s*autres)|\by\s+a-?\s?t-?\s?il\s+(?:autre\s+chose|d\s*'?\s*autres)",
)
# French questions are answered with "ou" as English ones with "or".
QUESTION_CHOICE = any_of(r"\bor\b", r"\bou\b")
ADDRESSED = any_of(
    rf"\b(?:{YOU}|{YOUR}|yourself|i|we)\b",
    r"\b(?:vous|tu|te|toi|votre|vos|ton|ta|tes|je|j|nous|on)\b",
)
INTERROGATION = any_of(
    rf"\b(?:do|did|have|can|are)\s+{YOU}\s+(?:even|actually|not|ever)\b",
    rf"\bwhy\s+(?:didn'?t|did\s+not|don'?t|do\s+not|would|wouldn'?t|haven'?t|can'?t)"
    rf"\s+{YOU}\b",
    rf"\bdo\s+{YOU}\s+understand\b",
    r"\bis\s+that\s+(?:clear|understood)\b",
    r"\bhow\s+many\s+times\b",
    rf"\bwhat\s+(?:did|do)\s+{YOU}\s+expect\b",
    rf"\b(?:are|r)\s+{YOU}\s+(?:serious|kidding|joking)\b",
    # French
    r"\b(?:avez|aviez|etes|etiez)\s*-?\s*vous\s+(?:bien|meme|seulement|au\s+moins"
    r"|vraiment)\s+(?:lu|verifie|regarde|consulte|ouvert|declare|active|mis|suivi|pense"
    r"|fait|rempli|envoye|paye|coche)",
    r"\b(?:vous|tu)\s+(?:etes|etiez|es)\s+(?:bien\s+)?sur(?:e|es)?\s+d\s*'?\s*avoir\b",
    r"\bpourquoi\s+(?:n\s*'?\s*)?(?:avez|etes|aviez|etiez)\s*-?\s*vous\s+pas"
    r"|\bpourquoi\s+(?:vous|tu)\s+(?:n\s*'?\s*)?(?:avez|etes|aviez|etiez|as|es)\s+pas",
    r"\b(?:vous\s+comprenez|c\s*'?\s*est\s+clair|compris)\s*\?",
    r"\bcombien\s+de\s+fois\b|\bvous\s+vous\s+attendiez\s+a\s+quoi\b",
    r"\b(?:vous\s+etes|t\s*'?\s*es)\s+serieu(?:x|se)\b",
    r"\b(?:vous|tu)\s+(?:ne\s+)?l\s*'?\s*(?:avez|as)\s+(?:meme\s+)?pas\s+(?:lu|ouvert"
    r"|regarde)",
)
