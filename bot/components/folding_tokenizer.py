"""Whitespace tokens that read French and English replies alike, typed with or
without accents.

Learners type in chat: "désolé" and "desole", "ça" and "ca", "Québec" and
"Quebec" are the same word to them, so they are to the bot. Each token of
Rasa's :class:`WhitespaceTokenizer` is folded: lower case, accents removed
(Unicode decomposition, combining marks dropped), typographic apostrophes
made plain. French elisions are split off as words of their own, so
"l'avion", "j'ai" and "c'est" share "avion", "ai" and "est" with the rest of
the data ("l'" and "j'" stay as tokens: they carry the register).

Offsets still point into the reply as typed, so entities found by regular
expressions on the raw text line up with the tokens.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
ELISION = re.compile(r"^(?P<head>(?:qu|[cdjlmnst])')(?P<rest>\w.*)$")


def fold(text: str) -> str:
    """Lower case, no accents, plain apostrophes: "Désolé, c’est" -> "desole, c'est"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(APOSTROPHES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.lower()


def split_elision(text: str) -> tuple[str, ...]:
    """("l'", "avion") for "l'avion"; (text,) for anything else."""
    match = ELISION.match(text)
    return (match["head"], match["rest"]) if match else (text,)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class FoldingTokenizer(WhitespaceTokenizer):
    """:class:`WhitespaceTokenizer` with folded tokens and split elisions."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return WhitespaceTokenizer.get_default_config()

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        tokens: list[Token] = []
        for token in super().tokenize(message, attribute):
            folded = fold(token.text)
            parts = split_elision(folded)
            start = token.start
            for part in parts:
                end = token.end if part is parts[-1] else start + len(part)
                tokens.append(Token(part, start, end, data=token.data, lemma=part))
                start = end
        return tokens
