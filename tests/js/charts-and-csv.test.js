// @ts-check
import { describe, expect, it } from "vitest";

import { dataTable, heatColour, lineChart } from "../../trainer_api/web/src/components/chart-figure.js";
import { OneTimePasswords } from "../../trainer_api/web/src/components/one-time-passwords.js";
import { csvField, toCsv } from "../../trainer_api/web/src/lib/csv.js";

describe("csv", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvField('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(null)).toBe("");
    expect(toCsv(["a", "b"], [[1, "x\ny"]])).toBe('a,b\r\n1,"x\ny"\r\n');
  });

  it("writes one-time passwords with their cohorts", () => {
    const text = OneTimePasswords.csv([
      { username: "sam", display_name: "Sam, Jr", role: "learner", cohorts: ["A", "B"], temporary_password: "pw" },
    ]);
    expect(text).toBe('name,username,role,cohort,one_time_password\r\n"Sam, Jr",sam,learner,A;B,pw\r\n');
  });
});

describe("charts", () => {
  it("puts every figure of a chart in a table", () => {
    const figure = lineChart({
      caption: "Progress",
      testId: "progress",
      labels: ["Week 1", "Week 2"],
      series: [
        { label: "Warmth", data: [10, null] },
        { label: "Score", data: [40, 55] },
      ],
    });
    const rows = [...figure.querySelectorAll('[data-testid="progress-table"] tbody tr')].map((row) =>
      [...row.children].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ["Week 1", "10", "40"],
      ["Week 2", "—", "55"],
    ]);
    expect(figure.querySelector("canvas")?.getAttribute("role")).toBe("img");
    expect(figure.querySelector("figcaption")?.textContent).toBe("Progress");
  });

  it("labels table rows and columns for screen readers", () => {
    const table = dataTable({ columns: ["", "A"], rows: [["Ana", 3]] }, "t");
    expect(table.querySelector("thead th")?.getAttribute("scope")).toBe("col");
    expect(table.querySelector("tbody th")?.getAttribute("scope")).toBe("row");
  });

  it("colours a heat map from red to green, grey for no data", () => {
    expect(heatColour(0)).toBe("hsl(0 65% 72%)");
    expect(heatColour(100)).toBe("hsl(120 65% 72%)");
    expect(heatColour(250)).toBe("hsl(120 65% 72%)");
    expect(heatColour(null)).toBe("#e5e7eb");
  });
});
