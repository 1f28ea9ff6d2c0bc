// @ts-check
/**
 * The panel that shows newly created accounts' one-time passwords, once, with
 * a CSV download to hand them out.
 */
import { byTestId, el } from "../lib/dom.js";
import { downloadText, toCsv } from "../lib/csv.js";

/** @typedef {{username: string, display_name: string, role: string, cohorts?: string[], temporary_password: string}} CreatedAccount */

export class OneTimePasswords {
  /** @param {HTMLElement} panel the page's [data-testid=one-time] section */
  constructor(panel) {
    this.panel = panel;
    this.body = byTestId("one-time-table", panel, HTMLTableElement).tBodies[0];
    /** @type {CreatedAccount[]} */
    this.accounts = [];
    byTestId("one-time-download", panel).addEventListener("click", () =>
      downloadText("one-time-passwords.csv", OneTimePasswords.csv(this.accounts)),
    );
    byTestId("one-time-dismiss", panel).addEventListener("click", () => this.clear());
  }

  /** @param {CreatedAccount[]} accounts */
  static csv(accounts) {
    return toCsv(
      ["name", "username", "role", "cohort", "one_time_password"],
      accounts.map((a) => [a.display_name, a.username, a.role, (a.cohorts || []).join(";"), a.temporary_password]),
    );
  }

  /** @param {CreatedAccount[]} accounts shown above those already listed */
  show(accounts) {
    this.accounts = [...accounts, ...this.accounts];
    this.body.replaceChildren(
      ...this.accounts.map((a) =>
        el(
          "tr",
          {},
          el("td", {}, a.display_name),
          el("td", {}, a.username),
          el("td", {}, a.role),
          el("td", {}, el("code", { "data-testid": "one-time-password" }, a.temporary_password)),
        ),
      ),
    );
    this.panel.hidden = false;
    this.panel.scrollIntoView({ block: "nearest" });
  }

  clear() {
    this.accounts = [];
    this.body.replaceChildren();
    this.panel.hidden = true;
  }
}
