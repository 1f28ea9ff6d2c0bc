/**
 * Results page: a learner sees their own sessions; a trainer or HR user picks
 * a learner first. Opening a session shows its scored transcript. A trainer
 * also marks scored replies and sees how well the scorer agrees with trainers.
 */
import { ApiError, getJson, requireUser } from "./api.js";
import { attachMarkForms, CalibrationPanel } from "./calibration.js";
import { byTestId, el, queryParam, revealNode, setQueryParam } from "./dom.js";
import { initHeader } from "./header.js";
import {
  endMessage,
  formatAverage,
  formatDateTime,
  isEnded,
  moodBandLabel,
  slug,
  statusLabel,
} from "./labels.js";
import { Transcript } from "./transcript.js";

const ui = {
  learnerPicker: document.getElementById("learner-picker"),
  learnerSelect: byTestId("learner-select"),
  table: byTestId("sessions-table"),
  rows: byTestId("sessions-table").tBodies[0],
  sessionsStatus: byTestId("sessions-status"),
  detail: byTestId("session-detail"),
  detailHeading: document.getElementById("detail-heading"),
  detailFacts: byTestId("session-facts"),
  detailOutcome: byTestId("session-outcome"),
  detailError: byTestId("detail-error"),
};

const state = { user: null, learners: [], selectedId: null };
const transcript = new Transcript(byTestId("transcript", ui.detail), { learner: "Learner", customer: "Customer" });
const calibration = new CalibrationPanel(byTestId("calibration"));

const isLearner = (user) => user.role === "learner";
const isTrainer = (user) => user.role === "trainer";

// ---- learners (trainer / HR) ------------------------------------------------

async function loadLearners() {
  ui.learnerPicker.hidden = false;
  try {
    const { learners } = await getJson("/api/learners");
    state.learners = Array.isArray(learners) ? learners : [];
  } catch (error) {
    setSessionsStatus(`Could not load the learners: ${error.message}`);
    return;
  }
  ui.learnerSelect.append(...state.learners.map(learnerOption));
  const wanted = queryParam("learner");
  if (wanted && state.learners.some((learner) => learner.username === wanted)) {
    ui.learnerSelect.value = wanted;
    await loadSessions(wanted);
  } else setSessionsStatus("Choose a learner to see their sessions.");
}

function learnerOption(learner) {
  const name = learner.display_name || learner.username;
  const count = Number(learner.session_count) || 0;
  return el("option", { value: learner.username }, `${name} (${count} ${count === 1 ? "session" : "sessions"})`);
}

function onLearnerChosen() {
  const username = ui.learnerSelect.value;
  setQueryParam("learner", username);
  if (username) loadSessions(username);
  else showSessions([], "Choose a learner to see their sessions.");
}

function learnerName(username) {
  if (isLearner(state.user)) return "You";
  const learner = state.learners.find((item) => item.username === username);
  return (learner && learner.display_name) || username || "Learner";
}

// ---- sessions table -----------------------------------------------------------

async function loadSessions(learner) {
  ui.rows.replaceChildren();
  setSessionsStatus("Loading sessions…");
  const path = learner ? `/api/sessions?learner=${encodeURIComponent(learner)}` : "/api/sessions";
  try {
    const { sessions } = await getJson(path);
    if (learner && ui.learnerSelect.value !== learner) return; // another learner was picked meanwhile
    showSessions(Array.isArray(sessions) ? sessions : [], "No sessions yet.");
  } catch (error) {
    setSessionsStatus(`Could not load the sessions: ${error.message}`);
  }
}

function showSessions(sessions, emptyMessage) {
  ui.rows.replaceChildren(...sessions.map(renderSessionRow));
  setSessionsStatus(sessions.length ? "" : emptyMessage);
  markSelectedRow();
}

function setSessionsStatus(message) {
  ui.sessionsStatus.textContent = message;
}

function renderSessionRow(session) {
  const scenario = session.scenario ?? {};
  const row = el(
    "tr",
    { className: "session-row", "data-testid": "session-row", "data-session-id": session.id },
    el(
      "td",
      { "data-label": "Scenario" },
      el("button", { type: "button", className: "link-button", "data-testid": "open-session" }, scenario.title ?? "Untitled scenario"),
    ),
    el("td", { "data-label": "Started" }, el("time", { datetime: session.started_at }, formatDateTime(session.started_at))),
    el("td", { "data-label": "Status" }, el("span", { className: `status status--${slug(session.status)}` }, statusLabel(session.status))),
    el("td", { className: "num", "data-label": "Turns" }, String(session.turn_count ?? "—")),
    el("td", { className: "num", "data-label": "Average score" }, formatAverage(session.average_score)),
  );
  row.addEventListener("click", () => openSession(session.id));
  return row;
}

function markSelectedRow() {
  for (const row of ui.rows.rows) {
    const selected = row.dataset.sessionId === String(state.selectedId);
    row.classList.toggle("is-selected", selected);
    if (selected) row.setAttribute("aria-current", "true");
    else row.removeAttribute("aria-current");
  }
}

// ---- one session ----------------------------------------------------------------

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
    ui.detailError.textContent = notFound ? "This session was not found." : `Could not load the session: ${error.message}`;
  } finally {
    ui.detail.setAttribute("aria-busy", "false");
  }
}

function showSessionDetail(session, turns) {
  const scenario = session.scenario ?? {};
  ui.detailHeading.textContent = scenario.title ?? "Session";
  ui.detailFacts.replaceChildren(
    ...sessionFacts(session).map(([term, value]) => el("div", { className: "fact" }, el("dt", {}, term), el("dd", {}, value))),
  );
  ui.detailOutcome.replaceChildren(
    ...(isEnded(session.status)
      ? [el("p", { className: `outcome outcome--${slug(session.status)}` }, endMessage(session.status))]
      : []),
  );
  transcript.setNames({ learner: learnerName(session.learner), customer: scenario.persona_name || "Customer" });
  transcript.reset(turns);
  if (isTrainer(state.user)) {
    attachMarkForms(turns, (turn) => transcript.nodes.get(Number(turn.index)), {
      user: state.user,
      onSaved: () => calibration.refresh(),
    });
  }
  revealNode(ui.detail);
  ui.detailHeading.focus({ preventScroll: true });
}

function sessionFacts(session) {
  const scenario = session.scenario ?? {};
  const mood = session.mood ?? {};
  return [
    ["Learner", learnerName(session.learner)],
    ["Customer", scenario.persona_name ?? "—"],
    ["Scenario version", scenario.version ?? "—"],
    ["Status", statusLabel(session.status)],
    ["Started", formatDateTime(session.started_at)],
    ["Ended", session.ended_at ? formatDateTime(session.ended_at) : "—"],
    ["Turns", String(session.turn_count ?? "—")],
    ["Average score", formatAverage(session.average_score)],
    ["Final mood", `${moodBandLabel(mood.band)} · anger ${mood.anger ?? "—"}, trust ${mood.trust ?? "—"}`],
    ["Seed", String(session.seed ?? "—")],
  ];
}

// ---- start-up -----------------------------------------------------------------

async function main() {
  state.user = await requireUser();
  initHeader(state.user);
  ui.learnerSelect.addEventListener("change", onLearnerChosen);
  if (isTrainer(state.user)) calibration.refresh();
  const wantedSession = queryParam("session");
  if (isLearner(state.user)) await loadSessions(null);
  else await loadLearners();
  if (wantedSession) await openSession(wantedSession);
}

main().catch((error) => setSessionsStatus(error.message));
