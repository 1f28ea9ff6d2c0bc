// @ts-check
/**
 * The panel that shows newly created accounts' one-time passwords, once, with
 * a CSV download to hand them out.
 */
import { byTestId, el } from "../lib/dom.js";
import { downloadText, toCsv } from "../lib/csv.js";
import { t } from "../lib/i18n.js";
import { roleLabel } from "../lib/labels.js";

/** @typedef {{username: string, display_name: string, role: string, cohorts?: string[], temporary_password: string}} CreatedAccount */

export class OneTimePasswords {
  /** @param {HTMLElement} panel the page's [data-testid=one-time] section */
  constructor(panel) {
    this.panel = panel;
    this.body = byTestId("one-time-table", panel, HTMLTableElement).tBodies[0];
    /** @type {CreatedAccount[]} */
    this.accounts = [];
    byTestId("one-time-download", panel).addEventListener("click", () =>
      // Translators: the name of the downloaded file: keep ".csv", no spaces.
      downloadText(t("one-time-passwords.csv"), OneTimePasswords.csv(this.accounts), { bom: true }),
    );
    byTestId("one-time-dismiss", panel).addEventListener("click", () => this.clear());
  }

  /**
   * The file people hand the passwords out from (read in a spreadsheet, so its
   * column names are translated).
   * @param {CreatedAccount[]} accounts
   */
  static csv(accounts) {
    const header = [
      // Translators: column name in the one-time passwords CSV file, read by people in a spreadsheet.
      t("name"),
      // Translators: column name in the one-time passwords CSV file, read by people in a spreadsheet.
      t("username"),
      // Translators: column name in the one-time passwords CSV file, read by people in a spreadsheet.
      t("role"),
      // Translators: column name in the one-time passwords CSV file, read by people in a spreadsheet.
      t("cohort"),
      // Translators: column name in the one-time passwords CSV file, read by people in a spreadsheet; words, not a code.
      t("one_time_password"),
    ];
    return toCsv(
      header,
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
          el("td", {}, roleLabel(a.role)),
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
