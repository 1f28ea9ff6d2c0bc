// @ts-check
/**
 * Chat page: pick a scenario, talk to the simulated customer over Socket.IO,
 * see each reply scored and the customer's mood move.
 */
import { Composer } from "../components/composer.js";
import { mountHeader } from "../components/header.js";
import { MoodMeter } from "../components/mood-meter.js";
import { NeedsPanel } from "../components/needs-panel.js";
import { Transcript } from "../components/transcript.js";
import { getJson, requireUser } from "../lib/api.js";
import { loadConfig } from "../lib/config.js";
import { byId, byTestId, el, messageOf, queryParam, revealNode, setQueryParam } from "../lib/dom.js";
import { language, t } from "../lib/i18n.js";
import { withNodes } from "../lib/message-nodes.js";
import { difficultyLabel, endMessage, formatAverage, isEnded } from "../lib/labels.js";
import { AckTimeout, ackError, emitWithAck, newMessageId, openSocket, reconnectIfSignedIn } from "../lib/socket.js";

/** @typedef {import("../lib/socket.js").Socket} Socket */
/** @typedef {import("../lib/socket.js").Ack} Ack */
/** @typedef {import("../components/turn.js").Turn} Turn */
/** @typedef {import("../components/mood-meter.js").Mood} Mood */
/** @typedef {{id: string, title: string, difficulty?: unknown, persona_name?: string, summary?: string, locale?: string, language?: string}} Scenario */
/** @typedef {{title?: string, version?: string, persona_name?: string}} SessionScenario */
/** @typedef {{id: string | number, status: string, mood?: Mood | null, scenario?: SessionScenario, average_score?: number | null, needs?: unknown}} Session */
/** @typedef {{sessionId: string | number, messageId: string, text: string}} Reply */

/** Without the customer's line by then, fetch the session again (it may have been lost with a connection). */
const CUSTOMER_SILENCE_MS = 30000;

const header = mountHeader(byId("topbar"), "chat");

const ui = {
  connection: byTestId("connection-status"),
  picker: byId("picker"),
  scenarioSelect: byTestId("scenario-select", document, HTMLSelectElement),
  scenarioLanguage: byTestId("scenario-language", document, HTMLSelectElement),
  scenarioDetails: byTestId("scenario-details"),
  startButton: byTestId("start-button", document, HTMLButtonElement),
  startError: byTestId("start-error"),
  resuming: byId("resuming"),
  conversation: byId("conversation"),
  scenarioTitle: byTestId("scenario-title"),
  scenarioVersion: byTestId("scenario-version"),
  personaName: byTestId("persona-name"),
  thinking: byTestId("thinking"),
  sessionEnd: byTestId("session-end"),
  replyInput: byTestId("reply-input", document, HTMLTextAreaElement),
};

const state = {
  /** @type {Socket | null} */
  socket: null,
  /** @type {Scenario[]} */
  scenarios: [],
  /** @type {Session | null} */
  session: null,
  /** @type {string | number | null} */
  sessionId: queryParam("session"),
  draftId: queryParam("draft"), // a trainer's test chat of an unpublished draft
  // an attempt of an assignment: /chat?scenario=<id>&assignment=<n> (from the home page)
  assignmentId: Number(queryParam("assignment")) || null,
  wantedScenario: queryParam("scenario"),
  starting: false,
  /** @type {Reply | null} sent, no acknowledgement yet */
  inFlight: null,
  /** @type {Reply | null} the reply that failed; resending the same text reuses its message id */
  lastFailed: null,
  awaitingCustomer: false,
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  silenceTimer: undefined,
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  quietTimer: undefined,
  nudgeAfterMs: 0, // from the server's configuration
  ackTimeoutMs: 0, // from the server's configuration
};

// Translators: the learner's own name in the transcript
const transcript = new Transcript(byTestId("transcript"), { learner: t("You"), customer: t("Customer") });
const moodMeter = new MoodMeter(byTestId("mood"));
const needsPanel = new NeedsPanel(byTestId("needs"));
/** @type {Composer} created once the server's reply limit is known */
let composer;

