"""The simulated learners of ``make eval-customer`` and the reply pools they use.

A reply pool (``data/customer_eval/<scenario_id>.yml``) is written by someone
who did not write the bot's NLU data: lists ``good``, ``partial`` and ``rude``
of ``{does: [move, ...], text: "..."}``, where ``does`` is the writer's own
label of what the reply really does. Pure: each learner draws from its pool
with its own ``random.Random``, so a seed replays the same learners.
"""

from __future__ import annotations

import random
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from trainer_api.simulation import LEARNER_MOVES
from trainer_api.simulation.repeats import reply_tokens
from trainer_api.simulation.scenario import Script

POOL_LISTS = ("good", "partial", "rude")
PARTIAL_SHARE = 0.6
"""How often the partly good learner picks a partly good reply (else a good one)."""
OPENERS = ("Okay, ", "Right, ", "So, ", "Alright, ")
_FIRST_PERSON = re.compile(r"\AI\b")

ONE_WORD: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ok", ()),
    ("yes", ()),
    ("no", ()),
    ("hmm", ()),
    ("right", ()),
    ("sure", ()),
    ("what?", ()),
    ("fine", ()),
    ("noted", ()),
    ("sorry", ("apologize",)),
    ("understood", ()),
    ("wait", ()),
)
FRENCH: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Je suis vraiment désolé pour tout ça.", ("apologize",)),
    ("Je comprends que ce soit très frustrant pour vous.", ("acknowledge_feelings",)),
    ("Pouvez-vous me donner votre numéro de dossier ?", ("ask_closed_question",)),
    ("Qu'est-ce qui compte le plus pour vous maintenant ?", ("ask_open_question",)),
    ("Je m'en occupe personnellement, c'est notre erreur.", ("take_ownership",)),
    ("Je regarde ce que je peux faire, un instant.", ()),
    ("Bonjour, je m'appelle Camille, je suis là pour vous aider.", ("greet",)),
    ("C'est notre politique, je ne peux rien faire de plus.", ("cite_policy",)),
    ("Vous recevrez un e-mail de confirmation d'ici une heure.", ("set_expectation",)),
)
_SYLLABLES = ("bla", "zor", "qui", "pex", "ruk", "fen", "dop", "wix", "tal", "mur")


class PoolError(ValueError):
    """A reply pool file that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class PoolReply:
    """One learner reply and the moves its writer says it makes."""

    text: str
    does: tuple[str, ...] | None


@dataclass(frozen=True)
class ReplyPool:
    """One writer's replies for one scenario."""

    scenario_id: str
    writer: str
    good: tuple[PoolReply, ...]
    partial: tuple[PoolReply, ...]
    rude: tuple[PoolReply, ...]
    unknown_moves: tuple[str, ...] = ()
    """Labels in ``does`` that name no learner move (kept, reported)."""
    dropped: int = 0
    """Replies left out because the bot's NLU data holds them."""


def load_pool(path: Path) -> ReplyPool:
    """Read and check a reply pool file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PoolError(f"{path}: cannot read the reply pool ({error})") from error
    if not isinstance(raw, dict):
        raise PoolError(f"{path}: must be a mapping with scenario, writer and lists")
    good, partial, rude = (_replies(path, raw, name) for name in POOL_LISTS)
    labels = {m for r in (*good, *partial, *rude) for m in r.does or ()}
    return ReplyPool(
        scenario_id=str(raw.get("scenario", path.stem)),
        writer=str(raw.get("writer", "unknown")),
        good=good,
        partial=partial,
        rude=rude,
        unknown_moves=tuple(sorted(labels - set(LEARNER_MOVES))),
    )


def _replies(path: Path, raw: Mapping[str, object], name: str) -> tuple[PoolReply, ...]:
    items = raw.get(name, [])
    if not isinstance(items, list):
        raise PoolError(f"{path}: {name} must be a list of {{does, text}}")
    replies = []
    for position, item in enumerate(items):
        where = f"{path}: {name}[{position}]"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise PoolError(f"{where} needs a text")
        does = item.get("does", [])
        if not isinstance(does, list) or not all(isinstance(m, str) for m in does):
            raise PoolError(f"{where}: does must be a list of move names")
        replies.append(PoolReply(item["text"].strip(), tuple(does)))
    return tuple(replies)


def without_training_data(pool: ReplyPool, training: Iterable[str]) -> ReplyPool:
    """The pool without replies whose words are an NLU training example's."""
    known = {tuple(reply_tokens(text)) for text in training}

    def fresh(replies: tuple[PoolReply, ...]) -> tuple[PoolReply, ...]:
        return tuple(r for r in replies if tuple(reply_tokens(r.text)) not in known)

    good, partial, rude = fresh(pool.good), fresh(pool.partial), fresh(pool.rude)
    before = len(pool.good) + len(pool.partial) + len(pool.rude)
    dropped = before - len(good) - len(partial) - len(rude)
    return replace(
        pool, good=good, partial=partial, rude=rude, dropped=pool.dropped + dropped
    )


