// @ts-check
/**
 * Sessions page: a learner sees their own sessions; a trainer (or an HR user
 * granted a cohort) picks one of their learners, whose progress shows above
 * the sessions. Opening a session shows its scored transcript and a link to
 * its debrief; a trainer also marks the replies for scorer calibration.
 */
import { attachMarkForms } from "../components/calibration.js";
import { mountHeader } from "../components/header.js";
import { focusBox, progressChart } from "../components/progress-view.js";
import { Transcript } from "../components/transcript.js";
import { ApiError, getJson, requireUser } from "../lib/api.js";
import { loadConfig } from "../lib/config.js";
import { byId, byTestId, el, messageOf, queryParam, revealNode, setQueryParam } from "../lib/dom.js";
import { formatNumber, t, tn } from "../lib/i18n.js";
import {
  conversationDetail,
  conversationDimensions,
  endMessage,
  formatAverage,
  formatConversation,
  formatDateTime,
  isEnded,
  moodBandLabel,
  slug,
  statusLabel,
} from "../lib/labels.js";

/** @typedef {import("../lib/api.js").User} User */
/** @typedef {import("../components/turn.js").Turn} Turn */
/** @typedef {{username: string, display_name?: string | null, session_count?: number}} Learner */
/**
 * A session as GET /api/sessions lists it.
 * @typedef {object} SessionRow
 * @property {string | number} id
 * @property {string} status
 * @property {string} [learner]
 * @property {{title?: string, version?: string, persona_name?: string}} [scenario]
 * @property {string} [started_at]
 * @property {string | null} [ended_at]
 * @property {number} [turn_count]
 * @property {number | null} [average_score]
 * @property {import("../lib/labels.js").ConversationScore | null} [conversation_score]
 * @property {{band?: string, anger?: number, trust?: number}} [mood]
 * @property {number} [seed]
 */

const header = mountHeader(byId("topbar"), "results");

const ui = {
  learnerPicker: byId("learner-picker"),
  learnerSelect: byTestId("learner-select", document, HTMLSelectElement),
  rows: byTestId("sessions-table", document, HTMLTableElement).tBodies[0],
  sessionsStatus: byTestId("sessions-status"),
  detail: byTestId("session-detail"),
  detailHeading: byId("detail-heading"),
  detailFacts: byTestId("session-facts"),
  detailOutcome: byTestId("session-outcome"),
  detailError: byTestId("detail-error"),
  openDebrief: byTestId("open-debrief", document, HTMLAnchorElement),
  progress: byTestId("learner-progress"),
  focus: byTestId("learner-focus"),
  chart: byTestId("learner-chart"),
};

const state = {
  /** @type {User | null} */
  user: null,
  /** @type {Learner[]} */
  learners: [],
  /** @type {string | number | null} */
  selectedId: null,
};
const transcript = new Transcript(byTestId("transcript", ui.detail), { learner: t("Learner"), customer: t("Customer") });

/** @param {User | null} user */
const isLearner = (user) => Boolean(user && user.role === "learner");
/** @param {User | null} user */
const isTrainer = (user) => Boolean(user && user.role === "trainer");

// ---- learners (trainer / HR) ------------------------------------------------

async function loadLearners() {
  ui.learnerPicker.hidden = false;
  try {
    const { learners } = await getJson("/api/learners");
    state.learners = Array.isArray(learners) ? learners : [];
  } catch (error) {
    setSessionsStatus(t("Could not load the learners: {error}", { error: messageOf(error) }));
    return;
  }
  ui.learnerSelect.append(...state.learners.map(learnerOption));
  const wanted = queryParam("learner");
  if (wanted && state.learners.some((learner) => learner.username === wanted)) {
    ui.learnerSelect.value = wanted;
    await loadSessions(wanted);
  } else setSessionsStatus(t("Choose a learner to see their sessions."));
}

/** @param {Learner} learner */
function learnerOption(learner) {
  const name = learner.display_name || learner.username;
  const count = Number(learner.session_count) || 0;
  const sessions = tn("{count} session", "{count} sessions", count);
  // Translators: a learner in the list, e.g. "Sam Lee (3 sessions)"
  return el("option", { value: learner.username }, t("{name} ({sessions})", { name, sessions }));
}

