// @ts-check
/**
 * The trainer's scenario-authoring API (/api/trainer/...). A refused request
 * is an ApiError whose .errors lists the scenario's validation problems.
 */
import { ApiError, apiRequest, getText, goToLogin } from "./api.js";

const BASE = "/api/trainer";

/** @param {string} id */
const scenarioPath = (id) => `${BASE}/scenarios/${encodeURIComponent(id)}`;

/**
 * @template T
 * @param {() => Promise<T>} call
 * @returns {Promise<T>}
 */
async function signedIn(call) {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) goToLogin();
    throw error;
  }
}

/**
 * @param {string} path
 * @param {import("./api.js").RequestOptions} [options]
 */
const request = (path, options) => signedIn(() => apiRequest(path, options));

export const listScenarios = () => request(`${BASE}/scenarios`);
/** @param {string} id */
export const loadScenario = (id) => request(scenarioPath(id));
/** @param {string} content */
export const validateScenario = (content) => request(`${BASE}/validate`, { method: "POST", body: { content } });
/**
 * @param {string} id
 * @param {string} content
 */
export const saveDraft = (id, content) => request(`${scenarioPath(id)}/draft`, { method: "PUT", body: { content } });
/** @param {string} id */
export const discardDraft = (id) => request(`${scenarioPath(id)}/draft`, { method: "DELETE" });
/** @param {string} id */
export const publishDraft = (id) => request(`${scenarioPath(id)}/publish`, { method: "POST" });
/**
 * Play the draft (else the published version) through the customer: scripts,
 * good learners and rude learners. Takes from seconds to about a minute.
 * @param {string} id
 */
export const checkScenario = (id) => request(`${scenarioPath(id)}/check`, { method: "POST" });

/**
 * The server's complete starting YAML for a new scenario with this id.
 * @param {string} id
 * @returns {Promise<string>}
 */
export const scenarioTemplate = (id) =>
  signedIn(() => getText(`${BASE}/scenario-template?scenario_id=${encodeURIComponent(id)}`, "application/yaml"));

/**
 * Download address of the published file, or of one recorded version.
 * @param {string} id
 * @param {string} [version]
 */
export function exportUrl(id, version) {
  const query = version ? `?version=${encodeURIComponent(version)}` : "";
  return `${scenarioPath(id)}/export${query}`;
}
