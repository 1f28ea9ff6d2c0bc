// @ts-check
/**
 * A translated message with elements inside it, e.g. "Published version
 * {version}" with the version in a <code>: the whole sentence is translated
 * (word order is the translator's), its element placeholders are left
 * unfilled by t(), and withNodes() puts the elements in their place.
 */

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Split a translated message at its {name} placeholders for elements.
 * Placeholders with no element given are left as they are.
 * @param {string} message the translated text
 * @param {Record<string, Node>} nodes element for each placeholder name (each used once)
 * @returns {(string | Node)[]} children for el()
 */
export function withNodes(message, nodes) {
  /** @type {(string | Node)[]} */
  const parts = [];
  let last = 0;
  for (const match of message.matchAll(PLACEHOLDER)) {
    if (!Object.hasOwn(nodes, match[1])) continue;
    const at = match.index ?? 0;
    if (at > last) parts.push(message.slice(last, at));
    parts.push(nodes[match[1]]);
    last = at + match[0].length;
  }
  if (last < message.length) parts.push(message.slice(last));
  return parts;
}
