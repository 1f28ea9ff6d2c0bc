"""trainer_api's input channel: learner words always reach the NLU as text.

Replaces Rasa's REST channel (credentials.yml), which passes any text on as
is: a learner reply starting with ``/`` became a Rasa command. Here a body
carries either learner words or one of trainer_api's controls
(channels/learner_request.py says which and how they are made safe):

- words lose their leading slashes and whitespace, the NLU reads them, and a
  reading as a control's intent becomes ``out_of_scope``; a reply of slashes
  only has no words and is heard as ``out_of_scope`` without the NLU;
- a control (``start_scenario`` with its scenario id, ``learner_silent``)
  is rendered here as Rasa's command ``/name{"entity": "value"}``.

POST /webhooks/learner/webhook answers like the REST channel: the bot's
messages as a JSON list. A bad body gets a 400 with ``{"error": ...}`` and
reaches no tracker. GET /webhooks/learner/ is the health check.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import (
    CollectingOutputChannel,
    InputChannel,
    UserMessage,
)
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import action_results
from channels.learner_request import (
    BadRequest,
    Control,
    LearnerWords,
    learner_reading,
    no_words_reading,
    parse_request,
)

logger = logging.getLogger(__name__)
action_results.install()


class LearnerInput(InputChannel):
    """The only way into the customer bot; trainer_api is its one client."""

    @classmethod
    def name(cls) -> str:
        return "learner"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint("learner_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                message = parse_request(_json_body(request))
            except BadRequest as error:
                return response.json({"error": str(error)}, status=400)
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    await self._user_message(request, message, collector)
                )
            except Exception:
                logger.exception("the customer bot failed on a message")
                return response.json(
                    {"error": "the customer bot failed; see the Rasa server log"},
                    status=500,
                )
            return response.json(collector.messages)

        return webhook

    async def _user_message(
        self,
        request: Request,
        message: LearnerWords | Control,
        collector: CollectingOutputChannel,
    ) -> UserMessage:
        """The message for Rasa; learner words come with the NLU's reading."""
        if isinstance(message, Control):
            text, parse_data = message.command, None
        elif message.words:
            text = message.words
            parse_data = learner_reading(
                await request.app.ctx.agent.parse_message(message.words)
            )
        else:
            text, parse_data = message.typed, no_words_reading(message.typed)
        return UserMessage(
            text,
            collector,
            message.sender,
            parse_data=parse_data,
            input_channel=self.name(),
            metadata=message.metadata,
        )


def _json_body(request: Request) -> Any:
    try:
        return request.json
    except InvalidUsage as error:
        raise BadRequest("the body must be JSON") from error
