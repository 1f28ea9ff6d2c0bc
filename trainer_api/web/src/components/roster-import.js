// @ts-check
/**
 * Import people from a CSV file (name, username or email, role, cohort). The
 * server checks the whole file first: problems come back by line and nothing
 * is created until the file is clean.
 */
import { ApiError, postJson } from "../lib/api.js";
import { el, messageOf } from "../lib/dom.js";

/** @typedef {import("./one-time-passwords.js").CreatedAccount} CreatedAccount */

export const EXAMPLE = "name,username,role,cohort\nSam Rivera,sam.rivera@example.com,learner,Spring intake\n";

export class RosterImport {
  /**
   * @param {HTMLElement} section an empty section to fill
   * @param {{onImported: (accounts: CreatedAccount[]) => void, hint?: string}} options
   */
  constructor(section, { onImported, hint = "" }) {
    this.onImported = onImported;
    this.file = el("input", { type: "file", id: "roster-file", accept: ".csv,text/csv", "data-testid": "roster-file" });
    this.text = el("textarea", {
      id: "roster-text",
      rows: 6,
      spellcheck: "false",
      placeholder: EXAMPLE,
      "data-testid": "roster-text",
    });
    this.submit = el("button", { type: "submit", className: "button button--primary", "data-testid": "roster-submit" }, "Import");
    this.status = el("p", { className: "muted", role: "status", "data-testid": "roster-status" });
    this.problems = el("ul", { className: "problems", "data-testid": "roster-problems" });
    const form = el(
      "form",
      { className: "roster-form", novalidate: true },
      el("div", { className: "field" }, el("label", { for: "roster-file" }, "CSV file"), this.file),
      el("div", { className: "field" }, el("label", { for: "roster-text" }, "or paste the rows"), this.text),
      this.submit,
    );
    section.replaceChildren(
      el("h2", { id: "import-heading", className: "panel__title" }, "Import from CSV"),
      el(
        "p",
        {},
        "Columns: ",
        el("code", {}, "name"),
        ", ",
        el("code", {}, "username"),
        " (or ",
        el("code", {}, "email"),
        "), ",
        el("code", {}, "role"),
        " (learner if empty) and ",
        el("code", {}, "cohort"),
        " (a new name creates the cohort; several are separated by ;). ",
        hint,
      ),
      form,
      this.status,
      this.problems,
    );
    this.file.addEventListener("change", () => this.readFile());
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.send();
    });
  }

  async readFile() {
    const chosen = this.file.files && this.file.files[0];
    if (chosen) this.text.value = await chosen.text();
  }

  async send() {
    this.problems.replaceChildren();
    if (!this.text.value.trim()) {
      this.status.textContent = "Choose a CSV file or paste its rows first.";
      return;
    }
    this.submit.disabled = true;
    this.status.textContent = "Checking the file…";
    try {
      const { accounts } = await postJson("/api/people/import", { csv: this.text.value });
      this.status.textContent = `Imported ${accounts.length} ${accounts.length === 1 ? "person" : "people"}.`;
      this.text.value = "";
      this.file.value = "";
      this.onImported(accounts);
    } catch (failure) {
      this.status.textContent = messageOf(failure);
      if (failure instanceof ApiError) {
        this.problems.replaceChildren(
          ...failure.errors.map((problem) =>
            el(
              "li",
              { "data-testid": "roster-problem" },
              el("strong", {}, `Line ${problem.line ?? "?"}`),
              problem.column ? ` (${problem.column})` : "",
              `: ${problem.message ?? ""}`,
            ),
          ),
        );
      }
    } finally {
      this.submit.disabled = false;
    }
  }
}