/**
 * Emit on the open connection and wait for the acknowledgement.
 * @param {string} event
 * @param {unknown} payload
 * @returns {Promise<Ack>}
 */
function emit(event, payload) {
  if (!state.socket) return Promise.reject(new Error(t("Not connected.")));
  return emitWithAck(state.socket, event, payload, state.ackTimeoutMs);
}

// ---- connection -------------------------------------------------------------

function connect() {
  const socket = openSocket();
  state.socket = socket;
  socket.on("connect", onConnect);
  socket.on("disconnect", onDisconnect);
  socket.on("connect_error", () => {
    setConnection(t("Cannot reach the chat server. Retrying…"));
    reconnectIfSignedIn(socket);
  });
  socket.on("turn", onTurnPush);
  socket.on("session", onSessionPush);
}

function onConnect() {
  setConnection("");
  updateStartButton();
  if (state.sessionId) resumeSession(state.sessionId);
  else if (state.draftId && !state.session) startSession();
}

/** @param {string} reason */
function onDisconnect(reason) {
  setConnection(t("Connection lost. Reconnecting…"));
  updateStartButton();
  if (state.inFlight) {
    replyFailed(state.inFlight, t("The connection dropped while sending. Your reply is kept and will be checked when the connection is back."));
  }
  if (reason === "io server disconnect" && state.socket) reconnectIfSignedIn(state.socket);
}

/** @param {string} message */
function setConnection(message) {
  ui.connection.textContent = message;
  ui.connection.hidden = !message;
}

// ---- scenario picker ----------------------------------------------------------

async function loadScenarios() {
  try {
    const { scenarios } = await getJson("/api/scenarios");
    state.scenarios = Array.isArray(scenarios) ? scenarios : [];
  } catch (error) {
    ui.startError.textContent = t("Could not load the scenarios: {error}", { error: messageOf(error) });
  }
  ui.scenarioLanguage.value = initialLanguage();
  fillScenarioSelect();
}

/**
 * The language filter's first value: the scenario an assignment asks for
 * decides; else the page's language, when some scenario is in it.
 */
function initialLanguage() {
  const wanted = state.scenarios.find((s) => s.id === state.wantedScenario);
  if (wanted) return "";
  const mine = language();
  return state.scenarios.some((s) => s.language === mine) ? mine : "";
}

function shownScenarios() {
  const chosen = ui.scenarioLanguage.value;
  return chosen ? state.scenarios.filter((s) => (s.language ?? "en") === chosen) : state.scenarios;
}

function fillScenarioSelect() {
  const options = shownScenarios().map((scenario) =>
    el("option", { value: scenario.id }, `${scenario.title} · ${difficultyLabel(scenario.difficulty)}`),
  );
  if (!options.length) options.push(el("option", { value: "" }, t("No scenarios available")));
  ui.scenarioSelect.replaceChildren(...options);
  ui.scenarioSelect.disabled = !options.some((option) => option.value);
  if (state.wantedScenario && state.scenarios.some((s) => s.id === state.wantedScenario)) {
    ui.scenarioSelect.value = state.wantedScenario;
  }
  describeScenario();
}

function selectedScenario() {
  return shownScenarios().find((scenario) => String(scenario.id) === ui.scenarioSelect.value) ?? null;
}

function describeScenario() {
  const scenario = selectedScenario();
  ui.scenarioDetails.replaceChildren(
    ...(scenario
      ? [
          el("h2", { className: "scenario-card__title" }, scenario.title),
          el(
            "p",
            { className: "scenario-card__meta" },
            el("span", { className: "chip", "data-testid": "scenario-difficulty" }, difficultyLabel(scenario.difficulty)),
            // Translators: on a scenario's card; {name} is the customer's name in the scenario
            scenario.persona_name ? [" ", t("Customer: {name}", { name: scenario.persona_name })] : "",
          ),
          el("p", { className: "scenario-card__summary" }, scenario.summary ?? ""),
          state.assignmentId && scenario.id === state.wantedScenario
            ? el("p", { className: "chip chip--assignment", "data-testid": "assignment-attempt" }, t("This attempt counts towards your assignment."))
            : "",
        ]
      : []),
  );
  updateStartButton();
}

