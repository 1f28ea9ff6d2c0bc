// @ts-check
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import {
  CalibrationPanel,
  cleanMark,
  formatAgreement,
  formatKappa,
  renderMarkForm,
  sameMark,
  scorerMark,
} from "../../trainer_api/web/src/components/calibration.js";
import { setCatalogue } from "../../trainer_api/web/src/lib/i18n.js";
import { response, withServerConfig } from "./helpers.js";

beforeEach(() => {
  withServerConfig();
});

afterEach(() => {
  setCatalogue(null);
});

const LEVELS = { emotional_reaction: 2, interpretation: 1, exploration: 0, ownership: 2, resolution: 1 };

describe("marks", () => {
  it("reads the scorer's levels as a mark, missing levels as 0", () => {
    expect(scorerMark({ dimensions: { ownership: 2, resolution: 7 }, penalties: ["blame", "unknown"] })).toEqual({
      dimensions: { emotional_reaction: 0, interpretation: 0, exploration: 0, ownership: 2, resolution: 0 },
      penalties: ["blame"],
    });
  });

  it("accepts a saved mark only with every level valid", () => {
    expect(cleanMark({ dimensions: LEVELS, penalties: ["hostility"], trainer: "t" })).toEqual({
      dimensions: LEVELS,
      penalties: ["hostility"],
      trainer: "t",
      updated_at: null,
    });
    expect(cleanMark({ dimensions: { ...LEVELS, exploration: 3 } })).toBeNull();
    expect(cleanMark({ dimensions: { emotional_reaction: 1 } })).toBeNull();
    expect(cleanMark(null)).toBeNull();
  });

  it("compares levels and penalties", () => {
    expect(sameMark({ dimensions: LEVELS, penalties: ["blame"] }, { dimensions: { ...LEVELS }, penalties: ["blame"] })).toBe(true);
    expect(sameMark({ dimensions: LEVELS, penalties: [] }, { dimensions: LEVELS, penalties: ["blame"] })).toBe(false);
    expect(sameMark({ dimensions: LEVELS, penalties: [] }, { dimensions: { ...LEVELS, ownership: 1 }, penalties: [] })).toBe(false);
  });

  it("formats kappa and agreement", () => {
    expect(formatKappa(0.8123)).toBe("0.81");
    expect(formatKappa(null)).toBe("—");
    expect(formatAgreement(0.875)).toBe("88%");
    expect(formatAgreement(undefined)).toBe("—");
  });

  it("writes kappa and agreement the locale's way", () => {
    setCatalogue({}, "fr-CA");
    expect(formatKappa(0.8123)).toBe("0,81");
    expect(formatAgreement(0.875)).toBe("88\u00a0%");
  });
});

describe("renderMarkForm", () => {
  it("starts from the scorer's levels and shows where a saved mark differs", async () => {
    const form = renderMarkForm(
      { id: 12, speaker: "learner", score: { dimensions: LEVELS, penalties: ["dismissal"] } },
      { user: { username: "trainer", role: "trainer" } },
    );
    document.body.append(form);
    const select = /** @type {HTMLSelectElement} */ (form.querySelector('[data-testid="mark-ownership"]'));
    expect(select.value).toBe("2");
    expect(/** @type {HTMLInputElement} */ (form.querySelector('[data-testid="mark-penalty-dismissal"]')).checked).toBe(true);
    expect(form.querySelectorAll("select")).toHaveLength(5);
    expect(form.querySelectorAll('input[type="checkbox"]')).toHaveLength(4);

    select.value = "1";
    form.dispatchEvent(new Event("change"));
    expect(form.querySelector('[data-testid="mark-status"]')?.textContent).toBe("Unsaved changes");

    const saved = { dimensions: { ...LEVELS, ownership: 1 }, penalties: ["dismissal"], trainer: "trainer", updated_at: null };
    const fetch = vi.fn(async (/** @type {string} */ _path, /** @type {RequestInit} */ _init) => response(200, { mark: saved }));
    vi.stubGlobal("fetch", fetch);
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await vi.waitFor(() => expect(form.querySelector('[data-testid="mark-status"]')?.textContent).toBe("Saved"));
    vi.unstubAllGlobals();
    expect(fetch.mock.calls[0][0]).toBe("/api/trainer/turns/12/mark");
    expect([...form.querySelectorAll('[data-testid="mark-diff"]')].map((tag) => tag.getAttribute("data-dimension"))).toEqual(["ownership"]);
    expect(form.querySelector('[data-testid="mark-summary"]')?.textContent).toBe("Differs from the scorer on: Ownership");
    expect(form.querySelector('[data-testid="mark-meta"]')?.textContent).toBe("Marked by you");
  });
});

describe("CalibrationPanel", () => {
  /** @param {number} marks */
  function panelWith(marks) {
    const section = document.createElement("section");
    section.innerHTML = '<p data-testid="calibration-status"></p><div data-testid="calibration-body"></div>';
    const panel = new CalibrationPanel(section);
    panel.show({ marks, dimensions: { ownership: { kappa: 0.5, n: marks } }, penalties: { blame: { agreement: 1, n: marks } } });
    return section;
  }

  it("counts the marked turns, the number in bold", () => {
    const one = panelWith(1).querySelector('[data-testid="calibration-marks"]');
    expect(one?.textContent).toBe("1 turn marked by trainers");
    expect(one?.querySelector("strong")?.textContent).toBe("1");
    const section = panelWith(1234);
    expect(section.querySelector('[data-testid="calibration-marks"]')?.textContent).toBe("1,234 turns marked by trainers");
    expect(section.querySelector('[data-testid="calibration-dimensions"] caption')?.textContent).toBe("Rubric dimensions");
    expect(section.querySelector('[data-testid="calibration-penalties"] caption')?.textContent).toBe(
      "Penalties (share of marked turns where both agree)",
    );
  });

  it("puts the count where the translation has it", () => {
    setCatalogue({ "{count} turn marked by trainers": ["{count} tour noté par les formateurs", "{count} tours notés par les formateurs"] }, "fr-CA");
    const marks = panelWith(1234).querySelector('[data-testid="calibration-marks"]');
    expect(marks?.textContent).toBe("1\u00a0234 tours notés par les formateurs");
    expect(marks?.querySelector("strong")?.textContent).toBe("1\u00a0234");
  });
});
