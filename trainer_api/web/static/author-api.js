/**
 * The trainer's scenario-authoring API (/api/trainer/...).
 *
 * Like api.js, but a refused request keeps the validation errors the server
 * sends with it ({"error": {"code", "message", "errors"}}) on error.errors.
 */
import { ApiError, goToLogin } from "./api.js";

const BASE = "/api/trainer";
const NETWORK_MESSAGE = "Could not reach the server. Check your connection and try again.";

const scenarioPath = (id) => `${BASE}/scenarios/${encodeURIComponent(id)}`;

async function request(path, { method = "GET", body } = {}) {
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, "network_error", NETWORK_MESSAGE);
  }
  const payload = await readJson(response);
  if (response.status === 401) goToLogin();
  if (!response.ok) throw refusal(response.status, payload);
  return payload;
}

async function readJson(response) {
  const text = response.status === 204 ? "" : await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function refusal(status, payload) {
  const error = payload && typeof payload.error === "object" && payload.error ? payload.error : {};
  const message =
    error.message ||
    (status === 413
      ? "The scenario is too large: the limit is 256 KB."
      : `The server answered with an error (HTTP ${status}). Try again in a moment.`);
  const refused = new ApiError(status, String(error.code || `http_${status}`), String(message));
  refused.errors = Array.isArray(error.errors) ? error.errors : [];
  return refused;
}

export const listScenarios = () => request(`${BASE}/scenarios`);
export const loadScenario = (id) => request(scenarioPath(id));
export const validateScenario = (content) => request(`${BASE}/validate`, { method: "POST", body: { content } });
export const saveDraft = (id, content) => request(`${scenarioPath(id)}/draft`, { method: "PUT", body: { content } });
export const discardDraft = (id) => request(`${scenarioPath(id)}/draft`, { method: "DELETE" });
export const publishDraft = (id) => request(`${scenarioPath(id)}/publish`, { method: "POST" });

/** Download address of the published file, or of one recorded version. */
export function exportUrl(id, version) {
  const query = version ? `?version=${encodeURIComponent(version)}` : "";
  return `${scenarioPath(id)}/export${query}`;
}
