// @ts-check
/**
 * A candidate's assessment (/assess/<link>): the notice and consent in the
 * round's language, then each conversation in assessment mode: no scores,
 * tips or needs, the time left shown, pasting turned off. Reloading or
 * reconnecting resumes within the time limit.
 *
 * The server renders this page and its catalogue in the round's language
 * (not the browser's), so t() reads the round's language; the notice,
 * consent and the other texts of the assessment come from the server in
 * that language too (``view.texts``).
 */
import { Composer } from "../components/composer.js";
import { Transcript } from "../components/transcript.js";
import { ApiError, apiRequest, getJson, postJson } from "../lib/api.js";
import { loadConfig } from "../lib/config.js";
import { byTestId, el, messageOf } from "../lib/dom.js";
import { language, t } from "../lib/i18n.js";
import { ackError, emitWithAck, newMessageId, openSocket } from "../lib/socket.js";

const token = decodeURIComponent(window.location.pathname.split("/").pop() || "");
const link = `/api/assess/${encodeURIComponent(token)}`;
const ui = {
  title: byTestId("assess-title"),
  error: byTestId("assess-error"),
  notice: byTestId("notice"),
  status: byTestId("assess-status"),
  message: byTestId("assess-message"),
  start: byTestId("assess-start", document, HTMLButtonElement),
  chat: byTestId("assess-chat"),
  timer: byTestId("timer"),
  ended: byTestId("assess-ended"),
  thinking: byTestId("thinking"),
  input: byTestId("reply-input", document, HTMLTextAreaElement),
};
/** @type {Record<string, string>} */
let texts = {};
/** @type {import("socket.io-client").Socket | null} */
let socket = null;
/** @type {any} */
let session = null;
let ackTimeoutMs = 45_000;
/** @type {ReturnType<typeof setInterval> | undefined} */
let ticking;
const transcript = new Transcript(byTestId("transcript"), { learner: t("You"), customer: t("Customer") });
/** @type {Composer} */
let composer;

/**
 * Minutes and seconds left until ``deadline`` (never negative).
 * @param {string} deadline ISO time
 * @param {number} now milliseconds
 */
