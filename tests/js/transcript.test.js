// @ts-check
import { beforeEach, describe, expect, it } from "vitest";

import { mergeTurn, Transcript } from "../../trainer_api/web/src/components/transcript.js";
import { withServerConfig } from "./helpers.js";

/** @type {HTMLElement} */
let container;

beforeEach(() => {
  withServerConfig();
  document.body.innerHTML = "<div></div>";
  container = /** @type {HTMLElement} */ (document.querySelector("div"));
});

const indexes = () => [...container.children].map((node) => node.getAttribute("data-index"));

describe("Transcript", () => {
  it("keeps turns in index order whatever order they arrive in", () => {
    const transcript = new Transcript(container, { learner: "You", customer: "Sam" });
    transcript.upsert({ index: 2, speaker: "customer", text: "c2" });
    transcript.upsert({ index: 0, speaker: "customer", text: "c0" });
    transcript.upsert({ index: 1, speaker: "learner", text: "l1", message_id: "m1" });
    expect(indexes()).toEqual(["0", "1", "2"]);
    expect(transcript.lastTurnBy("customer")?.text).toBe("c2");
    expect(transcript.findByMessageId("m1")?.index).toBe(1);
    expect(transcript.findByMessageId("nope")).toBeNull();
    expect(container.querySelector('[data-speaker="customer"] .message__name')?.textContent).toBe("Sam");
  });

  it("updates a turn pushed twice in place, keeping its score", () => {
    const transcript = new Transcript(container, { learner: "You", customer: "Sam" });
    const score = { score: 80, band: "excellent", dimensions: {}, penalties: [], evidence: [], feedback: [] };
    expect(transcript.upsert({ index: 1, speaker: "learner", text: "hi", score })?.added).toBe(true);
    const again = transcript.upsert({ index: 1, speaker: "learner", text: "hi", score: null });
    expect(again?.added).toBe(false);
    expect(container.children).toHaveLength(1);
    expect(container.querySelector('[data-testid="turn-score"]')?.getAttribute("data-score")).toBe("80");
  });

  it("ignores turns without an index, and reset replaces everything", () => {
    const transcript = new Transcript(container, { learner: "You", customer: "Sam" });
    expect(transcript.upsert({ speaker: "learner", text: "?" })).toBeNull();
    transcript.reset([{ index: 0, speaker: "customer", text: "a" }]);
    transcript.reset([{ index: 5, speaker: "customer", text: "b" }]);
    expect(indexes()).toEqual(["5"]);
  });
});

describe("mergeTurn", () => {
  it("keeps score and mood a later push leaves out", () => {
    const mood = { anger: 10, trust: 50, band: "calm" };
    const merged = mergeTurn({ index: 3, speaker: "customer", text: "a", mood }, { index: 9, text: "b" });
    expect(merged).toEqual({ index: 3, speaker: "customer", text: "b", mood, score: null });
  });
});
