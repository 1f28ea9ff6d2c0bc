"""Phrase patterns for ownership and resolution: apologies, owning the fault,
and the next steps a reply commits to (vague or concrete).

Same conventions as :mod:`trainer_api.scoring.lexicon` (French beside the
English, written without accents).
"""

from __future__ import annotations

from .lexicon import (
    FR_INCONVENIENCE,
    FR_JE,
    FR_OBJ,
    FR_SORRY,
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

# --- French building blocks ------------------------------------------------------
_FR_THE = (
    r"(?:le|la|les|ce|cet|cette|ces|l\s*'|tout\s+(?:ce|le|la|cela|ca)|tous\s+(?:ces|les)"
    r"|toutes\s+(?:ces|les)|notre|nos|un|une|du|des|vos|votre)"
)
_ER = r"(?:e(?:s|nt|e|es|r|rai|ras|ra|rons|rez|ront)?|ons|ez|ant)\b"
"""Endings of an -er verb once accents are folded: "reserve" is "je réserve"
and "réservé", "reservee", "reserver", "reserverai"."""
_FR_SELF = r"(?:moi-?\s?meme|personnellement|moi)"
_FR_FILLER = (
    r"(?:tout\s+de\s+suite|de\s+suite|immediatement|maintenant|deja|aussi|egalement"
    r"|personnellement|moi-?\s?meme|directement|volontiers|bien|juste|meme|a\s+l'instant"
    r"|des\s+maintenant|des\s+aujourd'hui|aujourd'hui|en\s+priorite|vite|rapidement"
    r"|encore|simplement|donc|alors|la|tout|de\s+mon\s+cote|sans\s+attendre|vous-?\s?meme"
    r"|ensemble|a\s+nouveau|automatiquement|officiellement)"
)
_FR_FILLERS = rf"(?:{_FR_FILLER}\s+){{0,3}}"
_FR_DO = (
    r"(?:reserv|rebook|book|reachemin|rembours|credit|annul|debloqu|reactiv|reinitialis"
    r"|lev|chang|modifi|prolong|remplac|command|expedi|programm|planifi|organis|ajout"
    r"|supprim|retir|enlev|corrig|ajust|rectifi|valid|approuv|autoris|appliqu"
    r"|resili|clotur|retrouv|lanc|replac|surclass|upgrad|livr|activ|desactiv|install"
    r"|confirm|propos|vers|vir|gel|bloqu|report|decal|rajout|dedommag|indemnis"
    r"|rebranch|retabl|renvoy|reexpedi|cancell|reloge)"
    rf"{_ER}"
    r"|(?:envoi(?:e|es|ent)|envoy(?:ons|ez|er|ee?s?)|enverr(?:ai|as|a|ons|ez|ont))\b"
    r"(?!\s+(?:plein\s+de\s+|tout\s+mon\s+|toute\s+ma\s+|mes\s+|nos\s+|toutes\s+mes\s+)?"
    r"(?:courage|pensees|amities|salutations|encouragements|condoleances|bonnes|meilleures))"
    r"|(?:mets|met|mettons|mettez|mettre|mis|mise|mises|mettrai|mettra|mettrons)\b"
    r"(?!\s+(?:en\s+attente|tout\s+en))"
    r"|inscri(?:s|t|te|ts|tes|re|vons|vez|rai|ra)\b"
    r"|(?:offr(?:e|es|ons|ez|ir|irai|ira|irons)|offert(?:e|s|es)?)\b(?!\s+(?:nos|mes)\s)"
    r"|suspend(?:s|ons|ez|re|u|ue|us|ues|rai|ra|rons)\b"
    r"|rembourserai|fais\s+(?:livrer|partir|virer|rembourser|annuler|reacheminer|envoyer"
    r"|porter|passer\s+(?:un|une|le|la)|une\s+exception)\b"
    r"|trouve\s+(?:une|un|deux|\d+)\s+(?:place|siege|vol|chambre|train|billet|creneau"
    r"|technicien|rendez-vous)"
)
"""Concrete actions (any form), French: book, refund, credit, unblock, cancel..."""
_FR_DONE = (
    r"(?:reserv|rebook|book|reachemin|rembours|credit|annul|debloqu|reactiv|reinitialis"
    r"|lev|chang|modifi|prolong|remplac|expedi|programm|planifi|organis|ajout|supprim"
    r"|retir|enlev|corrig|ajust|rectifi|approuv|autoris|accord|appliqu|resili"
    r"|clotur|retrouv|lanc|replac|surclass|activ|confirm|vers|vir|gel|report|decal"
    r"|transfer|dedommag|indemnis|retabl|renvoy|reexpedi|reloge|regl|envoy)"
    r"(?:e|ee|es|ees)\b|(?:inscrit|inscrite|inscrits|offert|offerte"
    r"|suspendu|suspendue|suspendus|suspendues|pris\s+en\s+charge|prise\s+en\s+charge"
    r"|couvert|couverte|couverts|parti|partie|partis|en\s+route|en\s+chemin)\b"
)
"""Participles of a fix already made: "le billet est réservé", "frais annulés"."""
_FR_VAGUE = (
    r"(?:regard|verifi|examin|analys|check|relanc|transfer|escalad|renseign|recontact"
    r"|contact|appel|appell|essay|essai|tent|signal|not|cherch|investigu|etudi|trouv|text"
    r"|reverifi|rappel|rappell|rapell)(?!\w*\s+qu(?:e\b|\s*'))"
    rf"{_ER}|voir\b|revoir\b"
    r"|transmet(?:s|tons|tez|tre|trai|tra)?\b|transmis\b|remont\w*|fais\s+remonter"
    r"|(?:vais|va|allons)\s+voir\b|vois\s+ce\s+que|fais\s+(?:le\s+suivi|le\s+necessaire"
    r"|de\s+mon\s+mieux|mon\s+possible|tout\s+mon\s+possible|le\s+maximum"
    r"|tout\s+ce\s+que\s+je\s+peux)|suis\s+(?:dessus|en\s+train\s+de\s+(?:regarder"
    r"|verifier|chercher))|tiens\s+au\s+courant|tiendrai\s+au\s+courant"
    r"|redis\b|redirai\b|reviens\b|reviendrai\b|recontacte\w*"
)
"""Vague next steps (any form), French: look, check, pass on, call back..."""
_FR_MODAL = (
    r"(?:vais|peux|pourrais|pourrai|voudrais|aimerais|souhaite|dois|compte|veux"
    r"|tiens\s+a|vais\s+pouvoir|peux\s+aussi|m\s*'?\s*engage\s+a|m\s*'?\s*apprete\s+a"
    r"|suis\s+en\s+train\s+de|viens\s+d\s*'?\s*(?:e\s+)?|me\s+charge\s+de"
    r"|m\s*'?\s*occupe\s+de|propose\s+de|prefere|suis\s+(?:en\s+mesure|capable)\s+de"
    r"|suis\s+(?:heureu(?:x|se)|ravie?)\s+de|vais\s+tout\s+de\s+suite)"
)
_FR_WE_MODAL = (
    r"(?:va|peut|pourrait|allons|pouvons|pourrions|doit|devons|vient\s+d\s*'?\s*(?:e\s+)?"
    r"|venons\s+d\s*'?\s*(?:e\s+)?|a|avons|est\s+en\s+train\s+de)"
)
_FR_NOT = r"(?!\s+(?:pas|plus|jamais|rien)\b)"
"""Spoken French drops "ne": "je rembourse pas" is no refund."""
_FR_WE = r"(?<!vous\s)(?<!tu\s)(?<!de\s)(?<!d')(?<!pour\s)(?<!a\s)\b(?:on|nous)\s+"
"""We as the subject ("nous vous envoyons"), not an object ("merci de nous envoyer")."""
_FR_SUBJECT_PAST = (
    rf"(?:{FR_JE}{FR_OBJ}(?:ai\s+)?|{_FR_WE}{FR_OBJ}(?:avons\s+|a\s+)?"
    rf"(?!\w+(?:er|ir)\b|mettre\b|inscrire\b|suspendre\b))"
)
"""I / we, present or perfect: "je vous ai", "j'", "on vous a", "nous avons"; an
infinitive after "nous" makes it an object ("il fallait nous envoyer")."""
_FR_SUBJECT_MODAL = (
    rf"(?:{FR_JE}{_FR_MODAL}\s*|{_FR_WE}{_FR_WE_MODAL}\s*|\blaissez-?\s?moi\s+"
    rf"|\bpermettez-?\s?moi\s+de\s+)"
)

# --- ownership ------------------------------------------------------------------
OWN_APOLOGY = any_of(
    rf"(?:(?:{I_AM}|{WE_ARE})\s+)?{INTENSES}{SORRY}\s*,?\s*(?:for|about)\s+"
    rf"(?:the|any|this|that|all\s+(?:the|this)|our)\s+(?:{INCONVENIENCE})\b",
    rf"(?:(?:{I_AM}|{WE_ARE})\s+)?{SORRY}\s+(?:for|about)\s+(?:that|this)\s*(?=[.!,;]|$)",
    r"\bapp?olog\w*",
    rf"{SORRY}\s*,?\s*(?:that\s+)?(?:we|our)\b",
    # French
    r"\b(?:toutes\s+)?(?:mes|nos)\s+(?:plus\s+)?(?:sinceres\s+|plates\s+|humbles\s+"
    r"|profondes\s+)?excuses\b|\b(?:je|nous|on)\s+vous\s+(?:re)?do(?:is|it|ns)\s+des"
    r"\s+excuses\b",
    r"\b(?:je|nous|on)\s+vous\s+(?:prie|prions)\s+de\s+(?:bien\s+vouloir\s+)?(?:nous"
    r"|m\s*'?)\s*excuser|\bveuillez\s+(?:nous|m\s*'?)\s*excuser|\bexcusez\s*-?\s*(?:nous"
    r"|moi)\s+(?:pour|de|d\s*')",
    r"\bj?e?\s*m\s*'?\s*(?:en\s+)?excuse\b|\bnous\s+nous\s+(?:en\s+)?excusons\b"
    r"|\bon\s+s\s*'?\s*(?:en\s+)?excuse\b",
    rf"{FR_SORRY}\s*,?\s*(?:pour|de|du|des|d\s*')\s*{_FR_THE}?\s*(?:[\w-]+\s+)?"
    rf"(?:{FR_INCONVENIENCE})\b",
    rf"{FR_SORRY}\s*,?\s*(?:de|d\s*')\s*(?:vous|t\s*'?|te)\s*(?:avoir|faire)\b"
    rf"|{FR_SORRY}\s*,?\s*(?:que|qu\s*')\s*(?:nous|on)\b",
    rf"{FR_SORRY}\s+pour\s+(?:ca|cela)\s*(?=[.!,;]|$)",
    rf"\bpardon\s+(?:pour|de|d\s*')\s*(?:{_FR_THE}\s*)?[\w-]+",
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
    # French
    r"(?<!pas\s)(?<!pas\sde\s)(?<!plus\s)(?<!hors\sde\s)(?<!aucune\s)\b(?:notre|ma|mon)"
    r"\s+(?:propre\s+)?(?:faute|erreur|responsabilite|oubli|bourde|tort)\b",
    r"\b(?:une\s+|l\s*'\s*)?erreur\s+(?:de\s+notre\s+part|de\s+ma\s+part|de\s+nos"
    r"\s+services|chez\s+nous)\b|\bl\s*'\s*erreur\s+(?:vient|venait)\s+de\s+(?:chez\s+)?nous"
    r"|\bc\s*'?\s*est\s+(?:bien\s+|vraiment\s+)?(?:nous|moi)\s+qui\s+(?:nous\s+sommes"
    r"|me\s+suis|avons|ai|avions)\b",
    r"\b(?:on\s+s\s*'?\s*est|nous\s+nous\s+sommes|je\s+me\s+suis)\s+(?:bien\s+)?"
    r"tromp\w*|\b(?:nous\s+avons|on\s+a|j\s*'?\s*ai)\s+(?:fait|commis)\s+(?:une|un)"
    r"\s+(?:\w+\s+)?(?:erreur|faute|oubli|bourde|gaffe|impair)",
    r"\bc\s*'?\s*est\s+a\s+(?:nous|moi)\s+d\s*'?\s*(?:e\s+)?\w+",
    r"\b(?:nous\s+aurions|on\s+aurait|j\s*'?\s*aurais|nous\s+devions|on\s+devait)\s+"
    r"(?:du|dû)\s+(?:(?:vous|te|t\s*'|l\s*'|le|la|les|en|y|lui)\s*)?\w+(?:er|ir|re)\b",
    r"\b(?:ca|cela|ce|c|ceci|il|elle)\s*(?:n\s*'?\s*)?(?:aurait|auraient)\s+(?:jamais"
    r"|pas)\s+(?:du|dû|pu)\s+(?:arriver|se\s+produire|se\s+passer|avoir\s+lieu|etre)",
    r"\b(?:vous|tu)\s+(?:n\s*'?\s*)?(?:auriez|aurais)\s+(?:jamais|pas)\s+(?:du|dû)\s+"
    r"(?:avoir\s+a|recevoir|vivre|subir|attendre|payer|etre|passer|vous\s+(?:inquieter"
    r"|deplacer|battre))",
    r"\b(?:ce\s+n\s*'?\s*est|c\s*'?\s*est|c)\s+(?:vraiment\s+|tellement\s+|juste\s+"
    r"|absolument\s+|du\s+tout\s+)?pas\s+(?:du\s+tout\s+)?(?:acceptable|normal|correct"
    r"|admissible)\b|\bc\s*'?\s*est\s+(?:vraiment\s+|tout\s+simplement\s+)?"
    r"(?:inacceptable|inadmissible|inexcusable)\b|\bca\s+(?:n\s*'?\s*)?a\s+(?:pas|aucun)"
    r"\s+(?:d\s*'?\s*allure|de\s+sens|sens)\b|\brien\s+ne\s+justifie\b",
    r"\bj?e?\s*m\s*'?\s*en\s+(?:occupe|charge|occuperai|charger|occuper)\b"
    r"|\bje\s+(?:m\s*'?\s*occupe|me\s+charge)\s+de\s+(?:tout|ca|cela|votre|ton|ta|vos"
    r"|tes|cette|vous|toi)\b",
    r"\bje\s+prends\s+(?:personnellement\s+)?(?:\w+\s+){0,2}en\s+charge\b"
    r"|\bje\s+prends\s+le\s+relais\b|\blaissez-?\s?moi\s+(?:faire|m\s*'?\s*en\s+occuper"
    r"|gerer)\b|\bje\s+garde\s+(?:votre|ton|le)\s+dossier\b|\bje\s+(?:suis|reste)\s+"
    r"(?:votre|ton)\s+(?:interlocut\w+|contact|conseill\w+)|\bj\s*'?\s*y\s+veille\b"
    r"|\bje\s+m\s*'?\s*en\s+veux\b",
    rf"{FR_JE}(?:(?:vais|veux|peux)\s+(?:{_FR_SELF}\s+)?)?(?:(?:le|la|les)\s+|l\s*'\s*)?"
    rf"(?:regl|arrang|corrig|repar|rectifi)(?:e|er)\s+(?:{_FR_SELF}\b|(?:{_FR_SELF}\s+)?"
    rf"(?:ca|cela|tout|le\s+probleme|la\s+situation|l\s*'\s*erreur|votre|ton|ta"
    rf"|les\s+choses)\b)",
    r"\bc\s*'?\s*est\s+moi\s+qui\s+(?:m\s*'?\s*(?:en\s+)?occupe|me\s+charge|gere|vais\s+"
    r"(?:m\s*'?\s*en\s+occuper|regler|suivre))\b",
    r"\b(?:nous\s+(?:assumons|prenons)|j\s*'?\s*assume|je\s+prends)\s+(?:l\s*'?\s*"
    r"entiere\s+|toute\s+la\s+|la\s+pleine\s+|la\s+)?(?:responsabilite|erreur)"
    r"|\b(?:on|nous)\s+vous\s+(?:a|avons)\s+(?:laisse\w*\s+tomber|mal\s+(?:informe|conseille"
    r"|servi|oriente)\w*|oublie\w*)|\bon\s+a\s+echappe\s+la\s+balle\b",
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
    # French
    rf"{_FR_SUBJECT_PAST}{_FR_FILLERS}(?:{_FR_DO}){_FR_NOT}",
    rf"{_FR_SUBJECT_MODAL}{_FR_FILLERS}{FR_OBJ}{_FR_FILLERS}(?:{_FR_DO}){_FR_NOT}",
    rf"\b(?:{_FR_THE}|il|elle|ils|elles|\d+(?:[.,]\d+)?\s*[$\u20ac]?|[$\u20ac]\s*\d+"
    rf"(?:[.,]\d+)?)\s*"
    rf"(?:[\w-]+\s+){{0,3}}?(?:est|sont|a\s+ete|ont\s+ete|sera|seront|va\s+etre"
    rf"|vont\s+etre|vient\s+d\s*'?\s*etre|viennent\s+d\s*'?\s*etre)\s+"
    rf"(?:{_FR_FILLERS})(?:{_FR_DONE})",
    r"\b(?:sera|seront|va\s+etre|vont\s+etre)\s+(?:\w+\s+)?(?:livree?s?|expediee?s?"
    r"|(?:de\s+nouveau\s+)?(?:active|actif|operationnel)\w*|chez\s+vous|sur\s+place)\b",
    r"\b(?:vous\s+etes|t\s*'?\s*es|tu\s+es|vous\s+serez|tu\s+seras)\s+(?:maintenant\s+"
    r"|deja\s+|bien\s+|desormais\s+)?(?:rebook|reserv|rembours|credit|replac|transfer"
    r"|surclass|confirm|reloge|couvert|inscrit)\w*",
    r"\bc\s*'?\s*est\s+(?:deja\s+|bien\s+|tout\s+)?(?:fait|regle|reserve|confirme|booke"
    r"|rembourse|credite|envoye|annule|debloque|parti|lance|valide)\b",
    r"\b(?:vous|tu)\s+(?:recevrez|recevras|allez\s+recevoir|vas\s+recevoir|va\s+recevoir"
    r"|aurez|auras|allez\s+avoir|vas\s+avoir|devriez\s+recevoir|allez\s+voir)\s+"
    r"(?:aussi\s+|egalement\s+|bientot\s+|tout\s+de\s+suite\s+)?(?:un|une|le|la|les|votre"
    r"|vos|ton|ta|tes|l\s*'|des)\s*(?:[\w-]+\s+){0,2}?(?:remboursement|courriel|mail|e-?mail"
    r"|sms|texto|code|lien|confirmation|billet|carte|avoir|bon|colis|appel|credit|virement"
    r"|facture|lettre|etiquette|voucher|cheque|montant|argent|somme|livraison|nouvelle"
    r"|recapitulatif|suivi|detail|justificatif|attestation|devis|numero\s+de\s+suivi"
    r"|reponse\s+(?:ecrite|definitive))",
    r"\b(?:credit|remboursement|confirmation|billet|avoir|bon|code|lien|courriel|mail|sms"
    r"|texto|frais|virement|commande|livraison|rendez-vous|carte|acces|colis|prelevements?)s?"
    r"\b(?:\s+[\w',.$\u20ac()+-]+){0,5}?\s+(?:envoye|applique|rembourse|credite|confirme"
    r"|reserve|annule|retire|enleve|valide|lance|programme|parti|debloque|reactive|suspendu"
    r"|corrige|offert)e?s?\b",
    r"\b(?:deux|2|trois|3|plusieurs|quelques)\s+(?:options|possibilites|solutions|choix"
    r"|alternatives|propositions)\b|\b(?:une|l\s*'|l)\s*autre\s+(?:option|possibilite)\b",
    r"\bsinon\s*,?\s*(?:je|on|nous|j)\s*'?\s*(?:peux|peut|pouvons|pourrais|pourrait"
    r"|vous\s+propose|ai)\b|\bou\s+(?:bien\s+)?(?:alors\s+)?(?:je|on)\s+(?:peux|peut"
    r"|vous)\b|\b(?:vous|tu)\s+(?:pouvez|peux)\s+(?:soit|aussi\s+choisir|choisir)\b",
    r"\b(?:il|y)\s+(?:me\s+|nous\s+|vous\s+)?(?:reste|a)\s+(?:encore\s+|toujours\s+)?"
    r"(?:une?|deux|trois|\d+|des|quelques)\s+(?:[\w-]+\s+)?(?:places?|sieges?|chambres?"
    r"|creneaux?|disponibilites?|billets?|rendez-vous)\s+(?:sur|dans|pour|a|au|ce|cet|cette"
    r"|demain|disponibles?|libres?|le|en)\b",
    r"\b(?:j\s*'?\s*ai|nous\s+avons|on\s+a|j\s*'?\s*ai\s+encore)\s+(?:encore\s+)?"
    r"(?:une?|deux|trois|\d+|des)\s+(?:[\w-]+\s+)?(?:places?|sieges?|chambres?|creneaux?"
    r"|options?|disponibilites?|techniciens?|rendez-vous)\s+(?:sur|dans|pour|a|au|ce|cet"
    r"|cette|demain|disponibles?|libres?|le|en|pour)\b",
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
    # French
    rf"{_FR_SUBJECT_PAST}{_FR_FILLERS}(?:{_FR_VAGUE}){_FR_NOT}",
    rf"{_FR_SUBJECT_MODAL}{_FR_FILLERS}{FR_OBJ}{_FR_FILLERS}(?:{_FR_VAGUE}){_FR_NOT}",
    r"\b(?:je|on|nous)\s+(?:vous\s+|te\s+)?(?:reviens|reviendrai|revient|reviendra"
    r"|reviendrons|revenons)\b|\b(?:vous|te)\s+reviens\b",
    r"\b(?:quelqu\s*'?\s*un|un(?:e)?\s+(?:conseill\w+|agent|agente|technicien\w*|collegue"
    r"|responsable|superviseu\w+|specialiste|gestionnaire|expert\w*|livreur|coursier)"
    r"|(?:mon|ma|notre|nos|le|la|les|votre)\s+(?:equipe|service|responsable|superviseu\w+"
    r"|collegue|gestionnaire|chef|conseill\w+|technicien\w*|specialiste|direct\w+"
    r"|livreur|coursier|expert|chauffeur|transporteur)s?(?:\s+[\w-]+){0,2}|ils?|elles?)\s+"
    r"(?:vous\s+|te\s+|t\s*'\s*)?(?:va|vont|devrait|devraient|pourra|pourront|doit|peut"
    r"|peuvent)?\s*(?:vous\s+|te\s+|t\s*'\s*)?(?:recontact|contact|rappel|appel|ecri|revien"
    r"|communiqu|repondr|traiter|examin|etudi|passe|vien|venir|arriv|livr|debloqu|rembours"
    r"|s\s*'?\s*occup|etre\s+(?:la|chez\s+vous|sur\s+place))\w*",
    r"\b(?:vous|tu)\s+(?:serez|seras|allez\s+etre|vas\s+etre)\s+(?:re)?(?:contacte|rappele"
    r"|appele|informe|avise)\w*",
    r"\b(?:est|a\s+ete|sont|ont\s+ete|sera)\s+(?:bien\s+)?(?:relance|escalade|remonte)e?s?\b",
)
_DAY = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_FR_DAY = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
CONCRETE_MARKER = any_of(
    r"\b\d{1,2}[:.]\d{2}\b",
    r"\b\d{1,2}\s*(?:am|pm)\b",
    r"\b(?:noon|midday|midnight)\b",
    r"[£$€]\s*\d",
    r"\b\d+(?:[.,]\d+)?\s*(?:pounds|quid|dollars|euros|gbp|usd|eur|percent)\b|\d\s*%",
    r"\b(?:within|in|by)\s+(?:the\s+next\s+)?(?:\d+|an?|one|two|three|four|five|24|48)"
    r"\s*(?:hours?|hrs?|days?|working\s+days|business\s+days|minutes?|mins?|weeks?)\b",
    rf"\bby\s+(?:{_DAY}|tomorrow|tmrw|tonight|today|the\s+end\s+of|end\s+of|eod|close)\b",
    # French
    r"\b\d{1,2}\s*h\s*\d{2}\b|\b\d{1,2}\s*h\b(?!\w)(?!\s*(?:d\s*'|de\s))",
    r"\d\s*[$\u20ac\u00a3]|\b\d+(?:[.,]\d+)?\s*(?:euros?|dollars?|pour\s*cent|balles)\b",
    r"\b(?:d\s*'?\s*ici|dans|sous|en|avant|d\s*'?\s*ici\s+a)\s+(?:les\s+|la\s+)?"
    r"(?:prochaines?\s+)?(?:(?:\d+|une?|deux|trois|quatre|cinq)\s*(?:a|-|ou)\s*)?(?:\d+|une?"
    r"|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|trente|vingt)\s*(?:heures?|h"
    r"|jours?(?:\s+ouvr(?:es|ables))?|minutes?|mins?|semaines?|mois)\b",
    rf"\b(?:d\s*'?\s*ici|avant|pour|des|jusqu\s*'?\s*a|au\s+plus\s+tard)\s+(?:{_FR_DAY}"
    rf"|demain|ce\s+soir|ce\s+midi|cet\s+apres-?\s?midi|midi|la\s+fin\s+de\s+(?:la\s+)?"
    rf"(?:journee|semaine|matinee|mois)|aujourd\s*'?\s*hui|ce\s+matin)\b",
    rf"\b(?:demain|{_FR_DAY})\s+(?:matin|midi|soir|apres-?\s?midi|prochain|avant|entre|vers"
    rf"|a\s+\d|des|\d)",
    r"\b(?:le\s+)?\d{1,2}(?:er)?\s+(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout"
    r"|septembre|octobre|novembre|decembre)\b|\baujourd\s*'?\s*hui\s+meme\b",
)