function onLearnerChosen() {
  const username = ui.learnerSelect.value;
  setQueryParam("learner", username);
  if (username) loadSessions(username);
  else showSessions([], t("Choose a learner to see their sessions."));
}

/** @param {string | null} learner */
async function loadProgress(learner) {
  if (!learner) {
    ui.progress.hidden = true;
    return;
  }
  try {
    const progress = await getJson(`/api/progress?learner=${encodeURIComponent(learner)}`);
    if (ui.learnerSelect.value !== learner) return;
    ui.focus.replaceChildren(focusBox(progress, { own: false }));
    ui.chart.replaceChildren(progressChart(progress));
    ui.progress.hidden = false;
  } catch (error) {
    ui.focus.replaceChildren(el("p", { className: "alert" }, t("Could not load the progress: {error}", { error: messageOf(error) })));
    ui.progress.hidden = false;
  }
}

/** @param {string | undefined} username */
function learnerName(username) {
  if (isLearner(state.user)) return t("You");
  const learner = state.learners.find((item) => item.username === username);
  return (learner && learner.display_name) || username || t("Learner");
}

// ---- sessions table -----------------------------------------------------------

/** @param {string | null} learner */
async function loadSessions(learner) {
  ui.rows.replaceChildren();
  if (!isLearner(state.user)) void loadProgress(learner);
  setSessionsStatus(t("Loading sessions…"));
  const path = learner ? `/api/sessions?learner=${encodeURIComponent(learner)}` : "/api/sessions";
  try {
    const { sessions } = await getJson(path);
    if (learner && ui.learnerSelect.value !== learner) return; // another learner was picked meanwhile
    showSessions(Array.isArray(sessions) ? sessions : [], t("No sessions yet."));
  } catch (error) {
    setSessionsStatus(t("Could not load the sessions: {error}", { error: messageOf(error) }));
  }
}

/**
 * @param {SessionRow[]} sessions
 * @param {string} emptyMessage
 */
function showSessions(sessions, emptyMessage) {
  ui.rows.replaceChildren(...sessions.map(renderSessionRow));
  setSessionsStatus(sessions.length ? "" : emptyMessage);
  markSelectedRow();
}

/** @param {string} message */
function setSessionsStatus(message) {
  ui.sessionsStatus.textContent = message;
}

/** @param {SessionRow} session */
function renderSessionRow(session) {
  const scenario = session.scenario ?? {};
  const row = el(
    "tr",
    { className: "session-row", "data-testid": "session-row", "data-session-id": session.id },
    // data-label: the column's name, shown beside each cell on small screens
    el(
      "td",
      { "data-label": t("Scenario") },
      el("button", { type: "button", className: "link-button", "data-testid": "open-session" }, scenario.title ?? t("Untitled scenario")),
    ),
    el("td", { "data-label": t("Started") }, el("time", { datetime: session.started_at }, formatDateTime(session.started_at))),
    el("td", { "data-label": t("Status") }, el("span", { className: `status status--${slug(session.status)}` }, statusLabel(session.status))),
    el("td", { className: "num", "data-label": t("Turns") }, count(session.turn_count)),
    el("td", { className: "num", "data-label": t("Average score") }, formatAverage(session.average_score)),
    el(
      "td",
      { className: "num", "data-label": t("Conversation score"), "data-testid": "conversation-score" },
      formatConversation(session.conversation_score),
    ),
  );
  row.addEventListener("click", () => openSession(session.id));
  return row;
}

/** @param {number | null | undefined} value a count, or "—" without one */
const count = (value) => (typeof value === "number" ? formatNumber(value) : "—");

function markSelectedRow() {
  for (const row of ui.rows.rows) {
    const selected = row.dataset.sessionId === String(state.selectedId);
    row.classList.toggle("is-selected", selected);
    if (selected) row.setAttribute("aria-current", "true");
    else row.removeAttribute("aria-current");
  }
}

// ---- one session ----------------------------------------------------------------

