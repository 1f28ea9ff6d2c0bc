// @ts-check
/**
 * The page header every signed-in page shares: the brand, the user's name,
 * the links their role may follow (the current page marked), and Log out.
 * Each page has an empty <header class="topbar"> that this fills.
 */
import { logout } from "../lib/api.js";
import { el } from "../lib/dom.js";

/** @typedef {import("../lib/api.js").User} User */
/** @typedef {"home" | "chat" | "results" | "author" | "admin" | "class" | "debrief" | "calibration" | "rounds"} PageName */

/** @type {{page: PageName, href: string, label: string, testId: string, roles?: string[]}[]} */
export const NAV_LINKS = [
  { page: "home", href: "/home", label: "Home", testId: "home-link", roles: ["learner"] },
  { page: "rounds", href: "/rounds", label: "Hiring rounds", testId: "rounds-link", roles: ["hr"] },
  { page: "class", href: "/class", label: "Class", testId: "class-link", roles: ["trainer", "hr"] },
  { page: "chat", href: "/chat", label: "Practise", testId: "chat-link", roles: ["learner", "trainer", "hr"] },
  { page: "results", href: "/results", label: "Sessions", testId: "results-link", roles: ["learner", "trainer", "hr"] },
  { page: "author", href: "/author", label: "Author", testId: "author-link", roles: ["trainer"] },
  { page: "calibration", href: "/calibration", label: "Calibration", testId: "calibration-link", roles: ["trainer"] },
  { page: "admin", href: "/admin", label: "People", testId: "admin-link", roles: ["admin"] },
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
  header.replaceChildren(el("a", { className: "topbar__brand", href: "/" }, "Empathy Trainer"));
  return { showUser: (user) => header.append(renderNav(user, current)) };
}

/**
 * @param {User} user
 * @param {PageName} current
 */
export function renderNav(user, current) {
  const button = el("button", { type: "button", className: "link-button", "data-testid": "logout" }, "Log out");
  button.addEventListener("click", () => {
    button.disabled = true;
    logout();
  });
  return el(
    "nav",
    { className: "topbar__nav", "aria-label": "Account" },
    el(
      "span",
      { className: "topbar__user" },
      el("span", { className: "topbar__prefix" }, "Signed in as "),
      el("strong", { "data-testid": "user-name" }, user.display_name || user.username),
    ),
    linksFor(user).map((link) =>
      el(
        "a",
        { href: link.href, "data-testid": link.testId, "aria-current": link.page === current ? "page" : null },
        link.label,
      ),
    ),
    button,
  );
}
