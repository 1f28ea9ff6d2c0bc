/** The page header shared by every page: user name, log-out button, and the Author link for trainers. */
import { logout } from "./api.js";
import { byTestId, el } from "./dom.js";

export function initHeader(user) {
  byTestId("user-name").textContent = user.display_name || user.username;
  const button = byTestId("logout");
  if (user.role === "trainer" && !byTestId("author-link")) {
    button.before(el("a", { href: "/author", "data-testid": "author-link" }, "Author"));
  }
  button.addEventListener("click", () => {
    button.disabled = true;
    logout();
  });
}
