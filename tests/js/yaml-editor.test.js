// @ts-check
import { forEachDiagnostic } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { afterEach, describe, expect, it, vi } from "vitest";

import { editorPhrases, insertIndent, YamlEditor } from "../../trainer_api/web/src/components/yaml-editor.js";
import { setCatalogue } from "../../trainer_api/web/src/lib/i18n.js";

/** @type {YamlEditor | null} */
let editor = null;

afterEach(() => {
  editor?.view.destroy();
  editor = null;
  setCatalogue(null);
});

/** @param {YamlEditor} yamlEditor */
function markers(yamlEditor) {
  /** @type {{line: number, message: string}[]} */
  const found = [];
  forEachDiagnostic(yamlEditor.view.state, (diagnostic, from) => {
    found.push({ line: yamlEditor.view.state.doc.lineAt(from).number, message: diagnostic.message });
  });
  return found;
}

describe("YamlEditor", () => {
  it("shows validation errors as lint markers at their lines, and clears them", () => {
    const parent = document.createElement("div");
    document.body.append(parent);
    editor = new YamlEditor(parent, { attributes: { "data-testid": "yaml-editor" } });
    editor.setValue("id: x\nmood_swing: 3\ntitle: T\n");
    editor.markErrors([{ line: 2, field: "mood_swing", problem: "unknown key" }, { line: null, problem: "no line" }]);
    expect(markers(editor)).toEqual([{ line: 2, message: "mood_swing: unknown key" }]);
    // In a shadow root, where CodeMirror's styles need no inline <style> (Content-Security-Policy).
    expect(parent.shadowRoot?.querySelector('[data-testid="yaml-editor"]')?.getAttribute("contenteditable")).toBe("true");
    editor.markErrors([]);
    expect(markers(editor)).toEqual([]);
  });

  it("reports edits but not a replaced text, and starts a new text without markers", () => {
    const onChange = vi.fn();
    editor = new YamlEditor(document.createElement("div"), { onChange });
    editor.setValue("id: x\n");
    expect(onChange).not.toHaveBeenCalled();
    editor.markErrors([{ line: 1, problem: "bad" }]);
    editor.view.dispatch({ changes: { from: editor.value.length, insert: "title: T\n" } });
    expect(onChange).toHaveBeenCalledWith("id: x\ntitle: T\n");
    expect(markers(editor)).toHaveLength(1);
    editor.setValue("id: y\n");
    expect(editor.value).toBe("id: y\n");
    expect(markers(editor)).toEqual([]);
    expect(editor.view.state.selection.main.head).toBe(0);
  });

  it("goes to the text of a line", () => {
    editor = new YamlEditor(document.createElement("div"));
    editor.setValue("a: 1\nb:\n    c: 2\n");
    editor.goToLine(3);
    expect(editor.view.state.selection.main.head).toBe("a: 1\nb:\n    ".length);
    editor.goToLine(99);
    expect(editor.view.state.doc.lineAt(editor.view.state.selection.main.head).number).toBe(4);
  });
});

describe("editorPhrases", () => {
  it("gives CodeMirror's own words in the page's language", () => {
    setCatalogue({ Find: "Rechercher", "replaced $ matches": "$ occurrences remplacées" }, "fr-CA");
    editor = new YamlEditor(document.createElement("div"));
    expect(editor.view.state.phrase("Find")).toBe("Rechercher");
    expect(editor.view.state.phrase("replaced $ matches", 3)).toBe("3 occurrences remplacées");
    expect(editor.view.state.phrase("next")).toBe("next");
    expect(Object.entries(editorPhrases()).filter(([english, shown]) => english !== shown)).toHaveLength(2);
  });
});

describe("insertIndent", () => {
  /**
   * @param {string} doc
   * @param {number} anchor
   * @param {number} [head]
   */
  function run(doc, anchor, head = anchor) {
    let state = EditorState.create({ doc, selection: { anchor, head } });
    insertIndent({ state, dispatch: (transaction) => (state = transaction.state) });
    return state.doc.toString();
  }

  it("inserts two spaces at the cursor, never a tab", () => {
    expect(run("a: 1", 3)).toBe("a:   1");
  });

  it("indents every selected line", () => {
    expect(run("a\nb\nc", 0, 3)).toBe("  a\n  b\nc");
  });
});
