/**
 * Rendering of transcript turns and empathy scores, shared by the chat and
 * results pages. Every piece of server or learner text goes in as text.
 */
import { el } from "./dom.js";
import {
  DIMENSIONS,
  formatDateTime,
  formatTime,
  labelFor,
  scoreBandLabel,
  slug,
} from "./labels.js";

/**
 * One transcript message, with its score (learner) or mood reasons (customer).
 * @param {Object} turn Turn from the server
 * @param {{learner: string, customer: string}} names speaker labels
 */
export function renderTurn(turn, names) {
  const speaker = turn.speaker === "learner" ? "learner" : "customer";
  const text = String(turn.text ?? "");
  const node = el(
    "article",
    {
      className: `message message--${speaker}`,
      "data-testid": "message",
      "data-speaker": speaker,
      "data-index": turn.index,
    },
    renderMessageHeader(names[speaker], turn.created_at),
    el("p", { className: "message__text", "data-testid": "message-text" }, text),
  );
  if (speaker === "learner" && turn.score) node.append(renderScore(turn.score, text));
  const reasons = speaker === "customer" ? renderMoodReasons(turn.mood) : null;
  if (reasons) node.append(reasons);
  return node;
}

function renderMessageHeader(name, createdAt) {
  const time = formatTime(createdAt);
  return el(
    "p",
    { className: "message__who" },
    el("span", { className: "message__name" }, name),
    time ? el("time", { datetime: createdAt, title: formatDateTime(createdAt) }, time) : null,
  );
}

/** The small muted line under a customer message explaining the mood change. */
export function renderMoodReasons(mood) {
  const reasons = (mood && Array.isArray(mood.reasons) ? mood.reasons : [])
    .map((reason) => String(reason).trim())
    .filter(Boolean);
  if (!reasons.length) return null;
  return el(
    "p",
    { className: "mood-reasons", "data-testid": "mood-reasons" },
    `Mood change: ${reasons.join(" · ")}`,
  );
}

/**
 * The score card under a learner message.
 * @param {Object} score Score from the server
 * @param {string} text the learner's message (evidence offsets point into it)
 */
export function renderScore(score, text) {
  const value = Math.round(Number(score.score) || 0);
  const band = scoreBandLabel(score.band);
  return el(
    "section",
    {
      className: `score score--${slug(score.band)}`,
      "data-testid": "turn-score",
      "data-score": value,
      "data-band": score.band,
      "aria-label": `Empathy score ${value} out of 100, ${band}`,
    },
    el(
      "p",
      { className: "score__headline" },
      el("span", { className: "score__value" }, String(value)),
      el("span", { className: "score__max" }, "/100"),
      el("span", { className: `band band--${slug(score.band)}`, "data-testid": "score-band" }, band),
    ),
    renderDimensions(score.dimensions),
    renderPenalties(score.penalties),
    renderEvidence(text, score.evidence),
    renderTips(score.feedback),
  );
}

function renderDimensions(dimensions) {
  const levels = dimensions && typeof dimensions === "object" ? dimensions : {};
  const known = DIMENSIONS.map(([code]) => code);
  const codes = [...known, ...Object.keys(levels).filter((code) => !known.includes(code))];
  const pills = codes
    .filter((code) => Number.isInteger(levels[code]))
    .map((code) =>
      el(
        "li",
        {
          className: `pill pill--level-${Math.max(0, Math.min(2, levels[code]))}`,
          "data-testid": "dimension-pill",
          "data-dimension": code,
          "data-level": levels[code],
        },
        `${labelFor(code)} ${levels[code]}/2`,
      ),
    );
  return pills.length ? el("ul", { className: "pills", "aria-label": "Rubric dimensions" }, pills) : null;
}

function renderPenalties(penalties) {
  const codes = Array.isArray(penalties) ? penalties : [];
  if (!codes.length) return null;
  return el(
    "ul",
    { className: "tags", "aria-label": "Penalties" },
    codes.map((code) =>
      el("li", { className: "tag tag--penalty", "data-testid": "penalty", "data-penalty": code }, labelFor(code)),
    ),
  );
}

function renderEvidence(text, evidence) {
  const spans = normaliseSpans(text, evidence);
  if (!spans.length) return null;
  return el(
    "div",
    { className: "score__evidence" },
    el(
      "p",
      { className: "score__label" },
      "Your words: ",
      el("span", { className: "key key--positive" }, "earned points"),
      ", ",
      el("span", { className: "key key--negative" }, "cost points"),
    ),
    el("p", { className: "evidence-text", "data-testid": "evidence-text" }, highlight(text, spans)),
  );
}

function renderTips(feedback) {
  const tips = (Array.isArray(feedback) ? feedback : []).map(String).filter((tip) => tip.trim());
  if (!tips.length) return null;
  return el(
    "div",
    { className: "score__tips" },
    el("p", { className: "score__label" }, "Tips"),
    el("ul", { className: "tips", "data-testid": "tips" }, tips.map((tip) => el("li", {}, tip))),
  );
}

/**
 * Text with evidence spans wrapped in <mark>. Overlapping spans are handled by
 * cutting the text at every span boundary; a piece covered by several spans
 * names all their dimensions.
 * @param {string} text
 * @param {Array<Object>} evidence raw evidence items from the server
 * @returns {DocumentFragment}
 */
export function renderHighlightedText(text, evidence) {
  return highlight(text, normaliseSpans(text, evidence));
}

function highlight(text, spans) {
  const fragment = document.createDocumentFragment();
  const cuts = boundaries(text.length, spans);
  for (let i = 0; i < cuts.length - 1; i += 1) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const covering = spans.filter((span) => span.start <= from && span.end >= to);
    const piece = text.slice(from, to);
    fragment.append(covering.length ? renderMark(piece, covering) : piece);
  }
  return fragment;
}

function boundaries(length, spans) {
  const cuts = new Set([0, length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  return [...cuts].sort((a, b) => a - b);
}

function renderMark(piece, covering) {
  const effects = new Set(covering.map((span) => span.effect));
  const effect = effects.size > 1 ? "mixed" : effects.has("-") ? "negative" : "positive";
  const title = covering.map((span) => `${labelFor(span.dimension)} (${span.effect})`).join(", ");
  return el(
    "mark",
    {
      className: `evidence evidence--${effect}`,
      title,
      "data-testid": "evidence",
      "data-effect": effects.size > 1 ? "mixed" : covering[0].effect,
      "data-dimension": [...new Set(covering.map((span) => span.dimension))].join(" "),
    },
    piece,
  );
}

/** Valid spans clipped to the text; misaligned offsets are re-found by the quoted text. */
function normaliseSpans(text, evidence) {
  if (!Array.isArray(evidence)) return [];
  return evidence.map((item) => alignSpan(text, item)).filter(Boolean);
}

function alignSpan(text, item) {
  if (!item || !Number.isInteger(item.start) || !Number.isInteger(item.end)) return null;
  let { start, end } = item;
  const quoted = typeof item.text === "string" ? item.text : "";
  if (quoted && text.slice(start, end) !== quoted) {
    const found = nearestIndexOf(text, quoted, start);
    if (found >= 0) [start, end] = [found, found + quoted.length];
  }
  start = Math.max(0, start);
  end = Math.min(text.length, end);
  if (start >= end) return null;
  return { start, end, dimension: String(item.dimension ?? ""), effect: item.effect === "-" ? "-" : "+" };
}

function nearestIndexOf(text, needle, near) {
  let best = -1;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (best === -1 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best;
}
