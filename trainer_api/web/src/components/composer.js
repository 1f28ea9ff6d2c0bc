// @ts-check
/**
 * The reply box: textarea with a character counter, Enter to send,
 * Shift+Enter for a new line, an inline error, and busy/closed states.
 * The length limit is the server's (max_reply_chars).
 */
import { byTestId } from "../lib/dom.js";
import { formatNumber } from "../lib/i18n.js";

/** The counter warns from this share of the limit on. */
export const NEAR_LIMIT = 0.9;

/**
 * "12 / 1000"
 * @param {number} length
 * @param {number} max
 */
export const counterText = (length, max) => `${count(length)} / ${count(max)}`;

/** @param {number} value */
const count = (value) => formatNumber(value, { useGrouping: false });

/**
 * @param {number} length
 * @param {number} max
 */
export const isNearLimit = (length, max) => length >= max * NEAR_LIMIT;

/**
 * Whether a reply may be sent: something other than spaces, within the limit,
 * while the box is neither busy nor closed.
 * @param {{text: string, max: number, busy?: boolean, closed?: boolean}} reply
 */
export function canSend({ text, max, busy = false, closed = false }) {
  return !busy && !closed && text.trim() !== "" && text.length <= max;
}

export class Composer {
  /**
   * @param {HTMLFormElement} form form holding the reply-* test ids
   * @param {(text: string) => void} onSend called with the text to send
   * @param {{maxLength: number}} limits
   */
  constructor(form, onSend, { maxLength }) {
    this.form = form;
    this.onSend = onSend;
    this.maxLength = maxLength;
    this.input = byTestId("reply-input", form, HTMLTextAreaElement);
    this.button = byTestId("send-button", form, HTMLButtonElement);
    this.counter = byTestId("reply-counter", form);
    this.error = byTestId("reply-error", form);
    this.busy = false;
    this.closed = false;
    this.input.maxLength = maxLength;
    this.bindEvents();
    this.refresh();
  }

  bindEvents() {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener("keydown", (event) => this.onKeyDown(event));
    this.input.addEventListener("input", () => this.refresh());
  }

  /** @param {KeyboardEvent} event */
  onKeyDown(event) {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.submit();
  }

  submit() {
    if (this.canSend()) this.onSend(this.input.value);
  }

  canSend() {
    return canSend({ text: this.input.value, max: this.maxLength, busy: this.busy, closed: this.closed });
  }

  refresh() {
    const length = this.input.value.length;
    this.counter.textContent = counterText(length, this.maxLength);
    this.counter.classList.toggle("counter--near", isNearLimit(length, this.maxLength));
    this.button.disabled = !this.canSend();
    this.form.setAttribute("aria-busy", String(this.busy));
  }

  /**
   * While busy the learner can keep typing but cannot send.
   * @param {boolean} busy
   */
  setBusy(busy) {
    this.busy = busy;
    this.refresh();
  }

  /**
   * Disable the reply box for good (the conversation has ended).
   * @param {string} placeholder
   */
  close(placeholder) {
    this.closed = true;
    this.form.classList.add("composer--closed");
    this.input.disabled = true;
    this.input.placeholder = placeholder;
    this.refresh();
  }

  open() {
    this.closed = false;
    this.form.classList.remove("composer--closed");
    this.input.disabled = false;
    this.input.placeholder = "";
    this.refresh();
  }

  /**
   * Empty the box after a reply went through, unless the learner has typed on since.
   * @param {string} sentText
   */
  clearIfUnchanged(sentText) {
    if (this.input.value !== sentText) return;
    this.input.value = "";
    this.refresh();
  }

  /** @param {string} message */
  showError(message) {
    this.error.textContent = message;
  }

  clearError() {
    this.error.textContent = "";
  }

  focus() {
    if (!this.input.disabled) this.input.focus();
  }
}
