"""The labelled reply corpus in ``data/scorer`` and its split by situation."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer_api.scoring.result import DIMENSIONS, PENALTIES

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "scorer"
SPLITS = ("train", "dev", "test")
VOICES_DIR = DATA_DIR / "voices"
MOMENTS = ("complaint", "question", "resolved", "grief", "repeat")
OVERALL = ("poor", "developing", "good", "excellent")
TEST_WRITERS = ("w08", "w09")
"""Writers of the independent test set: their replies, in situations no other
writer has, are never used to train or tune the model."""


class CorpusError(ValueError):
    """A corpus or split file that does not follow the documented format."""


TRAINER_MARKS = "trainer_marks.jsonl"
"""Trainers' marks (``empathy-trainer export-marks``), extra training data."""


@dataclass(frozen=True)
class LabelledReply:
    """One learner reply with the customer message it answers and its gold labels."""

    id: str
    situation: str
    customer: str
    reply: str
    labels: dict[str, int]
    context: dict[str, Any] = field(default_factory=dict)
    writer: str = "w00"
    lang: str = "en"
    moment: str = ""
    overall: str = ""


def parse_record(raw: Mapping[str, Any], where: str = "record") -> LabelledReply:
    """Check one JSON object of replies.jsonl and turn it into a LabelledReply."""
    for key in ("id", "situation", "customer", "reply"):
        if not isinstance(raw.get(key), str):
            raise CorpusError(f"{where}: {key!r} must be a string")
    labels = raw.get("labels")
    if not isinstance(labels, dict):
        raise CorpusError(f"{where}: 'labels' must be an object")
    for name in DIMENSIONS:
        if labels.get(name) not in (0, 1, 2):
            raise CorpusError(f"{where}: label {name!r} must be 0, 1 or 2")
    for name in PENALTIES:
        if labels.get(name) not in (0, 1):
            raise CorpusError(f"{where}: label {name!r} must be 0 or 1")
    context = raw.get("context", {})
    if not isinstance(context, dict):
        raise CorpusError(f"{where}: 'context' must be an object")
    extra = {k: raw[k] for k in ("writer", "lang", "moment", "overall") if k in raw}
    for key, value in extra.items():
        if not isinstance(value, str):
            raise CorpusError(f"{where}: {key!r} must be a string")
    if extra.get("moment") and extra["moment"] not in MOMENTS:
        raise CorpusError(f"{where}: 'moment' must be one of {', '.join(MOMENTS)}")
    if extra.get("overall") and extra["overall"] not in OVERALL:
        raise CorpusError(f"{where}: 'overall' must be one of {', '.join(OVERALL)}")
    return LabelledReply(
        raw["id"],
        raw["situation"],
        raw["customer"],
        raw["reply"],
        labels,
        context,
        **extra,
    )


def load_replies(path: Path = DATA_DIR / "replies.jsonl") -> list[LabelledReply]:
    """Every labelled reply of a JSON-lines corpus, in file order."""
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                records.append(parse_record(json.loads(line), f"{path.name}:{number}"))
    return records


def load_splits(path: Path = DATA_DIR / "splits.json") -> dict[str, list[str]]:
    """Situation names per split; the splits must not share a situation."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    splits = {name: list(raw.get(name, [])) for name in SPLITS}
    seen: set[str] = set()
    for name in SPLITS:
        overlap = seen & set(splits[name])
        if overlap:
            raise CorpusError(f"{path.name}: {sorted(overlap)} in more than one split")
        seen |= set(splits[name])
    return splits


def select(
    records: Iterable[LabelledReply], situations: Iterable[str]
) -> list[LabelledReply]:
    """The records of the given situations, in corpus order."""
    wanted = set(situations)
    return [record for record in records if record.situation in wanted]


def load_voices(directory: Path = VOICES_DIR) -> list[LabelledReply]:
    """Every reply of the many-voices corpus (``voices/<writer>.jsonl``)."""
    records: list[LabelledReply] = []
    for path in sorted(directory.glob("w*.jsonl")):
        records += load_replies(path)
    return records


def with_second_labels(
    records: list[LabelledReply], directory: Path = DATA_DIR / "blind"
) -> dict[str, dict[str, Any]]:
    """The blind second labelling, by reply id: ``{"labels": ..., "overall": ...}``."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(directory.glob("L*.jsonl")):
        if path.stem.endswith("_input"):
            continue
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                raw = json.loads(line)
                if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
                    raise CorpusError(f"{path.name}:{number}: needs an 'id'")
                found[raw["id"]] = raw
    known = {record.id for record in records}
    return {key: value for key, value in found.items() if key in known}


MOVE_VOICES = DATA_DIR.parents[1] / "bot" / "data"
"""Where ``nlu_voices*.yml`` live: agent replies by further writers, labelled
with the moves they make (the bot's NLU data); the penalty heads learn
blame, dismissal and policy walls from them too."""
_ENTITY = re.compile(r"\[([^\]]+)\]\([a-z_]+\)")


def load_move_replies(
    directory: Path = MOVE_VOICES,
) -> list[tuple[str, frozenset[str]]]:
    """(reply, moves) for every example of the move-labelled NLU voices."""
    import yaml

    found = []
    for path in sorted(directory.glob("nlu_voices*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            moves = frozenset(str(item["intent"]).split("+"))
            for line in str(item["examples"]).splitlines():
                text = line.strip()
                if text.startswith("- "):
                    found.append((_ENTITY.sub(r"\1", text[2:]), moves))
    return found
