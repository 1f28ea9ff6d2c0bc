// @ts-check
/**
 * Rendering of transcript turns and empathy scores, shared by the chat and
 * results pages. Every piece of server or learner text goes in as text.
 */
import { el } from "../lib/dom.js";
import { normaliseSpans, pieceEffect, pieces } from "../lib/evidence.js";
import { formatNumber, t } from "../lib/i18n.js";
import { withNodes } from "../lib/message-nodes.js";
import { dimensions, formatDateTime, formatTime, labelFor, scoreBandLabel, slug } from "../lib/labels.js";

/** @typedef {import("../lib/evidence.js").Span} Span */
/** @typedef {import("./mood-meter.js").Mood} Mood */

/**
 * A scored reply as the server sends it.
 * @typedef {object} Score
 * @property {unknown} [score]
 * @property {string} [band]
 * @property {Record<string, unknown>} [dimensions]
 * @property {string[]} [penalties]
 * @property {unknown} [evidence]
 * @property {unknown} [feedback]
 */

/**
 * A transcript turn as the server sends it.
 * @typedef {object} Turn
 * @property {number} [index]
 * @property {number} [id]
 * @property {string} [speaker]
 * @property {string} [text]
 * @property {string} [created_at]
 * @property {string} [message_id]
 * @property {Score | null} [score]
 * @property {Mood | null} [mood]
 * @property {unknown} [mark]
 */

/** @typedef {{learner: string, customer: string}} Names */

/**
 * One transcript message, with its score (learner) or mood reasons (customer).
 * @param {Turn} turn
 * @param {Names} names speaker labels
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

/**
 * @param {string} name
 * @param {string | undefined} createdAt
 */
function renderMessageHeader(name, createdAt) {
  const time = formatTime(createdAt);
  return el(
    "p",
    { className: "message__who" },
    el("span", { className: "message__name" }, name),
    time ? el("time", { datetime: createdAt, title: formatDateTime(createdAt) }, time) : null,
  );
}

/**
 * The small muted line under a customer message explaining the mood change.
 * @param {Mood | null | undefined} mood
 */
export function renderMoodReasons(mood) {
  const reasons = (mood && Array.isArray(mood.reasons) ? mood.reasons : [])
    .map((reason) => String(reason).trim())
    .filter(Boolean);
  if (!reasons.length) return null;
  // Translators: under a customer's line: why their mood moved ({reasons} come from the scenario)
  return el("p", { className: "mood-reasons", "data-testid": "mood-reasons" }, t("Mood change: {reasons}", { reasons: reasons.join(" · ") }));
}

/**
 * The score card under a learner message.
 * @param {Score} score
 * @param {string} text the learner's message (evidence offsets point into it)
 */
export function renderScore(score, text) {
  const band = scoreBandLabel(score.band);
  if (score.band === "unscored") {
    // a reply in a language the scorer does not read: say so, show no number
    return el(
      "section",
      {
        className: "score score--unscored",
        "data-testid": "turn-score",
        "data-band": score.band,
        // Translators: a reply that could not be scored; {band} is e.g. "Not scored"
        "aria-label": t("Empathy score: {band}", { band }),
      },
      el("p", { className: "score__headline" }, el("span", { className: "band band--unscored", "data-testid": "score-band" }, band)),
      renderTips(score.feedback),
    );
  }
  const value = Math.round(Number(score.score) || 0);
  // Translators: a reply's score for screen readers, e.g. "Empathy score 42 out of 100, Developing"
  const label = t("Empathy score {score} out of 100, {band}", { score: formatNumber(value), band });
  return el(
    "section",
    {
      className: `score score--${slug(score.band)}`,
      "data-testid": "turn-score",
      "data-score": value,
      "data-band": score.band,
      "aria-label": label,
    },
    el(
      "p",
      { className: "score__headline" },
      el("span", { className: "score__value" }, formatNumber(value)),
      el("span", { className: "score__max" }, "/100"),
      el("span", { className: `band band--${slug(score.band)}`, "data-testid": "score-band" }, band),
    ),
    renderDimensions(score.dimensions),
    renderPenalties(score.penalties),
    renderEvidence(text, score.evidence),
    renderTips(score.feedback),
  );
}

