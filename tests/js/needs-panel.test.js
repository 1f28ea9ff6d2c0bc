// @ts-check
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { NeedsPanel, needsOf } from "../../trainer_api/web/src/components/needs-panel.js";
import { setCatalogue } from "../../trainer_api/web/src/lib/i18n.js";

describe("needsOf", () => {
  it("keeps well-formed needs in order and reads met strictly", () => {
    expect(
      needsOf([
        { id: "a", label: "Be heard", met: true },
        { id: "b", label: "A seat tonight", met: "yes" },
        { id: 3, label: "broken" },
        null,
      ]),
    ).toEqual([
      { id: "a", label: "Be heard", met: true },
      { id: "b", label: "A seat tonight", met: false },
    ]);
    expect(needsOf(null)).toEqual([]);
    expect(needsOf({ id: "a" })).toEqual([]);
  });
});

describe("NeedsPanel", () => {
  /** @type {HTMLElement} */
  let root;
  beforeEach(() => {
    document.body.innerHTML = `
      <section data-testid="needs" hidden>
        <span data-testid="needs-count"></span>
        <ul data-testid="needs-list"></ul>
      </section>`;
    root = /** @type {HTMLElement} */ (document.querySelector('[data-testid="needs"]'));
  });

  it("lists the needs, ticks the met ones and counts the open ones", () => {
    new NeedsPanel(root).update([
      { id: "a", label: "Be heard", met: true },
      { id: "b", label: "A seat tonight", met: false },
    ]);
    expect(root.hidden).toBe(false);
    const items = [...root.querySelectorAll('[data-testid="need"]')];
    expect(items.map((item) => item.getAttribute("data-met"))).toEqual(["true", "false"]);
    expect(items[0].textContent).toContain("Be heard");
    expect(items[0].textContent).toContain("(met)");
    expect(root.querySelector('[data-testid="needs-count"]')?.textContent).toBe("1 of 2 still open");
  });

  it("says when every need is met, and hides itself when the scenario hides it", () => {
    const panel = new NeedsPanel(root);
    panel.update([{ id: "a", label: "Be heard", met: true }]);
    expect(root.querySelector('[data-testid="needs-count"]')?.textContent).toBe("all met");
    panel.update(null);
    expect(root.hidden).toBe(true);
    expect(root.querySelectorAll('[data-testid="need"]')).toHaveLength(0);
  });
});

describe("NeedsPanel in French", () => {
  afterEach(() => setCatalogue(null));

  it("counts the open needs with the right plural", () => {
    document.body.innerHTML = `
      <section data-testid="needs"><span data-testid="needs-count"></span><ul data-testid="needs-list"></ul></section>`;
    const root = /** @type {HTMLElement} */ (document.querySelector('[data-testid="needs"]'));
    setCatalogue(
      { "{count} of {total} still open": ["{count} sur {total} encore ouvert", "{count} sur {total} encore ouverts"], "(met)": "(satisfait)" },
      "fr-CA",
    );
    const panel = new NeedsPanel(root);
    const count = () => root.querySelector('[data-testid="needs-count"]')?.textContent;
    panel.update([{ id: "a", label: "Être écoutée", met: true }, { id: "b", label: "Un siège", met: false }]);
    expect(count()).toBe("1 sur 2 encore ouvert");
    expect(root.querySelector('[data-met="true"]')?.textContent).toContain("(satisfait)");
    panel.update([{ id: "a", label: "Être écoutée", met: false }, { id: "b", label: "Un siège", met: false }]);
    expect(count()).toBe("2 sur 2 encore ouverts");
  });
});
