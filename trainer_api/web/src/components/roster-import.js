// @ts-check
/**
 * Import people from a CSV file (name, username or email, role, cohort). The
 * server checks the whole file first: problems come back by line and nothing
 * is created until the file is clean.
 *
 * The file is read by the server: its column names and roles are the same in
 * every language (English), and the page says so.
 */
import { ApiError, postJson } from "../lib/api.js";
import { el, messageOf } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { withNodes } from "../lib/message-nodes.js";

/** @typedef {import("./one-time-passwords.js").CreatedAccount} CreatedAccount */

/** An example file (machine-read: the same in every language). */
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
    this.submit = el("button", { type: "submit", className: "button button--primary", "data-testid": "roster-submit" }, t("Import"));
    this.status = el("p", { className: "muted", role: "status", "data-testid": "roster-status" });
    this.problems = el("ul", { className: "problems", "data-testid": "roster-problems" });
    const form = el(
      "form",
      { className: "roster-form", novalidate: true },
      el("div", { className: "field" }, el("label", { for: "roster-file" }, t("CSV file")), this.file),
      el("div", { className: "field" }, el("label", { for: "roster-text" }, t("or paste the rows")), this.text),
      this.submit,
    );
    /** @param {string} name a column name or role, as the file has it */
    const code = (name) => el("code", {}, name);
    // Translators: {name}, {username}, {email}, {role} and {cohort} are the file's column names, and
    // {learner} a role: they stay in English (the server reads them), so keep each placeholder.
    const columns = t(
      "Columns: {name}, {username} (or {email}), {role} ({learner} if empty) and {cohort} (a new name creates the cohort; several are separated by ;).",
    );
    section.replaceChildren(
      el("h2", { id: "import-heading", className: "panel__title" }, t("Import from CSV")),
      el(
        "p",
        {},
        withNodes(columns, {
          name: code("name"),
          username: code("username"),
          email: code("email"),
          role: code("role"),
          learner: code("learner"),
          cohort: code("cohort"),
        }),
        " ",
        t("Write the column names and roles in English, whatever the language of the page."),
        hint ? [" ", hint] : "",
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
      this.status.textContent = t("Choose a CSV file or paste its rows first.");
      return;
    }
    this.submit.disabled = true;
    this.status.textContent = t("Checking the file…");
    try {
      const { accounts } = await postJson("/api/people/import", { csv: this.text.value });
      this.status.textContent = tn("Imported {count} person.", "Imported {count} people.", accounts.length);
      this.text.value = "";
      this.file.value = "";
      this.onImported(accounts);
    } catch (failure) {
      this.status.textContent = messageOf(failure);
      if (failure instanceof ApiError) {
        this.problems.replaceChildren(
          ...failure.errors.map((problem) => {
            const line = el("strong", {}, t("Line {line}", { line: problem.line ?? "?" }));
            const values = { column: problem.column ?? "", problem: problem.message ?? "" };
            // Translators: a problem in the imported file: {line} is "Line 3", {column} a column name.
            const text = problem.column ? t("{line} ({column}): {problem}", values) : t("{line}: {problem}", values);
            return el("li", { "data-testid": "roster-problem" }, withNodes(text, { line }));
          }),
        );
      }
    } finally {
      this.submit.disabled = false;
    }
  }
}
