// @ts-check
/**
 * A learner's progress: the weakest dimension with one thing to work on, and
 * a chart (with its table) of each rubric dimension week by week. Used on the
 * learner's home page and on the trainer's view of a learner.
 */
import { el } from "../lib/dom.js";
import { formatDate, formatNumber, t, tn } from "../lib/i18n.js";
import { withNodes } from "../lib/message-nodes.js";
import { dimensions, labelFor } from "../lib/labels.js";
import { lineChart } from "./chart-figure.js";

/**
 * @typedef {{week: string, replies: number, sessions: number, average_score: number,
 *   dimensions: Record<string, number | null>}} Week
 * @typedef {{learner: {username: string, display_name: string}, sessions: number, completed: number,
 *   replies: number, average_score: number | null, dimensions: Record<string, number | null>,
 *   weekly: Week[], weakest: {dimension: string, value: number, tip: string | null} | null,
 *   trend: {direction: string | null, change: number | null}}} Progress
 */

/**
 * The sentence on the recent trend, e.g. "Recent replies are improving (+4
 * points against the ones before).", or "" with no trend (the server's
 * directions are improving, steady and slipping).
 * @param {Progress["trend"]} trend
 */
export function trendSentence({ direction, change }) {
  const values = { change: signed(change) };
  const n = Math.abs(change ?? 0);
  switch (direction) {
    case "improving":
      return tn(
        "Recent replies are improving ({change} point against the ones before).",
        "Recent replies are improving ({change} points against the ones before).",
        n,
        values,
      );
    case "steady":
      return tn(
        "Recent replies are steady ({change} point against the ones before).",
        "Recent replies are steady ({change} points against the ones before).",
        n,
        values,
      );
    case "slipping":
      return tn(
        "Recent replies are slipping ({change} point against the ones before).",
        "Recent replies are slipping ({change} points against the ones before).",
        n,
        values,
      );
    default:
      return "";
  }
}

/**
 * The "work on this" box.
 * @param {Progress} progress
 * @param {{own: boolean}} options
 */
export function focusBox(progress, { own }) {
  if (!progress.replies) {
    return el("p", { className: "muted" }, own ? t("Your progress appears here after your first practice.") : t("No practice yet."));
  }
  const weakest = progress.weakest;
  const trend = trendSentence(progress.trend);
  const average = el(
    "strong",
    { "data-testid": "progress-average" },
    typeof progress.average_score === "number" ? formatNumber(progress.average_score) : "—",
  );
  const sessions = tn("{count} session", "{count} sessions", progress.sessions);
  const replies = tn("{count} scored reply", "{count} scored replies", progress.replies);
  // Translators: e.g. "3 sessions, 12 scored replies, average score 64."
  const summary = withNodes(t("{sessions}, {replies}, average score {average}.", { sessions, replies }), { average });
  return el(
    "div",
    {},
    el("p", {}, summary, trend ? [" ", trend] : ""),
    weakest ? el("p", { className: "focus__weakest" }, weakestSentence(weakest, own)) : "",
    weakest && weakest.tip
      ? el("p", { className: "focus__tip", "data-testid": "weakest-tip" }, t("Work on this: {tip}", { tip: weakest.tip }))
      : "",
  );
}

/**
 * @param {NonNullable<Progress["weakest"]>} weakest
 * @param {boolean} own
 */
function weakestSentence(weakest, own) {
  const dimension = el("strong", { "data-testid": "weakest-dimension" }, labelFor(weakest.dimension));
  const value = formatNumber(weakest.value);
  return own
    ? withNodes(t("Your weakest dimension lately: {dimension} ({value} of 100).", { value }), { dimension })
    : withNodes(t("Weakest dimension lately: {dimension} ({value} of 100).", { value }), { dimension });
}

/** @param {number | null} value */
function signed(value) {
  if (value === null || value === undefined) return "±0";
  return formatNumber(value, { signDisplay: "exceptZero" });
}

/**
 * A calendar day the server sends as "2026-03-02", as that day at local midnight
 * (new Date("2026-03-02") is UTC midnight: the day before, west of Greenwich).
 * @param {string} day
 */
export function localDay(day) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : day;
}

/**
 * The dimensions-over-time chart.
 * @param {Progress} progress
 */
export function progressChart(progress) {
  if (!progress.weekly.length) return el("p", { className: "muted" }, t("No weeks to chart yet."));
  // Translators: a point of the progress chart; {date} is the Monday the week starts on
  const labels = progress.weekly.map((week) => t("Week of {date}", { date: formatDate(localDay(week.week)) }));
  return lineChart({
    caption: t("Each rubric dimension week by week (0 = never shown, 100 = always shown fully)"),
    testId: "progress",
    labels,
    series: [
      ...dimensions().map((dimension) => ({
        label: dimension.label,
        data: progress.weekly.map((week) => week.dimensions[dimension.code] ?? null),
      })),
      { label: t("Average score"), data: progress.weekly.map((week) => week.average_score) },
    ],
  });
}
