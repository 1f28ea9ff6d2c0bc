// @ts-check
/**
 * A transcript keyed by turn index: a turn pushed twice is updated in place,
 * and turns are kept in index order whatever order they arrive in.
 */
import { renderTurn } from "./turn.js";

/** @typedef {import("./turn.js").Turn} Turn */
/** @typedef {import("./turn.js").Names} Names */

export class Transcript {
  /**
   * @param {HTMLElement} container element that holds the messages
   * @param {Names} names speaker labels
   */
  constructor(container, names) {
    this.container = container;
    this.names = names;
    /** @type {Map<number, Turn & {index: number}>} */
    this.turns = new Map();
    /** @type {Map<number, HTMLElement>} */
    this.nodes = new Map();
  }

  /** @param {Names} names */
  setNames(names) {
    this.names = names;
  }

  /**
   * Replace everything with these turns.
   * @param {Turn[]} [turns]
   */
  reset(turns = []) {
    this.turns.clear();
    this.nodes.clear();
    this.container.replaceChildren();
    for (const turn of turns) this.upsert(turn);
  }

  /**
   * Add a turn or update the one with the same index.
   * @param {Turn | null | undefined} turn
   * @returns {{node: HTMLElement, added: boolean} | null} null for a turn without index
   */
  upsert(turn) {
    const index = Number(turn && turn.index);
    if (!turn || !Number.isInteger(index)) return null;
    const previous = this.turns.get(index);
    const merged = previous ? mergeTurn(previous, turn) : { ...turn, index };
    const node = renderTurn(merged, this.names);
    const existing = this.nodes.get(index);
    if (existing) existing.replaceWith(node);
    else this.container.insertBefore(node, this.nodeAfter(index));
    this.turns.set(index, merged);
    this.nodes.set(index, node);
    return { node, added: !existing };
  }

  /**
   * The last turn by the given speaker, or null.
   * @param {string} speaker
   */
  lastTurnBy(speaker) {
    /** @type {(Turn & {index: number}) | null} */
    let last = null;
    for (const turn of this.turns.values()) {
      if (turn.speaker === speaker && (!last || turn.index > last.index)) last = turn;
    }
    return last;
  }

  /**
   * The turn carrying this client message id, or null.
   * @param {string} messageId
   */
  findByMessageId(messageId) {
    for (const turn of this.turns.values()) {
      if (messageId && turn.message_id === messageId) return turn;
    }
    return null;
  }

  /**
   * The node of the first turn after this index, or null.
   * @param {number} index
   */
  nodeAfter(index) {
    /** @type {HTMLElement | null} */
    let next = null;
    let nextIndex = Infinity;
    for (const [other, node] of this.nodes) {
      if (other > index && other < nextIndex) [next, nextIndex] = [node, other];
    }
    return next;
  }
}

/**
 * A later push may omit score or mood that an earlier one had: keep them.
 * @param {Turn & {index: number}} previous
 * @param {Turn} update
 */
export function mergeTurn(previous, update) {
  return {
    ...previous,
    ...update,
    index: previous.index,
    score: update.score ?? previous.score ?? null,
    mood: update.mood ?? previous.mood ?? null,
  };
}
