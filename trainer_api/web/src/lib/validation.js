// @ts-check
/**
 * Scenario validation results (POST /api/trainer/validate): their text, the
 * editor's lint markers at their lines, and the checks the page adds.
 */

import { t } from "./i18n.js";

/** @typedef {import("./api.js").ItemError} ItemError */
/** @typedef {{id: string, title: string, needs: number, lines: number, scripts: number}} Summary */
/** @typedef {{valid: boolean, errors: ItemError[], summary: Summary | null}} Check */

/**
 * A lint marker for the editor (the shape of @codemirror/lint's Diagnostic).
 * @typedef {{from: number, to: number, severity: "error", message: string}} LintMarker
 */

/**
 * The part of a CodeMirror document this module needs (Text from @codemirror/state).
 * @typedef {{lines: number, line: (n: number) => {from: number, to: number, text: string}}} Lines
 */

/**
 * "line 42: lines.apology.upset[1]: placeholder {gate} names no fact…"
 * @param {ItemError} error
 */
export function errorText(error) {
  const problem = problemText(error);
  // Translators: a problem in a scenario's YAML at a line, e.g. "line 42: needs[0].label: is missing"
  return Number.isInteger(error.line) ? t("line {line}: {problem}", { line: Number(error.line), problem }) : problem;
}

/**
 * The problem without its line ("field: what is wrong"), for a marker at that line.
 * @param {ItemError} error
 */
export function problemText(error) {
  // Translators: said of a field of a scenario, e.g. "needs[0].label: is invalid"
  const problem = error.problem || error.message || t("is invalid");
  // Translators: a problem with a field of a scenario; {field} is its path in the YAML, e.g. needs[0].label
  return error.field ? t("{field}: {problem}", { field: error.field, problem }) : problem;
}

/**
 * One lint marker per error that names a line of the document, covering that
 * line's text (from its indentation on); a line past the end marks the last line.
 * @param {ItemError[]} errors
 * @param {Lines} doc
 * @returns {LintMarker[]}
 */
export function lintMarkers(errors, doc) {
  /** @type {LintMarker[]} */
  const markers = [];
  for (const error of errors) {
    const number = error.line;
    if (typeof number !== "number" || !Number.isInteger(number) || number < 1) continue;
    const line = doc.line(Math.min(number, doc.lines));
    const indent = line.text.length - line.text.trimStart().length;
    markers.push({ from: line.from + indent, to: line.to, severity: "error", message: problemText(error) });
  }
  return markers.sort((a, b) => a.from - b.from);
}

/**
 * A server answer in a known shape: valid only with no errors and a summary.
 * @param {any} check
 * @returns {Check}
 */
export function normaliseCheck(check) {
  const errors = check && Array.isArray(check.errors) ? check.errors : [];
  const summary = check && check.summary ? check.summary : null;
  return { valid: Boolean(check && check.valid) && !errors.length && summary !== null, errors, summary };
}

/**
 * The server publishes a draft only under its own id: a valid text whose id
 * is another is refused here, at the line of its id.
 * @param {string} text
 * @param {Check} check
 * @param {string} id the scenario being edited
 * @returns {Check}
 */
export function withIdCheck(text, check, id) {
  if (!check.valid || !check.summary || check.summary.id === id) return check;
  const match = /^id:/m.exec(text);
  const line = match ? text.slice(0, match.index).split("\n").length : null;
  // Translators: said of the id field of a scenario ("id: is 'x' but ...")
  const problem = t("is '{found}' but this scenario is '{id}'; the id must match the scenario you are editing", {
    found: check.summary.id,
    id,
  });
  return { valid: false, errors: [{ line, field: "id", problem }], summary: null };
}

/**
 * A check for a text the server could not check.
 * @param {string} message
 * @returns {Check}
 */
export function failedCheck(message) {
  const problem = t("Could not check the scenario: {error}", { error: message });
  return { valid: false, errors: [{ line: null, field: "", problem }], summary: null };
}
