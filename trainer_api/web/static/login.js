/** Login page: POST the credentials, then go to the page for the user's role. */
import { homeFor, postJson } from "./api.js";
import { byTestId } from "./dom.js";

const form = byTestId("login-form");
const username = byTestId("login-username");
const password = byTestId("login-password");
const submit = byTestId("login-submit");
const error = byTestId("login-error");

function setBusy(busy) {
  submit.disabled = busy;
  submit.textContent = busy ? "Signing in…" : "Sign in";
  form.setAttribute("aria-busy", String(busy));
}

function showError(message) {
  error.textContent = message;
}

function missingFieldMessage() {
  if (!username.value.trim()) return [username, "Enter your username."];
  if (!password.value) return [password, "Enter your password."];
  return null;
}

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
    showError(failure.message);
    setBusy(false);
    password.select();
    password.focus();
  }
}

form.addEventListener("submit", signIn);
username.focus();
