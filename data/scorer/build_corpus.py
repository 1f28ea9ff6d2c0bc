"""Build replies.jsonl from the hand-labelled sources in source/*.txt.

Usage: python data/scorer/build_corpus.py   (from the repository root or here)

Source notation (one file per situation):

    @situation flight_delay
    @customer c1
    <the customer message, one or more lines>
    @replies c1
    22222 - | I'm so sorry ... (a reply answering customer message c1)
    00011 - | We apologise for the inconvenience ...
      prev: =                     (the same reply was pasted in an earlier turn)
      prev: <earlier reply text>  (another earlier reply of the conversation)

The five digits are emotional_reaction, interpretation, exploration, ownership
and resolution (0, 1 or 2); then "-" or penalty letters: b blame, d dismissal,
p policy_wall, h hostility. Lines starting with "#" are comments.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIMENSIONS = (
    "emotional_reaction",
    "interpretation",
    "exploration",
    "ownership",
    "resolution",
)
PENALTY_LETTERS = {"b": "blame", "d": "dismissal", "p": "policy_wall", "h": "hostility"}


class SourceError(ValueError):
    """A malformed line in a source file."""


def parse_labels(code: str, where: str) -> dict[str, int]:
    """Turn "21012 bd" into the labels object."""
    parts = code.split()
    if len(parts) != 2 or len(parts[0]) != 5 or not set(parts[0]) <= set("012"):
        raise SourceError(f"{where}: bad label code {code!r}")
    flags = "" if parts[1] == "-" else parts[1]
    if not set(flags) <= set(PENALTY_LETTERS):
        raise SourceError(f"{where}: bad penalty letters {parts[1]!r}")
    labels = dict(zip(DIMENSIONS, map(int, parts[0]), strict=True))
    for letter, name in PENALTY_LETTERS.items():
        labels[name] = int(letter in flags)
    return labels


def parse_source(path: Path) -> list[dict]:
    """Records of one source file, in file order."""
    situation, customers, records = "", {}, []
    block, key = "", ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("@situation "):
            situation = line.split(maxsplit=1)[1]
        elif line.startswith("@customer ") or line.startswith("@replies "):
            block, key = line[1:].split(maxsplit=1)
            if block == "customer":
                customers[key] = ""
            elif key not in customers:
                raise SourceError(f"{where}: unknown customer message {key!r}")
        elif block == "customer":
            customers[key] = f"{customers[key]} {line.strip()}".strip()
        elif line.startswith("  prev: "):
            if not records:
                raise SourceError(f"{where}: prev before any reply")
            earlier = line[len("  prev: ") :]
            earlier = records[-1]["reply"] if earlier == "=" else earlier
            context = records[-1].setdefault("context", {"previous_replies": []})
            context["previous_replies"].append(earlier)
        elif block == "replies" and " | " in line:
            code, reply = line.split(" | ", 1)
            records.append(
                {
                    "situation": situation,
                    "customer": customers[key],
                    "reply": reply,
                    "labels": parse_labels(code, where),
                }
            )
        else:
            raise SourceError(f"{where}: cannot parse {line!r}")
    return records


def build(source_dir: Path = HERE / "source") -> list[dict]:
    """All records, with ids "<situation>-<NNN>" numbered per situation."""
    records = []
    for path in sorted(source_dir.glob("*.txt")):
        for index, record in enumerate(parse_source(path), 1):
            records.append({"id": f"{record['situation']}-{index:03d}", **record})
    return records


def main() -> int:
    records = build()
    out = HERE / "replies.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for record in records:
        counts[record["situation"]] = counts.get(record["situation"], 0) + 1
    sys.stdout.write(f"{len(records)} replies -> {out}\n")
    for situation, count in sorted(counts.items()):
        sys.stdout.write(f"  {situation}: {count}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
