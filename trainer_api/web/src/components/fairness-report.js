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
import { formatNumber, t, tn } from "../lib/i18n.js";

/**
 * A grouping's title (the code itself when this page does not know it).
 * @param {string} group
 */
function groupTitle(group) {
  /** @type {Record<string, string>} */
  const titles = {
    sex: t("By sex"),
    race_ethnicity: t("By race/ethnicity"),
    "sex x race_ethnicity": t("By sex and race/ethnicity together"),
  };
  return titles[group] ?? group;
}

/**
 * A share (0.4) as a percentage with one decimal: "40.0 %".
 * @param {number} share
 */
function percent(share) {
  // Translators: a percentage, e.g. "40.0 %"
  return t("{value} %", { value: formatNumber(share * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
}

/**
 * A rate as a percentage, or why there is none.
 * @param {number | null} rate
 * @param {boolean} withheld
 */
export function rateText(rate, withheld) {
  if (withheld) return t("withheld (small group)");
  if (rate === null || rate === undefined) return "—";
  return percent(rate);
}

/**
 * An impact ratio with its flag in words (never colour alone).
 * @param {number | null} ratio
 * @param {boolean} below
 * @param {boolean} small
 */
export function ratioText(ratio, below, small) {
  if (ratio === null || ratio === undefined) return "—";
  const figure = formatNumber(ratio, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // Translators: an impact ratio under 0.8 (the four-fifths rule), e.g. "0.67 — below four fifths"
  if (below) return t("{ratio} — below four fifths", { ratio: figure });
  // Translators: the impact ratio of a category under 2 % of the candidates, which is not compared
  if (small) return t("{ratio} (under 2 %: not compared)", { ratio: figure });
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
    .reduce((first, second) =>
      // Translators: two self-declared categories together, e.g. "Female and Asian"
      t("{first} and {second}", { first, second }),
    );
}

/**
 * The whole report as DOM nodes.
 * @param {any} report the server's fairness report
 * @returns {HTMLElement}
 */
export function fairnessReport(report) {
  const median = report.median_score === null || report.median_score === undefined ? "—" : formatNumber(report.median_score);
  const took = tn("{count} candidate took the assessment", "{count} candidates took the assessment", report.sample);
  // Translators: how many of the candidates who took the assessment have a score; the median is of their scores
  const scored = tn("{count} has a score (median {median})", "{count} have a score (median {median})", report.scored, { median });
  // Translators: how many of the candidates who took the assessment have a final decision
  const decided = tn("{count} has a final decision", "{count} have a final decision", report.decided);
  // Translators: the fairness report's first sentence, made of the three messages above (who took the assessment, who has a score, who has a decision)
  const counts = t("{took}; {scored}; {decided}.", { took, scored, decided });
  const withheld = tn(
    "Rates of categories with fewer than {count} candidate are withheld so that they cannot point at a person.",
    "Rates of categories with fewer than {count} candidates are withheld so that they cannot point at a person.",
    report.min_group,
  );
  const summary = el("p", { "data-testid": "fairness-summary" }, `${counts} ${withheld}`);
  if (!report.groups.length) {
    return el("div", {}, summary, el("p", { className: "muted" }, t("This round asks no self-declaration questions, so there is nothing to compare.")));
  }
  return el("div", {}, summary, ...report.groups.map((/** @type {any} */ grouping) => groupTable(grouping, report.labels)));
}

/**
 * @param {any} grouping
 * @param {Record<string, string>} labels
 */
function groupTable(grouping, labels) {
  const head = [t("Category"), t("Candidates"), t("Share"), t("Scoring rate"), t("Impact ratio (scoring)"), t("Selection rate"), t("Impact ratio (selection)")];
  const rows = grouping.categories.map((/** @type {any} */ row) =>
    el(
      "tr",
      {
        "data-testid": "fairness-row",
        "data-category": row.category,
        className: row.scoring_below_four_fifths || row.selection_below_four_fifths ? "fairness-row--flagged" : "",
      },
      el("th", { scope: "row" }, categoryName(row.category, labels)),
      el("td", { className: "num" }, formatNumber(row.count)),
      // Translators: the share of a category under 2 % of the candidates, e.g. "1.5 % (under 2 %)"
      el("td", { className: "num" }, row.small ? t("{share} (under 2 %)", { share: percent(row.share) }) : percent(row.share)),
      el("td", { className: "num" }, rateText(row.scoring_rate, row.withheld)),
      el("td", { className: "num", "data-testid": "scoring-ratio" }, ratioText(row.scoring_impact_ratio, row.scoring_below_four_fifths, row.small)),
      el("td", { className: "num" }, rateText(row.selection_rate, row.withheld)),
      el("td", { className: "num", "data-testid": "selection-ratio" }, ratioText(row.selection_impact_ratio, row.selection_below_four_fifths, row.small)),
    ),
  );
  if (!rows.length) rows.push(el("tr", {}, el("td", { colspan: head.length, className: "muted" }, t("Nobody has declared a category here yet."))));
  return el(
    "div",
    { className: "table-wrap" },
    el(
      "table",
      { className: "sessions", "data-testid": "fairness-table", "data-group": grouping.group },
      el("caption", {}, t("{group} — unknown or not declared: {count}", { group: groupTitle(grouping.group), count: formatNumber(grouping.unknown) })),
      el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...rows),
    ),
  );
}
