// @ts-check
/**
 * Authoring page (trainers): list the scenarios, edit one as YAML with live
 * validation, save it as a draft, test-chat the draft, check it in play
 * (scripts, good and rude learners through the customer), publish it.
 */
import { draftSaved, renderScenarioCheck, renderValidation, renderVersions, scenarioListItem, versionCode } from "../components/author-view.js";
import { mountHeader } from "../components/header.js";
import { YamlEditor } from "../components/yaml-editor.js";
import { ApiError, requireUser } from "../lib/api.js";
import * as api from "../lib/author-api.js";
import { loadConfig, scenarioIdPattern } from "../lib/config.js";
import { byId, byTestId, el, messageOf, queryParam, revealNode, setQueryParam } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { withNodes } from "../lib/message-nodes.js";
import { failedCheck, normaliseCheck, withIdCheck } from "../lib/validation.js";

/** @typedef {import("../lib/validation.js").Check} Check */
/** @typedef {import("../components/author-view.js").ScenarioRow} ScenarioRow */
/** @typedef {import("../components/author-view.js").Version} Version */

/**
 * The scenario open in the editor.
 * @typedef {object} Current
 * @property {string} id
 * @property {boolean} hasDraft
 * @property {string | null} publishedVersion
 * @property {Version[]} versions
 * @property {string | null} [savedAt]
 */

const VALIDATE_DELAY_MS = 400;

const header = mountHeader(byId("topbar"), "author");

const ui = {
  error: byTestId("author-error"),
  newButton: byTestId("new-scenario", document, HTMLButtonElement),
  newForm: byTestId("new-scenario-form", document, HTMLFormElement),
  newId: byTestId("new-scenario-id", document, HTMLInputElement),
  createButton: byTestId("create-scenario", document, HTMLButtonElement),
  newError: byTestId("new-scenario-error"),
  listStatus: byTestId("list-status"),
  list: byTestId("scenario-list"),
  empty: byTestId("editor-empty"),
  editorArea: byId("editor-area"),
  source: byTestId("editor-source"),
  title: byTestId("editor-title"),
  saveStatus: byTestId("save-status"),
  save: byTestId("save-draft", document, HTMLButtonElement),
  discard: byTestId("discard-draft", document, HTMLButtonElement),
  discardConfirm: byTestId("discard-confirm"),
  testChat: byTestId("test-chat", document, HTMLButtonElement),
  check: byTestId("check-scenario", document, HTMLButtonElement),
  checkResult: byTestId("check-result"),
  checkBody: byTestId("check-body"),
  publish: byTestId("publish", document, HTMLButtonElement),
  exportLink: byTestId("export-yaml", document, HTMLAnchorElement),
  publishResult: byTestId("publish-result"),
  notice: byTestId("author-notice"),
  validation: byTestId("validation"),
  versionsEmpty: byTestId("versions-empty"),
  versions: byTestId("versions", document, HTMLTableElement).tBodies[0],
};

const state = {
  /** @type {ScenarioRow[]} */
  scenarios: [],
  /** @type {Current | null} */
  current: null,
  savedText: "", // the text as last loaded or saved; differs from the editor = unsaved changes
  /** @type {Check | null} validation of the editor's text (or of the text just before) */
  check: null,
  checkSeq: 0,
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  checkTimer: undefined,
  listSeq: 0,
  busy: false,
};

// The editor is in a shadow root, out of reach of aria-labelledby: it carries its label and hint.
const editor = new YamlEditor(byId("yaml-editor"), {
  onChange: onEdit,
  attributes: {
    "data-testid": "yaml-editor",
    "aria-label": byId("yaml-editor-label").textContent ?? "",
    "aria-description": byId("yaml-editor-hint").textContent ?? "",
  },
});

const isDirty = () => state.current !== null && editor.value !== state.savedText;

// ---- messages -------------------------------------------------------------------

/** @param {unknown} error */
function showError(error) {
  ui.error.textContent = error ? messageOf(error) : "";
}

function clearMessages() {
  showError(null);
  notify("");
}

/** @param {string} message */
function notify(message) {
  ui.notice.textContent = message;
}

// ---- scenario list ----------------------------------------------------------------

async function loadList() {
  const seq = ++state.listSeq;
  try {
    const { scenarios } = await api.listScenarios();
    if (seq !== state.listSeq) return; // a newer request is on its way
    state.scenarios = Array.isArray(scenarios) ? scenarios : [];
    ui.listStatus.textContent = state.scenarios.length ? "" : t("No scenarios yet.");
  } catch (error) {
    if (seq !== state.listSeq) return;
    ui.listStatus.textContent = t("Could not load the scenarios: {error}", { error: messageOf(error) });
  }
  renderList();
}