/** @param {string | number} sessionId */
async function openSession(sessionId) {
  state.selectedId = sessionId;
  setQueryParam("session", sessionId);
  markSelectedRow();
  ui.detail.hidden = false;
  ui.detailError.textContent = "";
  ui.detail.setAttribute("aria-busy", "true");
  try {
    const { session, turns } = await getJson(`/api/sessions/${encodeURIComponent(sessionId)}`);
    if (String(state.selectedId) !== String(sessionId)) return;
    showSessionDetail(session, Array.isArray(turns) ? turns : []);
  } catch (error) {
    const notFound = error instanceof ApiError && error.status === 404;
    ui.detailError.textContent = notFound
      ? t("This session was not found.")
      : t("Could not load the session: {error}", { error: messageOf(error) });
  } finally {
    ui.detail.setAttribute("aria-busy", "false");
  }
}

/**
 * @param {SessionRow} session
 * @param {Turn[]} turns
 */
function showSessionDetail(session, turns) {
  const scenario = session.scenario ?? {};
  ui.detailHeading.textContent = scenario.title ?? t("Session");
  ui.detailFacts.replaceChildren(
    ...sessionFacts(session).map(([term, value]) => el("div", { className: "fact" }, el("dt", {}, term), el("dd", {}, value))),
  );
  ui.detailOutcome.replaceChildren(
    ...(isEnded(session.status)
      ? [el("p", { className: `outcome outcome--${slug(session.status)}` }, endMessage(session.status))]
      : []),
  );
  transcript.setNames({ learner: learnerName(session.learner), customer: scenario.persona_name || t("Customer") });
  transcript.reset(turns);
  ui.openDebrief.href = `/debrief?session=${encodeURIComponent(String(session.id))}`;
  if (state.user && isTrainer(state.user)) {
    attachMarkForms(turns, (turn) => transcript.nodes.get(Number(turn.index)), { user: state.user });
  }
  revealNode(ui.detail);
  ui.detailHeading.focus({ preventScroll: true });
}

/**
 * @param {SessionRow} session
 * @returns {[string, string][]}
 */
function sessionFacts(session) {
  const scenario = session.scenario ?? {};
  const mood = session.mood ?? {};
  const band = moodBandLabel(mood.band);
  const [anger, trust] = [count(mood.anger), count(mood.trust)];
  /** @type {[string, string][]} */
  const facts = [
    [t("Learner"), learnerName(session.learner)],
    [t("Customer"), scenario.persona_name ?? "—"],
    [t("Status"), statusLabel(session.status)],
    [t("Started"), formatDateTime(session.started_at)],
    [t("Ended"), session.ended_at ? formatDateTime(session.ended_at) : "—"],
    [t("Turns"), count(session.turn_count)],
    [t("Average score"), formatAverage(session.average_score)],
    [t("Conversation score"), conversationDetail(session.conversation_score)],
    // Translators: the conversation score of each rubric dimension: half the best
    // reply's level, half the mean level (the class page and progress show the mean only)
    [t("By dimension (best reply and average)"), conversationDimensions(session.conversation_score)],
    // Translators: the customer's mood at the end, e.g. "Calm · anger 20, trust 70"
    [t("Final mood"), t("{band} · anger {anger}, trust {trust}", { band, anger, trust })],
  ];
  // Trainers' details: the learner's pages never get them from the server.
  if (scenario.version) facts.push([t("Scenario version"), scenario.version]);
  // Translators: the random seed a session was played with (for trainers reproducing it)
  if (session.seed !== undefined && session.seed !== null) facts.push([t("Seed"), String(session.seed)]);
  return facts;
}

// ---- start-up -----------------------------------------------------------------

async function main() {
  const [user] = await Promise.all([requireUser(), loadConfig()]);
  state.user = user;
  header.showUser(user);
  ui.learnerSelect.addEventListener("change", onLearnerChosen);
  const wantedSession = queryParam("session");
  if (isLearner(state.user)) await loadSessions(null);
  else await loadLearners();
  if (wantedSession) await openSession(wantedSession);
}

main().catch((error) => setSessionsStatus(messageOf(error)));
