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
import { formatDateTime, formatNumber, t, tn } from "../lib/i18n.js";
import { withNodes } from "../lib/message-nodes.js";

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

/**
 * An assignment's state as the learner reads it (the codes are the server's).
 * @param {string} state
 */
export function stateLabel(state) {
  switch (state) {
    // Translators: an assignment's state
    case "to_do": return t("To do");
    // Translators: an assignment's state
    case "in_progress": return t("In progress");
    // Translators: an assignment's state
    case "passed": return t("Passed");
    // Translators: an assignment's state
    case "failed": return t("Not passed yet");
    default: return state;
  }
}

/** @param {Assignment} assignment */
function action(assignment) {
  if (assignment.continue_session) {
    return el(
      "a",
      { className: "button button--primary", "data-testid": "continue", href: `/chat?session=${encodeURIComponent(assignment.continue_session)}` },
      // Translators: a button that goes back to an unfinished conversation
      t("Continue"),
    );
  }
  if (assignment.can_start) {
    const href = `/chat?scenario=${encodeURIComponent(assignment.scenario.id)}&assignment=${assignment.id}`;
    return el(
      "a",
      { className: "button button--primary", "data-testid": "start-assignment", href },
      assignment.attempts_used ? t("Try again") : t("Start"),
    );
  }
  return "";
}

/** @param {Assignment} assignment */
function card(assignment) {
  const last = assignment.attempts[assignment.attempts.length - 1];
  const best = Math.max(-1, ...assignment.attempts.map((a) => a.average_score ?? -1));
  const used = formatNumber(assignment.attempts_used);
  const attempts = assignment.attempt_limit
    ? t("Attempts: {used} of {limit}.", { used, limit: formatNumber(assignment.attempt_limit) })
    : t("Attempts: {used}.", { used });
  const pass = assignment.scenario.pass_score;
  return el(
    "article",
    { className: `assignment assignment--${assignment.state}`, "data-testid": "assignment", "data-scenario": assignment.scenario.id },
    el("h3", { className: "assignment__title" }, assignment.scenario.title),
    el(
      "p",
      { className: "assignment__meta" },
      el("span", { className: `status status--${assignment.state}`, "data-testid": "assignment-state" }, stateLabel(assignment.state)),
      " ",
      assignment.due_at ? t("Due {date}", { date: formatDateTime(assignment.due_at) }) : t("No due date"),
      assignment.overdue ? el("span", { className: "chip chip--warning", "data-testid": "overdue" }, t("Overdue")) : "",
    ),
    el(
      "p",
      {},
      attempts,
      " ",
      pass !== null ? [t("Pass score: {score}.", { score: formatNumber(pass) }), " "] : "",
      best >= 0 ? el("span", { "data-testid": "best-score" }, t("Your best average so far: {score}.", { score: formatNumber(best) })) : "",
    ),
    el(
      "p",
      { className: "assignment__actions" },
      action(assignment),
      last ? el("a", { className: "link-button", href: `/debrief?session=${encodeURIComponent(last.session_id)}` }, t("Debrief of your last attempt")) : "",
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
        // Translators: a new comment from a trainer: who wrote it, when, and the comment
        withNodes(t("{author} ({date}): {comment}", { date: formatDateTime(comment.created_at) }), {
          author: el("strong", {}, comment.author),
          comment: document.createTextNode(comment.text),
        }),
        " ",
        el("a", { href: `/debrief?session=${encodeURIComponent(comment.session_id)}` }, t("Open the debrief")),
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
  const total = formatNumber(home.assignments.length);
  ui.status.textContent = home.assignments.length
    ? tn("{count} of {total} still to do.", "{count} of {total} still to do.", open.length, { total })
    : t("Nothing assigned yet. Your trainer's assignments will appear here.");
  ui.weakest.replaceChildren(focusBox(progress, { own: true }));
  ui.chart.replaceChildren(progressChart(progress));
}

start().catch((failure) => {
  ui.error.textContent = messageOf(failure);
});
