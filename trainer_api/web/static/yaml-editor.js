/**
 * A plain <textarea> made comfortable for YAML: a line-number gutter that
 * scrolls with the text and marks lines with errors, Tab / Shift+Tab to indent
 * by two spaces, Enter keeps the indentation, Escape then Tab leaves the editor.
 */
import { el } from "./dom.js";

const INDENT = "  ";

export class YamlEditor {
  /**
   * @param {HTMLTextAreaElement} textarea
   * @param {HTMLElement} gutter an element next to the textarea (aria-hidden)
   * @param {{onChange?: (text: string) => void}} [options]
   */
  constructor(textarea, gutter, { onChange = () => {} } = {}) {
    this.textarea = textarea;
    this.gutter = gutter;
    this.onChange = onChange;
    this.lineCount = 0;
    this.errorLines = new Map(); // line -> messages
    this.tabLeaves = false; // after Escape, Tab moves focus as usual
    textarea.addEventListener("input", () => this.changed());
    textarea.addEventListener("scroll", () => this.syncScroll());
    textarea.addEventListener("keydown", (event) => this.onKeyDown(event));
    textarea.addEventListener("blur", () => { this.tabLeaves = false; });
    this.renderGutter();
  }

  get value() {
    return this.textarea.value;
  }

  /** Replace the whole text (not an edit: no change callback). */
  setValue(text) {
    this.textarea.value = text;
    this.textarea.scrollTop = 0;
    this.textarea.setSelectionRange(0, 0);
    this.renderGutter();
  }

  /** Mark lines in the gutter: a map of line number to the messages about it. */
  markErrors(errorLines) {
    this.errorLines = errorLines;
    this.renderGutter(true);
  }

  /** Put the cursor at the start of a line (1-based) and scroll it into view. */
  goToLine(line) {
    const lines = this.textarea.value.split("\n");
    const target = Math.min(Math.max(1, line), lines.length);
    let offset = 0;
    for (let i = 0; i < target - 1; i += 1) offset += lines[i].length + 1;
    const indent = lines[target - 1].length - lines[target - 1].trimStart().length;
    this.textarea.focus();
    this.textarea.setSelectionRange(offset + indent, offset + indent);
    const lineHeight = parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
    const top = (target - 1) * lineHeight;
    const view = this.textarea.clientHeight;
    if (top < this.textarea.scrollTop || top + lineHeight > this.textarea.scrollTop + view) {
      this.textarea.scrollTop = Math.max(0, top - view / 3);
    }
    this.syncScroll();
  }

  changed() {
    this.renderGutter();
    this.onChange(this.textarea.value);
  }

  syncScroll() {
    this.gutter.scrollTop = this.textarea.scrollTop;
  }

  renderGutter(force = false) {
    const count = this.textarea.value.split("\n").length;
    if (!force && count === this.lineCount) return;
    this.lineCount = count;
    const numbers = [];
    for (let line = 1; line <= count; line += 1) {
      const messages = this.errorLines.get(line);
      numbers.push(
        el(
          "span",
          { className: messages ? "yaml-editor__line is-error" : "yaml-editor__line", title: messages ? messages.join("\n") : null },
          String(line),
        ),
      );
    }
    this.gutter.replaceChildren(el("div", { className: "yaml-editor__numbers" }, numbers));
    this.syncScroll();
  }

  // ---- keys -------------------------------------------------------------------

  onKeyDown(event) {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape") {
      this.tabLeaves = true;
      return;
    }
    if (event.key === "Tab" && !this.tabLeaves) {
      event.preventDefault();
      if (event.shiftKey) this.outdent();
      else this.indent();
    } else if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      this.newLineKeepingIndent();
    }
    if (event.key !== "Escape" && event.key !== "Shift") this.tabLeaves = false;
  }

  indent() {
    const { selectionStart: start, selectionEnd: end, value } = this.textarea;
    if (!value.slice(start, end).includes("\n")) {
      this.insert(INDENT);
      return;
    }
    const from = value.lastIndexOf("\n", start - 1) + 1;
    const to = value[end - 1] === "\n" ? end - 1 : end; // a selection ending at a line start
    const block = value.slice(from, to).replace(/^/gm, INDENT);
    this.replaceRange(from, to, block, start + INDENT.length, from + block.length);
  }

  outdent() {
    const { selectionStart: start, selectionEnd: end, value } = this.textarea;
    const from = value.lastIndexOf("\n", start - 1) + 1;
    const original = value.slice(from, Math.max(end, start));
    const block = original.replace(/^ {1,2}/gm, "");
    if (block === original) return;
    const firstRemoved = original.length - original.replace(/^ {1,2}/, "").length;
    const cursor = Math.max(from, start - firstRemoved);
    this.replaceRange(from, from + original.length, block, cursor, end === start ? cursor : from + block.length);
  }

  newLineKeepingIndent() {
    const { selectionStart: start, value } = this.textarea;
    const lineStart = value.lastIndexOf("\n", start - 1) + 1;
    const indent = /^ */.exec(value.slice(lineStart, start))[0];
    this.insert(`\n${indent}`);
  }

  /** Insert at the cursor, keeping the browser's undo history where it can. */
  insert(text) {
    this.textarea.focus();
    if (!document.execCommand("insertText", false, text)) {
      this.textarea.setRangeText(text, this.textarea.selectionStart, this.textarea.selectionEnd, "end");
      this.changed();
    }
  }

  replaceRange(from, to, text, selectionStart, selectionEnd) {
    this.textarea.setSelectionRange(from, to);
    this.insert(text);
    this.textarea.setSelectionRange(selectionStart, selectionEnd);
  }
}
