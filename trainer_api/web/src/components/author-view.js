// @ts-check
/**
 * Rendering for the authoring page: the scenario list, the validation panel
 * and the versions table. Server text is only ever inserted as text.
 */
import { exportUrl } from "../lib/author-api.js";
import { el } from "../lib/dom.js";
import { formatDateTime, formatNumber, formatTime, t, tn } from "../lib/i18n.js";
import { statusLabel } from "../lib/labels.js";
import { errorText } from "../lib/validation.js";

/** @typedef {import("../lib/validation.js").Check} Check */
/** @typedef {import("../lib/validation.js").Summary} Summary */
/** @typedef {import("../lib/api.js").ItemError} ItemError */
/** @typedef {{version: string, published_at?: string | null}} Published */
/** @typedef {{valid: boolean, updated_at?: string, updated_by?: string | null}} Draft */
/** @typedef {{id: string, title?: string, published?: Published | null, draft?: Draft | null, error?: string | null}} ScenarioRow */
/** @typedef {{version: string, created_at?: string, published_at?: string | null}} Version */

const SHORT_HASH = 8;

/** @param {unknown} version */
export const shortHash = (version) => String(version ?? "").slice(0, SHORT_HASH);

/**
 * Whether a time is today (the reader's day).
 * @param {string | null | undefined} iso
 * @param {Date} [now]
 */
export function isToday(iso, now = new Date()) {
  const date = new Date(iso ?? "");
  return !Number.isNaN(date.getTime()) && date.toDateString() === now.toDateString();
}

/**
 * "12:03" today, "3 Mar 2025, 12:03" another day.
 * @param {string | null | undefined} iso
 * @param {Date} [now]
 */
export function savedWhen(iso, now = new Date()) {
  const date = new Date(iso ?? "");
  if (Number.isNaN(date.getTime())) return "";
  return isToday(iso, now) ? formatTime(iso) : formatDateTime(iso);
}

/**
 * "Draft saved 12:03" today, "Draft saved 3 Mar 2025, 12:03" another day.
 * @param {string | null | undefined} iso
 * @param {Date} [now]
 */
export function draftSaved(iso, now = new Date()) {
  const when = savedWhen(iso, now);
  if (!when) return t("Draft saved");
  // Translators: {time} is a time of day, today ("Draft saved 12:03").
  if (isToday(iso, now)) return t("Draft saved {time}", { time: when });
  // Translators: {when} is a date and time, another day ("Draft saved 3 Mar 2025, 12:03").
  return t("Draft saved {when}", { when });
}

/**
 * The published version as a shortened hash (the whole hash in its title).
 * @param {string} version
 */
export const versionCode = (version) => el("code", { title: version }, shortHash(version));

// ---- scenario list ------------------------------------------------------------

/**
 * @param {ScenarioRow} scenario a row of GET /api/trainer/scenarios
 * @param {{selected: boolean, onOpen: (id: string) => void}} options
 */
export function scenarioListItem(scenario, { selected, onOpen }) {
  const id = String(scenario.id);
  /** @param {MouseEvent} event */
  const open = (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onOpen(id);
  };
  return el(
    "li",
    { className: "author-item" },
    el(
      "a",
      {
        className: "author-item__link",
        href: `/author?id=${encodeURIComponent(id)}`,
        "data-testid": "scenario-item",
        "data-id": id,
        "aria-current": selected ? "true" : null,
        onClick: open,
      },
      el("span", { className: "author-item__title" }, scenario.title || id),
      el("code", { className: "author-item__id" }, id),
      el("span", { className: "author-item__meta" }, publishedChip(scenario.published), draftChip(scenario.draft)),
      scenario.error
        ? el("span", { className: "author-item__error", "data-testid": "scenario-file-error" }, scenario.error)
        : null,
    ),
  );
}

/** @param {Published | null | undefined} published */
function publishedChip(published) {
  if (!published) return el("span", { className: "chip chip--muted", "data-testid": "published-state" }, t("not published"));
  const title = published.published_at
    ? t("Published version {version}, {when}", { version: published.version, when: formatDateTime(published.published_at) })
    : t("Published version {version}", { version: published.version });
  return el(
    "span",
    { className: "chip", "data-testid": "published-state", title },
    // Translators: a chip in the scenario list; {version} is a short hash.
    t("published {version}", { version: shortHash(published.version) }),
  );
}

