// @ts-check
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import {
  draftSaved,
  renderScenarioCheck,
  renderValidation,
  renderVersions,
  savedWhen,
  shortHash,
  validSummary,
} from "../../trainer_api/web/src/components/author-view.js";
import { setCatalogue } from "../../trainer_api/web/src/lib/i18n.js";
import { withServerConfig } from "./helpers.js";

beforeEach(() => {
  withServerConfig();
});

afterEach(() => {
  setCatalogue(null);
});

describe("small formats", () => {
  it("shortens hashes and counts", () => {
    expect(shortHash("0123456789abcdef")).toBe("01234567");
    expect(shortHash(null)).toBe("");
    expect(validSummary({ id: "x", title: "Late parcel", needs: 4, lines: 1, scripts: 2 })).toBe(
      "Valid: Late parcel — 4 needs, 1 customer line, 2 scripts",
    );
  });

  it("says when a draft was saved: the time today, the date another day", () => {
    const now = new Date(2025, 2, 3, 15, 0);
    const today = new Date(2025, 2, 3, 12, 3).toISOString();
    const before = new Date(2025, 2, 1, 12, 3).toISOString();
    expect(savedWhen(today, now)).not.toMatch(/2025/);
    expect(savedWhen(before, now)).toMatch(/2025/);
    expect(savedWhen("garbage", now)).toBe("");
    expect(draftSaved(today, now)).toBe(`Draft saved ${savedWhen(today, now)}`);
    expect(draftSaved(before, now)).toBe(`Draft saved ${savedWhen(before, now)}`);
    expect(draftSaved("garbage", now)).toBe("Draft saved");
  });

  it("says them in the page's language, with its plurals and numbers", () => {
    setCatalogue(
      {
        "Valid: {title} — {needs}, {lines}, {scripts}": "Valide : {title} — {needs}, {lines}, {scripts}",
        "{count} need": ["{count} besoin", "{count} besoins"],
        "{count} customer line": ["{count} réplique du client", "{count} répliques du client"],
        "{count} script": ["{count} scénario", "{count} scénarios"],
        "Draft saved {time}": "Brouillon enregistré à {time}",
      },
      "fr-CA",
    );
    expect(validSummary({ id: "x", title: "Colis en retard", needs: 1, lines: 1200, scripts: 0 })).toBe(
      "Valide : Colis en retard — 1 besoin, 1\u00a0200 répliques du client, 0 scénario",
    );
    const now = new Date(2025, 2, 3, 15, 0);
    expect(draftSaved(new Date(2025, 2, 3, 12, 3).toISOString(), now)).toBe("Brouillon enregistré à 12 h 03");
  });
});

describe("renderValidation", () => {
  it("lists errors with their line, each a button to that line", () => {
    const panel = document.createElement("div");
    const goTo = vi.fn();
    renderValidation(
      panel,
      { valid: false, errors: [{ line: 2, field: "mood_swing", problem: "unknown key" }, { line: null, problem: "too big" }], summary: null },
      goTo,
    );
    expect(panel.dataset.state).toBe("invalid");
    expect(panel.querySelector(".validation__title")?.textContent).toBe("2 problems to fix");
    const [first, second] = panel.querySelectorAll('[data-testid="validation-error"]');
    expect(first.getAttribute("data-line")).toBe("2");
    expect(first.textContent).toBe("line 2: mood_swing: unknown key");
    expect(second.tagName).toBe("SPAN");
    expect(second.hasAttribute("data-line")).toBe(false);
    /** @type {HTMLButtonElement} */ (first).click();
    expect(goTo).toHaveBeenCalledWith(2);
  });

  it("summarises a valid scenario", () => {
    const panel = document.createElement("div");
    renderValidation(panel, { valid: true, errors: [], summary: { id: "x", title: "T", needs: 4, lines: 120, scripts: 2 } }, () => {});
    expect(panel.dataset.state).toBe("valid");
    expect(panel.textContent).toBe("Valid: T — 4 needs, 120 customer lines, 2 scripts");
  });

  it("counts one problem in the singular", () => {
    const panel = document.createElement("div");
    renderValidation(panel, { valid: false, errors: [], summary: null }, () => {});
    expect(panel.querySelector(".validation__title")?.textContent).toBe("1 problem to fix");
    expect(panel.querySelector('[data-testid="validation-error"]')?.textContent).toBe("The scenario is invalid.");
  });
});

