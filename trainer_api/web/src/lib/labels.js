// @ts-check
/**
 * Human labels and formatting for values the server sends as codes. The
 * labels themselves come from the server's configuration (config.js).
 */
import { getConfig } from "./config.js";
import { formatNumber, t, tn } from "./i18n.js";

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
  return words ? words[0].toUpperCase() + words.slice(1) : t("Unknown");
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
  if (typeof difficulty === "number") return t("Level {level}", { level: formatNumber(difficulty) });
  const known = typeof difficulty === "string" && Object.hasOwn(DIFFICULTIES, difficulty) ? DIFFICULTIES[difficulty] : null;
  return known ? known() : humanise(difficulty);
}

/** The difficulties scenarios use (the codes are the server's). @type {Record<string, () => string>} */
const DIFFICULTIES = {
  // Translators: a scenario's difficulty
  easy: () => t("Easy"),
  // Translators: a scenario's difficulty
  medium: () => t("Medium"),
  // Translators: a scenario's difficulty
  hard: () => t("Hard"),
};

/** Account roles (the codes are the server's). @type {Record<string, () => string>} */
const ROLES = {
  // Translators: an account's role
  learner: () => t("Learner"),
  // Translators: an account's role
  trainer: () => t("Trainer"),
  // Translators: an account's role (human resources)
  hr: () => t("HR"),
  // Translators: an account's role
  admin: () => t("Administrator"),
};

/** @param {unknown} role */
export function roleLabel(role) {
  return typeof role === "string" && Object.hasOwn(ROLES, role) ? ROLES[role]() : humanise(role);
}

/** What an entry of a hiring round's audit log records (codes are the server's). @type {Record<string, () => string>} */
const AUDIT_ACTIONS = {
  // Translators: an audit log entry
  create_round: () => t("Round created"),
  // Translators: an audit log entry
  copy_round: () => t("Round copied"),
  // Translators: an audit log entry
  update_round: () => t("Round edited"),
  // Translators: an audit log entry
  invite: () => t("Candidate invited"),
  // Translators: an audit log entry
  consent: () => t("Consent given"),
  // Translators: an audit log entry
  decline: () => t("Consent declined"),
  // Translators: an audit log entry
  grant_attempt: () => t("Another attempt granted"),
  // Translators: an audit log entry
  view_results: () => t("Results viewed"),
  // Translators: an audit log entry
  view_transcript: () => t("Transcript viewed"),
  // Translators: an audit log entry
  view_fairness: () => t("Fairness report viewed"),
  // Translators: an audit log entry
  observation: () => t("Candidate observation received"),
  // Translators: an audit log entry
  decide: () => t("Decision recorded"),
  // Translators: an audit log entry
  export: () => t("Results exported"),
  // Translators: an audit log entry
  delete_candidate: () => t("Candidate's data deleted"),
};

/** @param {unknown} action */
export function auditActionLabel(action) {
  return typeof action === "string" && Object.hasOwn(AUDIT_ACTIONS, action) ? AUDIT_ACTIONS[action]() : humanise(action);
}

/**
 * A mood band: the scenario names its bands (in its own language).
 * @param {unknown} band
 */
export function moodBandLabel(band) {
  return band ? humanise(band) : t("Unknown");
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
  return find(getConfig().statuses, status)?.ending || t("The conversation has ended");
}

/**
 * A class-name-safe version of a code ("policy wall!" -> "policy-wall-").
 * @param {unknown} code
 */
export function slug(code) {
  return String(code ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

export { formatDate, formatDateTime, formatNumber, formatTime } from "./i18n.js";

/**
 * Average score for display: a rounded integer or an em dash when missing.
 * @param {unknown} value
 */
export function formatAverage(value) {
  return typeof value === "number" && Number.isFinite(value) ? formatNumber(Math.round(value)) : "—";
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
  // Translators: a conversation score while the call is still going, e.g. "64 so far"
  return conversation.final ? value : t("{score} so far", { score: value });
}

/** @param {ConversationScore | null | undefined} conversation */
export function conversationDetail(conversation) {
  if (!conversation) return "—";
  const { replies, needs, outcome, penalised_replies: penalised } = conversation.parts;
  const parts = [
    // Translators: one part of the conversation score: the replies' mean score
    t("replies {score}", { score: formatNumber(replies) }),
    // Translators: one part of the conversation score: the share of the customer's needs met
    t("needs met {score}", { score: formatNumber(needs) }),
    // Translators: one part of the conversation score: the call's outcome (not known while it goes on)
    outcome === null ? t("outcome pending") : t("outcome {score}", { score: formatNumber(outcome) }),
  ];
  if (penalised) parts.push(tn("{count} penalised reply", "{count} penalised replies", penalised));
  const [score, band] = [formatConversation(conversation), scoreBandLabel(conversation.band)];
  // Translators: the conversation score, its band and its parts, e.g. "78 (Good): replies 70, needs met 75, outcome 100"
  return t("{score} ({band}): {parts}", { score, band, parts: parts.join(", ") });
}

/** @param {ConversationScore | null | undefined} conversation */
export function conversationDimensions(conversation) {
  if (!conversation) return "—";
  return Object.entries(conversation.dimensions)
    .map(([code, value]) => `${labelFor(code)} ${formatNumber(value)}`)
    .join(" · ");
}
