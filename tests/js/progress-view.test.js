// @ts-check
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { focusBox, localDay, progressChart, trendSentence } from "../../trainer_api/web/src/components/progress-view.js";
import { formatDate, setCatalogue } from "../../trainer_api/web/src/lib/i18n.js";
import { withServerConfig } from "./helpers.js";

/** @typedef {import("../../trainer_api/web/src/components/progress-view.js").Progress} Progress */

/** @returns {Progress} */
const progress = () => ({
  learner: { username: "sam", display_name: "Sam" },
  sessions: 3,
  completed: 2,
  replies: 1,
  average_score: 64,
  dimensions: {},
  weekly: [{ week: "2026-03-02", replies: 1, sessions: 1, average_score: 64, dimensions: { ownership: 50 } }],
  weakest: { dimension: "ownership", value: 40, tip: "Say what you will do." },
  trend: { direction: "improving", change: 4 },
});

beforeEach(() => {
  withServerConfig();
});

afterEach(() => setCatalogue(null));

describe("focusBox", () => {
  it("sums up the learner's practice in whole sentences", () => {
    const box = focusBox(progress(), { own: true });
    const [summary, weakest, tip] = [...box.querySelectorAll("p")].map((p) => p.textContent);
    expect(summary).toBe(
      "3 sessions, 1 scored reply, average score 64. Recent replies are improving (+4 points against the ones before).",
    );
    expect(weakest).toBe("Your weakest dimension lately: Ownership (40 of 100).");
    expect(tip).toBe("Work on this: Say what you will do.");
    expect(box.querySelector('[data-testid="progress-average"]')?.textContent).toBe("64");
    expect(box.querySelector('[data-testid="weakest-dimension"]')?.textContent).toBe("Ownership");
  });

  it("speaks of someone else's progress to a trainer, and of no practice yet", () => {
    expect(focusBox(progress(), { own: false }).textContent).toContain("Weakest dimension lately: Ownership");
    expect(focusBox({ ...progress(), replies: 0 }, { own: false }).textContent).toBe("No practice yet.");
  });

  it("says how the trend moved, with a plural that fits the number", () => {
    expect(trendSentence({ direction: "slipping", change: -1 })).toBe("Recent replies are slipping (-1 point against the ones before).");
    expect(trendSentence({ direction: "steady", change: 0 })).toBe("Recent replies are steady (0 points against the ones before).");
    expect(trendSentence({ direction: null, change: null })).toBe("");
  });

  it("lets a translation put the figures where its grammar wants them", () => {
    setCatalogue(
      {
        "{count} session": ["{count} séance", "{count} séances"],
        "{count} scored reply": ["{count} réponse notée", "{count} réponses notées"],
        "{sessions}, {replies}, average score {average}.": "{sessions}, {replies}, note moyenne {average}.",
      },
      "fr-CA",
    );
    const box = focusBox({ ...progress(), trend: { direction: null, change: null } }, { own: true });
    expect(box.querySelector("p")?.textContent).toBe("3 séances, 1 réponse notée, note moyenne 64.");
  });
});

describe("progressChart", () => {
  it("labels each week by its first day, in the reader's calendar", () => {
    const figure = progressChart(progress());
    const firstRow = figure.querySelector('[data-testid="progress-table"] tbody th');
    expect(firstRow?.textContent).toBe(`Week of ${formatDate(new Date(2026, 2, 2))}`);
  });

  it("reads a server's day as that local day", () => {
    const day = /** @type {Date} */ (localDay("2026-03-02"));
    expect([day.getFullYear(), day.getMonth(), day.getDate()]).toEqual([2026, 2, 2]);
    expect(localDay("soon")).toBe("soon");
  });
});
