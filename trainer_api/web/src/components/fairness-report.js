// @ts-check
/**
 * The fairness report of hiring rounds as tables: per grouping (sex,
 * race/ethnicity, their intersection), each self-declared category's count,
 * share, scoring and selection rates and impact ratios, with the flags the
 * server computed (below four fifths, under 2 % of the sample, rates
 * withheld for a small group) and the count of unknowns. The figures come
 * from the server; this only lays them out.
 */
import { el } from "../lib/dom.js";

const GROUP_TITLES = /** @type {Record<string, string>} */ ({
  sex: "By sex",
  race_ethnicity: "By race/ethnicity",
  "sex x race_ethnicity": "By sex and race/ethnicity together",
});

/**
 * A rate as a percentage, or why there is none.
 * @param {number | null} rate
 * @param {boolean} withheld
 */
export function rateText(rate, withheld) {
  if (withheld) return "withheld (small group)";
  if (rate === null || rate === undefined) return "—";
  return `${(rate * 100).toFixed(1)} %`;
}

/**
 * An impact ratio with its flag in words (never colour alone).
 * @param {number | null} ratio
 * @param {boolean} below
 * @param {boolean} small
 */
export function ratioText(ratio, below, small) {
  if (ratio === null || ratio === undefined) return "—";
  const figure = ratio.toFixed(2);
  if (below) return `${figure} — below four fifths`;
  if (small) return `${figure} (under 2 %: not compared)`;
  return figure;
}

/**
 * A category's name in words: "female x asian" becomes "Female and Asian".
 * @param {string} category
 * @param {Record<string, string>} labels
 */
export function categoryName(category, labels) {
  return category
    .split(" x ")
    .map((part) => labels[part] ?? part)
    .join(" and ");
}

/**
 * The whole report as DOM nodes.
 * @param {any} report the server's fairness report
 * @returns {HTMLElement}
 */
export function fairnessReport(report) {
  const summary = el(
    "p",
    { "data-testid": "fairness-summary" },
    `${report.sample} candidates took the assessment; ${report.scored} have a score (median ${report.median_score ?? "—"}); ${report.decided} have a final decision. ` +
      `Rates of categories with fewer than ${report.min_group} candidates are withheld so that they cannot point at a person.`,
  );
  if (!report.groups.length) {
    return el("div", {}, summary, el("p", { className: "muted" }, "This round asks no self-declaration questions, so there is nothing to compare."));
  }
  return el("div", {}, summary, ...report.groups.map((/** @type {any} */ grouping) => groupTable(grouping, report.labels)));
}

/**
 * @param {any} grouping
 * @param {Record<string, string>} labels
 */
function groupTable(grouping, labels) {
  const head = ["Category", "Candidates", "Share", "Scoring rate", "Impact ratio (scoring)", "Selection rate", "Impact ratio (selection)"];
  const rows = grouping.categories.map((/** @type {any} */ row) =>
    el(
      "tr",
      {
        "data-testid": "fairness-row",
        "data-category": row.category,
        className: row.scoring_below_four_fifths || row.selection_below_four_fifths ? "fairness-row--flagged" : "",
      },
      el("th", { scope: "row" }, categoryName(row.category, labels)),
      el("td", { className: "num" }, String(row.count)),
      el("td", { className: "num" }, `${(row.share * 100).toFixed(1)} %${row.small ? " (under 2 %)" : ""}`),
      el("td", { className: "num" }, rateText(row.scoring_rate, row.withheld)),
      el("td", { className: "num", "data-testid": "scoring-ratio" }, ratioText(row.scoring_impact_ratio, row.scoring_below_four_fifths, row.small)),
      el("td", { className: "num" }, rateText(row.selection_rate, row.withheld)),
      el("td", { className: "num", "data-testid": "selection-ratio" }, ratioText(row.selection_impact_ratio, row.selection_below_four_fifths, row.small)),
    ),
  );
  if (!rows.length) rows.push(el("tr", {}, el("td", { colspan: head.length, className: "muted" }, "Nobody has declared a category here yet.")));
  return el(
    "div",
    { className: "table-wrap" },
    el(
      "table",
      { className: "sessions", "data-testid": "fairness-table", "data-group": grouping.group },
      el("caption", {}, `${GROUP_TITLES[grouping.group] ?? grouping.group} — unknown or not declared: ${grouping.unknown}`),
      el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...rows),
    ),
  );
}
