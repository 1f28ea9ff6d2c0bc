"""French patterns of the rule extractors (France and Québec, with and without
accents): what lights the rule features model-2 reads, and the words shown as
evidence. Each case is one of several wordings of a kind of reply, written for
these tests."""

from __future__ import annotations

import pytest

from trainer_api.scoring.action_lexicon import CONCRETE_MARKER
from trainer_api.scoring.extractors import Span, extract_all
from trainer_api.scoring.features import DENSE_FEATURES, dense_features
from trainer_api.scoring.text import build_view, fold_accents, word_key


def found(reply: str, label: str) -> list[Span]:
    return extract_all(build_view(reply, []))[label]


def level(reply: str, label: str) -> int:
    return max((span.level for span in found(reply, label)), default=0)


def texts(reply: str, label: str) -> list[str]:
    return [reply[span.start : span.end] for span in found(reply, label)]


# --- accents ---------------------------------------------------------------------


def test_accents_are_folded_without_moving_offsets() -> None:
    text = "Désolée, ÇA a déjà été réglé à 9 h ; naïve Noël"

    assert fold_accents(text) == "Desolee, CA a deja ete regle a 9 h ; naive Noel"
    assert len(fold_accents(text)) == len(text)
    assert word_key("réservation") == word_key("reservation")


@pytest.mark.parametrize(
    ("accented", "bare"),
    [
        ("Je vous ai remboursé les frais.", "je vous ai rembourse les frais"),
        ("Désolée pour ce contretemps.", "desolee pour ce contretemps"),
        ("Vous auriez dû vérifier l'adresse.", "vous auriez du verifier l'adresse"),
        ("Je débloque l'accès tout de suite.", "je debloque l'acces tout de suite"),
    ],
)
def test_chat_without_accents_reads_like_the_accented_reply(
    accented: str, bare: str
) -> None:
    first = extract_all(build_view(accented, []))
    second = extract_all(build_view(bare, []))

    assert {k: [s.level for s in v] for k, v in first.items()} == {
        k: [s.level for s in v] for k, v in second.items()
    }
    assert any(first.values())


# --- resolution ------------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Je vous ai réservé un siège sur le train de demain matin.",
        "Je vous ai rebooké sur la correspondance suivante.",
        "J'ai crédité votre compte de la différence.",
        "je t'ai remboursé la livraison",
        "Je lève la suspension de votre ligne maintenant.",
        "J'annule les pénalités de retard.",
        "Je résilie le forfait de votre père à la date du décès.",
        "Je vous envoie un nouveau lecteur par coursier.",
        "Je vais vous expédier une pièce de remplacement.",
        "Je peux vous proposer un avoir sur votre prochaine commande.",
        "On vous livre le nouveau matelas samedi.",
        "Nous vous remboursons l'intégralité du séjour.",
        "Votre billet a été échangé et la différence est remboursée.",
        "Vous allez recevoir un courriel de confirmation avec le lien.",
        "Vous êtes rebookée sur le vol suivant, le siège 14C.",
        "J'ai deux options pour vous : un échange ou un remboursement.",
        "C'est fait, la facture est corrigée.",
    ],
)
def test_concrete_actions_are_resolution_two(reply: str) -> None:
    assert level(reply, "resolution") == 2


@pytest.mark.parametrize(
    "reply",
    [
        "Je vais regarder votre dossier.",
        "Je vérifie avec le service technique.",
        "Je transmets votre demande à mon responsable.",
        "On vous rappelle.",
        "Je fais remonter le problème.",
        "Quelqu'un va vous recontacter.",
        "Je vais voir ce que je peux faire pour vous.",
        "je vous reviens la-dessus",
    ],
)
def test_vague_next_steps_are_resolution_one(reply: str) -> None:
    assert level(reply, "resolution") == 1


@pytest.mark.parametrize(
    "reply",
    [
        "Je vérifie et je vous rappelle d'ici 48 heures.",
        "Je transmets à ma responsable, vous aurez une réponse avant jeudi.",
        "Je regarde ça et je vous redis dans 20 minutes.",
        "Un technicien vous rappelle demain matin.",
    ],
)
def test_a_vague_step_with_a_time_is_resolution_two(reply: str) -> None:
    assert level(reply, "resolution") == 2


@pytest.mark.parametrize(
    "reply",
    [
        "Je ne peux pas vous rembourser.",
        "je peux pas annuler, desole",
        "je rembourse pas les frais de port",
        "Merci de nous envoyer la facture.",
        "Je vous rappelle que la garantie a expiré.",
        "Je vous ai mis en attente une minute.",
        "Votre réclamation est en cours de traitement.",
    ],
)
def test_refusals_requests_and_reminders_are_no_resolution(reply: str) -> None:
    assert level(reply, "resolution") == 0


