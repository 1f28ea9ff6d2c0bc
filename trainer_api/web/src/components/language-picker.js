// @ts-check
/**
 * The language picker: a <select> of the locales the server offers, each
 * named in its own language. Choosing one saves it (PUT /api/locale: on the
 * account when signed in, and in a cookie, so it also works on the sign-in
 * page) and reloads the page, which the server then writes in that language.
 */
import { putJson } from "../lib/api.js";
import { el, messageOf } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

/** @typedef {import("../lib/config.js").LocaleChoice} LocaleChoice */

/**
 * Keep the reader's choice of locale.
 * @param {string} code e.g. "fr-CA"
 */
export const saveLocale = (code) => putJson("/api/locale", { locale: code });

let pickers = 0;

/**
 * @param {{locales: LocaleChoice[], locale: string}} config the server's configuration (config.js)
 * @param {{className?: string, save?: (code: string) => Promise<unknown>, reload?: () => void}} [options]
 *   save and reload are the server call and the page reload (tests replace them)
 * @returns {HTMLElement}
 */
export function languagePicker({ locales, locale }, { className = "", save = saveLocale, reload = () => window.location.reload() } = {}) {
  pickers += 1;
  const id = `language-select-${pickers}`;
  const select = el(
    "select",
    { id, "data-testid": "language-select" },
    // the labels are in their own language: not translated, marked with it for screen readers
    locales.map((choice) => el("option", { value: choice.code, lang: choice.code, selected: choice.code === locale }, choice.label)),
  );
  select.value = locale;
  const error = el("span", { className: "language-picker__error", role: "alert" });
  select.addEventListener("change", async () => {
    const chosen = select.value;
    select.disabled = true;
    error.textContent = "";
    try {
      await save(chosen);
      reload();
    } catch (failure) {
      select.value = locale;
      select.disabled = false;
      error.textContent = t("Could not change the language: {error}", { error: messageOf(failure) });
    }
  });
  return el(
    "div",
    { className: `language-picker ${className}`.trim() },
    el("label", { for: id }, t("Language")),
    select,
    error,
  );
}