function updateStartButton() {
  const connected = Boolean(state.socket && state.socket.connected);
  ui.startButton.disabled = state.starting || !connected || !selectedScenario();
  // Translators: the button that starts a conversation, while it starts and before
  ui.startButton.textContent = state.starting ? t("Starting…") : t("Start");
}

/** What start_session asks for: the chosen scenario, or the draft named by ?draft=<id>. */
function startRequest() {
  if (state.draftId) return { scenario_id: state.draftId, draft: true };
  const scenario = selectedScenario();
  if (!scenario) return null;
  const attempt = state.assignmentId && scenario.id === state.wantedScenario;
  return attempt ? { scenario_id: scenario.id, assignment_id: state.assignmentId } : { scenario_id: scenario.id };
}

/** Draft test chat: no picker; a banner says so and shows start errors. */
function showDraftBanner() {
  const banner = el(
    "div",
    { className: "draft-banner", "data-testid": "draft-banner" },
    el(
      "p",
      { className: "draft-banner__text" },
      // Translators: {id} is the draft scenario's id
      withNodes(t("Test chat of an unpublished draft: {id}"), { id: el("code", {}, state.draftId) }),
    ),
    ui.startError,
  );
  ui.picker.before(banner);
}

async function startSession() {
  const request = startRequest();
  if (!request || state.starting) return;
  state.starting = true;
  ui.startError.textContent = "";
  updateStartButton();
  try {
    const ack = await emit("start_session", request);
    const error = ackError(ack);
    if (error) ui.startError.textContent = error;
    else showSession(ack.session, ack.turns, { waitForCustomer: false });
  } catch (error) {
    ui.startError.textContent = error instanceof AckTimeout ? t("The server did not answer in time. Try again.") : messageOf(error);
  } finally {
    state.starting = false;
    updateStartButton();
  }
  composer.focus();
}

// ---- session ------------------------------------------------------------------

/**
 * @param {string | number} sessionId
 * @param {{waitForCustomer?: boolean}} [options]
 */
async function resumeSession(sessionId, { waitForCustomer = true } = {}) {
  try {
    const ack = await emit("resume_session", { session_id: sessionId });
    const error = ackError(ack);
    if (error) resumeFailed(error);
    else showSession(ack.session, ack.turns, { waitForCustomer });
  } catch (error) {
    // Translators: the reason in "Could not resume your conversation: {error}"
    resumeFailed(error instanceof AckTimeout ? t("the server did not answer in time.") : messageOf(error));
  }
}

/** @param {string} message */
function resumeFailed(message) {
  if (state.session) {
    composer.showError(t("Could not reload the conversation: {error}", { error: message }));
    setAwaitingCustomer(false);
    return;
  }
  state.sessionId = null;
  setQueryParam("session", null);
  ui.resuming.hidden = true;
  ui.picker.hidden = Boolean(state.draftId);
  ui.startError.textContent = t("Could not resume your conversation: {error}", { error: message });
}

/**
 * @param {Session} session
 * @param {Turn[] | undefined} turns
 * @param {{waitForCustomer: boolean}} options
 */
function showSession(session, turns, { waitForCustomer }) {
  state.session = session;
  state.sessionId = session.id;
  setQueryParam("session", session.id);
  showConversationHeader(session);
  transcript.reset(Array.isArray(turns) ? turns : []);
  moodMeter.update(session.mood);
  needsPanel.update(session.needs);
  reconcileReplies();
  setAwaitingCustomer(waitForCustomer && isWaitingForCustomer());
  showStatus(session);
  const last = transcript.container.lastElementChild;
  if (last) revealNode(last);
}

