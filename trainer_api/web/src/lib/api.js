// @ts-check
/**
 * HTTP client for trainer_api.
 *
 * Errors come back as {"error": {"code", "message", "errors"?}} with a 4xx/5xx
 * status and are raised as ApiError so pages can show error.message as it is;
 * validation problems the server lists are kept on error.errors.
 */
import { t } from "./i18n.js";

/**
 * A problem the server lists, e.g. one scenario validation error.
 * @typedef {{line?: number | null, field?: string, column?: string | null, problem?: string, message?: string, source?: string}} ItemError
 */

/** @typedef {{username: string, display_name?: string | null, role: string, must_change_password?: boolean}} User */

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status (0 when the server could not be reached)
   * @param {string} code machine-readable error code
   * @param {string} message human-readable message, safe to show
   * @param {ItemError[]} errors itemised problems (e.g. scenario validation)
   */
  constructor(status, code, message, errors = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

/** What a request that could not reach the server fails with. */
export const networkMessage = () => t("Could not reach the server. Check your connection and try again.");

/**
 * @typedef {object} RequestOptions
 * @property {string} [method]
 * @property {unknown} [body] sent as JSON
 */

/**
 * Send a request and return the response, or throw ApiError for a failure.
 * @param {string} path
 * @param {RequestOptions & {accept?: string}} [options]
 * @returns {Promise<Response>}
 */
async function send(path, { method = "GET", body, accept = "application/json" } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: accept };
  /** @type {RequestInit} */
  const init = { method, credentials: "same-origin", headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, "network_error", networkMessage());
  }
  if (!response.ok) throw errorFrom(response.status, await readJson(response));
  return response;
}

/**
 * Send a request and return the parsed JSON body (null for 204 or empty).
 * @param {string} path
 * @param {RequestOptions} [options]
 * @returns {Promise<any>} the server's JSON, whose shape the caller knows
 */
export async function apiRequest(path, options = {}) {
  return readJson(await send(path, options));
}

/**
 * GET a text resource (e.g. YAML); errors are still JSON.
 * @param {string} path
 * @param {string} [accept]
 */
export async function getText(path, accept = "text/plain") {
  return (await send(path, { accept })).text();
}

/**
 * @param {Response} response
 * @returns {Promise<any>}
 */
async function readJson(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The ApiError for a failed response and its parsed body (if any).
 * @param {number} status
 * @param {any} payload
 */
export function errorFrom(status, payload) {
  const error = payload && typeof payload.error === "object" && payload.error !== null ? payload.error : null;
  const detail = payload && typeof payload.detail === "string" ? payload.detail : null;
  const code = (error && error.code) || `http_${status}`;
  const message =
    (error && error.message) ||
    detail ||
    t("The server answered with an error (HTTP {status}). Try again in a moment.", { status });
  const errors = error && Array.isArray(error.errors) ? error.errors : [];
  return new ApiError(status, String(code), String(message), errors);
}

/** @param {string} path */
export const getJson = (path) => apiRequest(path);
/**
 * @param {string} path
 * @param {unknown} [body]
 */
export const postJson = (path, body) => apiRequest(path, { method: "POST", body });
/**
 * @param {string} path
 * @param {unknown} [body]
 */
export const putJson = (path, body) => apiRequest(path, { method: "PUT", body });

export function goToLogin() {
  window.location.assign("/login");
}

/**
 * Where a user lands after signing in.
 * @param {User | null | undefined} user
 */
export function homeFor(user) {
  if (!user) return "/login";
  if (user.must_change_password) return "/password";
  return HOME_PAGES[user.role] || "/home";
}

/** @type {Record<string, string>} */
const HOME_PAGES = { learner: "/home", trainer: "/class", hr: "/rounds", admin: "/admin" };

/**
 * The signed-in user, or a redirect to /login (the returned promise then never
 * settles, so the page stops setting itself up).
 * @returns {Promise<User>}
 */
export async function requireUser() {
  try {
    const { user } = await getJson("/api/me");
    if (user.must_change_password && window.location.pathname !== "/password") {
      window.location.assign("/password");
      return new Promise(() => {});
    }
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      goToLogin();
      return new Promise(() => {});
    }
    throw error;
  }
}

/** False only when the server says we are not signed in (401). */
export async function isSignedIn() {
  try {
    await getJson("/api/me");
    return true;
  } catch (error) {
    return !(error instanceof ApiError && error.status === 401);
  }
}

export async function logout() {
  try {
    await postJson("/api/logout");
  } catch {
    // Going to the login page is the right outcome even if the call failed.
  } finally {
    goToLogin();
  }
}
