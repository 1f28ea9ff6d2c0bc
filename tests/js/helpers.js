// @ts-check
/** Shared set-up for the unit tests: the server's configuration as recorded in config.json. */
import { resetConfig, useConfig } from "../../trainer_api/web/src/lib/config.js";
import raw from "./config.json";

/** A fresh copy of GET /api/config's answer (tests/web/test_frontend.py keeps it in step with the server). */
export const serverConfig = () => structuredClone(raw);

/** Load the recorded configuration, as a page does at start. */
export function withServerConfig() {
  resetConfig();
  return useConfig(serverConfig());
}

/**
 * A fetch Response with a JSON (or text) body.
 * @param {number} status
 * @param {unknown} [body] an object is sent as JSON, a string as it is
 */
export function response(status, body) {
  const text = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
  return new Response(status === 204 ? null : text, { status });
}
