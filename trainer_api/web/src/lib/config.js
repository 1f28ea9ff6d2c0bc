// @ts-check
/**
 * The server's constants (limits, rubric labels, statuses, the scenario id
 * pattern), read once from GET /api/config. The pages copy none of them.
 */
import { getJson } from "./api.js";
import { t } from "./i18n.js";

/** @typedef {{code: string, label: string, points: number}} RubricItem */
/** @typedef {{code: string, label: string, below: number}} ScoreBand */
/** @typedef {{code: string, label: string, ending: string}} Status */
/** @typedef {{code: string, label: string}} LocaleChoice a locale a person can choose, named in its own language */

/**
 * @typedef {object} ClientConfig
 * @property {string} locale the locale the server answers this reader in (en, fr-CA, fr-FR)
 * @property {LocaleChoice[]} locales the locales a person can choose
 * @property {number} max_reply_chars
 * @property {number} max_comment_chars
 * @property {number} nudge_after_seconds
 * @property {number} ack_timeout_seconds
 * @property {string} scenario_id_pattern a JavaScript regular expression source
 * @property {number} max_scenario_bytes
 * @property {number} min_password_length
 * @property {string[]} roles
 * @property {{dimensions: RubricItem[], penalties: RubricItem[], bands: ScoreBand[]}} rubric
 * @property {Status[]} statuses
 */

export const CONFIG_PATH = "/api/config";

/** @type {ClientConfig | null} */
let current = null;
/** @type {Promise<ClientConfig> | null} */
let loading = null;

/**
 * Fetch the configuration once; later calls share the same answer. A failed
 * load is forgotten, so calling again retries.
 * @param {(path: string) => Promise<unknown>} [fetchJson]
 * @returns {Promise<ClientConfig>}
 */
export function loadConfig(fetchJson = getJson) {
  if (!loading) {
    loading = fetchJson(CONFIG_PATH).then(useConfig, (error) => {
      loading = null;
      throw error;
    });
  }
  return loading;
}

/**
 * Check and keep a configuration (the loaded one, or a test's).
 * @param {unknown} raw
 */
export function useConfig(raw) {
  current = parseConfig(raw);
  return current;
}

/** Forget the configuration (tests). */
export function resetConfig() {
  current = null;
  loading = null;
}

/** The loaded configuration; a page reads it only after loadConfig resolved. */
export function getConfig() {
  if (!current) throw new Error(t("The page configuration has not been loaded yet."));
  return current;
}

/** The configuration if it has been loaded, else null (for parts a page may show without it). */
export function loadedConfig() {
  return current;
}

/**
 * A configuration with every field the pages use, or an error naming the first
 * one missing: a page must not half-work on a server it does not understand.
 * @param {unknown} raw
 * @returns {ClientConfig}
 */
export function parseConfig(raw) {
  const data = record(raw, "the configuration");
  const rubric = record(data.rubric, "rubric");
  const config = {
    locale: text(data.locale, "locale"),
    locales: list(data.locales, "locales", labelled),
    max_reply_chars: positive(data.max_reply_chars, "max_reply_chars"),
    max_comment_chars: positive(data.max_comment_chars, "max_comment_chars"),
    nudge_after_seconds: positive(data.nudge_after_seconds, "nudge_after_seconds"),
    ack_timeout_seconds: positive(data.ack_timeout_seconds, "ack_timeout_seconds"),
    scenario_id_pattern: pattern(data.scenario_id_pattern, "scenario_id_pattern"),
    max_scenario_bytes: positive(data.max_scenario_bytes, "max_scenario_bytes"),
    min_password_length: positive(data.min_password_length, "min_password_length"),
    roles: strings(data.roles, "roles"),
    rubric: {
      dimensions: list(rubric.dimensions, "rubric.dimensions", (item, where) => ({
        ...labelled(item, where),
        points: number(item.points, `${where}.points`),
      })),
      penalties: list(rubric.penalties, "rubric.penalties", (item, where) => ({
        ...labelled(item, where),
        points: number(item.points, `${where}.points`),
      })),
      bands: list(rubric.bands, "rubric.bands", (item, where) => ({
        ...labelled(item, where),
        below: number(item.below, `${where}.below`),
      })),
    },
    statuses: list(data.statuses, "statuses", (item, where) => ({
      ...labelled(item, where),
      ending: typeof item.ending === "string" ? item.ending : bad(`${where}.ending`),
    })),
  };
  return config;
}

/** A RegExp that matches whole scenario ids, from the server's pattern. */
export function scenarioIdPattern(config = getConfig()) {
  return new RegExp(config.scenario_id_pattern);
}

// ---- checks -------------------------------------------------------------------

/**
 * @param {string} where
 * @returns {never}
 */
function bad(where) {
  // Translators: {field} names a field of the configuration, e.g. rubric.dimensions[1].label
  throw new Error(t("The server's configuration is not understood: {field} is missing or invalid.", { field: where }));
}

/**
 * @param {unknown} value
 * @param {string} where
 * @returns {Record<string, unknown>}
 */
function record(value, where) {
  return value && typeof value === "object" && !Array.isArray(value) ? /** @type {Record<string, unknown>} */ (value) : bad(where);
}

/**
 * @param {unknown} value
 * @param {string} where
 */
function number(value, where) {
  return typeof value === "number" && Number.isFinite(value) ? value : bad(where);
}

/**
 * @param {unknown} value
 * @param {string} where
 */
function positive(value, where) {
  return number(value, where) > 0 ? /** @type {number} */ (value) : bad(where);
}

/**
 * @param {unknown} value
 * @param {string} where
 */
function text(value, where) {
  return typeof value === "string" && value !== "" ? value : bad(where);
}

/**
 * @param {unknown} value
 * @param {string} where
 */
function pattern(value, where) {
  const source = text(value, where);
  try {
    new RegExp(source);
  } catch {
    bad(where);
  }
  return source;
}

/**
 * @param {Record<string, unknown>} item
 * @param {string} where
 */
function labelled(item, where) {
  return { code: text(item.code, `${where}.code`), label: text(item.label, `${where}.label`) };
}

/**
 * @param {unknown} value
 * @param {string} where
 * @returns {string[]}
 */
function strings(value, where) {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) bad(where);
  return /** @type {string[]} */ (value);
}

/**
 * @template T
 * @param {unknown} value
 * @param {string} where
 * @param {(item: Record<string, unknown>, where: string) => T} parse
 * @returns {T[]}
 */
function list(value, where, parse) {
  if (!Array.isArray(value)) bad(where);
  return value.map((item, index) => parse(record(item, `${where}[${index}]`), `${where}[${index}]`));
}