function renderList() {
  const currentId = state.current && state.current.id;
  ui.list.replaceChildren(
    ...state.scenarios.map((scenario) =>
      scenarioListItem(scenario, { selected: scenario.id === currentId, onOpen: openScenario }),
    ),
  );
}

// ---- opening a scenario -----------------------------------------------------------

const leaveUnsaved = () =>
  !isDirty() || window.confirm(t("You have unsaved changes. Leave them and open another scenario?"));

/**
 * @param {string} id
 * @param {{ask?: boolean}} [options] ask before leaving unsaved changes
 */
async function openScenario(id, { ask = true } = {}) {
  if (ask && !leaveUnsaved()) return;
  clearMessages();
  try {
    const detail = await api.loadScenario(id);
    showEditor(
      {
        id: detail.id ?? id,
        hasDraft: detail.source === "draft",
        publishedVersion: detail.published_version ?? null,
        versions: Array.isArray(detail.versions) ? detail.versions : [],
      },
      String(detail.content ?? ""),
    );
  } catch (error) {
    showError(error);
    if (error instanceof ApiError && error.status === 404 && !state.current) setQueryParam("id", null);
  }
}

/**
 * @param {string} id
 * @param {string} template the server's starting text, unsaved until the trainer saves it
 */
function startNewScenario(id, template) {
  showEditor({ id, hasDraft: false, publishedVersion: null, versions: [] }, "");
  editor.setValue(template);
  showSaveStatus();
  validateNow();
  editor.focus();
}

/**
 * @param {Current} current
 * @param {string} text
 */
function showEditor(current, text) {
  state.current = current;
  state.savedText = text;
  state.check = null;
  editor.setValue(text);
  ui.publishResult.textContent = "";
  notify("");
  closeDiscardConfirm();
  setQueryParam("id", current.id);
  ui.empty.hidden = true;
  ui.editorArea.hidden = false;
  ui.title.textContent = current.id;
  // Translators: the browser tab's title; {id} is the scenario's id.
  document.title = t("{id} · Author · Empathy Trainer", { id: current.id });
  ui.validation.replaceChildren();
  ui.checkBody.replaceChildren();
  ui.checkResult.hidden = true;
  delete ui.validation.dataset.state;
  renderList();
  showScenarioState();
  if (text) validateNow();
}

function closeEditor() {
  state.current = null;
  state.savedText = "";
  setQueryParam("id", null);
  ui.editorArea.hidden = true;
  ui.empty.hidden = false;
  document.title = t("Author scenarios · Empathy Trainer");
  renderList();
}

/** Source line, save status, versions, export link and buttons. */
function showScenarioState() {
  if (!state.current) return;
  const { id, hasDraft, publishedVersion, versions } = state.current;
  if (hasDraft) ui.source.replaceChildren(t("Saved draft"));
  else if (publishedVersion) ui.source.replaceChildren(...withNodes(t("Published version {version}"), { version: versionCode(publishedVersion) }));
  else ui.source.replaceChildren(t("New scenario, not saved yet"));
  if (publishedVersion) {
    ui.exportLink.href = api.exportUrl(id);
    ui.exportLink.setAttribute("download", `${id}.yml`);
    ui.exportLink.removeAttribute("aria-disabled");
  } else {
    ui.exportLink.removeAttribute("href");
    ui.exportLink.removeAttribute("download");
    ui.exportLink.setAttribute("aria-disabled", "true");
  }
  ui.exportLink.title = publishedVersion ? t("Download the published file") : t("Not published yet");
  ui.versionsEmpty.hidden = versions.length > 0;
  renderVersions(ui.versions, versions, { id, publishedVersion });
  showSaveStatus();
  updateButtons();
}

function showSaveStatus() {
  if (!state.current) return;
  const { hasDraft, savedAt } = state.current;
  let status = "";
  if (isDirty()) status = t("Unsaved changes");
  else if (savedAt) status = draftSaved(savedAt);
  else if (hasDraft) status = t("Draft saved");
  ui.saveStatus.textContent = status;
  ui.saveStatus.dataset.dirty = String(isDirty());
}

function updateButtons() {
  const current = state.current;
  const checkedValid = Boolean(state.check && state.check.valid);
  ui.save.disabled = state.busy;
  ui.testChat.disabled = state.busy;
  ui.check.disabled = state.busy;
  ui.discard.disabled = state.busy || !current || !current.hasDraft;
  ui.publish.disabled = state.busy || !checkedValid;
  ui.publish.title = checkedValid ? "" : t("Fix the errors before publishing");
}

