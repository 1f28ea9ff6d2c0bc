// @ts-check
import { afterEach, describe, expect, it } from "vitest";

import { categoryName, fairnessReport, ratioText, rateText } from "../../trainer_api/web/src/components/fairness-report.js";
import { setCatalogue } from "../../trainer_api/web/src/lib/i18n.js";

const LABELS = { female: "Female", asian: "Asian", sex: "Sex" };

describe("fairness report", () => {
  it("says why a rate is missing", () => {
    expect(rateText(0.4, false)).toBe("40.0 %");
    expect(rateText(0, false)).toBe("0.0 %");
    expect(rateText(null, false)).toBe("—");
    expect(rateText(0.4, true)).toBe("withheld (small group)");
  });

  it("puts the four-fifths flag and small groups in words", () => {
    expect(ratioText(0.66667, true, false)).toBe("0.67 — below four fifths");
    expect(ratioText(1.2, false, true)).toBe("1.20 (under 2 %: not compared)");
    expect(ratioText(0.9, false, false)).toBe("0.90");
    expect(ratioText(null, false, false)).toBe("—");
  });

  it("names intersections in words", () => {
    expect(categoryName("female x asian", LABELS)).toBe("Female and Asian");
    expect(categoryName("male", LABELS)).toBe("male");
  });

  it("lays out one table per grouping with its unknowns", () => {
    const node = fairnessReport({
      sample: 10,
      scored: 9,
      median_score: 55,
      decided: 6,
      min_group: 5,
      labels: LABELS,
      groups: [
        {
          group: "sex",
          unknown: 3,
          categories: [
            { category: "female", count: 5, share: 0.5, small: false, withheld: false, scoring_rate: 0.6, scoring_impact_ratio: 1, scoring_below_four_fifths: false, selection_rate: 0.2, selection_impact_ratio: 0.5, selection_below_four_fifths: true },
            { category: "male", count: 2, share: 0.2, small: false, withheld: true, scoring_rate: null, scoring_impact_ratio: null, scoring_below_four_fifths: false, selection_rate: null, selection_impact_ratio: null, selection_below_four_fifths: false },
          ],
        },
      ],
    });
    expect(node.querySelector("[data-testid=fairness-summary]")?.textContent).toBe(
      "10 candidates took the assessment; 9 have a score (median 55); 6 have a final decision. Rates of categories with fewer than 5 candidates are withheld so that they cannot point at a person.",
    );
    const tables = node.querySelectorAll("table");
    expect(tables).toHaveLength(1);
    expect(tables[0].caption?.textContent).toContain("unknown or not declared: 3");
    const rows = node.querySelectorAll("[data-testid=fairness-row]");
    expect(rows[0].className).toBe("fairness-row--flagged");
    expect(rows[0].textContent).toContain("0.50 — below four fifths");
    expect(rows[1].textContent).toContain("withheld (small group)");
  });

  it("says when a round asks nothing", () => {
    const node = fairnessReport({ sample: 0, scored: 0, median_score: null, decided: 0, min_group: 5, labels: {}, groups: [] });
    expect(node.textContent).toContain("asks no self-declaration questions");
  });

  describe("in French", () => {
    afterEach(() => setCatalogue(null));

    it("writes numbers the French way and reads the catalogue", () => {
      setCatalogue(
        {
          "{value} %": "{value}\u00a0%",
          "{ratio} — below four fifths": "{ratio} — sous les quatre cinquièmes",
          "{first} and {second}": "{first} et {second}",
          "{count} candidate took the assessment": ["{count} candidat a passé l'évaluation", "{count} candidats ont passé l'évaluation"],
          "{group} — unknown or not declared: {count}": "{group} — inconnu ou non déclaré\u00a0: {count}",
          "By sex": "Par sexe",
        },
        "fr-FR",
      );
      expect(rateText(0.4, false)).toBe("40,0\u00a0%");
      expect(ratioText(0.66667, true, false)).toBe("0,67 — sous les quatre cinquièmes");
      expect(categoryName("female x asian", { female: "Femme", asian: "Asiatique" })).toBe("Femme et Asiatique");
      const node = fairnessReport({
        sample: 1,
        scored: 1,
        median_score: 55.5,
        decided: 0,
        min_group: 5,
        labels: {},
        groups: [{ group: "sex", unknown: 1, categories: [] }],
      });
      expect(node.querySelector("[data-testid=fairness-summary]")?.textContent).toContain("1 candidat a passé l'évaluation; 1 has a score (median 55,5)");
      expect(node.querySelector("caption")?.textContent).toBe("Par sexe — inconnu ou non déclaré\u00a0: 1");
    });
  });
});