def vary_phrasing(text: str, rng: random.Random) -> str:
    """The same reply as a learner might type it: as written (half the time),
    with a casual opener, or in lower case without the final full stop."""
    choice = rng.random()
    if choice < 0.5:
        return text
    if choice < 0.75:
        return rng.choice(OPENERS) + _lower_first(text)
    return _lower_first(text).removesuffix(".")


def _lower_first(text: str) -> str:
    if not text or _FIRST_PERSON.match(text):
        return text
    return text[0].lower() + text[1:]


class Learner(ABC):
    """A simulated learner: the next reply, given what the customer still needs."""

    kind: str = ""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._used: set[str] = set()

    @abstractmethod
    def next_reply(self, unmet_needs: Sequence[str] | None) -> PoolReply | None:
        """The next reply, or None when the learner has nothing left to say.

        Args:
            unmet_needs: the needs the session's needs panel shows as not yet
                met, first one first; None when the panel is hidden.
        """

    def _draw(
        self, replies: Sequence[PoolReply], *, vary: bool = True
    ) -> PoolReply | None:
        """A reply not yet used in this conversation, at random."""
        fresh = [reply for reply in replies if reply.text not in self._used]
        if not fresh:
            return None
        reply = self.rng.choice(fresh)
        self._used.add(reply.text)
        if not vary:
            return reply
        return replace(reply, text=vary_phrasing(reply.text, self.rng))


class RandomGood(Learner):
    """Good replies in random order, never the same one twice."""

    kind = "good_random"

    def __init__(self, rng: random.Random, pool: ReplyPool) -> None:
        super().__init__(rng)
        self.pool = pool

    def next_reply(self, unmet_needs: Sequence[str] | None) -> PoolReply | None:
        return self._draw(self.pool.good)


class ListeningGood(Learner):
    """A good learner who reads the needs panel: a good reply making a move
    that meets the first unmet need, else any good reply not yet used."""

    kind = "good_listening"

    def __init__(
        self, rng: random.Random, pool: ReplyPool, met_by: Mapping[str, Sequence[str]]
    ) -> None:
        super().__init__(rng)
        self.pool = pool
        self.met_by = met_by

    def next_reply(self, unmet_needs: Sequence[str] | None) -> PoolReply | None:
        if unmet_needs:
            moves = set(self.met_by.get(unmet_needs[0], ()))
            fitting = [r for r in self.pool.good if moves & set(r.does or ())]
            reply = self._draw(fitting)
            if reply is not None:
                return reply
        return self._draw(self.pool.good)


class PartlyGood(Learner):
    """Partly good replies 60 % of the time, good ones otherwise."""

    kind = "partial"

    def __init__(self, rng: random.Random, pool: ReplyPool) -> None:
        super().__init__(rng)
        self.pool = pool

    def next_reply(self, unmet_needs: Sequence[str] | None) -> PoolReply | None:
        first, second = (self.pool.partial, self.pool.good)
        if self.rng.random() >= PARTIAL_SHARE:
            first, second = second, first
        return self._draw(first) or self._draw(second)


class Rude(Learner):
    """Rude replies only."""

    kind = "rude"

    def __init__(self, rng: random.Random, pool: ReplyPool) -> None:
        super().__init__(rng)
        self.pool = pool

    def next_reply(self, unmet_needs: Sequence[str] | None) -> PoolReply | None:
        return self._draw(self.pool.rude)


class Scripted(Learner):
    """One of the scenario's own scripts, its replies in order, unlabelled."""

    kind = "scripted"

    def __init__(self, rng: random.Random, script: Script) -> None:
        super().__init__(rng)
        self.script = script
        self._next = 0

    def next_reply(self, unmet_needs: Sequence[str] | None) -> PoolReply | None:
        if self._next >= len(self.script.replies):
            return None
        self._next += 1
        return PoolReply(self.script.replies[self._next - 1], None)


class Odd(Learner):
    """A learner who answers with one word, gibberish or French, mixed."""

    kind = "odd"

    def next_reply(self, unmet_needs: Sequence[str] | None) -> PoolReply | None:
        style = self.rng.choice(("one_word", "gibberish", "french"))
        if style == "gibberish":
            return PoolReply(gibberish(self.rng), ())
        lines = ONE_WORD if style == "one_word" else FRENCH
        replies = [PoolReply(text, does) for text, does in lines]
        return self._draw(replies, vary=False) or PoolReply(gibberish(self.rng), ())


def gibberish(rng: random.Random) -> str:
    """Two to five made-up words."""
    words = (
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3)))
        for _ in range(rng.randint(2, 5))
    )
    return " ".join(words)
