// @ts-check
import { describe, expect, it } from "vitest";

import { meterValue, MoodMeter, moodTone } from "../../trainer_api/web/src/components/mood-meter.js";

describe("meterValue", () => {
  it("rounds and keeps values between 0 and 100", () => {
    expect(meterValue(42.4)).toBe(42);
    expect(meterValue(42.5)).toBe(43);
    expect(meterValue(-3)).toBe(0);
    expect(meterValue(250)).toBe(100);
    expect(meterValue("70")).toBe(70);
  });

  it("counts what is not a number as 0", () => {
    expect(meterValue(undefined)).toBe(0);
    expect(meterValue(null)).toBe(0);
    expect(meterValue("high")).toBe(0);
    expect(meterValue(Number.NaN)).toBe(0);
  });
});

describe("MoodMeter", () => {
  it("moves both bars and names the band", () => {
    document.body.innerHTML = `
      <section data-testid="mood">
        <span data-testid="mood-band"></span>
        <div class="meter-row"><div data-testid="mood-anger"><div class="meter__fill"></div></div><span class="meter__value"></span></div>
        <div class="meter-row"><div data-testid="mood-trust"><div class="meter__fill"></div></div><span class="meter__value"></span></div>
      </section>`;
    const root = /** @type {HTMLElement} */ (document.querySelector("section"));
    const meter = new MoodMeter(root);
    meter.update({ anger: 81.6, trust: -5, band: "furious" });
    const anger = /** @type {HTMLElement} */ (root.querySelector('[data-testid="mood-anger"]'));
    expect(anger.dataset.value).toBe("82");
    expect(anger.getAttribute("aria-valuenow")).toBe("82");
    expect(anger.getAttribute("aria-valuetext")).toBe("82 out of 100");
    expect(/** @type {HTMLElement} */ (anger.querySelector(".meter__fill")).style.width).toBe("82%");
    expect(root.querySelectorAll(".meter__value")[1].textContent).toBe("0");
    expect(root.querySelector('[data-testid="mood-band"]')?.textContent).toBe("Furious");
    expect(root.dataset.band).toBe("furious");
    expect(root.dataset.tone).toBe("furious");
    meter.update(null);
    expect(anger.dataset.value).toBe("82");
    meter.update({ anger: 40, trust: 20, band: "à bout" });
    expect(root.dataset.tone).toBe("upset");
    expect(root.querySelector('[data-testid="mood-band"]')?.textContent).toBe("À bout");
  });

  it("colours by the anger level whatever the scenario calls its bands", () => {
    expect([0, 33, 34, 66, 67, 100, "x"].map(moodTone)).toEqual(["calm", "calm", "upset", "upset", "furious", "furious", "calm"]);
  });
});
