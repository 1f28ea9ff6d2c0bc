// @ts-check
/**
 * Rendering for the authoring page: the scenario list, the validation panel
 * and the versions table. Server text is only ever inserted as text.
 */
import { exportUrl } from "../lib/author-api.js";
import { el } from "../lib/dom.js";
import { formatDateTime, formatTime } from "../lib/labels.js";
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
 * @param {number} count
 * @param {string} one
 * @param {string} many
 */
export const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;

/**
 * "12:03" today, "3 Mar 2025, 12:03" another day.
 * @param {string | null | undefined} iso
 * @param {Date} [now]
 */
export function savedWhen(iso, now = new Date()) {
  const date = new Date(iso ?? "");
  if (Number.isNaN(date.getTime())) return "";
  return date.toDateString() === now.toDateString() ? formatTime(iso) : formatDateTime(iso);
}

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
  if (!published) return el("span", { className: "chip chip--muted", "data-testid": "published-state" }, "not published");
  const when = published.published_at ? `, ${formatDateTime(published.published_at)}` : "";
  return el(
    "span",
    { className: "chip", "data-testid": "published-state", title: `Published version ${published.version}${when}` },
    `published ${shortHash(published.version)}`,
  );
}

/** @param {Draft | null | undefined} draft */
function draftChip(draft) {
  if (!draft) return null;
  const by = draft.updated_by ? ` by ${draft.updated_by}` : "";
  return el(
    "span",
    {
      className: draft.valid ? "chip chip--draft" : "chip chip--bad",
      "data-testid": "draft-state",
      title: `Draft saved ${formatDateTime(draft.updated_at)}${by}`,
    },
    draft.valid ? `draft saved ${savedWhen(draft.updated_at)}` : "draft has errors",
  );
}

// ---- validation -------------------------------------------------------------------

/**
 * "Valid: Late parcel — 4 needs, 120 customer lines, 2 scripts"
 * @param {Summary} summary
 */
export function validSummary(summary) {
  return (
    `Valid: ${summary.title} — ${plural(summary.needs, "need", "needs")}, ` +
    `${plural(summary.lines, "customer line", "customer lines")}, ${plural(summary.scripts, "script", "scripts")}`
  );
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
  const errors = check.errors.length ? check.errors : [{ problem: "The scenario is invalid." }];
  panel.replaceChildren(
    el("p", { className: "validation__title" }, errors.length === 1 ? "1 problem to fix" : `${errors.length} problems to fix`),
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
    el("button", { ...props, type: "button", className: "link-button", title: `Go to line ${line}`, onClick: () => onGoToLine(line) }, text),
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
          { "data-label": "Version" },
          el("code", { title: version.version }, shortHash(version.version)),
          version.version === publishedVersion ? el("span", { className: "chip chip--live" }, "live") : null,
        ),
        el("td", { "data-label": "Created" }, formatDateTime(version.created_at)),
        el("td", { "data-label": "Published" }, version.published_at ? formatDateTime(version.published_at) : "not published"),
        el(
          "td",
          { className: "num" },
          el("a", { href: exportUrl(id, version.version), download: `${id}.yml` }, "Download", el("span", { className: "visually-hidden" }, ` version ${shortHash(version.version)}`)),
        ),
      ),
    ),
  );
}
