// @ts-check
import { Text } from "@codemirror/state";
import { describe, expect, it } from "vitest";

import { errorText, failedCheck, lintMarkers, normaliseCheck, problemText, withIdCheck } from "../../trainer_api/web/src/lib/validation.js";

const YAML = ["id: late_parcel", "title: Late", "persona:", "  name: Sam", "", "lines: {}"].join("\n");
const doc = Text.of(YAML.split("\n"));

describe("error text", () => {
  it("reads like the command line's", () => {
    const error = { line: 42, field: "lines.apology.upset[1]", problem: "placeholder {gate} names no fact" };
    expect(errorText(error)).toBe("line 42: lines.apology.upset[1]: placeholder {gate} names no fact");
    expect(problemText(error)).toBe("lines.apology.upset[1]: placeholder {gate} names no fact");
    expect(errorText({ line: null, message: "too big" })).toBe("too big");
    expect(errorText({})).toBe("is invalid");
  });
});

describe("lintMarkers", () => {
  it("marks each error's line from its indentation to its end", () => {
    const markers = lintMarkers([{ line: 4, field: "persona.name", problem: "too short" }], doc);
    expect(markers).toEqual([
      { from: doc.line(4).from + 2, to: doc.line(4).to, severity: "error", message: "persona.name: too short" },
    ]);
    expect(doc.sliceString(markers[0].from, markers[0].to)).toBe("name: Sam");
  });

  it("orders markers by position and keeps several on one line", () => {
    const markers = lintMarkers(
      [
        { line: 6, field: "lines", problem: "needs a reaction" },
        { line: 1, field: "id", problem: "taken" },
        { line: 6, field: "lines", problem: "needs a band" },
      ],
      doc,
    );
    expect(markers.map((marker) => doc.lineAt(marker.from).number)).toEqual([1, 6, 6]);
  });

  it("puts a line past the end on the last line, and an empty line as a point", () => {
    expect(lintMarkers([{ line: 99, problem: "unexpected end" }], doc)[0]).toMatchObject({ from: doc.line(6).from, to: doc.length });
    const empty = lintMarkers([{ line: 5, problem: "blank" }], doc)[0];
    expect(empty.from).toBe(empty.to);
  });

  it("leaves out errors without a line", () => {
    expect(lintMarkers([{ line: null, problem: "x" }, { problem: "y" }, { line: 0, problem: "z" }], doc)).toEqual([]);
  });
});

describe("checks", () => {
  const summary = { id: "late_parcel", title: "Late", needs: 4, lines: 120, scripts: 2 };

  it("is valid only with no errors and a summary", () => {
    expect(normaliseCheck({ valid: true, errors: [], summary }).valid).toBe(true);
    expect(normaliseCheck({ valid: true, errors: [{ line: 1 }], summary }).valid).toBe(false);
    expect(normaliseCheck({ valid: true, errors: [] }).valid).toBe(false);
    expect(normaliseCheck(null)).toEqual({ valid: false, errors: [], summary: null });
  });

  it("refuses a valid text whose id is another scenario's, at the id's line", () => {
    const text = "# comment\ntitle: x\nid: late_parcel\n";
    const check = withIdCheck(text, normaliseCheck({ valid: true, errors: [], summary }), "wrong_order");
    expect(check.valid).toBe(false);
    expect(check.errors).toEqual([
      { line: 3, field: "id", problem: "is 'late_parcel' but this scenario is 'wrong_order'; the id must match the scenario you are editing" },
    ]);
    const same = normaliseCheck({ valid: true, errors: [], summary });
    expect(withIdCheck(text, same, "late_parcel")).toBe(same);
  });

  it("explains a check that could not be made", () => {
    expect(failedCheck("offline").errors[0].problem).toBe("Could not check the scenario: offline");
  });
});