/**
 * The level codes in display order: the rubric's, then any others the score has.
 * @param {Record<string, unknown>} levels
 */
export function dimensionOrder(levels) {
  const known = dimensions().map((dimension) => dimension.code);
  return [...known, ...Object.keys(levels).filter((code) => !known.includes(code))];
}

/** @param {Record<string, unknown> | undefined} raw */
function renderDimensions(raw) {
  /** @type {Record<string, unknown>} */
  const levels = raw && typeof raw === "object" ? raw : {};
  const pills = dimensionOrder(levels)
    .filter((code) => Number.isInteger(levels[code]))
    .map((code) => {
      const level = /** @type {number} */ (levels[code]);
      return el(
        "li",
        {
          className: `pill pill--level-${Math.max(0, Math.min(2, level))}`,
          "data-testid": "dimension-pill",
          "data-dimension": code,
          "data-level": level,
        },
        `${labelFor(code)} ${level}/2`,
      );
    });
  return pills.length ? el("ul", { className: "pills", "aria-label": t("Rubric dimensions") }, pills) : null;
}

/** @param {unknown} penalties */
function renderPenalties(penalties) {
  const codes = Array.isArray(penalties) ? penalties : [];
  if (!codes.length) return null;
  return el(
    "ul",
    { className: "tags", "aria-label": t("Penalties") },
    codes.map((code) => el("li", { className: "tag tag--penalty", "data-testid": "penalty", "data-penalty": code }, labelFor(code))),
  );
}

/**
 * @param {string} text
 * @param {unknown} evidence
 */
function renderEvidence(text, evidence) {
  const spans = normaliseSpans(text, evidence);
  if (!spans.length) return null;
  return el(
    "div",
    { className: "score__evidence" },
    el(
      "p",
      { className: "score__label" },
      // Translators: the key to the highlighted words of a reply; {earned} and {cost} are shown in colour
      withNodes(t("Your words: {earned}, {cost}"), {
        // Translators: the colour key of the highlighted words of a reply
        earned: el("span", { className: "key key--positive" }, t("earned points")),
        // Translators: the colour key of the highlighted words of a reply
        cost: el("span", { className: "key key--negative" }, t("cost points")),
      }),
    ),
    el("p", { className: "evidence-text", "data-testid": "evidence-text" }, highlight(text, spans)),
  );
}

/** @param {unknown} feedback */
function renderTips(feedback) {
  const tips = (Array.isArray(feedback) ? feedback : []).map(String).filter((tip) => tip.trim());
  if (!tips.length) return null;
  return el(
    "div",
    { className: "score__tips" },
    el("p", { className: "score__label" }, t("Tips")),
    el("ul", { className: "tips", "data-testid": "tips" }, tips.map((tip) => el("li", {}, tip))),
  );
}

/**
 * Text with evidence spans wrapped in <mark>; a piece covered by several spans
 * names all their dimensions.
 * @param {string} text
 * @param {Span[]} spans
 */
function highlight(text, spans) {
  const fragment = document.createDocumentFragment();
  for (const piece of pieces(text, spans)) {
    fragment.append(piece.covering.length ? renderMark(piece.text, piece.covering) : piece.text);
  }
  return fragment;
}

/**
 * @param {string} piece
 * @param {Span[]} covering
 */
function renderMark(piece, covering) {
  const effect = pieceEffect(covering);
  const title = covering.map((span) => `${labelFor(span.dimension)} (${span.effect})`).join(", ");
  return el(
    "mark",
    {
      className: `evidence evidence--${effect}`,
      title,
      "data-testid": "evidence",
      "data-effect": effect === "mixed" ? "mixed" : covering[0].effect,
      "data-dimension": [...new Set(covering.map((span) => span.dimension))].join(" "),
    },
    piece,
  );
}
