// @ts-check
/** The customer's mood meter: anger and trust bars (0-100) and a band label. */
import { byTestId } from "../lib/dom.js";
import { formatNumber, t } from "../lib/i18n.js";
import { moodBandLabel, slug } from "../lib/labels.js";

/** @typedef {{anger?: unknown, trust?: unknown, band?: string | null, reasons?: unknown}} Mood */

/**
 * A meter's value: a whole number from 0 to 100 (anything else counts as 0).
 * @param {unknown} raw
 */
export function meterValue(raw) {
  return Math.max(0, Math.min(100, Math.round(Number(raw) || 0)));
}

/**
 * The colour a mood reads in, from the anger level: scenarios name their bands
 * as they like ("calmé", "à bout", "en beau fusil"), the colours stay three.
 * @param {unknown} anger
 * @returns {"calm" | "upset" | "furious"}
 */
export function moodTone(anger) {
  const value = meterValue(anger);
  if (value < 34) return "calm";
  return value < 67 ? "upset" : "furious";
}

export class MoodMeter {
  /** @param {HTMLElement} root element holding the mood-* test ids */
  constructor(root) {
    this.root = root;
    this.anger = byTestId("mood-anger", root);
    this.trust = byTestId("mood-trust", root);
    this.band = byTestId("mood-band", root);
  }

  /** @param {Mood | null | undefined} mood */
  update(mood) {
    if (!mood) return;
    setBar(this.anger, mood.anger);
    setBar(this.trust, mood.trust);
    this.band.textContent = moodBandLabel(mood.band);
    this.band.dataset.band = mood.band ?? "";
    this.root.dataset.band = slug(mood.band);
    this.root.dataset.tone = moodTone(mood.anger);
  }
}

/**
 * @param {HTMLElement} meter
 * @param {unknown} raw
 */
function setBar(meter, raw) {
  const value = meterValue(raw);
  meter.dataset.value = String(value);
  meter.setAttribute("aria-valuenow", String(value));
  meter.setAttribute("aria-valuetext", t("{value} out of 100", { value: formatNumber(value) }));
  const fill = meter.querySelector(".meter__fill");
  if (fill instanceof HTMLElement) fill.style.width = `${value}%`;
  const label = meter.parentElement && meter.parentElement.querySelector(".meter__value");
  if (label) label.textContent = formatNumber(value);
}
