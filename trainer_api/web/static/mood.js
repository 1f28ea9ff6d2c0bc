/** The customer's mood meter: anger and trust bars (0-100) and a band label. */
import { byTestId } from "./dom.js";
import { moodBandLabel, slug } from "./labels.js";

export class MoodMeter {
  /** @param {HTMLElement} root element holding the mood-* test ids */
  constructor(root) {
    this.root = root;
    this.anger = byTestId("mood-anger", root);
    this.trust = byTestId("mood-trust", root);
    this.band = byTestId("mood-band", root);
  }

  /** @param {{anger: number, trust: number, band: string} | null} mood */
  update(mood) {
    if (!mood) return;
    setBar(this.anger, mood.anger);
    setBar(this.trust, mood.trust);
    this.band.textContent = moodBandLabel(mood.band);
    this.band.dataset.band = mood.band ?? "";
    this.root.dataset.band = slug(mood.band);
  }
}

function setBar(meter, raw) {
  const value = Math.max(0, Math.min(100, Math.round(Number(raw) || 0)));
  meter.dataset.value = String(value);
  meter.setAttribute("aria-valuenow", String(value));
  meter.setAttribute("aria-valuetext", `${value} out of 100`);
  meter.querySelector(".meter__fill").style.width = `${value}%`;
  const label = meter.parentElement.querySelector(".meter__value");
  if (label) label.textContent = String(value);
}
