// @ts-check
/**
 * Password page: choose a new password. An account an admin created or reset
 * lands here at its first login and can do nothing else until it is done.
 */
import { homeFor, logout, postJson, requireUser } from "../lib/api.js";
import { loadConfig } from "../lib/config.js";
import { byTestId, messageOf } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { formProblem } from "../lib/password-form.js";

const form = byTestId("password-form", document, HTMLFormElement);
const current = byTestId("current-password", document, HTMLInputElement);
const fresh = byTestId("new-password", document, HTMLInputElement);
const repeat = byTestId("repeat-password", document, HTMLInputElement);
const submit = byTestId("password-submit", document, HTMLButtonElement);
const error = byTestId("password-error");
let minimum = 12;

/** @param {SubmitEvent} event */
async function save(event) {
  event.preventDefault();
  const problem = formProblem({ current: current.value, fresh: fresh.value, repeat: repeat.value }, minimum);
  if (problem) {
    error.textContent = problem[1];
    ({ current, fresh, repeat })[problem[0]].focus();
    return;
  }
  error.textContent = "";
  submit.disabled = true;
  try {
    const { user } = await postJson("/api/password", {
      current_password: current.value,
      new_password: fresh.value,
    });
    window.location.assign(homeFor(user));
  } catch (failure) {
    error.textContent = messageOf(failure);
    submit.disabled = false;
  }
}

async function start() {
  const [user, config] = await Promise.all([requireUser(), loadConfig()]);
  minimum = config.min_password_length;
  byTestId("new-password-hint").textContent = tn(
    "At least {count} character. A few unrelated words are easy to remember.",
    "At least {count} characters. A few unrelated words are easy to remember.",
    minimum,
  );
  if (user.must_change_password) {
    byTestId("password-reason").textContent = t("Your account was set up with a one-time password. Choose your own to continue.");
    current.labels?.[0]?.replaceChildren(t("One-time password"));
  }
  form.addEventListener("submit", save);
  byTestId("logout").addEventListener("click", () => logout());
  current.focus();
}

start().catch((failure) => {
  error.textContent = messageOf(failure);
});
