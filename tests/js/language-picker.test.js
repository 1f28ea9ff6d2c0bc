// @ts-check
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { mountHeader } from "../../trainer_api/web/src/components/header.js";
import { languagePicker } from "../../trainer_api/web/src/components/language-picker.js";
import { resetConfig, useConfig } from "../../trainer_api/web/src/lib/config.js";
import { setCatalogue } from "../../trainer_api/web/src/lib/i18n.js";
import { response, serverConfig, withServerConfig } from "./helpers.js";

/** @param {(...args: any[]) => Promise<Response>} impl */
function stubFetch(impl) {
  const fetch = vi.fn(impl);
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

/** @param {ParentNode} root */
const selectIn = (root) => /** @type {HTMLSelectElement} */ (root.querySelector('[data-testid="language-select"]'));

/**
 * Choose a locale as a person does.
 * @param {HTMLSelectElement} select
 * @param {string} code
 */
function choose(select, code) {
  select.value = code;
  select.dispatchEvent(new Event("change"));
}

beforeEach(() => {
  document.body.innerHTML = "";
  withServerConfig();
});

afterEach(() => {
  vi.unstubAllGlobals();
  setCatalogue(null);
});

describe("languagePicker", () => {
  it("offers the server's locales, each named in its own language, the current one chosen", () => {
    const config = useConfig({ ...serverConfig(), locale: "fr-CA" });
    const picker = languagePicker(config);
    const select = selectIn(picker);
    const options = [...select.options].map((option) => [option.value, option.textContent, option.lang]);
    expect(options).toEqual([
      ["en", "English", "en"],
      ["fr-CA", "Français (Canada)", "fr-CA"],
      ["fr-FR", "Français (France)", "fr-FR"],
    ]);
    expect(select.value).toBe("fr-CA");
    const label = /** @type {HTMLLabelElement} */ (picker.querySelector("label"));
    expect(label.textContent).toBe("Language");
    expect(label.htmlFor).toBe(select.id);
  });

  it("saves the choice with PUT /api/locale, then reloads the page", async () => {
    const fetch = stubFetch(async () => response(200, { locale: "fr-FR", chosen: "fr-FR" }));
    const reload = vi.fn();
    const select = selectIn(languagePicker(serverConfig(), { reload }));
    choose(select, "fr-FR");
    expect(select.disabled).toBe(true);
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(fetch).toHaveBeenCalledTimes(1);
    const [path, init] = fetch.mock.calls[0];
    expect(path).toBe("/api/locale");
    expect(init).toMatchObject({ method: "PUT", credentials: "same-origin", body: '{"locale":"fr-FR"}' });
    expect(init.headers).toMatchObject({ "Content-Type": "application/json" });
  });

  it("keeps the language and says why when the change fails", async () => {
    stubFetch(async () => response(422, { error: { code: "unknown_locale", message: "locale: 'xx' is not offered." } }));
    const reload = vi.fn();
    const picker = languagePicker(serverConfig(), { reload });
    const select = selectIn(picker);
    choose(select, "fr-CA");
    const error = /** @type {HTMLElement} */ (picker.querySelector('[role="alert"]'));
    await vi.waitFor(() => expect(error.textContent).toBe("Could not change the language: locale: 'xx' is not offered."));
    expect(select.value).toBe("en");
    expect(select.disabled).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });

  it("names itself in the page's language, but never translates the languages' own names", () => {
    setCatalogue({ Language: "Langue" }, "fr-CA");
    const picker = languagePicker(serverConfig());
    expect(picker.querySelector("label")?.textContent).toBe("Langue");
    expect([...selectIn(picker).options].map((option) => option.textContent)).toEqual([
      "English",
      "Français (Canada)",
      "Français (France)",
    ]);
  });
});

describe("the header's language picker", () => {
  /** @returns {HTMLElement} */
  function header() {
    document.body.innerHTML = '<header class="topbar" id="topbar"></header>';
    return /** @type {HTMLElement} */ (document.getElementById("topbar"));
  }

  it("sits in the navigation of every signed-in page, on the current locale", () => {
    const topbar = header();
    mountHeader(topbar, "home").showUser({ username: "learner", role: "learner" });
    const select = selectIn(topbar);
    expect(select.closest("nav")).not.toBeNull();
    expect(select.value).toBe("en");
    expect(select.options).toHaveLength(3);
    // before Log out, after the page links
    const order = [...topbar.querySelectorAll("nav a, nav select, nav button")].map((node) => node.getAttribute("data-testid"));
    expect(order.slice(-2)).toEqual(["language-select", "logout"]);
  });

  it("is left out when the page has not loaded the configuration", () => {
    resetConfig();
    const topbar = header();
    mountHeader(topbar, "home").showUser({ username: "learner", role: "learner" });
    expect(selectIn(topbar)).toBeNull();
    expect(topbar.querySelector('[data-testid="logout"]')).not.toBeNull();
  });

  it("keeps the user's name where the translation puts it", () => {
    setCatalogue({ "Signed in as {name}": "{name} est connecté·e", "Log out": "Se déconnecter" }, "fr-CA");
    const topbar = header();
    mountHeader(topbar, "home").showUser({ username: "sam", display_name: "Sam", role: "learner" });
    const user = /** @type {HTMLElement} */ (topbar.querySelector(".topbar__user"));
    expect(user.textContent).toBe("Sam est connecté·e");
    expect(user.firstElementChild?.getAttribute("data-testid")).toBe("user-name");
    expect(topbar.querySelector('[data-testid="logout"]')?.textContent).toBe("Se déconnecter");
  });
});

describe("the sign-in page's language picker", () => {
  it("appears under the form once the server says which languages it offers", async () => {
    resetConfig();
    document.body.innerHTML = `
      <form data-testid="login-form">
        <input data-testid="login-username"><input type="password" data-testid="login-password">
        <button type="submit" data-testid="login-submit">Sign in</button>
      </form>
      <p data-testid="login-error"></p>
      <div id="language-picker"></div>`;
    const fetch = stubFetch(async () => response(200, serverConfig()));
    await import("../../trainer_api/web/src/pages/login.js");
    const container = /** @type {HTMLElement} */ (document.getElementById("language-picker"));
    await vi.waitFor(() => expect(selectIn(container)).not.toBeNull());
    expect(fetch.mock.calls[0][0]).toBe("/api/config");
    expect(selectIn(container).value).toBe("en");
  });
});
