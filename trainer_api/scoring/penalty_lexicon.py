"""Phrase patterns for the four penalties, plus stock filler and known acronyms.

Same conventions as :mod:`trainer_api.scoring.lexicon`: compiled once, lower
case (run on the lower-cased matching copy), tolerant of chat style ("u", "ur",
"shouldve", "dont"). French sits beside the English in sections marked
"French", written without accents (the extractors read an accent-folded copy).
"""

from __future__ import annotations

from .lexicon import FR_SORRY, SORRY, YOU, YOUR, any_of

_VERBS_CUSTOMER_MISSED = (
    r"(?:read|check|checked|look|looked|follow|followed|notice|noticed|see|book|booked"
    r"|arrive|arrived|pay|paid|call|called|listen|listened|update|updated|confirm"
    r"|confirmed|bother|bothered|come|been|done|told|tell|plan|planned|print|printed"
    r"|turn\s+up|turned\s+up|get|got|leave|left|ask|asked)"
)

_FR_YOU = r"(?:vous|tu|t\s*'?)"
_FR_YOUR = r"(?:votre|vos|ton|ta|tes)"
_FR_VERBS_MISSED = (
    r"(?:lu|verifie|regarde|suivi|remarque|vu|reserve|paye|appele|ecoute|mis\s+a\s+jour"
    r"|confirme|imprime|choisi|pris|demande|ouvert|coche|declare|valide|fait|envoye"
    r"|prevenu|signale|anticipe|renouvele|active|rempli|consulte|note|lire|verifier"
    r"|regarder|checke|clique|signe|accepte|emballe|souscrit|garde|conserve|respecte"
    r"|suivi|termine|enregistre|precise|indique|mentionne)"
)
"""What the customer supposedly failed to do (French participles)."""

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
    # French
    rf"\b{_FR_YOU}\s*(?:auriez|aurais)\s+(?:vraiment\s+|simplement\s+|juste\s+"
    rf"|quand\s+meme\s+|au\s+moins\s+|bien\s+|peut-?\s?etre\s+)?(?:du|dû|pu)\s+"
    rf"(?!recevoir|avoir\s+(?:recu|eu|une?|le|la|les|des|droit)|etre\s+(?:informe|prevenu|averti"
    rf"|contacte|rembourse|livre|avise|rappele|servi)|obtenir|beneficier|voir\s+(?:un|une|le"
    rf"|la|votre))\w+",
    rf"\b{_FR_YOU}\s*(?:deviez|devais|etiez\s+(?:cense|censee|tenue?)|etais\s+(?:cense"
    rf"|censee))\s+(?:\w+\s+)?(?:de\s+|d\s*'|a\s+)?\w+",
    rf"\b(?:c\s*'?\s*est|c'etait|c|ca\s+reste)\s+(?:entierement\s+|bien\s+|vraiment\s+"
    rf"|totalement\s+|donc\s+|quand\s+meme\s+)?(?:de\s+)?{_FR_YOUR}\s+(?:propre\s+)?(?:faute"
    rf"|responsabilite|erreur|probleme|choix)\b|\bla\s+faute\s+vous\s+revient\b",
    r"\bc\s*'?\s*(?:est|etait)\s+a\s+(?:vous|toi)\s+de\s+(?:verifier|lire|regarder"
    r"|faire|prevoir|anticiper|nous|penser|prendre|demander)",
    r"\b(?:vous|tu)\s+(?:n\s*'?\s*)?(?:aviez|avais)\s+qu\s*'?\s*a\b|\bt\s*'?\s*avais"
    r"\s+(?:juste\s+)?qu\s*'?\s*a\b|\bfallait\s+(?:juste\s+|simplement\s+)?(?:pas\s+)?"
    r"(?:lire|verifier|regarder|prevoir|anticiper|demander|appeler|reserver|penser|faire"
    r"|prendre|emballer|envoyer|resilier|nous|le|la|les)",
    r"(?<!comme\s)(?<!que\s)(?<!qu')(?<!qu\s)\bil\s+(?:fallait|aurait\s+fallu)\s+(?:que\s+"
    r"(?:vous|tu)\b|(?:(?:nous|vous|le|la|les|lui|y|en|me|te)\s+|[lm]\s*'\s*){0,2}(?:pas\s+)?"
    r"\w+(?:er|ir|re|oir)\b)|(?<!comme\s)(?<!qu')\bil\s+suffisait\s+d\s*'?\s*(?:e\s+)?"
    r"(?!etre\s+(?:un\s+peu\s+)?patient|attendre|patienter)\w+",
    rf"\bsi\s+{_FR_YOU}\s*(?:aviez|avais|etiez|etais)\s+(?:\w+\s+){{0,2}}?"
    rf"{_FR_VERBS_MISSED}\b",
    rf"(?<!que\s)(?<!qu')\b{_FR_YOU}\s*(?:n\s*'?\s*)?(?:avez|aviez|as|avais)\s+(?:pas|jamais"
    rf"|meme\s+pas"
    rf"|pas\s+meme|pas\s+bien|oublie\s+de|omis\s+de|neglige\s+de|choisi\s+de)\s+"
    rf"(?:\w+\s+)?{_FR_VERBS_MISSED}\b",
    rf"\b{_FR_YOU}\s*(?:avez|as)\s+(?:oublie|omis|neglige)\s+"
    rf"(?:de|d\s*'|l\s*'|la|le|les)\b",
    r"\b(?:avez|aviez)\s*-?\s*vous\s+(?:bien|meme|seulement|au\s+moins|vraiment)\s+"
    rf"{_FR_VERBS_MISSED}\b|\b(?:vous|tu)\s+(?:avez|as)\s+(?:bien|meme)\s+(?:lu|verifie"
    r"|regarde)\b.{0,40}\?",
    rf"\b{_FR_YOU}\s*(?:etes|etiez|es)\s+(?:bien\s+)?sur(?:e|es)?\s+d\s*'?\s*avoir\b",
    r"\bcomme\s+(?:c\s*'?\s*est\s+)?(?:clairement\s+)?(?:indique|precise|stipule|mentionne"
    r"|ecrit|prevu|explique)\s+(?:partout\s+)?(?:dans|sur|a)\s+(?:les|le|la|nos|vos|votre"
    r"|notre|l\s*')\s*(?:conditions|cgv|cgu|contrat|courriel|mail|e-?mail|site|confirmation"
    r"|billet|facture|article|reglement|petites\s+lignes)",
    rf"\bla\s+prochaine\s+fois\s*,?\s*(?:pensez|veuillez|il\s+faudra|vous\s+devrez"
    rf"|verifiez|lisez|faites|prenez|reservez|evitez|n\s*'?\s*oubliez|assurez|essayez"
    rf"|demandez|{_FR_YOU}\s+(?:devriez|devrez|pourrez|penserez|saurez))",
    r"\b(?:lisez|relisez)\s+(?:bien\s+)?(?:les|vos|nos|le|votre)\s+(?:conditions|cgv"
    r"|cgu|garanties|contrat|petites\s+lignes|facture|courriel|mail)\b|\bil\s+suffit\s+de"
    r"\s+lire\b|\bfaut\s+lire\b",
    rf"\b{_FR_YOU}\s+(?:ne\s+)?pouvez\s+(?:vous\s+)?en\s+prendre\s+qu\s*'?\s*a\s+vous"
    rf"|\bvous\s+l\s*'?\s*avez\s+cherche\b",
    r"\bpourquoi\s+(?:vous|tu)\s+(?:n\s*'?\s*)?(?:avez|etes|aviez|etiez|as|es)\s+pas\b"
    r"|\bpourquoi\s+(?:n\s*'?\s*)?(?:avez|etes|aviez|etiez)\s*-?\s*vous\s+pas\b",
    r"\bla\s+prochaine\s+fois\s*,?\s*\w+ez\b",
    r"\bsi\s+(?:vous|tu)\s+(?:m\s*'\s*|me\s+|nous\s+|l\s*'\s*)?(?:aviez|avais)\s+(?:bien\s+|pas\s+"
    r"|deja\s+|juste\s+)?\w+(?:e|ee|es|i|is|it|u|us)\b",
    r"\b(?:etes|etiez)\s*-?\s*vous\s+(?:bien\s+)?(?:sure?s?|certaine?s?)\b"
    rf"|\bc\s*'?\s*est\s+(?:vous|toi)\s+qui\s+(?:avez|aviez|as|avais)\s+(?:mal\s+)?"
    rf"(?:{_FR_VERBS_MISSED}|saisi|donne|oublie|choisi|accepte|signe|commande)\b",
    r"\b(?:vous|tu)\s+(?:devriez|devrais)\s+(?:plutot\s+|vraiment\s+|d\s*'?\s*abord\s+)?"
    r"(?:verifier|lire|relire|faire\s+attention|regarder|penser|vous\s+renseigner|apprendre)\b",
)

