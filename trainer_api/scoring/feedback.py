"""Feedback tips for the learner: short, specific, most important first.

Order: a repeated template, then penalties (heaviest first, quoting the
learner's own words), then stock filler, then the dimension that lost the most
points. At most two tips are returned; the scorer may add a third, the closest
model answer (:func:`model_answer_tip`), when a reply scores low.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from .result import DIMENSION_WEIGHTS, DIMENSIONS, PENALTIES, PENALTY_WEIGHTS
from .text import content_words, word_key

LOW_BANDS = ("poor", "developing")
MAX_TIPS = 2
_QUOTE_LIMIT = 60
_ANSWER_LIMIT = 240
LANGUAGES = ("en", "fr")

# Every tip below is generic: no scenario's facts, so it can never suggest
# another scenario's fix. Examples from the current scenario and stage come
# only through the scenario's own model answers (model_answer_tip).
_TIPS: dict[str, dict[str, str]] = {
    "empty": {
        "en": "Write a reply before sending: acknowledge how the customer feels and "
        "say what you will do next.",
        "fr": "Écrivez une réponse avant d'envoyer : reconnaissez ce que ressent le "
        "client et dites ce que vous allez faire.",
    },
    "no_words": {
        "en": "Write your reply in plain words the customer can read: acknowledge "
        "how they feel and say what you will do next.",
        "fr": "Écrivez votre réponse avec des mots que le client peut lire : "
        "reconnaissez ce que la personne ressent et dites ce que vous allez faire.",
    },
    "praise": {
        "en": "Strong reply for this moment: it gives the customer what they need "
        "right now. Keep it this specific.",
        "fr": "Très bonne réponse pour ce moment : elle donne à la personne ce "
        "dont elle a besoin maintenant. Restez aussi précis.",
    },
    "emotional_reaction:0": {
        "en": "Acknowledge how they feel before you fix anything: say you're sorry "
        "about what happened to them, in their own terms.",
        "fr": "Reconnaissez ce que la personne ressent avant de régler quoi que ce "
        "soit : dites que vous êtes désolé de ce qui lui arrive, avec ses mots.",
    },
    "emotional_reaction:1": {
        "en": "Make your sympathy specific: name what happened to them or what it "
        'is costing them, not just "sorry to hear that".',
        "fr": "Rendez votre compassion précise : nommez ce qui lui arrive ou ce que "
        "ça lui coûte, pas seulement « désolé d'apprendre ça ».",
    },
    "interpretation:0": {
        "en": "Show you understand: name the feeling (worried, exhausted, let "
        "down) or sum up their situation in a sentence.",
        "fr": "Montrez que vous comprenez : nommez le sentiment (inquiet, épuisé, "
        "déçu) ou résumez sa situation en une phrase.",
    },
    "interpretation:1": {
        "en": "Say exactly what you understand: name the feeling, or what they "
        "have been through, in their terms.",
        "fr": "Dites précisément ce que vous comprenez : nommez le sentiment, ou ce "
        "que la personne a vécu, avec ses mots.",
    },
    "exploration:0": {
        "en": "Ask one open question about what matters most to them, and offer a "
        "choice where you can.",
        "fr": "Posez une question ouverte sur ce qui compte le plus pour la "
        "personne, et proposez un choix quand c'est possible.",
    },
    "exploration:1": {
        "en": 'Ask about their needs rather than a generic "anything else?": what '
        "matters most to them right now?",
        "fr": "Interrogez-le sur ses besoins plutôt qu'un « autre chose ? » "
        "générique : qu'est-ce qui compte le plus pour elle maintenant ?",
    },
    "ownership:0": {
        "en": "Own the company's part: say it should not have happened and that "
        "you will put it right.",
        "fr": "Assumez la part de l'entreprise : dites que cela n'aurait pas dû "
        "arriver et que vous allez arranger les choses.",
    },
    "ownership:1": {
        "en": "Make the apology yours: say plainly what the company got wrong "
        "and that you will sort it.",
        "fr": "Faites vos excuses vous-même : dites clairement ce que l'entreprise "
        "a mal fait et que vous vous en occupez.",
    },
    "resolution:0": {
        "en": "Offer a concrete next step: what you will do and by when, or two "
        "options they can choose from.",
        "fr": "Proposez une prochaine étape concrète : ce que vous allez faire et "
        "quand, ou deux options au choix.",
    },
    "resolution:1": {
        "en": "Make the next step concrete: say exactly what you will do and when "
        "they will hear back.",
        "fr": "Rendez la prochaine étape concrète : dites exactement ce que vous "
        "allez faire et quand la personne aura des nouvelles.",
    },
    "blame": {
        "en": "{said} puts the fault on the customer; leave out what they should "
        "have done and say what you will do now.",
        "fr": "{said} rejette la faute sur la personne ; laissez de côté ce "
        "qu'elle aurait dû faire et dites ce que vous faites maintenant.",
    },
    "dismissal:feelings": {
        "en": "{said} sounds like you are blaming their feelings{undo}; apologise "
        "for what happened instead.",
        "fr": "{said} donne l'impression de reprocher à la personne ce qu'elle "
        "ressent{undo} ; excusez-vous plutôt de ce qui s'est passé.",
    },
    "dismissal": {
        "en": "{said} plays down how they feel{undo}; acknowledge it instead: "
        "their reaction makes sense.",
        "fr": "{said} minimise ce que la personne ressent{undo} ; reconnaissez-le "
        "plutôt : sa réaction se comprend.",
    },
    "policy_wall": {
        "en": "{said} hides behind the rules{undo}; say what you can do within "
        "them, or who can decide.",
        "fr": "{said} se retranche derrière les règles{undo} ; dites ce que vous "
        "pouvez faire dans ce cadre, ou qui peut décider.",
    },
    "shouting": {
        "en": "Writing {said} in capitals reads as shouting; use normal case and "
        "let the words carry the emphasis.",
        "fr": "Écrire {said} en majuscules revient à crier ; écrivez normalement "
        "et laissez les mots porter le message.",
    },
    "hostility": {
        "en": "{said} sounds sarcastic or rude; drop it and keep a calm, neutral "
        "tone.",
        "fr": "{said} paraît sarcastique ou impoli ; retirez-le et gardez un ton "
        "calme et neutre.",
    },
    "undo": {"en": " and cancels out your {said}", "fr": " et annule votre {said}"},
    "repeat": {
        "en": "You pasted the same reply as in an earlier turn; customers notice a "
        "template. Answer what they have just said.",
        "fr": "Vous avez recollé la même réponse qu'avant ; les clients remarquent "
        "un modèle. Répondez à ce que la personne vient de dire.",
    },
    "filler": {
        "en": "Cut stock phrases like {said}; they say nothing about this "
        "customer's problem. Use the space for their situation and your next "
        "step.",
        "fr": "Supprimez les formules toutes faites comme {said} ; elles ne disent "
        "rien du problème de ce client. Parlez plutôt de sa situation et de la "
        "suite.",
    },
    "model_answer": {
        "en": "A stronger reply here: {said}",
        "fr": "Une meilleure réponse ici : {said}",
    },
    "unsupported": {
        "en": "This reply could not be scored: it looks like {name}, and the "
        "scorer reads English and French. Reply in the customer's language.",
        "fr": "Cette réponse n'a pas pu être évaluée : elle semble écrite en "
        "{name}, et l'évaluation lit le français et l'anglais. Répondez dans "
        "la langue du client.",
    },
    "unsupported_unknown": {
        "en": "This reply could not be scored: it looks written in a language "
        "other than English or French, the two the scorer reads. Reply in the "
        "customer's language.",
        "fr": "Cette réponse n'a pas pu être évaluée : elle ne semble écrite ni "
        "en français ni en anglais, les deux langues que lit l'évaluation. "
        "Répondez dans la langue du client.",
    },
}
LANGUAGE_NAMES_FR = {
    "Spanish": "espagnol",
    "German": "allemand",
    "Italian": "italien",
    "Portuguese": "portugais",
    "Dutch": "néerlandais",
    "Polish": "polonais",
    "Russian": "russe",
    "Arabic": "arabe",
    "Chinese": "chinois",
    "Japanese": "japonais",
    "Turkish": "turc",
    "Vietnamese": "vietnamien",
    "Hindi": "hindi",
}

EMPTY_TIP = _TIPS["empty"]["en"]
NO_WORDS_TIP = _TIPS["no_words"]["en"]
PRAISE_TIP = _TIPS["praise"]["en"]


def tip(key: str, language: str = "en", **values: str) -> str:
    """The catalogue's tip ``key`` in ``language`` (English if not French)."""
    texts = _TIPS[key]
    return texts.get(language, texts["en"]).format(**values)