/** @param {Draft | null | undefined} draft */
function draftChip(draft) {
  if (!draft) return null;
  const when = formatDateTime(draft.updated_at);
  const title = draft.updated_by
    ? t("Draft saved {when} by {name}", { when, name: draft.updated_by })
    : t("Draft saved {when}", { when });
  let text = t("draft has errors");
  // Translators: a chip in the scenario list; {time} is a time of day, today.
  if (draft.valid && isToday(draft.updated_at)) text = t("draft saved {time}", { time: savedWhen(draft.updated_at) });
  // Translators: a chip in the scenario list; {when} is a date and time.
  else if (draft.valid) text = t("draft saved {when}", { when: savedWhen(draft.updated_at) });
  return el(
    "span",
    { className: draft.valid ? "chip chip--draft" : "chip chip--bad", "data-testid": "draft-state", title },
    text,
  );
}

// ---- validation -------------------------------------------------------------------

/**
 * "Valid: Late parcel — 4 needs, 120 customer lines, 2 scripts"
 * @param {Summary} summary
 */
export function validSummary(summary) {
  const needs = tn("{count} need", "{count} needs", summary.needs);
  const lines = tn("{count} customer line", "{count} customer lines", summary.lines);
  const scripts = tn("{count} script", "{count} scripts", summary.scripts);
  // Translators: {needs}, {lines} and {scripts} are counts ("4 needs", "120 customer lines", "2 scripts").
  return t("Valid: {title} — {needs}, {lines}, {scripts}", { title: summary.title, needs, lines, scripts });
}

/**
 * @param {HTMLElement} panel
 * @param {Check} check
 * @param {(line: number) => void} onGoToLine
 */
export function renderValidation(panel, check, onGoToLine) {
  panel.dataset.state = check.valid ? "valid" : "invalid";
  if (check.valid && check.summary) {
    panel.replaceChildren(el("p", { className: "validation__ok", "data-testid": "validation-summary" }, validSummary(check.summary)));
    return;
  }
  /** @type {ItemError[]} */
  const errors = check.errors.length ? check.errors : [{ problem: t("The scenario is invalid.") }];
  panel.replaceChildren(
    el("p", { className: "validation__title" }, tn("{count} problem to fix", "{count} problems to fix", errors.length)),
    el("ul", { className: "validation__list" }, errors.map((error) => validationError(error, onGoToLine))),
  );
}

/**
 * @param {ItemError} error
 * @param {(line: number) => void} onGoToLine
 */
function validationError(error, onGoToLine) {
  const line = typeof error.line === "number" && Number.isInteger(error.line) ? error.line : null;
  const props = { "data-testid": "validation-error", "data-line": line };
  const text = errorText(error);
  if (line === null) return el("li", { className: "validation__error" }, el("span", props, text));
  return el(
    "li",
    { className: "validation__error" },
    el("button", { ...props, type: "button", className: "link-button", title: t("Go to line {line}", { line }), onClick: () => onGoToLine(line) }, text),
  );
}

// ---- versions -------------------------------------------------------------------

/**
 * @param {HTMLTableSectionElement} body the versions table's tbody
 * @param {Version[]} versions from GET /api/trainer/scenarios/<id>
 * @param {{id: string, publishedVersion: string|null}} scenario
 */
export function renderVersions(body, versions, { id, publishedVersion }) {
  body.replaceChildren(
    ...versions.map((version) =>
      el(
        "tr",
        { "data-testid": "version-row", "data-version": version.version },
        el(
          "td",
          { "data-label": t("Version") },
          versionCode(version.version),
          // Translators: a chip beside the version people play now.
          version.version === publishedVersion ? el("span", { className: "chip chip--live" }, t("live")) : null,
        ),
        el("td", { "data-label": t("Created") }, formatDateTime(version.created_at)),
        el("td", { "data-label": t("Published") }, version.published_at ? formatDateTime(version.published_at) : t("not published")),
        el(
          "td",
          { className: "num" },
          el(
            "a",
            {
              href: exportUrl(id, version.version),
              download: `${id}.yml`,
              "aria-label": t("Download version {version}", { version: shortHash(version.version) }),
            },
            t("Download"),
          ),
        ),
      ),
    ),
  );
}

// ---- check in play ------------------------------------------------------------------

