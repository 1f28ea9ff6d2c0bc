// @ts-check
/**
 * The maths of evidence highlighting: which pieces of a learner's reply
 * earned (+) or cost (-) points. Rendering is in components/turn.js.
 */

/**
 * An evidence span as the server sends it (offsets into the reply).
 * @typedef {{start?: unknown, end?: unknown, text?: unknown, dimension?: unknown, effect?: unknown}} RawEvidence
 */

/** @typedef {{start: number, end: number, dimension: string, effect: "+" | "-"}} Span */

/** @typedef {{text: string, covering: Span[]}} Piece */

/**
 * Valid spans clipped to the text; misaligned offsets are re-found by the quoted text.
 * @param {string} text
 * @param {unknown} evidence
 * @returns {Span[]}
 */
export function normaliseSpans(text, evidence) {
  if (!Array.isArray(evidence)) return [];
  return evidence.map((item) => alignSpan(text, item)).filter((span) => span !== null);
}

/**
 * @param {string} text
 * @param {RawEvidence | null | undefined} item
 * @returns {Span | null}
 */
export function alignSpan(text, item) {
  if (!item || !Number.isInteger(item.start) || !Number.isInteger(item.end)) return null;
  let start = /** @type {number} */ (item.start);
  let end = /** @type {number} */ (item.end);
  const quoted = typeof item.text === "string" ? item.text : "";
  if (quoted && text.slice(start, end) !== quoted) {
    const found = nearestIndexOf(text, quoted, start);
    if (found >= 0) [start, end] = [found, found + quoted.length];
  }
  start = Math.max(0, start);
  end = Math.min(text.length, end);
  if (start >= end) return null;
  return { start, end, dimension: String(item.dimension ?? ""), effect: item.effect === "-" ? "-" : "+" };
}

/**
 * The occurrence of needle closest to the offset near, or -1.
 * @param {string} text
 * @param {string} needle
 * @param {number} near
 */
export function nearestIndexOf(text, needle, near) {
  let best = -1;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (best === -1 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best;
}

/**
 * The text cut at every span boundary; each piece lists the spans covering it
 * (none for plain text), so overlapping spans are handled.
 * @param {string} text
 * @param {Span[]} spans
 * @returns {Piece[]}
 */
export function pieces(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  /** @type {Piece[]} */
  const result = [];
  for (let i = 0; i < sorted.length - 1; i += 1) {
    const [from, to] = [sorted[i], sorted[i + 1]];
    const covering = spans.filter((span) => span.start <= from && span.end >= to);
    result.push({ text: text.slice(from, to), covering });
  }
  return result;
}

/**
 * The effect of a highlighted piece: both signs make it mixed.
 * @param {Span[]} covering
 * @returns {"positive" | "negative" | "mixed"}
 */
export function pieceEffect(covering) {
  const effects = new Set(covering.map((span) => span.effect));
  return effects.size > 1 ? "mixed" : effects.has("-") ? "negative" : "positive";
}
