/** Human labels and formatting for values the server sends as codes. */

/** Rubric dimensions in display order. */
export const DIMENSIONS = [
  ["emotional_reaction", "Emotional reaction"],
  ["interpretation", "Interpretation"],
  ["exploration", "Exploration"],
  ["ownership", "Ownership"],
  ["resolution", "Resolution"],
];

const PENALTIES = [
  ["blame", "Blame"],
  ["dismissal", "Dismissal"],
  ["policy_wall", "Policy wall"],
  ["hostility", "Hostility"],
];

const LABELS = new Map([...DIMENSIONS, ...PENALTIES]);

const SCORE_BANDS = {
  poor: "Poor",
  developing: "Developing",
  good: "Good",
  excellent: "Excellent",
};

const STATUSES = {
  active: "In progress",
  resolved: "Resolved",
  escalated: "Escalated",
  abandoned: "Abandoned",
};

const END_MESSAGES = {
  resolved: "Resolved: the customer is satisfied",
  escalated: "Escalated: the customer asked for a manager",
  abandoned: "The customer left",
};

/** "policy_wall" -> "Policy wall", for codes this page does not know yet. */
export function humanise(code) {
  const words = String(code ?? "").replace(/[_-]+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : "Unknown";
}

/** Label of a rubric dimension or penalty code. */
export function labelFor(code) {
  return LABELS.get(code) ?? humanise(code);
}

export function scoreBandLabel(band) {
  return SCORE_BANDS[band] ?? humanise(band);
}

export function statusLabel(status) {
  return STATUSES[status] ?? humanise(status);
}

/** Scenario difficulty as sent ("hard" -> "Hard", 3 -> "Level 3"). */
export function difficultyLabel(difficulty) {
  return typeof difficulty === "number" ? `Level ${difficulty}` : humanise(difficulty);
}

export function moodBandLabel(band) {
  return band ? humanise(band) : "Unknown";
}

export function isEnded(status) {
  return Boolean(status) && status !== "active";
}

export function endMessage(status) {
  return END_MESSAGES[status] ?? "The conversation has ended";
}

/** A class-name-safe version of a code ("policy wall!" -> "policy-wall-"). */
export function slug(code) {
  return String(code ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});
const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

function parseDate(iso) {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(iso) {
  const date = parseDate(iso);
  return date ? DATE_TIME.format(date) : iso ? String(iso) : "—";
}

export function formatTime(iso) {
  const date = parseDate(iso);
  return date ? TIME.format(date) : "";
}

/** Average score for display: a rounded integer or an em dash when missing. */
export function formatAverage(value) {
  return typeof value === "number" && Number.isFinite(value)
    ? String(Math.round(value))
    : "—";
}
