// @ts-check
import { beforeEach, describe, expect, it, vi } from "vitest";

import { canSend, Composer, counterText, isNearLimit } from "../../trainer_api/web/src/components/composer.js";

describe("limits", () => {
  it("counts against the server's limit", () => {
    expect(counterText(0, 1000)).toBe("0 / 1000");
    expect(counterText(12, 500)).toBe("12 / 500");
  });

  it("warns from 90% of the limit", () => {
    expect(isNearLimit(899, 1000)).toBe(false);
    expect(isNearLimit(900, 1000)).toBe(true);
    expect(isNearLimit(45, 50)).toBe(true);
  });

  it("sends only something within the limit, when free", () => {
    expect(canSend({ text: "Sorry to hear that.", max: 1000 })).toBe(true);
    expect(canSend({ text: "   \n ", max: 1000 })).toBe(false);
    expect(canSend({ text: "x".repeat(10), max: 10 })).toBe(true);
    expect(canSend({ text: "x".repeat(11), max: 10 })).toBe(false);
    expect(canSend({ text: "hello", max: 1000, busy: true })).toBe(false);
    expect(canSend({ text: "hello", max: 1000, closed: true })).toBe(false);
  });
});

describe("Composer", () => {
  /** @type {HTMLFormElement} */
  let form;
  /** @type {HTMLTextAreaElement} */
  let input;

  beforeEach(() => {
    document.body.innerHTML = `
      <form data-testid="reply-form">
        <textarea data-testid="reply-input"></textarea>
        <span data-testid="reply-counter"></span>
        <button type="submit" data-testid="send-button">Send</button>
        <p data-testid="reply-error"></p>
      </form>`;
    form = /** @type {HTMLFormElement} */ (document.querySelector("form"));
    input = /** @type {HTMLTextAreaElement} */ (document.querySelector("textarea"));
  });

  /** @param {string} text */
  function type(text) {
    input.value = text;
    input.dispatchEvent(new Event("input"));
  }

  const counter = () => /** @type {HTMLElement} */ (document.querySelector('[data-testid="reply-counter"]'));
  const button = () => /** @type {HTMLButtonElement} */ (document.querySelector("button"));

  it("takes its limit from the configuration", () => {
    new Composer(form, () => {}, { maxLength: 20 });
    expect(input.maxLength).toBe(20);
    expect(counter().textContent).toBe("0 / 20");
    expect(button().disabled).toBe(true);
    type("x".repeat(18));
    expect(counter().textContent).toBe("18 / 20");
    expect(counter().classList.contains("counter--near")).toBe(true);
    expect(button().disabled).toBe(false);
  });

  it("sends on Enter but not on Shift+Enter", () => {
    const onSend = vi.fn();
    new Composer(form, onSend, { maxLength: 1000 });
    type("I'm so sorry.");
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", shiftKey: true }));
    expect(onSend).not.toHaveBeenCalled();
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    expect(onSend).toHaveBeenCalledWith("I'm so sorry.");
  });

  it("does not send while busy or closed, and clears only unchanged text", () => {
    const onSend = vi.fn();
    const composer = new Composer(form, onSend, { maxLength: 1000 });
    type("hello");
    composer.setBusy(true);
    composer.submit();
    expect(onSend).not.toHaveBeenCalled();
    expect(form.getAttribute("aria-busy")).toBe("true");
    composer.setBusy(false);
    composer.clearIfUnchanged("something else");
    expect(input.value).toBe("hello");
    composer.clearIfUnchanged("hello");
    expect(input.value).toBe("");
    composer.close("This conversation has ended.");
    expect(input.disabled).toBe(true);
    expect(input.placeholder).toBe("This conversation has ended.");
    type("more");
    composer.submit();
    expect(onSend).not.toHaveBeenCalled();
  });
});
