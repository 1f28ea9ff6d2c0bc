/** The page header shared by chat and results: user name and log-out button. */
import { logout } from "./api.js";
import { byTestId } from "./dom.js";

export function initHeader(user) {
  byTestId("user-name").textContent = user.display_name || user.username;
  const button = byTestId("logout");
  button.addEventListener("click", () => {
    button.disabled = true;
    logout();
  });
}
