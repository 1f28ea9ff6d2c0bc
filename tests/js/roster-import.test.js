// @ts-check
import { afterEach, describe, expect, it, vi } from "vitest";

import { OneTimePasswords } from "../../trainer_api/web/src/components/one-time-passwords.js";
import { EXAMPLE, RosterImport } from "../../trainer_api/web/src/components/roster-import.js";
import { setCatalogue } from "../../trainer_api/web/src/lib/i18n.js";
import { response } from "./helpers.js";

afterEach(() => {
  setCatalogue(null);
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

function mount() {
  const section = document.createElement("section");
  document.body.append(section);
  const onImported = vi.fn();
  const roster = new RosterImport(section, { onImported, hint: "You coach the cohorts you name." });
  return { section, roster, onImported };
}

describe("RosterImport", () => {
  it("shows the column names as the file must have them, in English whatever the language", () => {
    setCatalogue(
      {
        "Columns: {name}, {username} (or {email}), {role} ({learner} if empty) and {cohort} (a new name creates the cohort; several are separated by ;).":
          "Colonnes : {name}, {username} (ou {email}), {role} ({learner} si vide) et {cohort} (un nouveau nom crée la cohorte ; séparez-en plusieurs par ;).",
        "Write the column names and roles in English, whatever the language of the page.":
          "Écrivez les noms de colonnes et les rôles en anglais, quelle que soit la langue de la page.",
      },
      "fr-CA",
    );
    const { section } = mount();
    const columns = [...section.querySelectorAll("p code")].map((code) => code.textContent);
    expect(columns).toEqual(["name", "username", "email", "role", "learner", "cohort"]);
    expect(section.querySelector("p")?.textContent).toBe(
      "Colonnes : name, username (ou email), role (learner si vide) et cohort (un nouveau nom crée la cohorte ; séparez-en plusieurs par ;). " +
        "Écrivez les noms de colonnes et les rôles en anglais, quelle que soit la langue de la page. You coach the cohorts you name.",
    );
    expect(section.querySelector("textarea")?.getAttribute("placeholder")).toBe(EXAMPLE);
    expect(EXAMPLE.split("\n")[0]).toBe("name,username,role,cohort");
  });

  it("counts the people imported", async () => {
    const { roster, onImported } = mount();
    roster.text.value = "name,username\nSam,sam\n";
    const accounts = [{ username: "sam", display_name: "Sam", role: "learner", temporary_password: "pw" }];
    vi.stubGlobal("fetch", vi.fn(async () => response(201, { accounts })));
    await roster.send();
    expect(roster.status.textContent).toBe("Imported 1 person.");
    expect(onImported).toHaveBeenCalledWith(accounts);
  });

  it("lists the file's problems by line", async () => {
    const { roster } = mount();
    roster.text.value = "name,username,role\nBad,bad user,boss\n";
    const errors = [
      { line: 2, column: "username", message: "not a valid username" },
      { line: 3, message: "missing a name" },
    ];
    vi.stubGlobal("fetch", vi.fn(async () => response(422, { error: { code: "invalid_roster", message: "The file has problems.", errors } })));
    await roster.send();
    const problems = [...roster.problems.querySelectorAll('[data-testid="roster-problem"]')];
    expect(problems.map((problem) => problem.textContent)).toEqual([
      "Line 2 (username): not a valid username",
      "Line 3: missing a name",
    ]);
    expect(problems[0].querySelector("strong")?.textContent).toBe("Line 2");
  });
});

describe("OneTimePasswords", () => {
  it("writes the CSV's column names in the page's language, for people to read", () => {
    setCatalogue({ name: "nom", username: "nom d'utilisateur", role: "rôle", cohort: "cohorte", one_time_password: "mot de passe à usage unique" }, "fr-CA");
    const text = OneTimePasswords.csv([{ username: "sam", display_name: "Sam", role: "learner", temporary_password: "pw" }]);
    expect(text).toBe("nom,nom d'utilisateur,rôle,cohorte,mot de passe à usage unique\r\nSam,sam,learner,,pw\r\n");
  });
});