EXONERATION = any_of(
    rf"\b{YOU}\s+(?:just\s+|really\s+|simply\s+)?(?:shouldn'?t|should\s+not|should\s+never"
    rf"|never\s+should)\s*(?:'?ve|\s+have)\s+(?:had|needed)\s+to\b",
    rf"\b(?:(?:it'?s|it\s+is|its|that'?s|that\s+is|thats|this\s+is|it\s+was|that\s+was"
    rf"|this\s+was)\s+not|(?:it|that|this)\s+(?:isn'?t|wasn'?t)|none\s+of\s+(?:this|that|it)"
    rf"\s+(?:is|was))\s+(?:at\s+all\s+|in\s+any\s+way\s+)?(?:{YOUR}\s+(?:fault|doing"
    rf"|mistake)|on\s+{YOU})\b",
    rf"\b{YOU}\s+(?:were|are|was)\s+(?:absolutely\s+|completely\s+|quite\s+|totally\s+)?"
    rf"right\s+to\b",
    rf"\b{YOU}(?:\s+did|\s+have\s+done|\s*'?ve\s+done)\s+(?:absolutely\s+)?"
    rf"(?:nothing\s+wrong|everything\s+right)\b",
    rf"\b{YOU}\s+(?:didn'?t|did\s+not)\s+do\s+anything\s+wrong\b",
    rf"^\W*(?:(?:and|but|so|honestly|really|truly)\W+)?not\s+(?:at\s+all\s+)?{YOUR}\s+fault\b"
    rf"|[.!;]\s*(?:(?:and|but|so|honestly|really|truly)\W+)?not\s+(?:at\s+all\s+)?{YOUR}"
    rf"\s+fault\b",
    rf"\bnothing\s+(?:else\s+|more\s+)?{YOU}\s+(?:should|could|were\s+supposed\s+to)\s*"
    rf"(?:'?ve|\s+have)?\s+(?:done|do)\b",
    rf"\b(?:don'?t|do\s+not|please\s+don'?t|never)\s+feel\s+(?:like\s+|that\s+)?"
    rf"{YOU}\s+(?:should|could|ought\s+to)\s*(?:'?ve|\s+have)\s+\w+",
    rf"\b{YOU}(?:'?re|\s+are)\s+(?:completely\s+|totally\s+)?in\s+the\s+clear\b",
    # French
    rf"\b{_FR_YOU}\s*(?:n\s*'?\s*)?(?:auriez|aurais)\s+(?:jamais\s+|pas\s+|vraiment\s+pas\s+)"
    rf"(?:du|pu)\s+(?:avoir|etre\s+oblige)\s+a\b",
    rf"\b(?:ce\s+n\s*'?\s*est|c\s*'?\s*est|ce\s+n\s*'?\s*etait|c\s*'?\s*etait)\s+"
    rf"(?:pas\s+du\s+tout|absolument\s+pas|vraiment\s+pas|pas|aucunement)\s+(?:de\s+)?"
    rf"{_FR_YOUR}\s+(?:faute|erreur|responsabilite)\b",
    rf"\b{_FR_YOU}\s*(?:avez|as|aviez|avais)\s+(?:eu\s+)?(?:bien\s+|entierement\s+|tout\s+a\s+fait\s+)?"
    rf"(?:raison|bien\s+fait)\s+de\b",
    rf"\b{_FR_YOU}\s*(?:n\s*'?\s*)?(?:avez|as)\s+rien\s+fait\s+de\s+(?:mal|travers)\b",
    rf"\b{_FR_YOU}\s*(?:avez|as)\s+tout\s+fait\s+(?:comme\s+il\s+faut|correctement)\b",
    rf"(?:^|[.!;]\s*)(?:et\s+|mais\s+)?(?:pas\s+du\s+tout|surtout\s+pas|absolument\s+pas|pas)"
    rf"\s+(?:de\s+)?{_FR_YOUR}\s+faute\b",
)
"""Words that clear the customer ("you shouldn't have had to", "that's not
your fault", "vous avez eu raison de"), when not asked as a question: a blame
rule that falls inside them does not count, nor does the blame head alone
when the reply says one and does not turn on the customer after it
(``CONTRAST``). Phrases that clear only when they describe what the
customer did ("exactly what you should have done") are not here: said as
advice they blame."""