@pytest.mark.parametrize(
    "marker",
    [
        "à 7 h 15",
        "vers 19h40",
        "40 €",
        "25 $",
        "112,50 $",
        "d'ici 48 heures",
        "dans 10 minutes",
        "sous 5 jours ouvrés",
        "d'ici 3 à 5 jours ouvrables",
        "demain matin",
        "avant vendredi",
        "d'ici la fin de la journée",
        "le 12 mars",
    ],
)
def test_french_concrete_markers(marker: str) -> None:
    assert CONCRETE_MARKER.search(fold_accents(marker.lower()))


@pytest.mark.parametrize("text", ["2 h d'attente", "depuis trois jours", "jeudi"])
def test_not_concrete_markers(text: str) -> None:
    assert not CONCRETE_MARKER.search(fold_accents(text.lower()))


# --- ownership -------------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "C'est notre erreur.",
        "C'est de ma faute, je suis allée trop vite.",
        "L'erreur vient de chez nous.",
        "Je m'en occupe personnellement.",
        "je men occupe",
        "Je prends votre dossier en charge.",
        "Nous aurions dû vous prévenir du changement.",
        "on aurait du vous aviser",
        "Ça n'aurait jamais dû arriver.",
        "Vous n'auriez jamais dû avoir à rappeler.",
        "Ce n'est pas acceptable.",
        "Ça a pas d'allure.",
        "On s'est trompés dans le calcul.",
        "C'est à nous de régler ça.",
    ],
)
def test_owning_the_fault_or_the_fix_is_ownership_two(reply: str) -> None:
    assert level(reply, "ownership") == 2


@pytest.mark.parametrize(
    "reply",
    [
        "Toutes mes excuses.",
        "Toutes nos excuses pour la gêne occasionnée.",
        "Je vous prie de nous excuser pour ce délai.",
        "Veuillez nous excuser pour l'attente.",
        "Je m'excuse.",
        "Nous sommes navrés pour ce contretemps.",
        "Désolé pour le désagrément.",
        "dsl pour ce blocage",
        "Pardon pour la confusion.",
        "Désolée qu'on vous ait fait attendre.",
    ],
)
def test_apologies_are_ownership_one(reply: str) -> None:
    assert level(reply, "ownership") == 1


@pytest.mark.parametrize(
    "reply",
    [
        "Ce n'est pas notre faute, c'est le transporteur.",
        "c'est pas de notre responsabilité",
        "Les retards météo ne relèvent pas de notre responsabilité.",
    ],
)
def test_pushing_the_fault_elsewhere_is_not_ownership(reply: str) -> None:
    assert level(reply, "ownership") == 0


# --- emotional_reaction, interpretation, exploration -------------------------------


@pytest.mark.parametrize(
    "reply",
    ["Je suis désolée d'apprendre ça.", "Oh non !", "Quelle galère.", "desolee :("],
)
def test_sorry_and_bad_situation_are_warmth(reply: str) -> None:
    assert level(reply, "emotional_reaction") == 1


@pytest.mark.parametrize(
    "reply",
    [
        "Désolé pour le désagrément.",
        "Désolé, mais je ne peux rien faire.",
        "Désolée que vous le preniez comme ça.",
    ],
)
def test_company_apology_refusal_and_dismissal_are_not_warmth(reply: str) -> None:
    assert level(reply, "emotional_reaction") == 0


@pytest.mark.parametrize(
    "reply",
    ["Toutes mes condoléances.", "Mes sincères sympathies.", "Ça doit être horrible."],
)
def test_condolences_and_compassion_are_warmth_two(reply: str) -> None:
    assert level(reply, "emotional_reaction") == 2


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Je comprends.", 1),
        ("je vous comprends", 1),
        ("Vous avez tout à fait raison.", 1),
        ("Je comprends que vous soyez à bout.", 2),
        ("Vous devez être épuisée.", 2),
        ("Pas étonnant que vous soyez en colère.", 2),
        ("Ça doit être tellement stressant.", 2),
        ("Je ne comprends pas votre question.", 0),
    ],
)
def test_interpretation(reply: str, expected: int) -> None:
    assert level(reply, "interpretation") == expected


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Puis-je vous aider pour autre chose ?", 1),
        ("Racontez-moi ce qui s'est passé.", 1),
        ("Vous préférez un échange ou un remboursement ?", 2),
        ("Qu'est-ce qui vous arrangerait le mieux ?", 2),
        ("Voulez-vous que je reste en ligne ?", 2),
        ("Avez-vous bien lu les conditions ?", 0),
    ],
)
def test_exploration(reply: str, expected: int) -> None:
    assert level(reply, "exploration") == expected


