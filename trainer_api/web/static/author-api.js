/**
 * The trainer's scenario-authoring API (/api/trainer/...). A refused request
 * is an ApiError whose .errors lists the scenario's validation problems.
 */
import { ApiError, apiRequest, goToLogin } from "./api.js";

const BASE = "/api/trainer";

const scenarioPath = (id) => `${BASE}/scenarios/${encodeURIComponent(id)}`;

async function request(path, options) {
  try {
    return await apiRequest(path, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) goToLogin();
    throw error;
  }
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
