/**
 * The reply box: textarea with a character counter, Enter to send,
 * Shift+Enter for a new line, an inline error, and busy/closed states.
 */
import { byTestId } from "./dom.js";

export const MAX_REPLY_LENGTH = 1000;

export class Composer {
  /**
   * @param {HTMLFormElement} form form holding the reply-* test ids
   * @param {(text: string) => void} onSend called with the text to send
   */
  constructor(form, onSend) {
    this.form = form;
    this.onSend = onSend;
    this.input = byTestId("reply-input", form);
    this.button = byTestId("send-button", form);
    this.counter = byTestId("reply-counter", form);
    this.error = byTestId("reply-error", form);
    this.busy = false;
    this.closed = false;
    this.input.maxLength = MAX_REPLY_LENGTH;
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

  onKeyDown(event) {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.submit();
  }

  submit() {
    if (this.canSend()) this.onSend(this.input.value);
  }

  canSend() {
    const length = this.input.value.length;
    return !this.busy && !this.closed && this.input.value.trim() !== "" && length <= MAX_REPLY_LENGTH;
  }

  refresh() {
    const length = this.input.value.length;
    this.counter.textContent = `${length} / ${MAX_REPLY_LENGTH}`;
    this.counter.classList.toggle("counter--near", length >= MAX_REPLY_LENGTH * 0.9);
    this.button.disabled = !this.canSend();
    this.form.setAttribute("aria-busy", String(this.busy));
  }

  /** While busy the learner can keep typing but cannot send. */
  setBusy(busy) {
    this.busy = busy;
    this.refresh();
  }

  /** Disable the reply box for good (the conversation has ended). */
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

  /** Empty the box after a reply went through, unless the learner has typed on since. */
  clearIfUnchanged(sentText) {
    if (this.input.value !== sentText) return;
    this.input.value = "";
    this.refresh();
  }

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