def quote(text: str, limit: int = _QUOTE_LIMIT, language: str = "en") -> str:
    """The learner's words in quotes, whitespace collapsed, long ones cut."""
    words = " ".join(text.split())
    if len(words) > limit:
        cut = words[: limit - 1]
        if " " in cut and not words[limit - 1].isspace():
            cut = cut.rsplit(" ", 1)[0]  # end on a whole word
        words = cut.rstrip(" ,;:.") + "\u2026"
    return f"« {words} »" if language == "fr" else f'"{words}"'


def penalty_tip(
    penalty: str, offending: str, cancelled: str | None = None, language: str = "en"
) -> str:
    """Tip for one penalty, quoting the words that triggered it."""
    said = quote(offending, language=language)
    undo = (
        tip("undo", language, said=quote(cancelled, language=language))
        if cancelled
        else ""
    )
    if penalty == "dismissal" and re.search(
        r"feel|think|see|took|ressen|pren|vois", offending, re.I
    ):
        return tip("dismissal:feelings", language, said=said, undo=undo)
    if penalty in ("dismissal", "policy_wall"):
        return tip(penalty, language, said=said, undo=undo)
    if penalty == "blame":
        return tip("blame", language, said=said)
    if offending.isupper():
        return tip("shouting", language, said=said)
    return tip("hostility", language, said=said)


