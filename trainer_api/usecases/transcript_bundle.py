"""A hiring round's transcripts as one HTML file for the hiring file.

A cover (the round, its pinned scenario versions and seeds, pass mark, dates,
and that scores are advisory and people decide), then each candidate in the
ranked order of the results table: scores, standing, every reviewer's
decision with its reason, the candidate's observations, and each
conversation turn by turn with the evidence behind every reply's score.

The file stands alone (inline CSS, no scripts, nothing to fetch), so it can
be kept as it is or printed to PDF from a browser; each candidate starts on a
new printed page. Every value goes through ``html.escape``: what candidates
and reviewers wrote is shown as text, never read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from html import escape
from typing import Any

from sqlalchemy.orm import Session

from trainer_api.scoring.result import DIMENSION_LABELS, DIMENSIONS, UNSCORED
from trainer_api.storage.models import PracticeSession, utc_now
from trainer_api.usecases import serializers
from trainer_api.usecases.assessment_review import results
from trainer_api.usecases.assessments import audit, staff_label
from trainer_api.usecases.people import Viewer

EXPORT_FORMAT = "transcripts_html"
# Every fixed word of the bundle, so that a translation replaces this one dict.
LABELS: dict[str, str] = {
    "lang": "en",
    "title": "Transcripts of a hiring round",
    "round": "Round (job opening)",
    "owner": "Owner",
    "reviewers": "Reviewers",
    "only_owner": "only the owner",
    "language": "Language",
    "language.en": "English",
    "language.fr": "French",
    "opens": "Opens",
    "closes": "Closes",
    "exported": "Exported",
    "time_limit": "Time limit",
    "minutes_each": "{minutes} minutes per conversation",
    "pass_mark": "Pass mark (advisory)",
    "second_review": "Second review",
    "required": "required",
    "not_required": "not required",
    "scenarios": "Scenarios",
    "scenario": "{title} ({id}): version {version}, seed {seed}",
    "advisory": "Scores are advisory. Decisions about candidates are made by "
    "people, each with a written reason; a score never decides.",
    "no_candidates": "There are no candidates in this round.",
    "candidate": "Candidate",
    "pseudonym": "Pseudonym",
    "name": "Name",
    "consent": "Consent",
    "consent.given": "Given",
    "consent.declined": "Declined",
    "consent.pending": "Not yet",
    "score": "Score (advisory)",
    "above_pass_mark": "{score} (at or above the pass mark)",
    "below_pass_mark": "{score} (below the pass mark)",
    "time_taken": "Time taken",
    "minutes": "{minutes} minutes",
    "standing": "Standing",
    "standing.not_started": "Not started",
    "standing.declined": "Declined the assessment",
    "standing.in_progress": "Taking the assessment",
    "standing.pending": "Awaiting review",
    "standing.awaiting_second_review": "Awaiting a second reviewer",
    "standing.reviewers_disagree": "Reviewers disagree",
    "standing.advance": "Advance",
    "standing.hold": "Hold",
    "standing.reject": "Reject",
    "decisions": "Reviewers' decisions",
    "no_decisions": "No decision yet.",
    "decision": "{reviewer}: {decision} ({at})",
    "decision.advance": "Advance",
    "decision.hold": "Hold",
    "decision.reject": "Reject",
    "observations": "The candidate's observations",
    "no_observations": "The candidate sent no observations.",
    "conversations": "Conversations",
    "no_conversations": "No conversation recorded.",
    "outcome": "Outcome",
    "status.active": "Unfinished",
    "status.resolved": "Resolved: the customer is satisfied",
    "status.escalated": "Escalated: the customer asked for a manager",
    "status.abandoned": "Customer left: they gave up on the call",
    "status.time_up": "Time up",
    "conversation_score": "Conversation score (advisory)",
    "not_final": "{score} (not final: the conversation did not end)",
    "started": "Started",
    "customer": "Customer",
    "reply_score": "Score {score} ({band})",
    "band.unscored": "Not scored",
    "band.poor": "Poor",
    "band.developing": "Developing",
    "band.good": "Good",
    "band.excellent": "Excellent",
    "level": "{label} {level}/2",
    "penalties": "Penalties",
    "penalty.blame": "Blame",
    "penalty.dismissal": "Dismissal",
    "penalty.policy_wall": "Policy wall",
    "penalty.hostility": "Hostility",
    "none": "none",
    "key": "Highlighted words earned points (green, underlined) or cost "
    "points (red, struck through).",
    "dash": "—",
    **{f"dimension.{code}": label for code, label in DIMENSION_LABELS.items()},
}
STYLE = """
body{font:11pt/1.45 system-ui,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;
max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid #888}
h3{font-size:1.1rem}h4{font-size:1rem;margin:.8rem 0 .3rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}
dt{font-weight:600}dd{margin:0}.muted{color:#555}
.advisory{border:2px solid #8a6d00;background:#fdf6e3;padding:.6rem .8rem}
.candidate{border-top:3px solid #333;margin-top:2.5rem}
.turn{margin:.35rem 0;padding:.35rem .6rem;border-left:3px solid #aaa}
.turn--learner{border-left-color:#2a5db0;background:#f3f6fb}
.turn__who{font-weight:600}.turn__time,.reply-score{color:#444;font-size:.9em}
mark{padding:0 .1em}mark.positive{background:#cdeccd;text-decoration:underline}
mark.negative{background:#f6caca;text-decoration:line-through}
mark.mixed{background:#f2e2a0;text-decoration:underline dotted}
@media print{body{max-width:none;margin:0;padding:0}
.candidate{break-before:page;page-break-before:always;border-top:0;margin-top:0}
.turn{break-inside:avoid;page-break-inside:avoid}
mark,.advisory,.turn--learner{-webkit-print-color-adjust:exact;
print-color-adjust:exact}}
"""
SIGNS = {"positive": "+", "negative": "-"}
# A saved file is opened from disk: allow its own styles and nothing else.
POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def bundle(db: Session, hr: Viewer, round_id: int) -> str:
    """The round's transcripts as one self-contained HTML document, audited
    as an export (the results table it reads is audited as a view)."""
    table = results(db, hr, round_id)
    conversations = {
        row["id"]: [_transcript(db, session_id) for session_id in row["sessions"]]
        for row in table["candidates"]
    }
    audit(db, staff_label(hr), "export", round_id=round_id, format=EXPORT_FORMAT)
    return render(table, conversations, exported_at=utc_now())


def render(
    table: Mapping[str, Any],
    conversations: Mapping[int, list[dict[str, Any]]],
    *,
    exported_at: datetime,
) -> str:
    """The document for a results table and each candidate's transcripts
    (``serializers.transcript_view`` for reviewers), by candidate id."""
    round_ = table["round"]
    people = table["candidates"]
    body = [_cover(round_, exported_at)]
    if not people:
        body.append(f'<p class="no-candidates">{_e(LABELS["no_candidates"])}</p>')
    for row in people:
        body.append(_candidate(row, conversations.get(row["id"], [])))
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(LABELS["lang"])}">\n<head>\n'
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        f"<title>{_e(LABELS['title'])}: {_e(round_['title'])}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _transcript(db: Session, session_id: str) -> dict[str, Any]:
    session = db.get(PracticeSession, session_id)
    assert session is not None  # listed by the results table just now
    return serializers.transcript_view(session, reviewer=True)


def _cover(round_: Mapping[str, Any], exported_at: datetime) -> str:
    scenarios = "".join(
        "<li>"
        + _e(
            LABELS["scenario"].format(
                title=s["title"],
                id=s["scenario_id"],
                version=s["version"],
                seed=s["seed"],
            )
        )
        + "</li>"
        for s in round_["scenarios"]
    )
    facts = _facts(
        (LABELS["round"], round_["title"]),
        (LABELS["owner"], round_["owner"] or LABELS["dash"]),
        (LABELS["reviewers"], ", ".join(round_["reviewers"]) or LABELS["only_owner"]),
        (LABELS["language"], _label("language", round_["language"])),
        (LABELS["opens"], _when(round_["opens_at"])),
        (LABELS["closes"], _when(round_["closes_at"])),
        (LABELS["exported"], _when(exported_at.isoformat())),
        (
            LABELS["time_limit"],
            LABELS["minutes_each"].format(minutes=round_["time_limit_minutes"]),
        ),
        (LABELS["pass_mark"], str(round_["pass_mark"])),
        (
            LABELS["second_review"],
            LABELS["required" if round_["second_review"] else "not_required"],
        ),
    )
    return (
        f'<section class="cover">\n<h1>{_e(LABELS["title"])}</h1>\n'
        f"<h2>{_e(round_['title'])}</h2>\n{facts}\n"
        f"<h3>{_e(LABELS['scenarios'])}</h3>\n<ul>{scenarios}</ul>\n"
        f'<p class="advisory">{_e(LABELS["advisory"])}</p>\n</section>'
    )


def _candidate(row: Mapping[str, Any], conversations: list[dict[str, Any]]) -> str:
    decisions = _items(
        (
            LABELS["decision"].format(
                reviewer=d["reviewer"],
                decision=_label("decision", d["decision"]),
                at=_when(d["at"]),
            )
            + ": "
            + d["reason"]
            for d in row["decisions"]
        ),
        LABELS["no_decisions"],
        "decision",
    )
    observations = _items(
        (f"{_when(o['at'])}: {o['text']}" for o in row["observations"]),
        LABELS["no_observations"],
        "observation",
    )
    talks = "\n".join(_conversation(c) for c in conversations) or (
        f'<p class="muted">{_e(LABELS["no_conversations"])}</p>'
    )
    return (
        f'<section class="candidate" id="{_e(row["pseudonym"])}">\n'
        f"<h2>{_e(LABELS['candidate'])} {_e(row['pseudonym'])}: {_e(row['name'])}</h2>"
        f"\n{_candidate_facts(row)}\n<h3>{_e(LABELS['decisions'])}</h3>\n{decisions}"
        f"\n<h3>{_e(LABELS['observations'])}</h3>\n{observations}\n"
        f"<h3>{_e(LABELS['conversations'])}</h3>\n"
        f'<p class="key">{_e(LABELS["key"])}</p>\n{talks}\n</section>'
    )


def _candidate_facts(row: Mapping[str, Any]) -> str:
    """Who the candidate is, their advisory scores, time taken and standing."""
    score = row["score"]
    mark = "above_pass_mark" if row["above_pass_mark"] else "below_pass_mark"
    return _facts(
        (LABELS["pseudonym"], row["pseudonym"]),
        (LABELS["name"], row["name"]),
        (LABELS["consent"], _label("consent", row["consent"])),
        (
            LABELS["score"],
            LABELS["dash"] if score is None else LABELS[mark].format(score=score),
        ),
        *(
            (_label("dimension", d), str(row["dimensions"].get(d, LABELS["dash"])))
            for d in DIMENSIONS
        ),
        (
            LABELS["time_taken"],
            LABELS["minutes"].format(minutes=row["minutes_taken"])
            if row["sessions"]
            else LABELS["dash"],
        ),
        (LABELS["standing"], _label("standing", row["standing"])),
    )


def _conversation(view: Mapping[str, Any]) -> str:
    session = view["session"]
    scenario = session["scenario"]
    overall = session["conversation_score"]
    shown = LABELS["dash"]
    if overall is not None:
        shown = f"{overall['score']} ({_label('band', overall['band'])})"
        if not overall["final"]:
            shown = LABELS["not_final"].format(score=shown)
    facts = _facts(
        (LABELS["started"], _when(session["started_at"])),
        (LABELS["outcome"], _label("status", session["status"])),
        (LABELS["conversation_score"], shown),
    )
    customer = scenario.get("persona_name") or LABELS["customer"]
    turns = "\n".join(_turn(t, customer) for t in view["turns"])
    return (
        f'<article class="conversation">\n<h4>{_e(scenario["title"])} '
        f"({_e(str(scenario.get('version', ''))[:12])})</h4>\n{facts}\n{turns}\n"
        "</article>"
    )


def _turn(turn: Mapping[str, Any], customer: str) -> str:
    learner = turn["speaker"] == "learner"
    who = LABELS["candidate"] if learner else customer
    score = turn["score"] if learner else None
    text = _highlighted(turn["text"], score["evidence"] if score else None)
    return (
        f'<div class="turn turn--{_e(turn["speaker"])}">'
        f'<span class="turn__who">{_e(who)}</span> '
        f'<span class="turn__time">{_e(_when(turn["created_at"], seconds=True))}</span>'
        f'<p class="turn__text">{text}</p>{_reply_score(score)}</div>'
    )


def _reply_score(score: Mapping[str, Any] | None) -> str:
    """A reply's score, its rubric levels and penalties ('' for none)."""
    if score is None:
        return ""
    if score["band"] == UNSCORED:
        return f'<p class="reply-score">{_e(LABELS["band.unscored"])}</p>'
    levels = ", ".join(
        LABELS["level"].format(label=_label("dimension", d), level=level)
        for d, level in (score["dimensions"] or {}).items()
    )
    penalties = ", ".join(_label("penalty", p) for p in score["penalties"] or [])
    return (
        '<p class="reply-score">'
        + _e(
            LABELS["reply_score"].format(
                score=score["score"], band=_label("band", score["band"])
            )
        )
        + f"<br>{_e(levels)}<br>{_e(LABELS['penalties'])}: "
        + f"{_e(penalties or LABELS['none'])}</p>"
    )


def _highlighted(text: str, evidence: list[dict[str, Any]] | None) -> str:
    """``text`` escaped, with each piece that evidence covers in a ``<mark>``
    (overlapping spans cut into pieces, each marked by every span over it)."""
    spans = [s for s in (_aligned(text, item) for item in evidence or []) if s]
    cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = _e(text[start:end])
        covering = [s for s in spans if s[0] <= start and s[1] >= end]
        if not covering:
            out.append(piece)
            continue
        effects = {s[3] for s in covering}
        kind = "mixed" if len(effects) > 1 else effects.pop()
        why = ", ".join(f"{SIGNS[s[3]]} {s[2]}" for s in covering)
        out.append(f'<mark class="{kind}" title="{_e(why)}">{piece}</mark>')
    return "".join(out)


def _aligned(text: str, item: Mapping[str, Any]) -> tuple[int, int, str, str] | None:
    """A span (start, end, label, effect) clipped to ``text``; offsets that
    no longer match the quoted words are found again by those words."""
    start, end, quoted = item.get("start"), item.get("end"), item.get("text") or ""
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    if quoted and text[start:end] != quoted and quoted in text:
        start = text.find(quoted)
        end = start + len(quoted)
    start, end = max(0, start), min(len(text), end)
    if start >= end:
        return None
    code = str(item.get("dimension", ""))
    label = LABELS.get(f"dimension.{code}") or LABELS.get(f"penalty.{code}") or code
    return start, end, label, "negative" if item.get("effect") == "-" else "positive"


def _facts(*pairs: tuple[str, str]) -> str:
    rows = "".join(f"<dt>{_e(term)}</dt><dd>{_e(value)}</dd>" for term, value in pairs)
    return f'<dl class="facts">{rows}</dl>'


def _items(lines: Iterable[str], empty: str, kind: str) -> str:
    shown = [f'<li class="{kind}">{_e(line)}</li>' for line in lines]
    return "<ul>" + ("".join(shown) or f'<li class="muted">{_e(empty)}</li>') + "</ul>"


def _label(kind: str, code: str) -> str:
    return LABELS.get(f"{kind}.{code}", code.replace("_", " "))


def _when(iso: str | None, *, seconds: bool = False) -> str:
    if not iso:
        return LABELS["dash"]
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return f"{moment:%Y-%m-%d %H:%M{':%S' if seconds else ''}} UTC"


def _e(value: object) -> str:
    return escape(str(value), quote=True)