/**
 * @typedef {object} CheckedConversation
 * @property {string} kind "script", "good" or "rude"
 * @property {string} name
 * @property {string[]} expect
 * @property {string} outcome
 * @property {number} replies
 * @property {boolean} passed
 * @property {string} problem
 * @property {{speaker: string, text: string}[]} turns
 */

/**
 * @typedef {object} ScenarioCheck
 * @property {{passed: number, of: number}} scripts
 * @property {{resolved: number, of: number, median_replies: number | null}} good
 * @property {{ended: number, of: number}} rude
 * @property {boolean} ok
 * @property {string[]} notes
 * @property {CheckedConversation[]} conversations
 */

/** @param {string} kind */
function checkKindLabel(kind) {
  if (kind === "script") return t("Script");
  if (kind === "good") return t("Good learner");
  return kind === "rude" ? t("Rude learner") : kind;
}

/**
 * What *Check this scenario* found: the totals, then each conversation with
 * its ending against what it should have been, and its turns.
 * @param {HTMLElement} panel
 * @param {ScenarioCheck} report
 */
export function renderScenarioCheck(panel, report) {
  panel.dataset.state = report.ok ? "valid" : "invalid";
  const { scripts, good, rude } = report;
  const goodLine =
    good.of === 0
      ? t("Good learners: none played (no model answers).")
      : good.median_replies === null
        ? t("Good learners (the model answers): {resolved} of {of} resolved the customer.", { resolved: good.resolved, of: good.of })
        : t("Good learners (the model answers): {resolved} of {of} resolved the customer, in {median} replies (median).", {
            resolved: good.resolved,
            of: good.of,
            median: formatNumber(good.median_replies),
          });
  panel.replaceChildren(
    el(
      "p",
      { className: report.ok ? "validation__ok" : "validation__title", "data-testid": "check-verdict" },
      report.ok
        ? t("Every conversation ended as it should: good learners resolve it, rude ones escalate it, and the scripts end as they expect.")
        : t("Some conversations did not end as they should; see below."),
    ),
    el(
      "ul",
      { className: "scenario-check__totals", "data-testid": "check-totals" },
      el("li", {}, t("Scripts: {passed} of {of} ended as they expect.", { passed: scripts.passed, of: scripts.of })),
      el("li", {}, goodLine),
      el("li", {}, t("Rude learners: {ended} of {of} made the customer ask for a manager or leave.", { ended: rude.ended, of: rude.of })),
      ...report.notes.map((note) => el("li", { className: "alert" }, note)),
    ),
    el(
      "table",
      { className: "sessions scenario-check__table", "data-testid": "check-conversations" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", { scope: "col" }, t("Conversation")),
          el("th", { scope: "col" }, t("Should end")),
          el("th", { scope: "col" }, t("Ended")),
          el("th", { scope: "col", className: "num" }, t("Replies")),
          el("th", { scope: "col" }, t("Turns")),
        ),
      ),
      el("tbody", {}, report.conversations.map(checkedRow)),
    ),
  );
}

/** @param {CheckedConversation} conversation */
function checkedRow(conversation) {
  const ended = conversation.outcome === "active" ? t("Still going") : statusLabel(conversation.outcome);
  return el(
    "tr",
    { "data-testid": "check-conversation", "data-kind": conversation.kind, "data-passed": String(conversation.passed) },
    el("th", { scope: "row" }, `${checkKindLabel(conversation.kind)} ${conversation.name}`),
    el("td", {}, conversation.expect.map(statusLabel).join(t(" or "))),
    el(
      "td",
      { className: conversation.passed ? "check-passed" : "check-failed" },
      conversation.passed ? ended : t("{ended} (not as expected)", { ended }),
      conversation.problem ? el("span", { className: "muted" }, ` ${conversation.problem}`) : "",
    ),
    el("td", { className: "num" }, formatNumber(conversation.replies)),
    el(
      "td",
      {},
      el(
        "details",
        {},
        el("summary", {}, tn("{count} turn", "{count} turns", conversation.turns.length)),
        el(
          "ol",
          { className: "scenario-check__turns" },
          conversation.turns.map((turn) =>
            el("li", {}, el("strong", {}, turn.speaker === "learner" ? t("Learner:") : t("Customer:")), " ", turn.text),
          ),
        ),
      ),
    ),
  );
}
