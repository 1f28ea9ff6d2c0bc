// @ts-check
/**
 * A learner's progress: the weakest dimension with one thing to work on, and
 * a chart (with its table) of each rubric dimension week by week. Used on the
 * learner's home page and on the trainer's view of a learner.
 */
import { el } from "../lib/dom.js";
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

const TRENDS = /** @type {Record<string, string>} */ ({
  improving: "improving",
  steady: "steady",
  slipping: "slipping",
});

/**
 * The "work on this" box.
 * @param {Progress} progress
 * @param {{own: boolean}} options
 */
export function focusBox(progress, { own }) {
  if (!progress.replies) {
    return el("p", { className: "muted" }, own ? "Your progress appears here after your first practice." : "No practice yet.");
  }
  const weakest = progress.weakest;
  const trend = progress.trend.direction
    ? ` Recent replies are ${TRENDS[progress.trend.direction] ?? progress.trend.direction} (${signed(progress.trend.change)} points against the ones before).`
    : "";
  return el(
    "div",
    {},
    el(
      "p",
      {},
      `${progress.sessions} ${progress.sessions === 1 ? "session" : "sessions"}, ${progress.replies} scored ${progress.replies === 1 ? "reply" : "replies"}, average score `,
      el("strong", { "data-testid": "progress-average" }, String(progress.average_score ?? "—")),
      ".",
      trend,
    ),
    weakest
      ? el(
          "p",
          { className: "focus__weakest" },
          own ? "Your weakest dimension lately: " : "Weakest dimension lately: ",
          el("strong", { "data-testid": "weakest-dimension" }, labelFor(weakest.dimension)),
          ` (${weakest.value} of 100).`,
        )
      : "",
    weakest && weakest.tip ? el("p", { className: "focus__tip", "data-testid": "weakest-tip" }, "Work on this: ", weakest.tip) : "",
  );
}

/** @param {number | null} value */
function signed(value) {
  if (value === null || value === undefined) return "±0";
  return value > 0 ? `+${value}` : String(value);
}

/**
 * The dimensions-over-time chart.
 * @param {Progress} progress
 */
export function progressChart(progress) {
  if (!progress.weekly.length) return el("p", { className: "muted" }, "No weeks to chart yet.");
  const labels = progress.weekly.map((week) => `Week of ${week.week}`);
  return lineChart({
    caption: "Each rubric dimension week by week (0 = never shown, 100 = always shown fully)",
    testId: "progress",
    labels,
    series: [
      ...dimensions().map((dimension) => ({
        label: dimension.label,
        data: progress.weekly.map((week) => week.dimensions[dimension.code] ?? null),
      })),
      { label: "Average score", data: progress.weekly.map((week) => week.average_score) },
    ],
  });
}
