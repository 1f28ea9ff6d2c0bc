/**
 * Authoring page (trainers): list the scenarios, edit one as YAML with live
 * validation, save it as a draft, test-chat the draft, publish it.
 */
import { requireUser } from "./api.js";
import * as api from "./author-api.js";
import { errorsByLine, renderValidation, renderVersions, savedWhen, scenarioListItem, shortHash } from "./author-view.js";
import { byTestId, el, queryParam, revealNode, setQueryParam } from "./dom.js";
import { initHeader } from "./header.js";
import { SCENARIO_ID, scenarioTemplate } from "./scenario-template.js";
import { YamlEditor } from "./yaml-editor.js";

const VALIDATE_DELAY_MS = 400;

const ui = {
  error: byTestId("author-error"),
  newButton: byTestId("new-scenario"),
  newForm: byTestId("new-scenario-form"),
  newId: byTestId("new-scenario-id"),
  newError: byTestId("new-scenario-error"),
  listStatus: byTestId("list-status"),
  list: byTestId("scenario-list"),
  empty: byTestId("editor-empty"),
  editorArea: document.getElementById("editor-area"),
  source: byTestId("editor-source"),
  title: byTestId("editor-title"),
  saveStatus: byTestId("save-status"),
  save: byTestId("save-draft"),
  discard: byTestId("discard-draft"),
  discardConfirm: byTestId("discard-confirm"),
  testChat: byTestId("test-chat"),
  publish: byTestId("publish"),
  exportLink: byTestId("export-yaml"),
  publishResult: byTestId("publish-result"),
  notice: byTestId("author-notice"),
  validation: byTestId("validation"),
  versionsEmpty: byTestId("versions-empty"),
  versions: byTestId("versions").tBodies[0],
};

const state = {
  scenarios: [],
  current: null, // {id, hasDraft, publishedVersion, versions, savedAt}
  savedText: "", // the text as last loaded or saved; differs from the editor = unsaved changes
  check: null, // validation of the editor's text (or of the text just before)
  checkSeq: 0,
  checkTimer: null,
  listSeq: 0,
  busy: false,
};

const editor = new YamlEditor(byTestId("yaml-editor"), byTestId("yaml-gutter"), { onChange: onEdit });

const isDirty = () => state.current !== null && editor.value !== state.savedText;

// ---- messages -------------------------------------------------------------------

function showError(error) {
  ui.error.textContent = error ? error.message || String(error) : "";
}

function clearMessages() {
  showError(null);
  notify("");
}

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
    ui.listStatus.textContent = state.scenarios.length ? "" : "No scenarios yet.";
  } catch (error) {
    if (seq !== state.listSeq) return;
    ui.listStatus.textContent = `Could not load the scenarios: ${error.message}`;
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
  !isDirty() || window.confirm("You have unsaved changes. Leave them and open another scenario?");

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
    if (error.status === 404 && !state.current) setQueryParam("id", null);
  }
}

function startNewScenario(id) {
  showEditor({ id, hasDraft: false, publishedVersion: null, versions: [] }, "");
  editor.setValue(scenarioTemplate(id)); // unsaved until the trainer saves it
  showSaveStatus();
  validateNow();
  editor.textarea.focus();
}

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
  document.title = `${current.id} · Author · Empathy Trainer`;
  ui.validation.replaceChildren();
  delete ui.validation.dataset.state;
  editor.markErrors(new Map());
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
  document.title = "Author scenarios · Empathy Trainer";
  renderList();
}

/** Source line, save status, versions, export link and buttons. */
function showScenarioState() {
  const { id, hasDraft, publishedVersion, versions } = state.current;
  if (hasDraft) ui.source.replaceChildren("Saved draft");
  else if (publishedVersion) ui.source.replaceChildren("Published version ", el("code", { title: publishedVersion }, shortHash(publishedVersion)));
  else ui.source.replaceChildren("New scenario, not saved yet");
  if (publishedVersion) {
    ui.exportLink.href = api.exportUrl(id);
    ui.exportLink.setAttribute("download", `${id}.yml`);
    ui.exportLink.removeAttribute("aria-disabled");
  } else {
    ui.exportLink.removeAttribute("href");
    ui.exportLink.removeAttribute("download");
    ui.exportLink.setAttribute("aria-disabled", "true");
  }
  ui.exportLink.title = publishedVersion ? "Download the published file" : "Not published yet";
  ui.versionsEmpty.hidden = versions.length > 0;
  renderVersions(ui.versions, versions, { id, publishedVersion });
  showSaveStatus();
  updateButtons();
}

function showSaveStatus() {
  if (!state.current) return;
  const { hasDraft, savedAt } = state.current;
  let status = "";
  if (isDirty()) status = "Unsaved changes";
  else if (savedAt) status = `Draft saved ${savedWhen(savedAt)}`;
  else if (hasDraft) status = "Draft saved";
  ui.saveStatus.textContent = status;
  ui.saveStatus.dataset.dirty = String(isDirty());
}

function updateButtons() {
  const current = state.current;
  const checkedValid = Boolean(state.check && state.check.valid);
  ui.save.disabled = state.busy;
  ui.testChat.disabled = state.busy;
  ui.discard.disabled = state.busy || !current || !current.hasDraft;
  ui.publish.disabled = state.busy || !checkedValid;
  ui.publish.title = checkedValid ? "" : "Fix the errors before publishing";
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
    applyCheck(text, { valid: false, errors: [{ line: null, field: "", problem: `Could not check the scenario: ${error.message}` }], summary: null });
  }
}

