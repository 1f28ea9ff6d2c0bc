// @ts-check
/**
 * Small DOM helpers shared by every page.
 *
 * Text is always inserted as text nodes (never parsed as HTML), so server data
 * and learner input can contain "<b>" safely.
 */
import { t } from "./i18n.js";

/**
 * What an element can hold: nodes, text, numbers, and lists of those (nested
 * lists are flattened); null, undefined and false are left out.
 * @typedef {Node | string | number | boolean | null | undefined | ReadonlyArray<unknown>} Child
 */
/** @typedef {Record<string, unknown>} Props */

/**
 * Create an element.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props} [props] attributes; special keys: className, text, on<event>
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    setProp(node, key, value);
  }
  appendChildren(node, children);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {string} key
 * @param {unknown} value
 */
function setProp(node, key, value) {
  if (value === null || value === undefined || value === false) return;
  if (key === "className") node.className = String(value);
  else if (key === "text") node.textContent = String(value);
  else if (key.startsWith("on") && typeof value === "function") {
    node.addEventListener(key.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
  } else node.setAttribute(key, value === true ? "" : String(value));
}

/**
 * @param {HTMLElement} node
 * @param {Child[]} children
 */
function appendChildren(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

/**
 * The first element with the given data-testid under root. A missing element
 * is a bug in the page, so it throws rather than returning null.
 * @template {typeof HTMLElement} [T=typeof HTMLElement]
 * @param {string} testId
 * @param {ParentNode} [root]
 * @param {T} [type] the element's expected class, e.g. HTMLSelectElement
 * @returns {InstanceType<T>}
 */
export function byTestId(testId, root = document, type) {
  return must(root.querySelector(`[data-testid="${testId}"]`), `[data-testid="${testId}"]`, type);
}

/**
 * The element with this id.
 * @template {typeof HTMLElement} [T=typeof HTMLElement]
 * @param {string} id
 * @param {T} [type]
 * @returns {InstanceType<T>}
 */
export function byId(id, type) {
  return must(document.getElementById(id), `#${id}`, type);
}

/**
 * @template {typeof HTMLElement} T
 * @param {Element | null} node
 * @param {string} what
 * @param {T} [type]
 * @returns {InstanceType<T>}
 */
function must(node, what, type) {
  const expected = type ?? HTMLElement;
  if (!(node instanceof expected)) {
    throw new Error(t("The page has no {element} element ({type}).", { element: what, type: expected.name }));
  }
  return /** @type {InstanceType<T>} */ (node);
}

/**
 * Scroll a node into view, without animation for people who asked for less motion.
 * @param {Element} node
 */
export function revealNode(node) {
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  node.scrollIntoView({ block: "nearest", behavior: reduce ? "auto" : "smooth" });
}

/**
 * Read one query-string parameter of the current page.
 * @param {string} name
 */
export function queryParam(name) {
  return new URL(window.location.href).searchParams.get(name);
}

/**
 * Set (or remove, with a null value) one query-string parameter without reloading.
 * @param {string} name
 * @param {string | number | null | undefined} value
 */
export function setQueryParam(name, value) {
  const url = new URL(window.location.href);
  if (value === null || value === undefined || value === "") url.searchParams.delete(name);
  else url.searchParams.set(name, String(value));
  window.history.replaceState(window.history.state, "", url);
}

/**
 * The message of anything thrown, for showing to a person.
 * @param {unknown} error
 */
export function messageOf(error) {
  if (error instanceof Error) return error.message;
  if (error && typeof error === "object" && "message" in error) return String(error.message);
  return String(error);
}