// ---- validation -------------------------------------------------------------------

function onEdit() {
  showSaveStatus();
  clearTimeout(state.checkTimer);
  ui.validation.setAttribute("aria-busy", "true");
  state.checkTimer = setTimeout(validateNow, VALIDATE_DELAY_MS);
}

async function validateNow() {
  clearTimeout(state.checkTimer);
  const text = editor.value;
  const seq = ++state.checkSeq;
  try {
    const check = await api.validateScenario(text);
    if (seq === state.checkSeq) applyCheck(text, check);
  } catch (error) {
    if (seq !== state.checkSeq) return;
    applyCheck(text, failedCheck(messageOf(error)));
  }
}

/**
 * Show a validation result for ``text`` (ignored if the editor has moved on):
 * in the panel, and as lint markers at their lines in the editor.
 * @param {string} text
 * @param {unknown} check the server's answer
 */
function applyCheck(text, check) {
  if (!state.current || text !== editor.value) return;
  const result = withIdCheck(text, normaliseCheck(check), state.current.id);
  state.check = result;
  ui.validation.removeAttribute("aria-busy");
  renderValidation(ui.validation, result, (line) => editor.goToLine(line));
  editor.markErrors(result.errors);
  updateButtons();
}

// ---- save, discard, test chat, publish ------------------------------------------------

/** @param {boolean} busy */
function setBusy(busy) {
  state.busy = busy;
  updateButtons();
}

/**
 * Save the editor's text as the draft; the validation of what was saved, or null.
 * @returns {Promise<Check | null>}
 */
async function saveDraft() {
  if (!state.current || state.busy) return null;
  const { id } = state.current;
  const text = editor.value;
  setBusy(true);
  clearMessages();
  ui.saveStatus.textContent = t("Saving…");
  try {
    const { validation } = await api.saveDraft(id, text);
    if (!state.current || state.current.id !== id) return null;
    state.savedText = text;
    Object.assign(state.current, { hasDraft: true, savedAt: new Date().toISOString() });
    applyCheck(text, validation);
    showScenarioState();
    loadList();
    return withIdCheck(text, normaliseCheck(validation), id);
  } catch (error) {
    showError(error);
    showSaveStatus();
    return null;
  } finally {
    setBusy(false);
  }
}

async function discardDraft() {
  if (!state.current || state.busy) return;
  const { id } = state.current;
  closeDiscardConfirm();
  setBusy(true);
  clearMessages();
  try {
    await api.discardDraft(id);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) {
      showError(error);
      setBusy(false);
      return;
    }
  }
  setBusy(false);
  state.savedText = editor.value; // the draft is gone; nothing left to warn about
  if (state.current && state.current.publishedVersion) await openScenario(id, { ask: false });
  else closeEditor();
  notify(t("The draft of {id} was discarded.", { id }));
  loadList();
}

function openDiscardConfirm() {
  ui.discardConfirm.hidden = false;
  byTestId("keep-draft").focus();
}

function closeDiscardConfirm() {
  ui.discardConfirm.hidden = true;
}

async function testChat() {
  const check = await saveDraft();
  if (!check || !state.current) return;
  if (!check.valid) {
    showError(t("The draft is saved but has errors; fix them before a test chat."));
    return;
  }
  const url = `/chat?draft=${encodeURIComponent(state.current.id)}`;
  const tab = window.open(url, "_blank");
  notify(tab ? t("The test chat opened in a new tab.") : t("Your browser blocked the new tab: open {url} to test the draft.", { url }));
}

async function checkInPlay() {
  if (!state.current || state.busy) return;
  const { id } = state.current;
  if (isDirty() || !state.current.hasDraft) {
    const check = await saveDraft();
    if (!check) return;
    if (!check.valid) {
      showError(t("The draft is saved but has errors; fix them before checking it in play."));
      return;
    }
  }
  setBusy(true);
  clearMessages();
  ui.checkResult.hidden = false;
  ui.checkResult.setAttribute("aria-busy", "true");
  ui.checkBody.replaceChildren(
    el("p", { className: "muted", "data-testid": "check-running" }, t("Playing the scenario's conversations through the customer… this takes up to a minute.")),
  );
  try {
    const report = await api.checkScenario(id);
    if (!state.current || state.current.id !== id) return;
    renderScenarioCheck(ui.checkBody, report);
  } catch (error) {
    ui.checkBody.replaceChildren();
    ui.checkResult.hidden = true;
    showError(error);
  } finally {
    ui.checkResult.removeAttribute("aria-busy");
    setBusy(false);
  }
}

