// @ts-check
/**
 * A trainer watches a learner's session as it happens (/watch?session=<id>):
 * the transcript so far, then each turn, the customer's mood and needs as
 * they arrive over Socket.IO. Read-only: nothing here can send a reply.
 */
import { mountHeader } from "../components/header.js";
import { MoodMeter } from "../components/mood-meter.js";
import { NeedsPanel } from "../components/needs-panel.js";
import { Transcript } from "../components/transcript.js";
import { requireUser } from "../lib/api.js";
import { loadConfig } from "../lib/config.js";
import { byId, byTestId, messageOf, queryParam, revealNode } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { endMessage, isEnded } from "../lib/labels.js";
import { ackError, emitWithAck, openSocket } from "../lib/socket.js";

const header = mountHeader(byId("topbar"), "class");
const sessionId = queryParam("session");
const ui = {
  title: byTestId("watch-title"),
  learner: byTestId("watch-learner"),
  error: byTestId("watch-error"),
  body: byTestId("watch-body"),
  status: byTestId("watch-status"),
  connection: byTestId("connection"),
  debrief: byTestId("watch-debrief", document, HTMLAnchorElement),
};
const transcript = new Transcript(byTestId("transcript"), { learner: t("Learner"), customer: t("Customer") });
const mood = new MoodMeter(byTestId("mood"));
const needs = new NeedsPanel(byTestId("needs"));
let ackTimeoutMs = 30_000;

/** @param {any} session */
function showSession(session) {
  mood.update(session.mood);
  needs.update(session.needs);
  const ended = isEnded(session.status);
  ui.status.hidden = !ended;
  ui.status.textContent = ended ? endMessage(session.status) : "";
  if (ended) ui.status.dataset.status = session.status;
}

/** @param {import("socket.io-client").Socket} socket */
async function watch(socket) {
  const ack = await emitWithAck(socket, "watch_session", { session_id: sessionId }, ackTimeoutMs);
  const error = ackError(ack);
  if (error) {
    ui.error.textContent = error;
    return;
  }
  const { session, turns } = ack;
  ui.title.textContent = session.scenario?.title ?? t("Watching a session");
  const name = session.learner_name || session.learner;
  ui.learner.textContent = t("Learner: {name}. The page follows the conversation as it happens.", { name });
  transcript.setNames({ learner: name, customer: session.scenario?.persona_name || t("Customer") });
  transcript.reset(turns);
  showSession(session);
  ui.body.hidden = false;
}

async function start() {
  const [user, config] = await Promise.all([requireUser(), loadConfig()]);
  header.showUser(user);
  ackTimeoutMs = config.ack_timeout_seconds * 1000;
  if (!sessionId) {
    ui.error.textContent = t("No session was chosen. Open a live session from your class page.");
    return;
  }
  ui.debrief.href = `/debrief?session=${encodeURIComponent(sessionId)}`;
  const socket = openSocket();
  socket.on("connect", () => {
    ui.connection.hidden = true;
    watch(socket).catch((failure) => (ui.error.textContent = messageOf(failure)));
  });
  socket.on("disconnect", () => {
    ui.connection.textContent = t("Connection lost. Reconnecting…");
    ui.connection.hidden = false;
  });
  socket.on("turn", (/** @type {any} */ payload) => {
    if (!payload || String(payload.session_id) !== sessionId) return;
    const shown = transcript.upsert(payload.turn);
    if (shown) revealNode(shown.node);
  });
  socket.on("session", (/** @type {any} */ payload) => {
    if (payload && payload.session && String(payload.session.id) === sessionId) showSession(payload.session);
  });
}

start().catch((failure) => {
  ui.error.textContent = messageOf(failure);
});
