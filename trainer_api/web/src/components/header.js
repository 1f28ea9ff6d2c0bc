// @ts-check
/**
 * The page header every signed-in page shares: the brand, the user's name,
 * the links their role may follow (the current page marked), the language
 * picker, and Log out. Each page has an empty <header class="topbar"> that
 * this fills.
 */
import { logout } from "../lib/api.js";
import { loadedConfig } from "../lib/config.js";
import { el } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { withNodes } from "../lib/message-nodes.js";
import { languagePicker } from "./language-picker.js";

/** @typedef {import("../lib/api.js").User} User */
/** @typedef {"home" | "chat" | "results" | "author" | "admin" | "class" | "debrief" | "calibration" | "rounds"} PageName */

/**
 * The pages' links; label() is the link's text in the page's language.
 * @type {{page: PageName, href: string, label: () => string, testId: string, roles?: string[]}[]}
 */
export const NAV_LINKS = [
  // Translators: a link in the page header
  { page: "home", href: "/home", label: () => t("Home"), testId: "home-link", roles: ["learner"] },
  // Translators: a link in the page header
  { page: "rounds", href: "/rounds", label: () => t("Hiring rounds"), testId: "rounds-link", roles: ["hr"] },
  // Translators: a link in the page header (a trainer's class of learners)
  { page: "class", href: "/class", label: () => t("Class"), testId: "class-link", roles: ["trainer", "hr"] },
  // Translators: a link in the page header (to practise a conversation)
  { page: "chat", href: "/chat", label: () => t("Practise"), testId: "chat-link", roles: ["learner", "trainer", "hr"] },
  // Translators: a link in the page header
  { page: "results", href: "/results", label: () => t("Sessions"), testId: "results-link", roles: ["learner", "trainer", "hr"] },
  // Translators: a link in the page header (to write scenarios)
  { page: "author", href: "/author", label: () => t("Author"), testId: "author-link", roles: ["trainer"] },
  // Translators: a link in the page header (checking the scorer against trainers' marks)
  { page: "calibration", href: "/calibration", label: () => t("Calibration"), testId: "calibration-link", roles: ["trainer"] },
  // Translators: a link in the page header (managing accounts)
  { page: "admin", href: "/admin", label: () => t("People"), testId: "admin-link", roles: ["admin"] },
];

/**
 * The links a user sees, in order.
 * @param {User} user
 */
export function linksFor(user) {
  return NAV_LINKS.filter((link) => !link.roles || link.roles.includes(user.role));
}

/**
 * Fill the header with the brand (straight away, before the user is known).
 * @param {HTMLElement} header the page's <header class="topbar">
 * @param {PageName} current the page being shown
 * @returns {{showUser: (user: User) => void}}
 */
export function mountHeader(header, current) {
  header.replaceChildren(el("a", { className: "topbar__brand", href: "/" }, t("Empathy Trainer")));
  return { showUser: (user) => header.append(renderNav(user, current)) };
}

/**
 * @param {User} user
 * @param {PageName} current
 */
export function renderNav(user, current) {
  const button = el("button", { type: "button", className: "link-button", "data-testid": "logout" }, t("Log out"));
  button.addEventListener("click", () => {
    button.disabled = true;
    logout();
  });
  const name = el("strong", { "data-testid": "user-name" }, user.display_name || user.username);
  // the words around the name are hidden on small screens (.topbar__prefix)
  // Translators: in the page header; {name} is the person's name
  const signedIn = withNodes(t("Signed in as {name}"), { name }).map((part) =>
    typeof part === "string" ? el("span", { className: "topbar__prefix" }, part) : part,
  );
  const config = loadedConfig();
  return el(
    "nav",
    // Translators: the name screen readers give the page header's links
    { className: "topbar__nav", "aria-label": t("Account") },
    el("span", { className: "topbar__user" }, signedIn),
    linksFor(user).map((link) =>
      el(
        "a",
        { href: link.href, "data-testid": link.testId, "aria-current": link.page === current ? "page" : null },
        link.label(),
      ),
    ),
    // every signed-in page loads the configuration before it shows the user
    config ? languagePicker(config, { className: "topbar__language" }) : null,
    button,
  );
}
