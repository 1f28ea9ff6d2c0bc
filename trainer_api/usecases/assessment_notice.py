"""What a hiring candidate reads, in the round's language: the notice before
consent (what is recorded, how it is used, how long it is kept, whom to ask,
how to get an accommodation) and the assessment page's words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer_api.storage.models import Candidate, PracticeSession
from trainer_api.usecases import self_declaration

NOTICE = {
    "en": {
        "title": "Before you start",
        "what": "This is a written role-play: you chat with a simulated customer "
        "who has a problem. We record the conversation (what you type and when) "
        "and the scores the product gives each reply. No audio, no video, and no "
        "emotion recognition from your face or voice.",
        "use": "A person at the employer reviews your conversation and decides. "
        "The scores are advisory: they point the reviewer to parts of the "
        "conversation, they never decide on their own. You may ask for the main "
        "factors behind your result and send your observations to the reviewers.",
        "keep": "Your conversation and scores are kept for {days} days after the "
        "round closes, then deleted. You can ask for them to be deleted sooner.",
        "alternative": "If you need an accommodation or an alternative to a written "
        "chat (for example extra time, or a conversation with a person), ask "
        "before you start: {contact}.",
        "contact": "Questions and requests: {contact}.",
        "time": "You will have {minutes} minutes for each conversation "
        "({count} in all). You cannot paste text into the reply box.",
        "agree": "I have read this and want to start",
        "decline": "I do not want to take this assessment",
        "declined": "You declined. Nothing of an assessment was recorded. If you "
        "change your mind, contact {contact}.",
        "start": "Start the conversation",
        "continue": "Continue the conversation",
        "done": "Thank you. Your assessment is complete; the employer will contact "
        "you. You may close this page.",
        "time_left": "Time left",
        "send": "Send",
        "reply": "Your reply",
        "customer": "Customer",
        "you": "You",
        "ended": "This conversation has ended.",
        "no_paste": "Pasting is turned off in this assessment: please type your reply.",
        "other_device": "You agreed on another device. To continue on this one, "
        "agree again below; if your assessment has started on the other device, "
        "HR must allow it first.",
        "ask_factors": "Show the main factors behind my result",
        "no_factors": "The factors are available once your conversations have ended.",
        "observe": "Your observations for the reviewers (for example, a problem "
        "during the assessment, or anything you want them to consider)",
        "send_observation": "Send to the reviewers",
        "observation_sent": "Sent. The reviewers will read it with your result.",
        "declare_title": "Optional: help check that this assessment is fair",
        "declare_intro": "Answering is voluntary and changes nothing in your "
        "result. Your answers are kept apart from your conversation and scores: "
        "the reviewers never see them and the scoring never uses them. They are "
        "only counted, with other candidates' answers, in a report that checks "
        "whether any group is scored or selected less often. You can change or "
        "withdraw them here at any time until your data is deleted.",
        "declare_prefer_not": "I prefer not to say",
        "declare_save": "Save my answers",
        "declare_withdraw": "Withdraw my answers",
        "declare_saved": "Saved. Thank you.",
        "declare_withdrawn": "Your answers have been deleted.",
    },
    "fr": {
        "title": "Avant de commencer",
        "what": "Il s'agit d'un jeu de rôle écrit : vous échangez par écrit avec "
        "un client simulé qui a un problème. Nous enregistrons la conversation "
        "(ce que vous écrivez et quand) et les notes que le produit donne à "
        "chaque réponse. Aucun son, aucune vidéo, aucune reconnaissance "
        "d'émotions à partir du visage ou de la voix.",
        "use": "Une personne chez l'employeur examine votre conversation et décide. "
        "Les notes sont indicatives : elles orientent la personne qui évalue, elles "
        "ne décident jamais seules. Vous pouvez demander les principaux facteurs de "
        "votre résultat et présenter vos observations aux évaluateurs.",
        "keep": "Votre conversation et vos notes sont conservées {days} jours après "
        "la fermeture de la session d'évaluation, puis supprimées. Vous pouvez en "
        "demander la suppression plus tôt.",
        "alternative": "Si vous avez besoin d'un accommodement ou d'une autre forme "
        "d'évaluation (par exemple plus de temps, ou un échange avec une personne), "
        "demandez-le avant de commencer : {contact}.",
        "contact": "Questions et demandes : {contact}.",
        "time": "Vous aurez {minutes} minutes pour chaque conversation ({count} au "
        "total). Le collage de texte est désactivé dans la zone de réponse.",
        "agree": "J'ai lu ces informations et je veux commencer",
        "decline": "Je ne veux pas faire cette évaluation",
        "declined": "Vous avez refusé. Aucune évaluation n'a été enregistrée. Si "
        "vous changez d'avis, communiquez avec {contact}.",
        "start": "Commencer la conversation",
        "continue": "Reprendre la conversation",
        "done": "Merci. Votre évaluation est terminée ; l'employeur communiquera avec "
        "vous. Vous pouvez fermer cette page.",
        "time_left": "Temps restant",
        "send": "Envoyer",
        "reply": "Votre réponse",
        "customer": "Client",
        "you": "Vous",
        "ended": "Cette conversation est terminée.",
        "no_paste": "Le collage est désactivé pendant l'évaluation : veuillez taper "
        "votre réponse.",
        "other_device": "Vous avez accepté sur un autre appareil. Pour continuer "
        "sur celui-ci, acceptez de nouveau ci-dessous ; si votre évaluation a "
        "commencé sur l'autre appareil, les RH doivent d'abord l'autoriser.",
        "ask_factors": "Afficher les principaux facteurs de mon résultat",
        "no_factors": "Les facteurs sont disponibles une fois vos conversations "
        "terminées.",
        "observe": "Vos observations pour les évaluateurs (par exemple un problème "
        "pendant l'évaluation, ou ce dont vous souhaitez qu'ils tiennent compte)",
        "send_observation": "Envoyer aux évaluateurs",
        "observation_sent": "Envoyé. Les évaluateurs le liront avec votre résultat.",
        "declare_title": "Facultatif : aidez-nous à vérifier que cette évaluation "
        "est équitable",
        "declare_intro": "Répondre est volontaire et ne change rien à votre "
        "résultat. Vos réponses sont conservées à part de votre conversation et de "
        "vos notes : les évaluateurs ne les voient jamais et la notation ne les "
        "utilise jamais. Elles sont seulement comptées, avec celles des autres "
        "candidats, dans un rapport qui vérifie si un groupe est moins souvent "
        "bien noté ou retenu. Vous pouvez les modifier ou les retirer ici à tout "
        "moment, jusqu'à la suppression de vos données.",
        "declare_prefer_not": "Je préfère ne pas répondre",
        "declare_save": "Enregistrer mes réponses",
        "declare_withdraw": "Retirer mes réponses",
        "declare_saved": "Enregistré. Merci.",
        "declare_withdrawn": "Vos réponses ont été supprimées.",
    },
}


def link_view(
    db: Session, candidate: Candidate, *, signed_in: bool, now: datetime | None = None
) -> dict[str, Any]:
    """What the candidate's page shows: the notice in the round's language,
    their consent, and where they are in the assessment."""
    round_ = candidate.round
    texts = {
        key: text.format(
            days=round_.retention_days,
            contact=round_.contact,
            minutes=round_.time_limit_minutes,
            count=len(round_.scenarios),
        )
        for key, text in NOTICE[round_.language].items()
    }
    active = None
    finished = 0
    if candidate.user_id is not None and signed_in:
        sessions = list(
            db.scalars(
                select(PracticeSession)
                .where(
                    PracticeSession.learner_id == candidate.user_id,
                    PracticeSession.round_scenario_id.is_not(None),
                )
                .order_by(PracticeSession.started_at)
            )
        )
        active = next((s.id for s in sessions if s.status == "active"), None)
        finished = sum(s.status != "active" for s in sessions)
    total = len(round_.scenarios) * candidate.attempts_allowed
    return {
        "round": {
            "title": round_.title,
            "language": round_.language,
            "time_limit_minutes": round_.time_limit_minutes,
            "conversations": len(round_.scenarios),
            "opens_at": round_.opens_at.isoformat(),
            "closes_at": round_.closes_at.isoformat(),
        },
        "consent": candidate.consent,
        "signed_in": signed_in,
        "active_session": active,
        "finished": finished,
        "can_start": signed_in
        and candidate.consent == "given"
        and active is None
        and finished < total,
        "texts": texts,
        "self_declaration": _declaration_form(db, candidate)
        if signed_in and candidate.consent == "given"
        else None,
    }


def _declaration_form(db: Session, candidate: Candidate) -> dict[str, Any] | None:
    """The optional self-declaration form in the round's language, with the
    candidate's own answers (shown only to them); None if the round asks none."""
    asked = self_declaration.questions_of(candidate.round.demographic_questions)
    if not asked:
        return None
    labels = self_declaration.LABELS[candidate.round.language]
    return {
        "questions": [
            {
                "id": question,
                "label": labels[question],
                "options": [
                    {"value": value, "label": labels[value]}
                    for value in self_declaration.QUESTIONS[question]
                ],
            }
            for question in asked
        ],
        "answers": self_declaration.declaration_of(db, candidate),
    }
