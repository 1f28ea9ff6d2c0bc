// @ts-check
/**
 * What the customer still needs: the scenario's needs, ticked as the learner
 * meets them (practice only; a scenario can hide it with `needs_panel: false`).
 */
import { byTestId, el } from "../lib/dom.js";
import { formatNumber, t, tn } from "../lib/i18n.js";

/** @typedef {{id: string, label: string, met: boolean}} Need */

/**
 * Only well-formed needs, in the order given.
 * @param {unknown} raw
 * @returns {Need[]}
 */
export function needsOf(raw) {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (need) => need && typeof need.id === "string" && typeof need.label === "string",
  ).map((need) => ({ id: need.id, label: need.label, met: need.met === true }));
}

export class NeedsPanel {
  /** @param {HTMLElement} root element holding the needs-* test ids */
  constructor(root) {
    this.root = root;
    this.list = byTestId("needs-list", root);
    this.count = byTestId("needs-count", root);
  }

  /** @param {unknown} raw the session's `needs` (null: the scenario hides the panel) */
  update(raw) {
    const needs = needsOf(raw);
    this.root.hidden = needs.length === 0;
    const open = needs.filter((need) => !need.met).length;
    // Translators: after "What the customer still needs:"; {count} needs of {total} are not met yet
    const openText = tn("{count} of {total} still open", "{count} of {total} still open", open, { total: formatNumber(needs.length) });
    // Translators: after "What the customer still needs:", when every need is met
    this.count.textContent = open ? openText : t("all met");
    this.list.replaceChildren(
      ...needs.map((need) =>
        el(
          "li",
          { className: need.met ? "need need--met" : "need", "data-testid": "need", "data-met": String(need.met) },
          el("span", { className: "need__mark", "aria-hidden": "true" }, need.met ? "✓" : "○"),
          el("span", { className: "need__label" }, need.label),
          el("span", { className: "visually-hidden" }, " ", need.met ? t("(met)") : t("(still needed)")),
        ),
      ),
    );
  }
}
