// @ts-check
/**
 * The scenario editor: CodeMirror 6 with YAML highlighting and indentation,
 * line numbers, undo, search (Ctrl+F), and the server's validation errors as
 * lint markers at their lines. Tab / Shift+Tab indent by two spaces; Escape,
 * then Tab, leaves the editor.
 *
 * The editor lives in a shadow root: there CodeMirror puts its styles in a
 * constructed style sheet, which the pages' Content-Security-Policy
 * (style-src 'self', no inline <style>) allows. The sizes and colours come
 * from app.css's custom properties, which reach into the shadow root.
 */
import { defaultKeymap, history, historyKeymap, indentLess, indentMore } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { bracketMatching, defaultHighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorSelection, EditorState } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";

import { t } from "../lib/i18n.js";
import { lintMarkers } from "../lib/validation.js";

/** @typedef {import("@codemirror/state").StateCommand} StateCommand */
/** @typedef {import("../lib/api.js").ItemError} ItemError */

const INDENT = "  ";

/**
 * Tab: two spaces at the cursor, or indent every selected line.
 * @type {StateCommand}
 */
export const insertIndent = ({ state, dispatch }) => {
  if (state.readOnly) return false;
  if (state.selection.ranges.some((range) => !range.empty)) return indentMore({ state, dispatch });
  dispatch(state.update(state.replaceSelection(INDENT), { scrollIntoView: true, userEvent: "input.indent" }));
  return true;
};

/**
 * CodeMirror's own words (search panel, go to line, announcements), in the
 * page's language. "$" is CodeMirror's placeholder for a number.
 * @returns {Record<string, string>}
 */
export function editorPhrases() {
  return {
    // Translators: the text editor's search panel (Ctrl+F): the search field.
    Find: t("Find"),
    // Translators: the text editor's search panel: the replace field.
    Replace: t("Replace"),
    // Translators: the text editor's search panel: button, go to the next match.
    next: t("next"),
    // Translators: the text editor's search panel: button, go to the previous match.
    previous: t("previous"),
    // Translators: the text editor's search panel: button, select all matches.
    all: t("all"),
    // Translators: the text editor's search panel: option, tell capitals from small letters.
    "match case": t("match case"),
    // Translators: the text editor's search panel: option, search with a regular expression.
    regexp: t("regexp"),
    // Translators: the text editor's search panel: option, match whole words only.
    "by word": t("by word"),
    // Translators: the text editor's search panel: button, replace the current match.
    replace: t("replace"),
    // Translators: the text editor's search panel: button, replace every match.
    "replace all": t("replace all"),
    // Translators: the text editor: button that closes a panel.
    close: t("close"),
    // Translators: the text editor: read to screen readers, then the match and "on line" and its number.
    "current match": t("current match"),
    // Translators: the text editor: read to screen readers between a match and its line number.
    "on line": t("on line"),
    // Translators: the text editor: read to screen readers; keep "$", the line number.
    "replaced match on line $": t("replaced match on line $"),
    // Translators: the text editor: read to screen readers; keep "$", the number of matches.
    "replaced $ matches": t("replaced $ matches"),
    // Translators: the text editor's go-to-line box (Ctrl+Alt+G): its label.
    "Go to line": t("Go to line"),
    // Translators: the text editor's go-to-line box: its button.
    go: t("go"),
    // Translators: the text editor: read to screen readers after deleting the selected text.
    "Selection deleted": t("Selection deleted"),
    // Translators: the text editor: shown for an invisible character, then its name.
    "Control character": t("Control character"),
    // Translators: the text editor's list of errors.
    Diagnostics: t("Diagnostics"),
    // Translators: the text editor's list of errors, when there is none.
    "No diagnostics": t("No diagnostics"),
  };
}

/** Sizes and colours from app.css's custom properties. */
const theme = EditorView.theme({
  "&": { flex: "1 1 auto", minWidth: "0", height: "100%", fontSize: "var(--code-size)", backgroundColor: "var(--surface)" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--code-font)", lineHeight: "var(--code-line)" },
  ".cm-content": { padding: "0.5rem 0 4rem" },
  ".cm-gutters": { color: "var(--muted)", backgroundColor: "var(--neutral-bg)", borderRight: "1px solid var(--border)" },
  ".cm-lineNumbers .cm-gutterElement": { padding: "0 0.5rem 0 0.6rem" },
});

export class YamlEditor {
  /**
   * @param {HTMLElement} host the element that holds the editor (in its shadow root)
   * @param {{onChange?: (text: string) => void, attributes?: Record<string, string>}} [options]
   *   attributes go on the editable element (test id, aria-label, aria-description)
   */
  constructor(host, { onChange = () => {}, attributes = {} } = {}) {
    this.onChange = onChange;
    this.extensions = [
      lineNumbers(),
      lintGutter(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      yaml(),
      indentUnit.of(INDENT),
      EditorState.tabSize.of(2),
      keymap.of([
        { key: "Tab", run: insertIndent, shift: indentLess },
        ...defaultKeymap,
        ...historyKeymap,
        ...searchKeymap,
      ]),
      EditorState.phrases.of(editorPhrases()),
      EditorView.contentAttributes.of(attributes),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) this.onChange(this.value);
      }),
      theme,
    ];
    const root = host.attachShadow({ mode: "open" });
    this.view = new EditorView({ root, parent: root, state: this.freshState("") });
  }

  /** @param {string} text */
  freshState(text) {
    return EditorState.create({ doc: text, extensions: this.extensions });
  }

  get value() {
    return this.view.state.doc.toString();
  }

  /**
   * Replace the whole text with a fresh history and no markers, shown from its
   * first line (not an edit: no change callback).
   * @param {string} text
   */
  setValue(text) {
    this.view.setState(this.freshState(text));
    this.view.dispatch({ effects: EditorView.scrollIntoView(0, { y: "start" }) });
  }

  /**
   * Show validation errors as lint markers at their lines (none clears them).
   * @param {ItemError[]} errors
   */
  markErrors(errors) {
    this.view.dispatch(setDiagnostics(this.view.state, lintMarkers(errors, this.view.state.doc)));
  }

  /**
   * Put the cursor at the start of a line's text (1-based) and scroll it into view.
   * @param {number} number
   */
  goToLine(number) {
    const { doc } = this.view.state;
    const line = doc.line(Math.min(Math.max(1, number), doc.lines));
    const at = line.from + (line.text.length - line.text.trimStart().length);
    this.view.dispatch({
      selection: EditorSelection.cursor(at),
      effects: EditorView.scrollIntoView(at, { y: "center" }),
    });
    this.focus();
  }

  focus() {
    this.view.focus();
  }
}
