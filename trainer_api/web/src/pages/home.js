// @ts-check
/**
 * A learner's home: new comments from their trainer, their assignments with
 * due dates and state (start, continue, passed or failed), free practice, and
 * their progress over time.
 */
import { mountHeader } from "../components/header.js";
import { focusBox, progressChart } from "../components/progress-view.js";
import { getJson, requireUser } from "../lib/api.js";
import { loadConfig } from "../lib/config.js";
import { byId, byTestId, el, messageOf } from "../lib/dom.js";
import { formatDateTime } from "../lib/labels.js";

/**
 * @typedef {{session_id: string, status: string, started_at: string, average_score: number | null, passed: boolean}} Attempt
 * @typedef {{id: number, scenario: {id: string, title: string, pass_score: number | null, available: boolean},
 *   due_at: string | null, overdue: boolean, attempt_limit: number | null, state: string,
 *   attempts_used: number, attempts_left: number | null, continue_session: string | null,
 *   can_start: boolean, attempts: Attempt[]}} Assignment
 * @typedef {{id: number, session_id: string, author: string, text: string, created_at: string}} Comment
 */

const header = mountHeader(byId("topbar"), "home");
const ui = {
  error: byTestId("home-error"),
  comments: byTestId("new-comments"),
  cards: byTestId("assignments"),
  status: byTestId("assignments-status"),
  weakest: byTestId("weakest"),
  chart: byTestId("progress-chart"),
};

export const STATE_LABELS = /** @type {Record<string, string>} */ ({
  to_do: "To do",
  in_progress: "In progress",
  passed: "Passed",
  failed: "Not passed yet",
});

/** @param {Assignment} assignment */
function action(assignment) {
  if (assignment.continue_session) {
    return el(
      "a",
      { className: "button button--primary", "data-testid": "continue", href: `/chat?session=${encodeURIComponent(assignment.continue_session)}` },
      "Continue",
    );
  }
  if (assignment.can_start) {
    const href = `/chat?scenario=${encodeURIComponent(assignment.scenario.id)}&assignment=${assignment.id}`;
    return el(
      "a",
      { className: "button button--primary", "data-testid": "start-assignment", href },
      assignment.attempts_used ? "Try again" : "Start",
    );
  }
  return "";
}

/** @param {Assignment} assignment */
function card(assignment) {
  const last = assignment.attempts[assignment.attempts.length - 1];
  const best = Math.max(-1, ...assignment.attempts.map((a) => a.average_score ?? -1));
  const limit = assignment.attempt_limit ? ` of ${assignment.attempt_limit}` : "";
  return el(
    "article",
    { className: `assignment assignment--${assignment.state}`, "data-testid": "assignment", "data-scenario": assignment.scenario.id },
    el("h3", { className: "assignment__title" }, assignment.scenario.title),
    el(
      "p",
      { className: "assignment__meta" },
      el("span", { className: `status status--${assignment.state}`, "data-testid": "assignment-state" }, STATE_LABELS[assignment.state] ?? assignment.state),
      assignment.due_at ? ` Due ${formatDateTime(assignment.due_at)}` : " No due date",
      assignment.overdue ? el("span", { className: "chip chip--warning", "data-testid": "overdue" }, "Overdue") : "",
    ),
    el(
      "p",
      {},
      `Attempts: ${assignment.attempts_used}${limit}. `,
      assignment.scenario.pass_score !== null ? `Pass score: ${assignment.scenario.pass_score}. ` : "",
      best >= 0 ? el("span", { "data-testid": "best-score" }, `Your best average so far: ${best}.`) : "",
    ),
    el(
      "p",
      { className: "assignment__actions" },
      action(assignment),
      last ? el("a", { className: "link-button", href: `/debrief?session=${encodeURIComponent(last.session_id)}` }, "Debrief of your last attempt") : "",
    ),
  );
}

/** @param {Comment[]} comments */
function showComments(comments) {
  ui.comments.hidden = !comments.length;
  const list = /** @type {HTMLElement} */ (ui.comments.querySelector("ul"));
  list.replaceChildren(
    ...comments.map((comment) =>
      el(
        "li",
        { "data-testid": "new-comment" },
        el("strong", {}, comment.author),
        ` (${formatDateTime(comment.created_at)}): `,
        comment.text,
        " ",
        el("a", { href: `/debrief?session=${encodeURIComponent(comment.session_id)}` }, "Open the debrief"),
      ),
    ),
  );
}

async function start() {
  const [user] = await Promise.all([requireUser(), loadConfig()]);
  header.showUser(user);
  const [home, progress] = await Promise.all([getJson("/api/home"), getJson("/api/progress")]);
  showComments(home.comments);
  ui.cards.replaceChildren(...home.assignments.map(card));
  const open = home.assignments.filter((/** @type {Assignment} */ a) => a.state === "to_do" || a.state === "in_progress");
  ui.status.textContent = home.assignments.length
    ? `${open.length} of ${home.assignments.length} still to do.`
    : "Nothing assigned yet. Your trainer's assignments will appear here.";
  ui.weakest.replaceChildren(focusBox(progress, { own: true }));
  ui.chart.replaceChildren(progressChart(progress));
}

start().catch((failure) => {
  ui.error.textContent = messageOf(failure);
});