export function timeLeft(deadline, now) {
  const seconds = Math.max(0, Math.floor((Date.parse(deadline) - now) / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}

/** @param {any} view */
function showLink(view) {
  texts = view.texts;
  // the server already wrote the round's locale (fr-CA, fr-FR...): keep it when it is the round's language
  if (language() !== view.round.language) document.documentElement.lang = view.round.language;
  document.title = view.round.title;
  ui.title.textContent = view.round.title;
  for (const key of ["title", "what", "use", "keep", "time", "alternative", "contact"]) {
    byTestId(`notice-${key}`).textContent = texts[key];
  }
  byTestId("consent-yes").textContent = texts.agree;
  byTestId("consent-no").textContent = texts.decline;
  byTestId("timer-label").textContent = texts.time_left;
  byTestId("reply-label").textContent = texts.reply;
  byTestId("send-button").textContent = texts.send;
  transcript.setNames({ learner: texts.you, customer: texts.customer });
  showDeclaration(null);
  if (view.consent === "pending" || (view.consent === "given" && !view.signed_in)) {
    // not yet agreed, or agreed on another device: the notice, then consent
    // (which is refused while another device holds a started assessment)
    ui.notice.hidden = false;
    ui.status.hidden = true;
    byTestId("notice-reopen").hidden = view.consent !== "given";
    byTestId("notice-reopen").textContent = texts.other_device;
    return;
  }
  ui.notice.hidden = true;
  ui.status.hidden = false;
  ui.start.hidden = true;
  if (view.consent === "declined") {
    ui.message.textContent = texts.declined;
  } else if (view.active_session) {
    ui.message.textContent = "";
    ui.status.hidden = true;
    void resume(view.active_session);
  } else if (view.can_start) {
    ui.message.textContent = "";
    ui.start.textContent = view.finished ? texts.continue : texts.start;
    ui.start.hidden = false;
  } else {
    ui.message.textContent = texts.done;
    showRights();
    // asked only once the assessment is over, so it cannot seem to count
    showDeclaration(view.self_declaration);
  }
}

/**
 * The optional self-declaration form (questions and answers from the server,
 * in the round's language); hidden when the round asks none.
 * @param {{questions: {id: string, label: string, options: {value: string, label: string}[]}[], answers: Record<string, string | null> | null} | null} form
 */
function showDeclaration(form) {
  const box = byTestId("declaration-form", document, HTMLFormElement);
  box.hidden = !form;
  if (!form) return;
  byTestId("declaration-title").textContent = texts.declare_title;
  byTestId("declaration-intro").textContent = texts.declare_intro;
  byTestId("declaration-save").textContent = texts.declare_save;
  const withdraw = byTestId("declaration-withdraw", document, HTMLButtonElement);
  withdraw.textContent = texts.declare_withdraw;
  withdraw.hidden = !form.answers;
  byTestId("declaration-questions").replaceChildren(
    ...form.questions.map((question) => {
      const chosen = form.answers ? (form.answers[question.id] ?? "") : null;
      const choice = (/** @type {string} */ value, /** @type {string} */ label) =>
        el(
          "label",
          { className: "declaration__choice" },
          el("input", { type: "radio", name: question.id, value, checked: chosen === value, "data-testid": `declare-${question.id}-${value || "none"}` }),
          ` ${label}`,
        );
      return el(
        "fieldset",
        { className: "declaration__question", "data-testid": "declaration-question" },
        el("legend", {}, question.label),
        ...question.options.map((option) => choice(option.value, option.label)),
        choice("", texts.declare_prefer_not),
      );
    }),
  );
}

/**
 * The answers chosen in the form; an unanswered question is "prefer not to say".
 * @param {HTMLFormElement} form
 * @returns {Record<string, string | null>}
 */
export function declaredAnswers(form) {
  /** @type {Record<string, string | null>} */
  const answers = {};
  for (const fieldset of form.querySelectorAll("fieldset")) {
    const picked = fieldset.querySelector("input:checked");
    const name = fieldset.querySelector("input")?.getAttribute("name");
    if (name) answers[name] = picked instanceof HTMLInputElement && picked.value ? picked.value : null;
  }
  return answers;
}

/** @param {SubmitEvent} event */
async function saveDeclaration(event) {
  event.preventDefault();
  const status = byTestId("declaration-status");
  try {
    await apiRequest(`${link}/self-declaration`, { method: "PUT", body: { answers: declaredAnswers(byTestId("declaration-form", document, HTMLFormElement)) } });
    status.textContent = texts.declare_saved;
    byTestId("declaration-withdraw").hidden = false;
  } catch (failure) {
    status.textContent = messageOf(failure);
  }
}

async function withdrawDeclaration() {
  const status = byTestId("declaration-status");
  try {
    await apiRequest(`${link}/self-declaration`, { method: "DELETE" });
    for (const input of byTestId("declaration-form").querySelectorAll("input")) {
      if (input instanceof HTMLInputElement) input.checked = false;
    }
    byTestId("declaration-withdraw").hidden = true;
    status.textContent = texts.declare_withdrawn;
  } catch (failure) {
    status.textContent = messageOf(failure);
  }
}

/** After the assessment: the main factors on request, and observations. */
function showRights() {
  byTestId("rights").hidden = false;
  byTestId("ask-factors").textContent = texts.ask_factors;
  byTestId("observation-label").textContent = texts.observe;
  byTestId("observation-submit").textContent = texts.send_observation;
}

async function askFactors() {
  try {
    const answer = await getJson(`${link}/factors`);
    const lines = answer.available ? answer.factors : [texts.no_factors];
    byTestId("factors").replaceChildren(...lines.map((/** @type {string} */ line) => el("li", { "data-testid": "factor" }, line)));
  } catch (failure) {
    ui.error.textContent = messageOf(failure);
  }
}

/** @param {SubmitEvent} event */
async function sendObservation(event) {
  event.preventDefault();
  const box = byTestId("observation", document, HTMLTextAreaElement);
  const status = byTestId("observation-status");
  try {
    await postJson(`${link}/observations`, { text: box.value });
    box.value = "";
    status.textContent = texts.observation_sent;
  } catch (failure) {
    status.textContent = messageOf(failure);
  }
}

async function refreshLink() {
  try {
    showLink(await getJson(link));
  } catch (failure) {
    ui.notice.hidden = true;
    ui.status.hidden = true;
    ui.chat.hidden = true;
    ui.title.textContent = failure instanceof ApiError && failure.status === 410 ? t("Link expired") : t("Assessment");
    ui.error.textContent = messageOf(failure);
  }
}

/** @param {boolean} given */
async function answer(given) {
  ui.error.textContent = "";
  try {
    showLink(await postJson(`${link}/consent`, { consent: given }));
  } catch (failure) {
    ui.error.textContent = messageOf(failure);
  }
}

function connect() {
  if (socket) return socket;
  socket = openSocket();
  socket.on("turn", (/** @type {any} */ payload) => {
    if (session && payload && String(payload.session_id) === String(session.id)) {
      transcript.upsert(payload.turn);
      if (payload.turn.speaker === "customer") ui.thinking.textContent = "";
    }
  });
  socket.on("session", (/** @type {any} */ payload) => {
    if (session && payload && payload.session && String(payload.session.id) === String(session.id)) showSession(payload.session);
  });
  return socket;
}

/**
 * @param {string} event
 * @param {unknown} payload
 */
async function emit(event, payload) {
  const open = connect();
  if (!open.connected) await new Promise((resolve) => open.once("connect", () => resolve(undefined)));
  const ack = await emitWithAck(open, event, payload, ackTimeoutMs);
  const error = ackError(ack);
  if (error) throw new Error(error);
  return ack;
}

async function startConversation() {
  ui.start.disabled = true;
  try {
    const ack = await emit("start_assessment", {});
    openChat(ack.session, ack.turns);
  } catch (failure) {
    ui.error.textContent = messageOf(failure);
  } finally {
    ui.start.disabled = false;
  }
}

/** @param {string} sessionId */
async function resume(sessionId) {
  try {
    const ack = await emit("resume_session", { session_id: sessionId });
    openChat(ack.session, ack.turns);
  } catch (failure) {
    ui.error.textContent = messageOf(failure);
  }
}

/**
 * @param {any} view
 * @param {any[]} turns
 */
function openChat(view, turns) {
  ui.status.hidden = true;
  ui.notice.hidden = true;
  ui.chat.hidden = false;
  transcript.reset(turns);
  showSession(view);
  composer.focus();
}

/** @param {any} view */
function showSession(view) {
  session = view;
  clearInterval(ticking);
  if (view.status !== "active") {
    composer.close(texts.ended);
    ui.ended.textContent = texts.ended;
    ui.ended.hidden = false;
    ui.timer.textContent = "00:00";
    // what comes next: the following conversation, or the end of the assessment
    setTimeout(async () => {
      await refreshLink();
      if (!ui.status.hidden) ui.chat.hidden = true;
    }, 2500);
    return;
  }
  ui.ended.hidden = true;
  composer.open();
  const tick = () => {
    ui.timer.textContent = timeLeft(view.deadline, Date.now());
    if (Date.parse(view.deadline) <= Date.now()) {
      clearInterval(ticking);
      composer.close(texts.ended);
      ui.ended.textContent = texts.ended;
      ui.ended.hidden = false;
      // the server ends the conversation when the link is read past its time
      setTimeout(async () => {
        await refreshLink();
        if (!ui.status.hidden) ui.chat.hidden = true;
      }, 1500);
    }
  };
  tick();
  ticking = setInterval(tick, 1000);
}

/** @param {string} text */
async function send(text) {
  if (!session) return;
  composer.setBusy(true);
  composer.clearError();
  ui.thinking.textContent = "…";
  try {
    await emit("learner_reply", { session_id: session.id, message_id: newMessageId(), text });
    composer.clearIfUnchanged(text);
  } catch (failure) {
    ui.thinking.textContent = "";
    composer.showError(messageOf(failure));
  } finally {
    composer.setBusy(false);
  }
}

async function start() {
  const config = await loadConfig();
  ackTimeoutMs = config.ack_timeout_seconds * 1000;
  composer = new Composer(byTestId("reply-form", document, HTMLFormElement), send, { maxLength: config.max_reply_chars });
  ui.input.addEventListener("paste", (event) => {
    event.preventDefault();
    composer.showError(texts.no_paste);
  });
  ui.input.addEventListener("drop", (event) => event.preventDefault());
  byTestId("consent-yes").addEventListener("click", () => void answer(true));
  byTestId("consent-no").addEventListener("click", () => void answer(false));
  ui.start.addEventListener("click", () => void startConversation());
  byTestId("ask-factors").addEventListener("click", () => void askFactors());
  byTestId("observation-form").addEventListener("submit", (event) => void sendObservation(/** @type {SubmitEvent} */ (event)));
  byTestId("declaration-form").addEventListener("submit", (event) => void saveDeclaration(/** @type {SubmitEvent} */ (event)));
  byTestId("declaration-withdraw").addEventListener("click", () => void withdrawDeclaration());
  await refreshLink();
}

start().catch((failure) => {
  ui.error.textContent = messageOf(failure);
});