/** Show a validation result for ``text`` (ignored if the editor has moved on). */
function applyCheck(text, check) {
  if (!state.current || text !== editor.value) return;
  const result = withIdCheck(text, normaliseCheck(check));
  state.check = result;
  ui.validation.removeAttribute("aria-busy");
  renderValidation(ui.validation, result, (line) => editor.goToLine(line));
  editor.markErrors(errorsByLine(result.errors));
  updateButtons();
}

function normaliseCheck(check) {
  const errors = check && Array.isArray(check.errors) ? check.errors : [];
  const summary = check && check.summary ? check.summary : null;
  return { valid: Boolean(check && check.valid) && !errors.length && summary !== null, errors, summary };
}

/** The server publishes a draft only under its own id; say so before it refuses. */
function withIdCheck(text, check) {
  const id = state.current.id;
  if (!check.valid || check.summary.id === id) return check;
  const match = /^id:/m.exec(text);
  const line = match ? text.slice(0, match.index).split("\n").length : null;
  const problem = `is '${check.summary.id}' but this scenario is '${id}'; the id must match the scenario you are editing`;
  return { valid: false, errors: [{ line, field: "id", problem }], summary: null };
}

// ---- save, discard, test chat, publish ------------------------------------------------

function setBusy(busy) {
  state.busy = busy;
  updateButtons();
}

/** Save the editor's text as the draft; the validation of what was saved, or null. */
async function saveDraft() {
  if (!state.current || state.busy) return null;
  const { id } = state.current;
  const text = editor.value;
  setBusy(true);
  clearMessages();
  ui.saveStatus.textContent = "Saving…";
  try {
    const { validation } = await api.saveDraft(id, text);
    if (!state.current || state.current.id !== id) return null;
    state.savedText = text;
    Object.assign(state.current, { hasDraft: true, savedAt: new Date().toISOString() });
    applyCheck(text, validation);
    showScenarioState();
    loadList();
    return withIdCheck(text, normaliseCheck(validation));
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
    if (error.status !== 404) {
      showError(error);
      setBusy(false);
      return;
    }
  }
  setBusy(false);
  state.savedText = editor.value; // the draft is gone; nothing left to warn about
  if (state.current.publishedVersion) await openScenario(id, { ask: false });
  else closeEditor();
  notify(`The draft of ${id} was discarded.`);
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
  if (!check) return;
  if (!check.valid) {
    showError({ message: "The draft is saved but has errors; fix them before a test chat." });
    return;
  }
  const url = `/chat?draft=${encodeURIComponent(state.current.id)}`;
  const tab = window.open(url, "_blank");
  notify(tab ? "The test chat opened in a new tab." : `Your browser blocked the new tab: open ${url} to test the draft.`);
}

async function publish() {
  if (!state.current || state.busy) return;
  const { id } = state.current;
  ui.publishResult.textContent = "";
  if (isDirty() || !state.current.hasDraft) {
    const check = await saveDraft();
    if (!check) return;
    if (!check.valid) {
      showError({ message: "The draft has errors; fix them before publishing." });
      return;
    }
  }
  setBusy(true);
  clearMessages();
  try {
    const { version } = await api.publishDraft(id);
    ui.publishResult.textContent = `Published version ${version}`;
    await refreshAfterPublish(id);
  } catch (error) {
    if (error.errors && error.errors.length) applyCheck(editor.value, { valid: false, errors: error.errors, summary: null });
    showError(error);
  } finally {
    setBusy(false);
  }
  loadList();
}

/** Publishing consumed the draft: take the versions and state from the server, keep the text. */
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

function toggleNewForm(open) {
  ui.newForm.hidden = !open;
  ui.newButton.setAttribute("aria-expanded", String(open));
  ui.newError.textContent = "";
  if (open) {
    ui.newId.value = "";
    ui.newId.focus();
  } else ui.newButton.focus();
}

function onNewScenario(event) {
  event.preventDefault();
  const id = ui.newId.value.trim();
  let problem = "";
  if (!SCENARIO_ID.test(id)) problem = "Use 2–64 lowercase letters, digits and underscores, starting with a letter (for example late_parcel).";
  else if (state.scenarios.some((scenario) => scenario.id === id)) problem = `There is already a scenario ${id}: open it from the list.`;
  ui.newError.textContent = problem;
  ui.newId.setAttribute("aria-invalid", String(Boolean(problem)));
  if (problem || !leaveUnsaved()) {
    ui.newId.focus();
    return;
  }
  ui.newForm.hidden = true;
  ui.newButton.setAttribute("aria-expanded", "false");
  startNewScenario(id);
}

// ---- start-up ---------------------------------------------------------------------------

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
  ui.publish.addEventListener("click", publish);
  document.addEventListener("keydown", onKeyDown);
  window.addEventListener("beforeunload", (event) => {
    if (!isDirty()) return;
    event.preventDefault();
    event.returnValue = "";
  });
}

async function main() {
  const user = await requireUser();
  initHeader(user);
  wire();
  await loadList();
  const wanted = queryParam("id");
  if (wanted) await openScenario(wanted, { ask: false });
  if (state.current) revealNode(ui.editorArea);
}

main().catch(showError);