describe("renderVersions", () => {
  it("names each download with its version, and marks the live one", () => {
    const body = document.createElement("tbody");
    renderVersions(
      body,
      [
        { version: "0123456789abcdef", created_at: "2025-03-01T12:00:00Z", published_at: "2025-03-02T12:00:00Z" },
        { version: "fedcba9876543210", created_at: "2025-03-01T10:00:00Z", published_at: null },
      ],
      { id: "late_parcel", publishedVersion: "0123456789abcdef" },
    );
    const [live, old] = body.querySelectorAll('[data-testid="version-row"]');
    expect(live.querySelector(".chip--live")?.textContent).toBe("live");
    expect(old.querySelector(".chip--live")).toBeNull();
    expect(old.children[2].textContent).toBe("not published");
    const link = old.querySelector("a");
    expect(link?.textContent).toBe("Download");
    expect(link?.getAttribute("aria-label")).toBe("Download version fedcba98");
    expect(link?.getAttribute("download")).toBe("late_parcel.yml");
  });
});

describe("check in play", () => {
  /**
   * @param {string} kind
   * @param {string} name
   * @param {string[]} expect
   * @param {string} outcome
   * @param {number} [turns]
   */
  const conversation = (kind, name, expect, outcome, turns = 3) => ({
    kind,
    name,
    expect,
    outcome,
    replies: Math.floor(turns / 2),
    passed: expect.includes(outcome),
    problem: "",
    turns: Array.from({ length: turns }, (_, i) => ({ speaker: i % 2 ? "learner" : "customer", text: `line ${i}` })),
  });

  it("gives the totals, each conversation's ending against what it should be, and its turns", () => {
    const panel = document.createElement("div");
    renderScenarioCheck(panel, {
      scripts: { passed: 1, of: 2 },
      good: { resolved: 2, of: 3, median_replies: 5 },
      rude: { ended: 3, of: 3 },
      ok: false,
      notes: [],
      conversations: [
        conversation("script", "empathic", ["resolved"], "resolved", 9),
        conversation("script", "dismissive", ["escalated"], "active"),
        conversation("good", "1", ["resolved"], "abandoned"),
        conversation("rude", "1", ["abandoned", "escalated"], "escalated"),
      ],
    });
    expect(panel.dataset.state).toBe("invalid");
    const totals = panel.querySelector('[data-testid="check-totals"]')?.textContent ?? "";
    expect(totals).toContain("Scripts: 1 of 2 ended as they expect.");
    expect(totals).toContain("2 of 3 resolved the customer, in 5 replies (median)");
    expect(totals).toContain("Rude learners: 3 of 3");
    const rows = [...panel.querySelectorAll('[data-testid="check-conversation"]')];
    expect(rows.map((row) => row.getAttribute("data-passed"))).toEqual(["true", "false", "false", "true"]);
    expect(rows[1].textContent).toContain("Still going (not as expected)");
    expect(rows[0].querySelectorAll("li")).toHaveLength(9);
    expect(rows[0].textContent).toContain("9 turns");
  });

  it("says so when every conversation ends as it should, and shows the notes", () => {
    const panel = document.createElement("div");
    renderScenarioCheck(panel, {
      scripts: { passed: 0, of: 0 },
      good: { resolved: 0, of: 0, median_replies: null },
      rude: { ended: 1, of: 1 },
      ok: true,
      notes: ["Add model answers."],
      conversations: [conversation("rude", "1", ["escalated"], "escalated")],
    });
    expect(panel.dataset.state).toBe("valid");
    expect(panel.querySelector('[data-testid="check-verdict"]')?.textContent).toContain("Every conversation ended as it should");
    expect(panel.textContent).toContain("Good learners: none played (no model answers).");
    expect(panel.textContent).toContain("Add model answers.");
  });
});