/** @param {Session} session */
function showConversationHeader(session) {
  const scenario = session.scenario ?? {};
  const persona = scenario.persona_name || t("Customer");
  ui.picker.hidden = true;
  ui.resuming.hidden = true;
  ui.conversation.hidden = false;
  ui.scenarioTitle.textContent = scenario.title ?? t("Scenario");
  // Translators: a scenario's version, e.g. "Version 3"
  ui.scenarioVersion.textContent = scenario.version ? t("Version {version}", { version: scenario.version }) : "";
  ui.personaName.textContent = persona;
  transcript.setNames({ learner: t("You"), customer: persona });
  // Translators: the browser tab's title; {title} is the scenario's
  document.title = scenario.title ? t("{title} · Empathy Trainer", { title: scenario.title }) : t("Chat · Empathy Trainer");
}

/** @param {unknown} sessionId */
function isCurrentSession(sessionId) {
  return state.session !== null && String(sessionId) === String(state.session.id);
}

/** @param {Session} session */
function showStatus(session) {
  if (!isEnded(session.status)) {
    ui.sessionEnd.hidden = true;
    composer.open();
    return;
  }
  const justEnded = ui.sessionEnd.hidden;
  setAwaitingCustomer(false);
  composer.close(t("This conversation has ended."));
  renderEndBanner(session);
  if (justEnded) revealNode(ui.sessionEnd);
}

/** @param {Session} session */
function renderEndBanner(session) {
  ui.sessionEnd.dataset.status = session.status;
  ui.sessionEnd.replaceChildren(
    el("p", { className: "session-end__title" }, endMessage(session.status)),
    el(
      "p",
      {},
      withNodes(t("Average score: {score}"), {
        score: el("strong", { "data-testid": "average-score" }, formatAverage(session.average_score)),
      }),
    ),
    el(
      "p",
      { className: "session-end__actions" },
      el("a", { className: "button button--primary", "data-testid": "debrief-link", href: `/debrief?session=${encodeURIComponent(session.id)}` }, t("See your debrief")),
      el("a", { className: "button button--secondary", href: "/home" }, t("Back to your home page")),
    ),
  );
  ui.sessionEnd.hidden = false;
}

// ---- pushes from the server ---------------------------------------------------

/** @param {{session_id?: unknown, turn: Turn} | null} payload */
function onTurnPush(payload) {
  if (!payload || !isCurrentSession(payload.session_id)) return;
  const shown = transcript.upsert(payload.turn);
  if (!shown) return;
  revealNode(shown.node);
  if (payload.turn.speaker === "learner") onLearnerTurnShown(payload.turn);
  else onCustomerTurnShown(payload.turn);
}

/** @param {Turn} turn */
function onLearnerTurnShown(turn) {
  const reply = [state.inFlight, state.lastFailed].find((r) => r && r.messageId === turn.message_id);
  if (!reply) return;
  composer.clearIfUnchanged(reply.text);
  if (reply === state.lastFailed) replyAccepted(reply);
}

/** @param {Turn} turn */
function onCustomerTurnShown(turn) {
  const latest = transcript.lastTurnBy("customer");
  if (turn.mood && latest && latest.index === turn.index) moodMeter.update(turn.mood);
  if (!isWaitingForCustomer()) setAwaitingCustomer(false);
  armQuietTimer();
}

// ---- a learner who goes quiet is nudged by the customer ---------------------

function armQuietTimer() {
  clearTimeout(state.quietTimer);
  if (!state.session || isEnded(state.session.status)) return;
  state.quietTimer = setTimeout(onLearnerQuiet, state.nudgeAfterMs);
}

async function onLearnerQuiet() {
  const typing = ui.replyInput.value.trim() !== "";
  const busy = state.inFlight || state.awaitingCustomer;
  if (!state.session || typing || busy || !state.socket || !state.socket.connected) {
    armQuietTimer();
    return;
  }
  try {
    await emit("learner_idle", { session_id: state.session.id });
  } catch {
    // A lost nudge is harmless: the learner can still reply.
  }
}

/** @param {{session?: Session} | null} payload */
function onSessionPush(payload) {
  const session = payload && payload.session;
  if (!session || !isCurrentSession(session.id)) return;
  state.session = session;
  moodMeter.update(session.mood);
  needsPanel.update(session.needs);
  showStatus(session);
}

// ---- replies ------------------------------------------------------------------

