// @ts-check
/**
 * Admin page: every account (reset a password, deactivate, reactivate), add
 * one person, import a roster from CSV, and cohorts with their members.
 */
import { mountHeader } from "../components/header.js";
import { OneTimePasswords } from "../components/one-time-passwords.js";
import { RosterImport } from "../components/roster-import.js";
import { apiRequest, getJson, postJson, requireUser } from "../lib/api.js";
import { loadConfig } from "../lib/config.js";
import { byId, byTestId, el, messageOf } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { roleLabel } from "../lib/labels.js";

/**
 * @typedef {{username: string, display_name: string, role: string, is_active: boolean,
 *   must_change_password: boolean, cohorts: string[], created_at: string}} Account
 * @typedef {{username: string, display_name: string, role: string, is_active: boolean}} Member
 * @typedef {{id: number, name: string, members: Member[]}} Cohort
 */

const header = mountHeader(byId("topbar"), "admin");
const ui = {
  error: byTestId("admin-error"),
  people: byTestId("people-table", document, HTMLTableElement).tBodies[0],
  peopleStatus: byTestId("people-status"),
  addForm: byTestId("add-form", document, HTMLFormElement),
  addRole: byTestId("add-role", document, HTMLSelectElement),
  cohortForm: byTestId("cohort-form", document, HTMLFormElement),
  cohortList: byTestId("cohort-list"),
  cohortNames: byId("cohort-names"),
};
const oneTime = new OneTimePasswords(byTestId("one-time"));

/** @param {unknown} failure */
function showError(failure) {
  ui.error.textContent = failure ? messageOf(failure) : "";
}

/** Run an action; on success reload the lists, on failure say why. @param {() => Promise<unknown>} action */
async function act(action) {
  showError(null);
  try {
    await action();
    await refresh();
  } catch (failure) {
    showError(failure);
  }
}

/** @param {Account} account */
function accountState(account) {
  if (!account.is_active) return el("span", { className: "status status--escalated" }, t("Deactivated"));
  if (account.must_change_password) return el("span", { className: "status status--active" }, t("Awaiting first sign-in"));
  return el("span", { className: "status status--resolved" }, t("Active"));
}

/** @param {Account} account */
function accountRow(account) {
  const reset = el("button", { type: "button", className: "link-button", "data-testid": "reset-password" }, t("Reset password"));
  reset.addEventListener("click", () => {
    const question = t("Give {name} a new one-time password? They are signed out everywhere and must choose a new password.", {
      name: account.display_name,
    });
    if (!window.confirm(question)) return;
    void act(async () => {
      const answer = await postJson(`/api/people/${encodeURIComponent(account.username)}/reset-password`);
      oneTime.show([{ ...account, temporary_password: answer.temporary_password }]);
    });
  });
  const toggle = el(
    "button",
    { type: "button", className: "link-button", "data-testid": account.is_active ? "deactivate" : "activate" },
    account.is_active ? t("Deactivate") : t("Reactivate"),
  );
  toggle.addEventListener("click", () => {
    const question = t("Deactivate {name}? They are signed out at once and cannot sign in until reactivated.", {
      name: account.display_name,
    });
    if (account.is_active && !window.confirm(question)) return;
    void act(() =>
      apiRequest(`/api/people/${encodeURIComponent(account.username)}/active`, {
        method: "PUT",
        body: { active: !account.is_active },
      }),
    );
  });
  const erase =
    account.role === "learner"
      ? el("button", { type: "button", className: "link-button link-button--danger", "data-testid": "delete-learner" }, t("Delete…"))
      : "";
  if (erase) {
    erase.addEventListener("click", () => {
      const question = t(
        "Delete {name} ({username}) and all their practice, for good? Use this when the learner asks for their data to be erased.",
        { name: account.display_name, username: account.username },
      );
      if (!window.confirm(question)) return;
      void act(() => apiRequest(`/api/people/${encodeURIComponent(account.username)}`, { method: "DELETE" }));
    });
  }
  return el(
    "tr",
    { "data-username": account.username },
    el("td", {}, account.display_name),
    el("td", {}, account.username),
    el("td", {}, roleLabel(account.role)),
    el("td", {}, account.cohorts.join(", ") || "—"),
    el("td", {}, accountState(account)),
    el("td", { className: "actions" }, reset, " ", toggle, " ", erase),
  );
}

