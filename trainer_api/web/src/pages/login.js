// @ts-check
/**
 * Login page: POST the credentials, then go to the page for the user's role.
 * The language picker under the form lets someone switch before signing in.
 */
import { languagePicker } from "../components/language-picker.js";
import { homeFor, postJson } from "../lib/api.js";
import { loadConfig } from "../lib/config.js";
import { byId, byTestId, messageOf } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

const form = byTestId("login-form", document, HTMLFormElement);
const username = byTestId("login-username", document, HTMLInputElement);
const password = byTestId("login-password", document, HTMLInputElement);
const submit = byTestId("login-submit", document, HTMLButtonElement);
const error = byTestId("login-error");

/** @param {boolean} busy */
function setBusy(busy) {
  submit.disabled = busy;
  submit.textContent = busy ? t("Signing in…") : t("Sign in");
  form.setAttribute("aria-busy", String(busy));
}

/** @param {string} message */
function showError(message) {
  error.textContent = message;
}

/** @returns {[HTMLInputElement, string] | null} */
function missingFieldMessage() {
  if (!username.value.trim()) return [username, t("Enter your username.")];
  if (!password.value) return [password, t("Enter your password.")];
  return null;
}

/** @param {SubmitEvent} event */
async function signIn(event) {
  event.preventDefault();
  const missing = missingFieldMessage();
  if (missing) {
    showError(missing[1]);
    missing[0].focus();
    return;
  }
  showError("");
  setBusy(true);
  try {
    const { user } = await postJson("/api/login", {
      username: username.value.trim(),
      password: password.value,
    });
    window.location.assign(homeFor(user));
  } catch (failure) {
    showError(messageOf(failure));
    setBusy(false);
    password.select();
    password.focus();
  }
}

/** The language picker, once the server said which languages it offers (signing in works without it). */
async function showLanguagePicker() {
  try {
    const config = await loadConfig();
    byId("language-picker").replaceChildren(languagePicker(config, { className: "field field--inline" }));
  } catch {
    // Without the configuration the page stays in the language the server chose.
  }
}

form.addEventListener("submit", signIn);
username.focus();
void showLanguagePicker();