/** @param {string} text */
async function sendReply(text) {
  if (!state.session || state.inFlight) return;
  if (!state.socket || !state.socket.connected) {
    composer.showError(t("You are offline. Your reply is kept: send it again once the connection is back."));
    return;
  }
  const reply = { sessionId: state.session.id, messageId: messageIdFor(text), text };
  state.inFlight = reply;
  composer.clearError();
  setAwaitingCustomer(true);
  try {
    const ack = await emit("learner_reply", {
      session_id: reply.sessionId,
      message_id: reply.messageId,
      text,
    });
    if (state.inFlight !== reply) return; // settled meanwhile, e.g. by a disconnect
    const error = ackError(ack);
    if (error) replyFailed(reply, error);
    else replyAccepted(reply);
  } catch (error) {
    if (state.inFlight !== reply) return;
    const timedOut = error instanceof AckTimeout;
    replyFailed(reply, timedOut ? t("The server did not answer in time. Your reply is kept: press Send to try again.") : messageOf(error));
  }
}

/**
 * Resending the text that just failed reuses its id, so the server can drop a duplicate.
 * @param {string} text
 */
function messageIdFor(text) {
  const failed = state.lastFailed;
  const sameReply = failed && failed.text === text && isCurrentSession(failed.sessionId);
  return sameReply ? failed.messageId : newMessageId();
}

/** @param {Reply} reply */
function replyAccepted(reply) {
  if (state.inFlight === reply) state.inFlight = null;
  if (state.lastFailed && state.lastFailed.messageId === reply.messageId) {
    state.lastFailed = null;
    composer.clearError();
  }
  composer.clearIfUnchanged(reply.text);
  refreshBusy();
}

/**
 * @param {Reply} reply
 * @param {string} message
 */
function replyFailed(reply, message) {
  if (state.inFlight === reply) state.inFlight = null;
  state.lastFailed = reply;
  setAwaitingCustomer(false);
  composer.showError(message);
}

/** After a reload: a reply that failed or was cut off may have reached the server after all. */
function reconcileReplies() {
  for (const reply of [state.inFlight, state.lastFailed]) {
    if (reply && transcript.findByMessageId(reply.messageId)) replyAccepted(reply);
  }
}

function isWaitingForCustomer() {
  if (!state.session || isEnded(state.session.status)) return false;
  const learner = transcript.lastTurnBy("learner");
  const customer = transcript.lastTurnBy("customer");
  return learner !== null && (!customer || customer.index < learner.index);
}

/** @param {boolean} waiting */
function setAwaitingCustomer(waiting) {
  state.awaitingCustomer = waiting;
  clearTimeout(state.silenceTimer);
  if (waiting) state.silenceTimer = setTimeout(onCustomerSilent, CUSTOMER_SILENCE_MS);
  // Translators: shown while the customer is answering
  ui.thinking.textContent = waiting ? t("Thinking…") : "";
  refreshBusy();
}

function onCustomerSilent() {
  if (state.session && state.socket && state.socket.connected) resumeSession(state.session.id, { waitForCustomer: false });
  else setAwaitingCustomer(false);
}

function refreshBusy() {
  composer.setBusy(Boolean(state.inFlight) || state.awaitingCustomer);
}

// ---- start-up -----------------------------------------------------------------

async function main() {
  const [user, config] = await Promise.all([requireUser(), loadConfig()]);
  header.showUser(user);
  state.nudgeAfterMs = config.nudge_after_seconds * 1000;
  state.ackTimeoutMs = config.ack_timeout_seconds * 1000;
  composer = new Composer(byTestId("reply-form", document, HTMLFormElement), sendReply, { maxLength: config.max_reply_chars });
  ui.picker.hidden = Boolean(state.sessionId || state.draftId);
  ui.resuming.hidden = !state.sessionId;
  if (state.draftId) showDraftBanner();
  ui.scenarioSelect.addEventListener("change", describeScenario);
  ui.scenarioLanguage.addEventListener("change", fillScenarioSelect);
  ui.startButton.addEventListener("click", startSession);
  ui.replyInput.addEventListener("input", armQuietTimer);
  connect();
  if (!state.draftId) await loadScenarios();
}

main().catch((error) => setConnection(messageOf(error)));