CONTRAST = any_of(
    r"\b(?:but|however|though|although|yet|except|mais|cependant|pourtant|toutefois"
    r"|sauf\s+que|par\s+contre|en\s+revanche)\b"
)
"""A turn after words that clear the customer ("It's not your fault, but ...")."""

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
    # French
    r"\bcalmez-?\s?vous\b|\bcalme-?\s?toi\b|\bon\s+se\s+calme\b|\bdu\s+calme\b"
    r"|\brestez\s+calme\b|\bcalmons-?\s?nous\b|\brelaxe[zr]?\b|\bcapote\s+pas\b",
    r"\b(?:inutile|pas\s+besoin|aucun\s+besoin|pas\s+la\s+peine|ca\s+sert\s+a\s+rien"
    r"|ca\s+ne\s+sert\s+a\s+rien|il\s+n\s*'?\s*y\s+a\s+pas\s+de\s+quoi|y\s+a\s+pas\s+de"
    r"\s+quoi|pas\s+de\s+quoi)\s+(?:de\s+|d\s*')?\s*(?:vous|t\s*'?|te|s\s*'?|se)?\s*"
    r"(?:enerv\w*|fach\w*|emporter|exciter|mettre\s+dans|crier|hurler|monter\s+le\s+ton"
    r"|hausser\s+le\s+ton|paniquer|stresser|affoler|inquieter\s+pour\s+si\s+peu"
    r"|en\s+faire\s+(?:tout\s+)?un|etre\s+(?:desagreable|agressi\w+|impoli\w*|bete))",
    r"\bne\s+(?:vous|t\s*'?|te)\s*(?:enervez|fachez|emportez|enerve|fache|emporte)\s+pas\b"
    r"|\b(?:criez|hurlez)\s+pas\b|\bne\s+(?:criez|hurlez)\s+pas\b|\bbaissez\s+(?:d\s*'?\s*un"
    r"\s+ton|le\s+ton)|\barr[eê]tez\s+de\s+(?:crier|hurler|vous\s+enerver|vous\s+plaindre"
    r"|vous\s+inquieter)",
    r"\b(?:ce|c|ca|cela)\s*(?:n\s*'?\s*)?(?:est|etait|sera)\s+(?:vraiment\s+|quand\s+meme\s+)?"
    r"pas\s+(?:si|bien|tres|vraiment|trop|aussi|tellement|si\s+)?\s*(?:grave|dramatique|terrible"
    r"|complique\s+que\s+ca)(?:\s+que\s+ca)?\b(?<!pas\sgrave)|\bpas\s+si\s+pire\b"
    r"|\brien\s+de\s+(?:bien\s+)?(?:grave|dramatique)\b",
    r"\b(?:ce|c|ca|cela|il)\s*(?:ne\s+|n\s*'?\s*)?(?:est|etait|s\s*'?\s*agit)\s+(?:que|qu\s*')\s*"
    r"(?:une|un|des|d\s*'|de|\d+|quelques|deux|trois|l\s*')\b(?:\s*[\w-]+)?",
    r"\b(?:c\s*'?\s*est|c'etait|c|ca\s+reste)\s+(?:juste|seulement|simplement|rien\s+qu"
    r"|quand\s+meme\s+juste)\s*'?\s*(?:une|un|des|du|de\s+la|deux|trois|quelques|\d+)\b"
    r"(?:\s+[\w-]+)?"
    r"|\bc\s*'?\s*est\s+qu\s*'\s*(?:un|une)\b",
    r"\bpas\s+(?:non\s+plus\s+)?la\s+fin\s+du\s+monde\b",
    rf"{FR_SORRY}\s*,?\s*(?:que|si|qu\s*')\s*(?:vous|tu)\s+(?:le\s+|l\s*'\s*|les\s+choses\s+"
    r"|ca\s+|cela\s+)?(?:\w+\s+){0,2}(?:comme\s+ca|ainsi|de\s+cette\s+(?:facon|maniere)"
    r"|mal|personnellement)\b",
    rf"{FR_SORRY}\s*,?\s*(?:que|si|qu\s*')\s*(?:vous|tu)\s+(?:avez|ayez|as|aies|ayiez)\s+"
    r"eu\s+l\s*'?\s*impression\b",
    r"\b(?:il\s+ne\s+faut|faut)\s+pas\s+le\s+prendre\s+(?:personnellement|mal|comme\s+ca)"
    r"|\bne\s+le\s+prenez\s+pas\s+(?:personnellement|mal)\b",
    r"(?<!si\s)(?<!quand\s)(?<!que\s)\b(?:ca|cela)\s+(?:peut\s+)?arrive\s+(?:tout\s+le\s+temps"
    r"|souvent|a\s+tous|a\s+toutes|parfois|tous\s+les\s+jours"
    r"|regulierement|frequemment|de\s+temps\s+en\s+temps)\b|\bce\s+sont\s+des\s+choses"
    r"\s+qui\s+arrivent\b|\bc\s*'?\s*est\s+des\s+choses\s+qui\s+arrivent\b"
    r"|(?<!si\s)(?<!quand\s)(?<!que\s)\b(?:ca|cela)\s+arrive\s*(?=[.!;,]|$)"
    r"|\bca\s+peut\s+arriver\b",
    r"\bn\s*'?\s*exager(?:ons|ez)\s+(?:rien|pas)\b|\bvous\s+exagerez\b|\bvous\s+"
    r"(?:dramatisez|en\s+faites\s+(?:un\s+peu\s+)?trop)\b|\bne\s+dramatisez\s+pas\b"
    r"|\ben\s+faire\s+(?:tout\s+)?un\s+(?:drame|fromage|plat|monde)\b",
    r"\b(?:voyez|regardez)\s+le\s+bon\s+cote\b|\bca\s+aurait\s+pu\s+etre\s+pire\b"
    r"|\bvous\s+vous\s+faites\s+du\s+(?:souci|mauvais\s+sang)\s+pour\s+rien\b"
    r"|\bvous\s+voyez\s*,?\s*(?:ce\s+n\s*'?\s*etait|c'etait|c\s*'?\s*etait|il\s+n\s*'?"
    r"\s*y\s+avait)\s+pas\b",
    r"\bil\s+(?:vous\s+|te\s+)?suffi(?:t|sait)\s+(?:juste\s+|simplement\s+)?d\s*'?\s*(?:e\s+)?"
    r"(?:(?:ne\s+pas|ne\s+plus|pas)(?:\s+[\w'-]+){0,3}|ignorer|oublier|attendre|patienter"
    r"|laisser\s+tomber"
    r"|passer\s+a\s+autre\s+chose|en\s+racheter|en\s+louer|en\s+acheter|faire\s+avec"
    r"|prendre\s+sur\s+vous|vous\s+calmer|etre\s+patient)",
    r"\b(?:vous\s+etes|t\s*'?\s*es)\s+(?:un\s+peu\s+|bien\s+|trop\s+)?(?:emoti\w+"
    r"|susceptible|dramatique|hysterique|de\s+mauvaise\s+foi)\b|\bvous\s+reagissez\s+"
    r"(?:trop|de\s+facon\s+excessive|un\s+peu\s+fort)\b",
    r"\bfallait\s+(?:pas|juste)\s+(?:vous\s+|s\s*'?\s*|te\s+)?(?:enerv\w*|fach\w*|mettre\s+dans"
    r"|inquiet\w*|paniqu\w*|stress\w*|etre\s+(?:un\s+peu\s+)?patient\w*|un\s+peu\s+de\s+patience)",
    rf"(?:{FR_SORRY}|\bje\s+regrette|\bnous\s+regrettons)\s*,?\s*(?:que|si|qu\s*')\s*(?:vous|tu)"
    r"\s+(?:ayez|avez|aies|as)\s+(?:eu\s+)?(?:ce\s+sentiment|cette\s+impression|l\s*'?\s*impression"
    r"|ce\s+ressenti)",
    rf"(?:{FR_SORRY}|\bje\s+regrette|\bnous\s+regrettons)\s*,?\s*(?:que|si|qu\s*')\s*(?:vous|tu)"
    r"\s+(?:le\s+|l\s*'\s*|les\s+)?(?:ressentiez|ressentez|perceviez|percevez|viviez|vivez|voyiez"
    r"|voyez|preniez|prenez|trouviez|trouvez)\s+(?:\w+\s+){0,4}?(?:comme|ainsi|de\s+cette)\b",
    rf"(?:{FR_SORRY}|\bje\s+regrette)\s*,?\s*si\s+(?:\w+\s+){{1,3}}(?:vous\s+|t\s*'\s*)?"
    r"(?:a|ont|avez)\s+(?:paru|semble)\b",
    r"\barrivent?\s+(?:tout\s+le\s+temps|tous\s+les\s+jours|constamment)\b|\b(?:tres|hyper|super)\s+(?:courant|courante|frequent)\b"
    r"|\bmonnaie\s+courante\b",
    r"\b(?:vous|tu)\s+(?:n\s*'?\s*)?(?:etes|es)\s+pas\s+(?:le|la)\s+seule?\b|\btout\s+le\s+monde"
    r"\s+(?:attend|est\s+dans\s+le\s+meme|passe\s+par\s+la|a\s+eu\s+(?:la\s+)?meme|vit\s+"
    r"(?:la\s+)?meme)",
    r"(?:^|(?<=[.!?\u2026]\s))au\s+moins\s*,?\s*(?:il|elle|vous|ca|c\s*'?\s*est|on)\b"
    r"|\bc\s*'?\s*est\s+deja\s+ca\b",
    r"\b(?:il\s+ne\s+)?faut\s+pas\s+exagerer\b|\bpas\s+(?:non\s+plus\s+)?le\s+bout\s+du\s+monde\b"
    r"|\bce\s+n\s*'?\s*est\s+pas\s+une\s+raison\s+pour\b|\binutile\s+d\s*'?\s*insister\b",
    r"\b(?:ne\s+)?change\s+pas\s+grand-?\s?chose\b|\bpour\s+pas\s+grand-?\s?chose\b"
    r"|\bne\s+vous\s+prenez\s+pas\s+la\s+tete\b|\bprends?\s+pas\s+la\s+tete\b",
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
    # French
    r"\b(?:c\s*'?\s*est|c'etait|c|ce\s+sont)\s+(?:juste\s+|simplement\s+|tout\s+simplement\s+"
    r"|malheureusement\s+)?(?:la|notre|le|les|nos)\s+(?:politique|procedure|regle|reglement"
    r"|regles|protocole|loi|reglementation|conditions|consignes?)\b(?!\s*,?\s*(?:mais|par\s+contre"
    r"|cependant|toutefois))",
    r"\bla\s+politique\s+(?:de\s+(?:la|l\s*'|notre)\s*(?:compagnie|entreprise|maison|banque"
    r"|societe)|de\s+l\s*'?\s*entreprise|interne|maison)\b|\bnotre\s+politique\b",
    r"\b(?:selon|d\s*'?\s*apres|conformement\s+a(?:ux)?|en\s+vertu\s+de|tel\s+qu\s*'?\s*"
    r"(?:indique|prevu|stipule)\s+dans|comme\s+le\s+prevoient?)\s+(?:la|les|l\s*'|nos|vos|notre"
    r"|votre|le)?\s*(?:politique|procedure|regles?|reglement|conditions|cgv|cgu|article"
    r"|contrat|protocole|reglementation)",
    r"\b(?:les\s+regles\s+sont\s+les\s+regles|la\s+regle\s+est\s+(?:la\s+regle|claire)"
    r"|la\s+procedure\s+est\s+(?:la\s+procedure|claire)|la\s+loi\s+c\s*'?\s*est\s+la\s+loi)\b",
    r"\bc\s*'?\s*est\s+comme\s+(?:ca|cela)(?:\s+que\s+(?:ca|cela)\s+(?:fonctionne|marche"
    r"|se\s+passe))?\s*(?=[.!,;]|$|pour|malheureusement)|\b(?:ca|cela)\s+(?:fonctionne"
    r"|marche)\s+comme\s+(?:ca|cela)\b|\bc\s*'?\s*est\s+ainsi\b",
    r"\b(?:je|on|nous)\s+(?:ne\s+|n\s*'?\s*)?(?:peux|peut|pouvons|pourrai|pourrons)\s+"
    r"(?:malheureusement\s+)?rien\s+(?:y\s+|vous\s+)?(?:faire|garantir|changer|proposer)\b"
    r"|\bj\s*(?:e\s+|\s*'\s*)?peux\s+rien\s+(?:y\s+|vous\s+)?(?:faire|garantir)\b"
    r"|\b(?:je|nous|on)\s+n\s*'?\s*y\s+(?:peux|pouvons|peut)\s+rien\b|\bj\s*'?\s*y\s+peux"
    r"\s+rien\b|\bil\s+n\s*'?\s*y\s+a\s+rien\s+(?:que|qu\s*'|d\s*'?\s*autre\s+que)\s*"
    r"(?:je|on|nous|j)\b|\by\s+a\s+rien\s+(?:que|qu\s*')\s*(?:je|on|j)\b"
    r"|\bc\s*'?\s*est\s+tout\s+ce\s+(?:que|qu\s*')\s*(?:je|on|nous)\s+(?:peux|peut"
    r"|pouvons)\s+faire\b",
    r"\b(?:aucune|pas\s+(?:faire\s+)?d\s*'?\s*|pas\s+(?:faire\s+)?(?:une|aucune)\s+|sans)"
    r"\s*exceptions?\b|\baucune?\s+(?:[\w-]+\s+){0,2}n\s*'?\s*est\s+possible\b",
    r"\b(?:mes|nos)\s+mains\s+sont\s+liees\b|\bj\s*'?\s*ai\s+les\s+mains\s+liees\b"
    r"|\b(?:ca|cela)\s+ne\s+depend\s+pas\s+de\s+(?:moi|nous)\b|\bhors\s+de\s+mon"
    r"\s+(?:controle|ressort)\b|\bpas\s+(?:de\s+mon|dans\s+mon|en\s+mon)\s+(?:ressort"
    r"|pouvoir)\b",
    r"\b(?:je\s+ne\s+suis|je\s+suis|j\s*'?\s*suis|chu|nous\s+ne\s+sommes|on\s+n\s*'?\s*est"
    r"|on\s+est)\s+pas\s+(?:habilite|autorise|en\s+mesure|en\s+droit)e?s?\s+(?:a|de|d)\b"
    r"|\b(?:je|on|nous)\s+(?:n\s*'?\s*)?(?:ai|a|avons)\s+pas\s+le\s+droit\s+de\b",
    r"\ble\s+(?:systeme|logiciel|programme|ordinateur)\s+(?:ne\s+|n\s*'\s*)?(?:(?:me|nous|le"
    r"|la|les)\s+|[lm]\s*'\s*){0,2}(?:permet|laisse|autorise)\s+pas\b|\ble\s+(?:systeme|logiciel)\s+(?:me\s+|nous\s+)?"
    r"(?:bloque|refuse|empeche)\b",
    r"\b(?:ne|n\s*'?)\s*(?:peut|peuvent)\s+pas\s+etre\s+(?:modifie|change|annule|rembourse"
    r"|deplace|repousse|leve|accorde)e?s?\b|\bnous\s+ne\s+pouvons\s+(?:malheureusement\s+)?"
    r"(?:pas|rien)\s+(?:deroger|faire\s+d\s*'?\s*exception|intervenir)\b",
    r"\b(?:ce\s+n\s*'?\s*est|c\s*'?\s*est|c)\s+(?:malheureusement\s+)?pas\s+possible\b",
    r"\b(?:c\s*'?\s*est|c'etait)\s+(?:ecrit|prevu|indique|stipule|precise)\s+(?:noir\s+sur"
    r"\s+blanc\s+)?(?:dans|a|au)\s+(?:le|votre|vos|nos|les|l\s*'|la)\s*(?:contrat|conditions"
    r"|article|reglement|cgv|cgu)",
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
    # French
    r"\bcomme\s+(?:je\s+)?(?:vous\s+|te\s+)?(?:l\s*'?\s*)?(?:ai|avais)\s+(?:deja\s+|bien\s+"
    r"|pourtant\s+)?(?:dit|explique|indique|precise|mentionne|ecrit|repete)\b|\bcomme\s+je"
    r"\s+(?:vous\s+|te\s+)?(?:l\s*'?\s*)?(?:disais|expliquais)\b",
    r"\bcomme\s+(?:deja\s+|je\s+l\s*'?\s*ai\s+)?(?:indique|dit|precise|mentionne|explique"
    r"|ecrit|signale)\s+(?:precedemment|plus\s+haut|ci-?\s?dessus|auparavant|avant|deux\s+fois"
    r"|trois\s+fois|juste\s+avant)\b",
    r"\bje\s+(?:vous|te)\s+(?:l\s*'?\s*)?(?:ai|avais)\s+(?:deja|pourtant)\s+(?:dit|explique"
    r"|repete|ecrit|indique|repondu)|\bje\s+(?:vous|te)\s+l\s*'?\s*ai\s+(?:deja\s+)?(?:dit|explique)"
    r"\s+(?:deux|trois|\d+|plusieurs)\s+fois|\bje\s+viens\s+de\s+(?:vous|te)\s+(?:le\s+)?"
    r"(?:dire|expliquer|l\s*'?\s*ecrire)\b",
    r"\bje\s+(?:ne\s+)?vais\s+pas\s+(?:le\s+|me\s+|vous\s+le\s+)?(?:repeter|redire"
    r"|reexpliquer)\b|\bje\s+(?:ne\s+)?vais\s+pas\s+(?:vous\s+)?r\w+\s+(?:tout|le|la|les)"
    r"\s+\w+\s+(?:encore|une\s+(?:troisieme|autre|enieme)\s+fois)",
    r"\bpour\s+la\s+(?:enieme|nieme|\d+e|troisieme|quatrieme|dixieme|centieme|derniere)"
    r"\s+fois\b",
    r"\bc\s*'?\s*est\s+(?:pourtant\s+)?ecrit\s+(?:juste\s+)?(?:au-?\s?dessus|plus\s+haut"
    r"|noir\s+sur\s+blanc|en\s+gros)|\blisez\s+(?:mon|mes|le|bien)\s+(?:message|messages"
    r"|reponse)\b|\b(?:je\s+sais|vous\s+savez|tu\s+sais)\s+lire\b|\bvous\s+(?:ne\s+)?savez"
    r"\s+pas\s+lire\b",
    r"\b(?:vous|tu)\s+(?:le\s+)?(?:faites|fais)\s+expres\b|\bserieusement\s*\?|\bvoyons"
    r"\s+donc\b|\bquelle\s+surprise\b|\bla\s+belle\s+affaire\b",
    r"\b(?:ce\s+n\s*'?\s*est|c\s*'?\s*est|c)\s+pas\s+(?:mon|de\s+mon)\s+(?:probleme|travail"
    r"|boulot|job|ressort|departement|rayon|secteur)\b|\b(?:ce\s+n\s*'?\s*est|c\s*'?\s*est|c)"
    r"\s+pas\s+moi\s+qui\s+(?:fais|fait|gere|decide|prepare|ai|redige|ecris|fixe|choisis"
    r"|livre|m\s*'?\s*occupe|s\s*'?\s*occupe|controle|envoie|calcule)\b|\bpas\s+mon\s+probleme\b|\bje\s+m\s*'?\s*en\s+(?:fiche|fous"
    r"|balance|moque)\b|\b(?:j\s*'?\s*ai|je\s+n\s*'?\s*ai)\s+(?:pas\s+)?que\s+(?:ca|cela)\s+a"
    r"\s+faire\b",
    r"\bdebrouillez-?\s?vous\b|\bdemerdez-?\s?vous\b|\btant\s+pis\s+pour\s+vous\b"
    r"|\bbonne\s+chance\s+avec\s+(?:ca|cela)\b|\bvous\s+n\s*'?\s*allez\s+pas\s+en\s+mourir\b"
    r"|\bvous\s+(?:allez|n\s*'?\s*allez)\s+(?:pas\s+)?survivre\b"
    r"|\bma\s+petite\s+(?:dame|madame)\b|\bmon\s+petit\s+(?:monsieur|gars)\b",
    r"\b(?:idiot\w*|stupide|debile|cretin\w*|imbecile|abruti\w*|nul(?:le)?\s+a\s+chier)\b"
    r"|\b(?:je|j)\s*(?:ne\s+|n\s*'?\s*)?suis\s+pas\s+(?:idiot\w*|bete|stupide|sourde?)\b",
    r"\b(?:ce\s+n\s*'?\s*est|c\s*'?\s*est|c)\s+pas\s+(?:si\s+|bien\s+)?complique\b"
    r"|\bil\s+n\s*'?\s*y\s+a\s+rien\s+de\s+complique\b|\bje\s+fais\s+(?:juste\s+|seulement\s+)?"
    r"mon\s+(?:travail|job|boulot)\b|\bpas\s+besoin\s+d\s*'?\s*etre\s+(?:bete|desagreable"
    r"|impoli\w*|grossier\w*)\b",
    r"\bvous\s+(?:comprenez|parlez)\s+(?:le\s+)?francais\b|\bune\s+question\s+a\s+la\s+fois\b"
    r"|\bsi\s+(?:vous|tu)\s+(?:arretiez|arretais)\s+de\b",
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
    # French
    r"\bnous\s+mettons\s+tout\s+en\s+(?:oe|\u0153)uvre\b|\bnous\s+faisons\s+(?:tout\s+"
    r"notre\s+possible|le\s+maximum|de\s+notre\s+mieux)\b",
    r"\b(?:votre\s+|la\s+)?satisfaction\s+(?:client|de\s+nos\s+clients|de\s+notre\s+clientele"
    r"|de\s+la\s+clientele)?\s*(?:est|reste|demeure)\s+(?:notre|au\s+c(?:oe|\u0153)ur|une)"
    r"|\bau\s+c(?:oe|\u0153)ur\s+de\s+nos\s+(?:priorites|preoccupations|valeurs)\b",
    r"\b(?:nous\s+vous\s+remercions|merci)\s+(?:de|pour)\s+votre\s+(?:patience|comprehension"
    r"|confiance|fidelite)\b",
    r"\bnous\s+restons\s+a\s+votre\s+(?:entiere\s+)?disposition\b|\bsoyez\s+assuree?s?\s+"
    r"que\b|\bnous\s+(?:prenons|avons\s+pris)\s+bonne\s+note\b|\bdans\s+les\s+(?:meilleurs"
    r"|plus\s+brefs)\s+delais\b|\bclient(?:e|s|es)?\s+(?:privilegiee?s?|precieu\w+)\b"
    r"|\bla\s+qualite\s+de\s+(?:notre\s+|nos\s+)?services?\b|\bnous\s+nous\s+engageons"
    r"\s+a\b|\bune\s+valeur\s+fondamentale\b",
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
