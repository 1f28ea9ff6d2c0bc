// @ts-check
import { beforeEach, describe, expect, it } from "vitest";

import { renderScore } from "../../trainer_api/web/src/components/turn.js";
import { alignSpan, nearestIndexOf, normaliseSpans, pieceEffect, pieces } from "../../trainer_api/web/src/lib/evidence.js";
import { withServerConfig } from "./helpers.js";

const REPLY = "I'm so sorry. Policy is policy, but I'm sorry.";

describe("alignSpan", () => {
  it("keeps spans whose offsets match the quoted text", () => {
    expect(alignSpan(REPLY, { start: 4, end: 12, text: "so sorry", dimension: "ownership", effect: "+" })).toEqual({
      start: 4,
      end: 12,
      dimension: "ownership",
      effect: "+",
    });
  });

  it("re-finds misaligned quotes at the nearest occurrence", () => {
    const second = REPLY.lastIndexOf("sorry");
    expect(alignSpan(REPLY, { start: second - 2, end: second + 3, text: "sorry", effect: "+" })).toMatchObject({
      start: second,
      end: second + 5,
    });
  });

  it("clips to the text and drops empty or malformed spans", () => {
    expect(alignSpan("short", { start: 2, end: 99 })).toMatchObject({ start: 2, end: 5, dimension: "", effect: "+" });
    expect(alignSpan("short", { start: 9, end: 12 })).toBeNull();
    expect(alignSpan("short", { start: 1.5, end: 3 })).toBeNull();
    expect(alignSpan("short", null)).toBeNull();
  });

  it("treats anything but '-' as earning points", () => {
    expect(alignSpan("abc", { start: 0, end: 1, effect: "-" })?.effect).toBe("-");
    expect(alignSpan("abc", { start: 0, end: 1, effect: "?" })?.effect).toBe("+");
  });
});

describe("nearestIndexOf", () => {
  it("finds the occurrence closest to an offset", () => {
    expect(nearestIndexOf("ab ab ab", "ab", 4)).toBe(3);
    expect(nearestIndexOf("ab ab ab", "ab", 7)).toBe(6);
    expect(nearestIndexOf("ab", "zz", 0)).toBe(-1);
  });
});

describe("pieces", () => {
  it("cuts overlapping spans at every boundary", () => {
    const spans = normaliseSpans("abcdefgh", [
      { start: 0, end: 4, dimension: "a", effect: "+" },
      { start: 2, end: 6, dimension: "b", effect: "-" },
    ]);
    const cut = pieces("abcdefgh", spans);
    expect(cut.map((piece) => [piece.text, piece.covering.map((span) => span.dimension).join("")])).toEqual([
      ["ab", "a"],
      ["cd", "ab"],
      ["ef", "b"],
      ["gh", ""],
    ]);
    expect(cut.map((piece) => (piece.covering.length ? pieceEffect(piece.covering) : null))).toEqual([
      "positive",
      "mixed",
      "negative",
      null,
    ]);
  });

  it("gives the whole text back when nothing is highlighted", () => {
    expect(pieces("hello", [])).toEqual([{ text: "hello", covering: [] }]);
    expect(normaliseSpans("hello", "not a list")).toEqual([]);
  });
});

describe("renderScore", () => {
  beforeEach(() => {
    withServerConfig();
  });

  it("highlights the learner's own words, as text", () => {
    const text = "<b>Sorry</b>, policy is policy.";
    const card = renderScore(
      {
        score: 41.6,
        band: "developing",
        dimensions: { ownership: 1, emotional_reaction: 0, extra_dimension: 2 },
        penalties: ["policy_wall"],
        evidence: [
          { start: 3, end: 8, text: "Sorry", dimension: "ownership", effect: "+" },
          { start: 14, end: 30, text: "policy is policy", dimension: "policy_wall", effect: "-" },
        ],
        feedback: ["Offer an alternative.", " "],
      },
      text,
    );
    expect(card.dataset.score).toBe("42");
    expect(card.querySelector('[data-testid="score-band"]')?.textContent).toBe("Developing");
    const pills = [...card.querySelectorAll('[data-testid="dimension-pill"]')].map((pill) => pill.textContent);
    expect(pills).toEqual(["Emotional reaction 0/2", "Ownership 1/2", "Extra dimension 2/2"]);
    expect(card.querySelector('[data-testid="penalty"]')?.textContent).toBe("Policy wall");
    const marks = [...card.querySelectorAll('[data-testid="evidence"]')];
    expect(marks.map((mark) => [mark.textContent, mark.getAttribute("data-effect"), mark.className])).toEqual([
      ["Sorry", "+", "evidence evidence--positive"],
      ["policy is policy", "-", "evidence evidence--negative"],
    ]);
    expect(card.querySelector('[data-testid="evidence-text"]')?.textContent).toBe(text);
    expect(card.querySelector("b")).toBeNull();
    expect(card.querySelectorAll('[data-testid="tips"] li')).toHaveLength(1);
  });

  it("shows a reply in another language as not scored, without a number", () => {
    const card = renderScore(
      {
        score: 0,
        band: "unscored",
        dimensions: { emotional_reaction: 0 },
        penalties: [],
        evidence: [],
        feedback: ["This reply could not be scored: it looks like German."],
      },
      "Es tut mir leid.",
    );
    expect(card.dataset.band).toBe("unscored");
    expect(card.dataset.score).toBeUndefined();
    expect(card.querySelector('[data-testid="score-band"]')?.textContent).toBe("Not scored");
    expect(card.querySelectorAll('[data-testid="dimension-pill"]')).toHaveLength(0);
    expect(card.querySelector('[data-testid="tips"] li')?.textContent).toContain("German");
  });
});
