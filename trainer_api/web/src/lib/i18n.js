// @ts-check
/**
 * The page's language: translated messages, and dates and numbers written
 * the way the reader's locale writes them.
 *
 * Messages are written in English in the code, inside t("...") or
 * tn("one", "many", n) so that `python -m tools.i18n` finds them; the server
 * puts the page's catalogue (English message -> translation, from the same
 * gettext catalogue as the server's own messages) in
 * <script type="application/json" id="i18n-catalogue">, and the locale
 * (en, fr-CA, fr-FR) in <html lang>. With no catalogue (English, or a unit
 * test) the English message is used.
 */

/** @typedef {Record<string, string | string[]>} Catalogue */
/** @typedef {Record<string, string | number>} Values */

/** @type {Catalogue | null} */
let catalogue = null;
/** @type {string | null} */
let currentLocale = null;

/** @returns {Catalogue} */
function messages() {
  if (catalogue === null) {
    catalogue = {};
    const script = typeof document === "undefined" ? null : document.getElementById("i18n-catalogue");
    if (script?.textContent) {
      try {
        catalogue = /** @type {Catalogue} */ (JSON.parse(script.textContent));
      } catch {
        catalogue = {};
      }
    }
  }
  return catalogue;
}

/** The page's locale: "en", "fr-CA" or "fr-FR". */
export function locale() {
  if (currentLocale === null) {
    const lang = typeof document === "undefined" ? "" : document.documentElement.lang;
    currentLocale = lang || "en";
  }
  return currentLocale;
}

/** "en" or "fr": the language of the page. */
export function language() {
  return locale().split("-")[0];
}

/**
 * Use another catalogue and locale (tests; a page that switches language).
 * @param {Catalogue | null} next null reads the page's catalogue again
 * @param {string | null} [nextLocale]
 */
export function setCatalogue(next, nextLocale = null) {
  catalogue = next;
  currentLocale = nextLocale;
  dateTime = null;
  time = null;
  date = null;
}

/**
 * Fill {name} placeholders.
 * @param {string} text
 * @param {Values} [values]
 */
function fill(text, values) {
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/**
 * A message in the page's language.
 * @param {string} message the English text, with {name} placeholders
 * @param {Values} [values]
 */
export function t(message, values) {
  const found = messages()[message];
  return fill(typeof found === "string" && found ? found : message, values);
}

/**
 * The singular or plural of a message for a count; {count} is filled in.
 * @param {string} singular
 * @param {string} plural
 * @param {number} count
 * @param {Values} [values]
 */
export function tn(singular, plural, count, values) {
  const forms = messages()[singular];
  const one = new Intl.PluralRules(locale()).select(count) === "one";
  const english = one ? singular : plural;
  const text = Array.isArray(forms) && forms.length >= 2 ? forms[one ? 0 : 1] : english;
  return fill(text, { count: formatNumber(count), ...values });
}

/** @type {Intl.DateTimeFormat | null} */
let dateTime = null;
/** @type {Intl.DateTimeFormat | null} */
let time = null;
/** @type {Intl.DateTimeFormat | null} */
let date = null;

/**
 * @param {string | Date | null | undefined} value
 * @returns {Date | null}
 */
function parseDate(value) {
  if (!value) return null;
  const parsed = value instanceof Date ? value : new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/**
 * A date and time, e.g. "2 déc. 2026, 15 h 30" in fr-CA.
 * @param {string | Date | null | undefined} value
 */
export function formatDateTime(value) {
  const parsed = parseDate(value);
  if (!parsed) return value ? String(value) : "—";
  dateTime ??= new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" });
  return dateTime.format(parsed);
}

/**
 * A time of day.
 * @param {string | Date | null | undefined} value
 */
export function formatTime(value) {
  const parsed = parseDate(value);
  if (!parsed) return "";
  time ??= new Intl.DateTimeFormat(locale(), { timeStyle: "short" });
  return time.format(parsed);
}

/**
 * A calendar date (a due date, a chart's axis).
 * @param {string | Date | null | undefined} value
 */
export function formatDate(value) {
  const parsed = parseDate(value);
  if (!parsed) return value ? String(value) : "—";
  date ??= new Intl.DateTimeFormat(locale(), { dateStyle: "medium" });
  return date.format(parsed);
}

/**
 * A number in the locale's way (1,234.5 / 1 234,5).
 * @param {number} value
 * @param {Intl.NumberFormatOptions} [options]
 */
export function formatNumber(value, options) {
  return new Intl.NumberFormat(locale(), options).format(value);
}