async function publish() {
  if (!state.current || state.busy) return;
  const { id } = state.current;
  ui.publishResult.textContent = "";
  if (isDirty() || !state.current.hasDraft) {
    const check = await saveDraft();
    if (!check) return;
    if (!check.valid) {
      showError(t("The draft has errors; fix them before publishing."));
      return;
    }
  }
  setBusy(true);
  clearMessages();
  try {
    const { version } = await api.publishDraft(id);
    ui.publishResult.textContent = t("Published version {version}", { version });
    await refreshAfterPublish(id);
  } catch (error) {
    if (error instanceof ApiError && error.errors.length) applyCheck(editor.value, { valid: false, errors: error.errors, summary: null });
    showError(error);
  } finally {
    setBusy(false);
  }
  loadList();
}

/**
 * Publishing consumed the draft: take the versions and state from the server, keep the text.
 * @param {string} id
 */
async function refreshAfterPublish(id) {
  try {
    const detail = await api.loadScenario(id);
    if (!state.current || state.current.id !== id) return;
    Object.assign(state.current, {
      hasDraft: detail.source === "draft",
      publishedVersion: detail.published_version ?? null,
      versions: Array.isArray(detail.versions) ? detail.versions : [],
      savedAt: null,
    });
    if (!isDirty()) state.savedText = String(detail.content ?? state.savedText);
    showScenarioState();
  } catch (error) {
    showError(error);
  }
}

// ---- new scenario ---------------------------------------------------------------------

/** @param {boolean} open */
function toggleNewForm(open) {
  ui.newForm.hidden = !open;
  ui.newButton.setAttribute("aria-expanded", String(open));
  ui.newError.textContent = "";
  if (open) {
    ui.newId.value = "";
    ui.newId.focus();
  } else ui.newButton.focus();
}

/**
 * What is wrong with a new scenario's id, or "" when it can be created.
 * @param {string} id
 */
function newIdProblem(id) {
  if (!scenarioIdPattern().test(id)) {
    // Translators: late_parcel is an example id; an id may use only a-z, 0-9 and _.
    return t("Use 2–64 lowercase letters, digits and underscores, starting with a letter (for example late_parcel).");
  }
  if (state.scenarios.some((scenario) => scenario.id === id)) return t("There is already a scenario {id}: open it from the list.", { id });
  return "";
}

/** @param {SubmitEvent} event */
async function onNewScenario(event) {
  event.preventDefault();
  const id = ui.newId.value.trim();
  const problem = newIdProblem(id);
  showNewIdProblem(problem);
  if (problem || !leaveUnsaved()) {
    ui.newId.focus();
    return;
  }
  ui.createButton.disabled = true;
  try {
    const template = await api.scenarioTemplate(id);
    ui.newForm.hidden = true;
    ui.newButton.setAttribute("aria-expanded", "false");
    startNewScenario(id, template);
  } catch (error) {
    showNewIdProblem(t("Could not start the scenario: {error}", { error: messageOf(error) }));
    ui.newId.focus();
  } finally {
    ui.createButton.disabled = false;
  }
}

/** @param {string} problem */
function showNewIdProblem(problem) {
  ui.newError.textContent = problem;
  ui.newId.setAttribute("aria-invalid", String(Boolean(problem)));
}

// ---- start-up ---------------------------------------------------------------------------

/** @param {KeyboardEvent} event */
function onKeyDown(event) {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s" && state.current) {
    event.preventDefault();
    saveDraft();
  }
}

function wire() {
  ui.newButton.addEventListener("click", () => toggleNewForm(ui.newForm.hidden));
  ui.newForm.addEventListener("submit", onNewScenario);
  byTestId("cancel-new-scenario").addEventListener("click", () => toggleNewForm(false));
  ui.save.addEventListener("click", saveDraft);
  ui.discard.addEventListener("click", openDiscardConfirm);
  byTestId("confirm-discard").addEventListener("click", discardDraft);
  byTestId("keep-draft").addEventListener("click", () => {
    closeDiscardConfirm();
    ui.discard.focus();
  });
  ui.testChat.addEventListener("click", testChat);
  ui.check.addEventListener("click", checkInPlay);
  ui.publish.addEventListener("click", publish);
  document.addEventListener("keydown", onKeyDown);
  window.addEventListener("beforeunload", (event) => {
    if (!isDirty()) return;
    event.preventDefault();
    event.returnValue = "";
  });
}

async function main() {
  const [user] = await Promise.all([requireUser(), loadConfig()]);
  header.showUser(user);
  wire();
  await loadList();
  const wanted = queryParam("id");
  if (wanted) await openScenario(wanted, { ask: false });
  if (state.current) revealNode(ui.editorArea);
}

main().catch(showError);
