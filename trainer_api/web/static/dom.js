/**
 * Small DOM helpers shared by every page.
 *
 * Text is always inserted as text nodes (never parsed as HTML), so server data
 * and learner input can contain "<b>" safely.
 */

/**
 * Create an element.
 * @param {string} tag
 * @param {Object} [props] attributes; special keys: className, text, on<event>
 * @param {...(Node|string|number|null|undefined|Array)} children
 * @returns {HTMLElement}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    setProp(node, key, value);
  }
  appendChildren(node, children);
  return node;
}

function setProp(node, key, value) {
  if (value === null || value === undefined || value === false) return;
  if (key === "className") node.className = value;
  else if (key === "text") node.textContent = String(value);
  else if (key.startsWith("on") && typeof value === "function") {
    node.addEventListener(key.slice(2).toLowerCase(), value);
  } else node.setAttribute(key, value === true ? "" : String(value));
}

function appendChildren(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

/** First element with the given data-testid under root. */
export function byTestId(testId, root = document) {
  return root.querySelector(`[data-testid="${testId}"]`);
}

/** Scroll a node into view, without animation for people who asked for less motion. */
export function revealNode(node) {
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  node.scrollIntoView({ block: "nearest", behavior: reduce ? "auto" : "smooth" });
}

/** Read one query-string parameter of the current page. */
export function queryParam(name) {
  return new URL(window.location.href).searchParams.get(name);
}

/** Set (or remove, with a null value) one query-string parameter without reloading. */
export function setQueryParam(name, value) {
  const url = new URL(window.location.href);
  if (value === null || value === undefined || value === "") url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  window.history.replaceState(window.history.state, "", url);
}
