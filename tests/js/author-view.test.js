// @ts-check
import { beforeEach, describe, expect, it, vi } from "vitest";

import { plural, renderValidation, savedWhen, shortHash, validSummary } from "../../trainer_api/web/src/components/author-view.js";
import { withServerConfig } from "./helpers.js";

beforeEach(() => {
  withServerConfig();
});

describe("small formats", () => {
  it("shortens hashes and counts", () => {
    expect(shortHash("0123456789abcdef")).toBe("01234567");
    expect(shortHash(null)).toBe("");
    expect(plural(1, "need", "needs")).toBe("1 need");
    expect(plural(3, "need", "needs")).toBe("3 needs");
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
});