def dimension_tip(dimension: str, level: int, language: str = "en") -> str:
    """Tip for a dimension below level 2 (generic: no scenario's facts)."""
    return tip(f"{dimension}:{level}", language)


def repeat_tip(language: str = "en") -> str:
    """Tip for a reply pasted again from an earlier turn."""
    return tip("repeat", language)


def filler_tip(phrase: str, language: str = "en") -> str:
    """Tip for stock corporate phrases that say nothing to this customer."""
    return tip("filler", language, said=quote(phrase, language=language))


def unsupported_tip(language_name: str | None, language: str = "en") -> str:
    """The reply is in a language the scorer does not read (None: unsure which)."""
    if language_name is None:
        return tip("unsupported_unknown", language)
    shown = (
        LANGUAGE_NAMES_FR.get(language_name, language_name)
        if language == "fr"
        else language_name
    )
    return tip("unsupported", language, name=shown)


def build_feedback(
    *,
    levels: Mapping[str, int],
    offending: Mapping[str, str],
    cancelled: str | None = None,
    repeated: bool = False,
    filler: str | None = None,
    weights: Mapping[str, int] = DIMENSION_WEIGHTS,
    done: Sequence[str] = (),
    language: str = "en",
    band: str | None = None,
) -> list[str]:
    """Assemble at most two tips, most important first.

    Args:
        levels: final level per dimension.
        offending: penalty name -> the learner's words that triggered it.
        cancelled: words whose credit a wall or dismissal cancelled, if any.
        repeated: the reply repeats an earlier one.
        filler: a stock phrase worth cutting, if the reply leans on them.
        weights: how much a tip on each dimension matters at this moment
            (``moment.tip_priorities``); dimensions at 5 or less get no tip.
        done: dimensions the learner already did fully in earlier replies;
            no tip proposes them again.
        language: "en" or "fr".
        band: the reply's band, when known: an excellent reply with nothing
            to fix is praised rather than coached; a poor or developing one is
            never praised (when the moment leaves nothing to propose, the tips
            follow the rubric's own order).
    """
    tips = [repeat_tip(language)] if repeated else []
    heaviest = sorted(
        (p for p in PENALTIES if p in offending), key=lambda p: -PENALTY_WEIGHTS[p]
    )
    for penalty in heaviest:
        undone = cancelled if penalty in ("dismissal", "policy_wall") else None
        tips.append(penalty_tip(penalty, offending[penalty], undone, language))
        cancelled = None if undone else cancelled
    if filler:
        tips.append(filler_tip(filler, language))
    if band == "excellent" and not tips:
        return [tip("praise", language)]
    missing = _missing(levels, weights, done)
    if not missing and not tips and band in LOW_BANDS:
        missing = _missing(levels)  # never praise a low score: the rubric's own order
    tips += [dimension_tip(d, levels[d], language) for d in missing]
    return (tips or [tip("praise", language)])[:MAX_TIPS]


def _missing(
    levels: Mapping[str, int],
    weights: Mapping[str, int] = DIMENSION_WEIGHTS,
    done: Sequence[str] = (),
) -> list[str]:
    """Dimensions worth a tip, the most valuable first."""
    missing = [
        d for d in DIMENSIONS if levels[d] < 2 and weights[d] > 5 and d not in done
    ]
    missing.sort(key=lambda d: (-weights[d] * (2 - levels[d]), DIMENSIONS.index(d)))
    return missing


def closest_model_answer(reply: str, answers: Sequence[str]) -> str | None:
    """The model answer sharing most content words with the reply (cosine).

    Ties, and a reply sharing no word with any answer, go to the earliest
    answer: scenario authors list their best answer first.
    """
    usable = [answer for answer in answers if answer.strip()]
    if not usable:
        return None
    said = _stems(reply)
    return max(usable, key=lambda answer: _cosine(said, _stems(answer)))


def model_answer_tip(
    reply: str, answers: Sequence[str], language: str = "en"
) -> str | None:
    """``A stronger reply here: "..."`` with the closest model answer, if any."""
    answer = closest_model_answer(reply, answers)
    if answer is None:
        return None
    said = quote(answer, _ANSWER_LIMIT, language)
    return tip("model_answer", language, said=said)


def _stems(text: str) -> Counter[str]:
    return Counter(word_key(word) for word in content_words(text))


def _cosine(first: Counter[str], second: Counter[str]) -> float:
    shared = sum(first[key] * second[key] for key in first.keys() & second.keys())
    if not shared:
        return 0.0
    norms = math.sqrt(sum(v * v for v in first.values())) * math.sqrt(
        sum(v * v for v in second.values())
    )
    return shared / norms