/** @param {Cohort} cohort */
function cohortCard(cohort) {
  const input = el("input", { id: `member-${cohort.id}`, maxlength: 64, required: true, autocapitalize: "none" });
  const form = el(
    "form",
    { className: "inline-form", novalidate: true },
    el("div", { className: "field" }, el("label", { for: `member-${cohort.id}` }, t("Add by username")), input),
    el("button", { type: "submit", className: "button button--secondary" }, t("Add")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const username = input.value.trim();
    if (!username) return showError(new Error(t("Enter the username to add.")));
    void act(() => postJson(`/api/cohorts/${cohort.id}/members`, { username }));
  });
  const members = cohort.members.map((member) => {
    const remove = el("button", { type: "button", className: "link-button" }, t("Remove"));
    remove.setAttribute("aria-label", t("Remove {name} from {cohort}", { name: member.display_name, cohort: cohort.name }));
    remove.addEventListener("click", () =>
      act(() =>
        apiRequest(`/api/cohorts/${cohort.id}/members/${encodeURIComponent(member.username)}`, { method: "DELETE" }),
      ),
    );
    return el("li", {}, `${member.display_name} (${member.username}, ${roleLabel(member.role)}) `, remove);
  });
  return el(
    "article",
    { className: "cohort-card", "data-testid": "cohort", "data-cohort": cohort.name },
    el("h3", {}, cohort.name),
    el("ul", {}, members.length ? members : el("li", { className: "muted" }, t("Nobody yet."))),
    form,
  );
}

async function refresh() {
  const [{ users }, { cohorts }] = await Promise.all([getJson("/api/people"), getJson("/api/cohorts")]);
  ui.people.replaceChildren(...users.map(accountRow));
  const active = users.filter((/** @type {Account} */ u) => u.is_active).length;
  const accounts = tn("{count} account", "{count} accounts", users.length);
  // Translators: how many of the accounts are active ("10 active").
  const activeCount = tn("{count} active", "{count} active", active);
  // Translators: {accounts} and {active} are counts ("12 accounts", "10 active").
  ui.peopleStatus.textContent = t("{accounts}, {active}.", { accounts, active: activeCount });
  ui.cohortList.replaceChildren(...cohorts.map(cohortCard));
  ui.cohortNames.replaceChildren(...cohorts.map((/** @type {Cohort} */ c) => el("option", { value: c.name })));
}

/** @param {SubmitEvent} event */
function addPerson(event) {
  event.preventDefault();
  const data = new FormData(ui.addForm);
  const cohort = String(data.get("cohort") || "").trim();
  void act(async () => {
    const { accounts } = await postJson("/api/people", {
      display_name: String(data.get("display_name") || ""),
      username: String(data.get("username") || ""),
      role: String(data.get("role") || "learner"),
      cohorts: cohort ? [cohort] : [],
    });
    oneTime.show(accounts);
    ui.addForm.reset();
  });
}

/** @param {SubmitEvent} event */
function createCohort(event) {
  event.preventDefault();
  const name = byTestId("cohort-name", ui.cohortForm, HTMLInputElement);
  if (!name.value.trim()) return showError(new Error(t("Enter the new cohort's name.")));
  void act(async () => {
    await postJson("/api/cohorts", { name: name.value });
    name.value = "";
  });
}

async function start() {
  const [user, config] = await Promise.all([requireUser(), loadConfig()]);
  header.showUser(user);
  ui.addRole.replaceChildren(...config.roles.map((role) => el("option", { value: role }, roleLabel(role))));
  new RosterImport(byTestId("roster-import"), { onImported: (accounts) => act(async () => oneTime.show(accounts)) });
  ui.addForm.addEventListener("submit", addPerson);
  ui.cohortForm.addEventListener("submit", createCohort);
  await refresh();
}

start().catch(showError);