# --- penalties -------------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Calmez-vous, madame.",
        "calme toi",
        "Inutile de vous énerver.",
        "Pas besoin de crier.",
        "Ce n'est qu'une valise.",
        "C'est juste un petit retard.",
        "Il ne s'agit que d'un formulaire.",
        "C'est pas la fin du monde.",
        "Ce n'est pas si grave.",
        "N'exagérons rien.",
        "Désolé que vous le preniez comme ça.",
        "Je suis désolée si vous avez eu l'impression de ne pas être écoutée.",
        "Il suffit de ne pas y faire attention.",
        "Ce sont des choses qui arrivent.",
        "Vous n'êtes pas la seule à attendre.",
    ],
)
def test_dismissals(reply: str) -> None:
    assert found(reply, "dismissal")


@pytest.mark.parametrize(
    "reply",
    [
        "Vous auriez dû vérifier l'adresse avant de valider.",
        "t'aurais du checker tes courriels",
        "C'est de votre faute.",
        "C'est votre responsabilité de prévenir la banque.",
        "Il fallait anticiper.",
        "Vous n'aviez qu'à lire le contrat.",
        "Si vous aviez coché l'option, on n'en serait pas là.",
        "Avez-vous bien lu les conditions ?",
        "La prochaine fois, vérifiez votre panier.",
        "Vous n'avez pas renouvelé votre abonnement.",
    ],
)
def test_blame(reply: str) -> None:
    assert found(reply, "blame")


@pytest.mark.parametrize(
    "reply",
    [
        "C'est la procédure.",
        "C'est la politique de la compagnie.",
        "Je ne peux rien faire.",
        "jpeux rien y faire",
        "Je n'y peux rien.",
        "Conformément à nos conditions générales, ce n'est pas remboursable.",
        "Aucune exception n'est possible.",
        "Le système ne me permet pas de modifier la date.",
        "Je ne suis pas habilitée à répondre à cette question.",
        "C'est comme ça.",
    ],
)
def test_policy_walls(reply: str) -> None:
    assert found(reply, "policy_wall")


def test_a_rule_with_a_way_forward_is_not_a_wall() -> None:
    reply = (
        "C'est la procédure pour ce tarif, mais je peux vous mettre sur le car de "
        "22 h sans frais."
    )
    assert found(reply, "policy_wall") == []


@pytest.mark.parametrize(
    "reply",
    [
        "Comme je vous l'ai déjà dit, le dossier est en cours.",
        "Comme indiqué précédemment, il faut la facture.",
        "Je vous l'ai déjà expliqué deux fois.",
        "Ce n'est pas mon problème.",
        "Je m'en fiche.",
        "Débrouillez-vous.",
        "Vous n'allez pas en mourir.",
        "C'est écrit juste au-dessus.",
        "Je ne suis pas idiote.",
        "JE LIS VOS MESSAGES MADAME",
    ],
)
def test_hostility(reply: str) -> None:
    assert found(reply, "hostility")


@pytest.mark.parametrize(
    ("reply", "penalty"),
    [
        ("Ne vous inquiétez pas, je m'en occupe.", "dismissal"),
        ("Vous auriez dû recevoir un courriel de confirmation.", "blame"),
        ("Des frais que vous n'avez jamais demandés, c'est inacceptable.", "blame"),
        ("Je peux annuler sans délai et sans pénalité.", "policy_wall"),
        ("Je fais une exception pour vous.", "policy_wall"),
        ("Le colis arrive demain.", "dismissal"),
        ("Vous avez fait ce qu'il fallait.", "blame"),
        ("Il n'y a rien à faire de votre côté.", "policy_wall"),
        ("C'est pas pire comme solution ?", "dismissal"),
        ("Oh, pauvre petite, je suis désolée.", "hostility"),
    ],
)
def test_kind_replies_are_not_penalised(reply: str, penalty: str) -> None:
    assert found(reply, penalty) == []


# --- evidence and features ----------------------------------------------------------


def test_evidence_is_the_learners_own_accented_words() -> None:
    reply = "Désolée, c'était notre erreur : je vous ai réservé le vol de 18 h 40."

    assert texts(reply, "ownership") == ["notre erreur"]
    assert texts(reply, "resolution") == ["je vous ai réservé"]
    assert texts(reply, "emotional_reaction") == ["Désolée"]


def test_french_replies_light_the_rule_features() -> None:
    reply = (
        "Je suis vraiment désolé. C'est notre faute : je vous rembourse 40 € "
        "aujourd'hui."
    )
    view = build_view(reply, [])
    values = dict(
        zip(DENSE_FEATURES, dense_features(view, extract_all(view)), strict=True)
    )

    assert values["rule:emotional_reaction:1"] == 1.0
    assert values["rule:ownership:2"] == 1.0
    assert values["rule:resolution:2"] == 1.0
    assert values["text:you"] > 0 and values["text:i"] > 0


def test_english_replies_do_not_light_french_patterns() -> None:
    reply = "I'm on it, carry on as you were and pass on my number to the team."
    found_all = extract_all(build_view(reply, []))

    assert found_all["resolution"] == []
    assert not any(found_all[p] for p in ("blame", "dismissal", "policy_wall"))
