// @ts-check
/**
 * Human labels and formatting for values the server sends as codes. The
 * labels themselves come from the server's configuration (config.js).
 */
import { getConfig } from "./config.js";

/** Rubric dimensions in display order: [{code, label, points}]. */
export const dimensions = () => getConfig().rubric.dimensions;

/** Penalties in display order: [{code, label, points}]. */
export const penalties = () => getConfig().rubric.penalties;

/**
 * "policy_wall" -> "Policy wall", for codes this page does not know yet.
 * @param {unknown} code
 */
export function humanise(code) {
  const words = String(code ?? "").replace(/[_-]+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : "Unknown";
}

/**
 * @template {{code: string}} T
 * @param {T[]} items
 * @param {unknown} code
 * @returns {T | undefined}
 */
const find = (items, code) => items.find((item) => item.code === code);

/**
 * Label of a rubric dimension or penalty code.
 * @param {unknown} code
 */
export function labelFor(code) {
  return (find(dimensions(), code) ?? find(penalties(), code))?.label ?? humanise(code);
}

/** @param {unknown} band */
export function scoreBandLabel(band) {
  return find(getConfig().rubric.bands, band)?.label ?? humanise(band);
}

/** @param {unknown} status */
export function statusLabel(status) {
  return find(getConfig().statuses, status)?.label ?? humanise(status);
}

/**
 * Scenario difficulty as sent ("hard" -> "Hard", 3 -> "Level 3").
 * @param {unknown} difficulty
 */
export function difficultyLabel(difficulty) {
  return typeof difficulty === "number" ? `Level ${difficulty}` : humanise(difficulty);
}

/** @param {unknown} band */
export function moodBandLabel(band) {
  return band ? humanise(band) : "Unknown";
}

/**
 * Whether a session with this status is over: a status the server gives an
 * ending message, or one this page does not know.
 * @param {unknown} status
 */
export function isEnded(status) {
  if (!status) return false;
  const known = find(getConfig().statuses, status);
  return known ? known.ending !== "" : true;
}

/** @param {unknown} status */
export function endMessage(status) {
  return find(getConfig().statuses, status)?.ending || "The conversation has ended";
}

/**
 * A class-name-safe version of a code ("policy wall!" -> "policy-wall-").
 * @param {unknown} code
 */
export function slug(code) {
  return String(code ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

export { formatDateTime, formatTime } from "./i18n.js";

/**
 * Average score for display: a rounded integer or an em dash when missing.
 * @param {unknown} value
 */
export function formatAverage(value) {
  return typeof value === "number" && Number.isFinite(value) ? String(Math.round(value)) : "—";
}

/**
 * @typedef {object} ConversationScore
 * @property {number} score
 * @property {string} band
 * @property {boolean} final
 * @property {{replies: number, needs: number, outcome: number | null, penalised_replies: number}} parts
 * @property {Record<string, number>} dimensions
 */

/**
 * The session's conversation score, "so far" while it is still going.
 * @param {ConversationScore | null | undefined} conversation
 */
export function formatConversation(conversation) {
  if (!conversation) return "—";
  const value = formatAverage(conversation.score);
  return conversation.final ? value : `${value} so far`;
}

/** @param {ConversationScore | null | undefined} conversation */
export function conversationDetail(conversation) {
  if (!conversation) return "—";
  const { replies, needs, outcome, penalised_replies: penalised } = conversation.parts;
  const parts = [`replies ${replies}`, `needs met ${needs}`, outcome === null ? "outcome pending" : `outcome ${outcome}`];
  if (penalised) parts.push(`${penalised} penalised ${penalised === 1 ? "reply" : "replies"}`);
  return `${formatConversation(conversation)} (${scoreBandLabel(conversation.band)}): ${parts.join(", ")}`;
}

/** @param {ConversationScore | null | undefined} conversation */
export function conversationDimensions(conversation) {
  if (!conversation) return "—";
  return Object.entries(conversation.dimensions)
    .map(([code, value]) => `${labelFor(code)} ${value}`)
    .join(" · ");
}
