// @ts-check
/** Login page: POST the credentials, then go to the page for the user's role. */
import { homeFor, postJson } from "../lib/api.js";
import { byTestId, messageOf } from "../lib/dom.js";

const form = byTestId("login-form", document, HTMLFormElement);
const username = byTestId("login-username", document, HTMLInputElement);
const password = byTestId("login-password", document, HTMLInputElement);
const submit = byTestId("login-submit", document, HTMLButtonElement);
const error = byTestId("login-error");

/** @param {boolean} busy */
function setBusy(busy) {
  submit.disabled = busy;
  submit.textContent = busy ? "Signing in…" : "Sign in";
  form.setAttribute("aria-busy", String(busy));
}

/** @param {string} message */
function showError(message) {
  error.textContent = message;
}

/** @returns {[HTMLInputElement, string] | null} */
function missingFieldMessage() {
  if (!username.value.trim()) return [username, "Enter your username."];
  if (!password.value) return [password, "Enter your password."];
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

form.addEventListener("submit", signIn);
username.focus();
